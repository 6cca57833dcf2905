package survey

import (
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The flags in /ikm: under a unit's IKM, the flags of the months shown
// that no admin has reviewed yet, with a button each for an admin.

// flagsShown is how many open flags /ikm lists; the exports list all.
const flagsShown = 5

// flagLines checks the current month's flags, then writes the open flags
// of a unit from month first to month last, and returns the admin's
// review buttons.
func (f *Feature) flagLines(r *bot.Request, sb *strings.Builder, u *kinerja.Unit, first, last kinerja.Period) ([][]bot.Button, error) {
	if err := f.CheckFlags(r.Ctx, r.Tx, last); err != nil {
		return nil, err
	}
	loc := r.Loc()
	list, err := r.Tx.SurveyFlags(r.Ctx, u.Code, first.Start(loc), last.End(loc))
	if err != nil {
		return nil, err
	}
	var open []*kinerja.SurveyFlag
	for _, fl := range list {
		if !fl.Reviewed() {
			open = append(open, fl)
		}
	}
	if len(open) == 0 {
		return nil, nil
	}
	sb.WriteString("\n\n" + r.T("svy.flags_head", len(open)))
	var rows [][]bot.Button
	for i, fl := range open {
		if i == flagsShown {
			sb.WriteString("\n…")
			break
		}
		sb.WriteString("\n" + r.T("svy.flag_line", i+1, bot.DateLabel(r.Lang, fl.Day.In(loc)), r.T("svy.flag_kind."+fl.Kind), fl.Detail))
		if r.IsAdmin() {
			rows = append(rows, []bot.Button{ikmButtons.Button(r.T("svy.flag_review_btn", i+1), "rv", fl.ID)})
		}
	}
	return rows, nil
}

// pressReviewFlag handles "ikm:rv:<id>": an admin marks a flag reviewed,
// and the unit's report is shown again.
func (f *Feature) pressReviewFlag(r *bot.Request) error {
	id, ok := r.ArgInt(0)
	if !ok {
		return r.Stale()
	}
	// The flag's unit: among the flags of the last year.
	now := r.Now.In(r.Loc())
	list, err := r.Tx.SurveyFlags(r.Ctx, "", now.AddDate(-1, 0, 0), now.Add(24*time.Hour))
	if err != nil {
		return err
	}
	var unit string
	for _, fl := range list {
		if fl.ID == id {
			unit = fl.UnitCode
		}
	}
	if unit == "" {
		return r.Stale()
	}
	if err := f.ReviewFlag(r.Ctx, r.Tx, id, r.Staff.NIP, r.Now); err != nil {
		return err
	}
	u, err := r.Tx.Unit(r.Ctx, unit)
	if err != nil {
		return err
	}
	r.Answer(r.T("svy.flag_reviewed"))
	text, buttons, err := f.unitReport(r, u, true)
	if err != nil {
		return err
	}
	r.ReplyEdit(text, buttons...)
	return nil
}
