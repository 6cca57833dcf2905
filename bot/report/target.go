package report

import (
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The indicators a person may report on: their own, applying to a month
// still open for reports. Checked again at every step, since time passes
// and callback data is never trusted.

// openTargets returns the sender's targets that apply to a month still open
// for reports, each once.
func (f *Feature) openTargets(r *bot.Request) ([]*kinerja.Target, error) {
	var out []*kinerja.Target
	seen := map[int64]bool{}
	for _, m := range f.openMonths(r.Now) {
		ts, err := r.Tx.TargetsFor(r.Ctx, r.Staff.NIP, m)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			if !seen[t.ID] {
				seen[t.ID] = true
				out = append(out, t)
			}
		}
	}
	return out, nil
}

// openTarget returns the target with that id if it is the sender's and
// applies to an open month. Callback data is never trusted: a forged id for
// someone else's indicator ends here.
func (f *Feature) openTarget(r *bot.Request, id int64) (*kinerja.Target, error) {
	t, err := r.Tx.Target(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	if t.NIP != r.Staff.NIP {
		return nil, nil
	}
	for _, m := range f.openMonths(r.Now) {
		if t.AppliesTo(m) {
			return t, nil
		}
	}
	return nil, nil
}

// lpCurrentTarget is the chosen target, still checked.
func (f *Feature) lpCurrentTarget(r *bot.Request) (*kinerja.Target, error) {
	id, _ := strconv.ParseInt(r.Session.Data["tid"], 10, 64)
	return f.openTarget(r, id)
}
