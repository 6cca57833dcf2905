package report

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Transfers mid-period: a report belongs to the unit and the assessor of
// its work date. Work done before a move goes for approval to the assessor
// of that day, provided they are still on the roster and nobody acts in
// their post today (then, and when the roster has no one for that day, the
// current assessor decides: a report must never wait for someone who
// cannot answer). The period's evaluation stays with the assessor at the
// period's end, who sees these approvals marked as decided by a previous
// assessor (bot/evaluation).

// unitReader reads the unit history.
type unitReader interface {
	UnitAt(ctx context.Context, nip string, t time.Time) (string, error)
}

// dayStart is local midnight of a work date "YYYY-MM-DD" in loc: a move
// takes effect at the start of its day, so this is the instant whose unit
// and assessor the day's work belongs to.
func dayStart(day string, loc *time.Location) (time.Time, bool) {
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return time.Time{}, false
	}
	return kinerja.Date(d.Year(), d.Month(), d.Day(), loc), true
}

// unitOn returns nip's unit on work date day, remembering answers in cache
// (keyed by NIP and day) so an export asks once per person and day.
func unitOn(ctx context.Context, s unitReader, cache map[[2]string]string, nip, day string, loc *time.Location) (string, error) {
	key := [2]string{nip, day}
	if u, ok := cache[key]; ok {
		return u, nil
	}
	at, ok := dayStart(day, loc)
	if !ok {
		return "", nil
	}
	u, err := s.UnitAt(ctx, nip, at)
	if err != nil {
		return "", err
	}
	cache[key] = u
	return u, nil
}

// assessorFor returns who decides on the sender's report of work date day
// (local midnight): the assessor of that day when they still can (see
// above), else the current one, current.
func assessorFor(r *bot.Request, current string, day time.Time) (string, error) {
	then, err := r.Tx.SuperiorAt(r.Ctx, r.Staff.NIP, day)
	if err != nil || then == "" || then == current {
		return current, err
	}
	if _, err := r.Tx.Staff(r.Ctx, then); kinerja.ErrorCode(err) == kinerja.ENotFound {
		return current, nil
	} else if err != nil {
		return "", err
	}
	if a, err := kinerja.ActingFor(r.Ctx, r.Tx, then, r.Now, r.Loc()); err != nil || a != nil {
		return current, err
	}
	return then, nil
}
