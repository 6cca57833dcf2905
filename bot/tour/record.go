package tour

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/bot/practice"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// How the tour ended for a person, kept as the setting "tour.<NIP>" with
// the value "<status>:<unix milliseconds>".
const (
	statusDone    = "done"
	statusSkipped = "skipped"
)

// settingKey is the setting that records a person's tour.
func settingKey(nip string) string { return "tour." + nip }

// settingStore is what the record needs; a kinerja.Tx satisfies it.
type settingStore interface {
	Setting(ctx context.Context, key string) (string, bool, error)
	PutSetting(ctx context.Context, key, value string) error
}

// outcome is a person's recorded tour: "" when none.
type outcome struct {
	status string
	at     time.Time
}

// readOutcome returns what is recorded for nip.
func readOutcome(ctx context.Context, s settingStore, nip string) (outcome, error) {
	v, ok, err := s.Setting(ctx, settingKey(nip))
	if err != nil || !ok {
		return outcome{}, err
	}
	status, ms, _ := strings.Cut(v, ":")
	n, err := strconv.ParseInt(ms, 10, 64)
	if err != nil || (status != statusDone && status != statusSkipped) {
		return outcome{}, nil // not written by this package: as if none
	}
	return outcome{status: status, at: time.UnixMilli(n)}, nil
}

// record stores how the sender's tour ended. A completion is kept when a
// later repeat is skipped, and the first completion's time is kept.
func record(r *bot.Request, status string) error {
	prev, err := readOutcome(r.Ctx, r.Tx, r.Staff.NIP)
	if err != nil || prev.status == statusDone {
		return err
	}
	return r.Tx.PutSetting(r.Ctx, settingKey(r.Staff.NIP), status+":"+strconv.FormatInt(r.Now.UnixMilli(), 10))
}

// onboardingStore is what the export reads; a kinerja.Store satisfies it.
type onboardingStore interface {
	settingStore
	ListUnits(ctx context.Context) ([]*kinerja.Unit, error)
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
}

// Exports offers the onboarding table: per unit, how many people are on
// the roster, linked, and have completed or skipped the tour.
func (f *Feature) Exports() []export.Kind {
	return []export.Kind{{
		Name:  "onboarding",
		About: "per unit: staff, linked accounts, guided tours (/panduan) completed or skipped, and people who completed a practice report or decision (/latihan), by the end of the period",
		Label: "tour.export_label",
		Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			return f.Onboarding(ctx, f.deps.Store, p)
		},
	}}
}

// Onboarding builds the table per unit and the list per person, counting
// tours that ended before the end of period p (linking is as of now: the
// roster keeps no history of it).
func (f *Feature) Onboarding(ctx context.Context, s onboardingStore, p kinerja.Period) ([]sheet.Sheet, error) {
	end := p.End(f.deps.Location)
	units, err := s.ListUnits(ctx)
	if err != nil {
		return nil, err
	}
	staff, err := s.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		return nil, err
	}
	type tally struct{ staff, linked, done, skipped, notTaken, practised int }
	byUnit := map[string]*tally{}
	names := map[string]string{}
	for _, u := range units {
		byUnit[u.Code], names[u.Code] = &tally{}, u.Name
	}
	people := sheet.Sheet{Name: "Panduan per orang",
		Header: []string{"nip", "name", "unit_code", "linked", "tour", "tour_at", "latihan"}}
	for _, st := range staff {
		t := byUnit[st.UnitCode]
		if t == nil {
			t = &tally{}
			byUnit[st.UnitCode] = t
		}
		o, err := readOutcome(ctx, s, st.NIP)
		if err != nil {
			return nil, err
		}
		if !o.at.Before(end) {
			o = outcome{} // ended after the period
		}
		t.staff++
		if st.Linked() {
			t.linked++
		}
		switch {
		case o.status == statusDone:
			t.done++
		case o.status == statusSkipped:
			t.skipped++
		case st.Linked():
			t.notTaken++
		}
		at := ""
		if o.status != "" {
			at = o.at.In(f.deps.Location).Format(time.RFC3339)
		}
		// Practice: when the person first completed a practice report or
		// decision (/latihan), if before the end of the period.
		practised := ""
		if pAt, ok, err := practice.DoneAt(ctx, s, st.NIP); err != nil {
			return nil, err
		} else if ok && pAt.Before(end) {
			t.practised++
			practised = pAt.In(f.deps.Location).Format(time.RFC3339)
		}
		people.Rows = append(people.Rows, []string{st.NIP, st.Name, st.UnitCode, strconv.FormatBool(st.Linked()), o.status, at, practised})
	}
	codes := make([]string, 0, len(byUnit))
	for c := range byUnit {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	perUnit := sheet.Sheet{Name: "Panduan " + p.String(),
		Header: []string{"unit_code", "unit_name", "period", "staff", "linked", "tour_completed", "tour_skipped", "linked_without_tour", "latihan"}}
	for _, c := range codes {
		t := byUnit[c]
		perUnit.Rows = append(perUnit.Rows, []string{c, names[c], p.String(), strconv.Itoa(t.staff), strconv.Itoa(t.linked),
			strconv.Itoa(t.done), strconv.Itoa(t.skipped), strconv.Itoa(t.notTaken), strconv.Itoa(t.practised)})
	}
	return []sheet.Sheet{perUnit, people}, nil
}
