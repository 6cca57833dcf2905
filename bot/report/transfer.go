package report

import (
	"context"
	"strings"
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

// ApprovalGroup counts the approved reports one person decided under one
// earlier assessor (DecidedBy differs from Assessor when someone acted for
// them or an admin decided in their place).
type ApprovalGroup struct {
	DecidedBy, Assessor string
	Count               int
}

// EarlierApprovals groups the approved reports of nip in period p whose
// assessor is not current: work approved under an assessor the person had
// before a move. They count like any other; the groups only say who
// decided them.
func EarlierApprovals(ctx context.Context, s interface {
	ListReports(ctx context.Context, f kinerja.ReportFilter) ([]*kinerja.Report, error)
}, nip string, p kinerja.Period, current string) ([]ApprovalGroup, error) {
	reps, err := s.ListReports(ctx, kinerja.ReportFilter{NIP: nip, Period: p, Statuses: []kinerja.ReportStatus{kinerja.ReportApproved}})
	if err != nil {
		return nil, err
	}
	var out []ApprovalGroup
	at := map[[2]string]int{}
	for _, rep := range reps {
		if rep.AssessorNIP == "" || rep.AssessorNIP == current {
			continue
		}
		key := [2]string{rep.DecidedBy, rep.AssessorNIP}
		if i, ok := at[key]; ok {
			out[i].Count++
			continue
		}
		at[key] = len(out)
		out = append(out, ApprovalGroup{DecidedBy: rep.DecidedBy, Assessor: rep.AssessorNIP, Count: 1})
	}
	return out, nil
}

// EarlierApprovalsText writes groups for a reader in lang, naming people
// with name; "" when there are none.
func EarlierApprovalsText(lang kinerja.Lang, groups []ApprovalGroup, name func(nip string) string) string {
	if len(groups) == 0 {
		return ""
	}
	lines := []string{bot.T(lang, "rpt.prev_head")}
	for _, g := range groups {
		if g.DecidedBy == g.Assessor || g.DecidedBy == "" {
			lines = append(lines, bot.T(lang, "rpt.prev_line", g.Count, name(g.Assessor)))
		} else {
			lines = append(lines, bot.T(lang, "rpt.prev_line_for", g.Count, name(g.DecidedBy), name(g.Assessor)))
		}
	}
	return strings.Join(lines, "\n")
}

// earlierApprovalsNow is the text of nip's approvals in month under an
// assessor other than today's.
func earlierApprovalsNow(r *bot.Request, nip string, month kinerja.Period) (string, error) {
	cur, err := r.Tx.SuperiorAt(r.Ctx, nip, r.Now)
	if err != nil {
		return "", err
	}
	groups, err := EarlierApprovals(r.Ctx, r.Tx, nip, month, cur)
	if err != nil {
		return "", err
	}
	return EarlierApprovalsText(r.Lang, groups, func(n string) string { return nameOf(r, n) }), nil
}

// mayViewCapaian returns the person with that NIP when the sender may see
// their achievement: themselves, their assessor today or the one acting
// for that assessor, or an admin. Anyone else is told no and gets nil.
func mayViewCapaian(r *bot.Request, nip string) (*kinerja.Staff, error) {
	st, err := r.Tx.Staff(r.Ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, r.ReplyError(err)
	} else if err != nil {
		return nil, err
	}
	if nip == r.Staff.NIP || r.IsAdmin() {
		return st, nil
	}
	sup, err := r.Tx.SuperiorAt(r.Ctx, nip, r.Now)
	if err != nil {
		return nil, err
	}
	if ok, err := mayDecideFor(r, sup); err != nil {
		return nil, err
	} else if ok && sup != "" {
		return st, nil
	}
	r.Reply(r.T("rpt.capaian_not_yours", st.Name))
	return nil, nil
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"rpt.prev_head": {"🔁 Laporan periode ini yang diputuskan di bawah atasan sebelumnya (sudah termasuk di atas):",
			"🔁 Reports of this period decided under a previous assessor (already counted above):"},
		"rpt.prev_line": {"• %d laporan disetujui oleh %s (atasan sebelumnya)", "• %d reports approved by %s (previous assessor)"},
		"rpt.prev_line_for": {"• %d laporan disetujui oleh %s atas nama %s (atasan sebelumnya)",
			"• %d reports approved by %s on behalf of %s (previous assessor)"},
		"rpt.no_targets_other": {"%s belum memiliki indikator kinerja dengan target pada %s.",
			"%s has no performance indicators with targets for %s yet."},
		"rpt.capaian_not_yours": {"Anda hanya dapat melihat capaian bawahan langsung Anda; %s bukan bawahan Anda saat ini.",
			"You can only see the achievement of your direct subordinates; %s is not your subordinate now."},
	})
}
