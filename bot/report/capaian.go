package report

import (
	"context"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Achievement computes a person's realisation and capaian per indicator for
// a month, with the target each was compared with, and the weighted capaian
// over the indicators that have a result (ok false when none has). Only
// approved reports count (measure.go).
func (f *Feature) Achievement(ctx context.Context, r AchievementStore, nip string, month kinerja.Period) ([]Measurement, float64, bool, error) {
	ms, err := f.cfg.Targets.Measure(ctx, r, f.deps.Location, nip, month)
	if err != nil {
		return nil, 0, false, err
	}
	w, ok := Weighted(ms)
	return ms, w, ok, nil
}

// cmdCapaian shows the sender's realisation against target for each
// indicator of the open month, or of the period given: a month YYYY-MM, a
// quarter YYYY-Qn, a semester or a year (with the leave taken out of a
// quarter's or a year's target, when so configured).
//
// An assessor (or the one acting for them, or an admin) may give a
// subordinate's NIP first: "/capaian NIP [period]" (transfer.go).
func (f *Feature) cmdCapaian(r *bot.Request) error {
	month := kinerja.MonthOf(r.Now, r.Loc())
	args := strings.Fields(r.Text)
	who := r.Staff
	if len(args) > 0 && kinerja.ValidNIP(args[0]) {
		st, err := mayViewCapaian(r, args[0])
		if err != nil || st == nil {
			return err
		}
		who, args = st, args[1:]
	}
	if len(args) > 0 {
		arg := strings.Join(args, " ")
		p, err := kinerja.ParsePeriod(arg)
		if err != nil {
			r.Reply(r.T("rpt.capaian_bad_month", arg))
			return nil
		}
		month = p
	}
	results, weighted, ok, err := f.Achievement(r.Ctx, r.Tx, who.NIP, month)
	if err != nil {
		return err
	}
	if len(results) == 0 {
		if who.NIP != r.Staff.NIP {
			r.Reply(r.T("rpt.no_targets_other", who.Name, bot.PeriodLabel(r.Lang, month)))
			return nil
		}
		r.Reply(r.T("rpt.no_targets", bot.PeriodLabel(r.Lang, month)))
		return nil
	}
	var sb strings.Builder
	sb.WriteString(r.T("rpt.capaian_head", bot.PeriodLabel(r.Lang, month), who.Name))
	for i, res := range results {
		t := res.Target
		dir := r.T("rpt.dir_" + string(t.Direction))
		if t.Yearly() {
			dir += ", " + r.T("rpt.yearly")
		}
		sb.WriteString("\n\n" + strconv.Itoa(i+1) + ". " + r.T("rpt.capaian_ind", t.Code, t.Name, dir))
		sb.WriteString("\n   " + r.T("rpt.capaian_real", reportNum(r.Lang, res.Realisasi), TargetText(r.Lang, res.IndicatorResult), t.Unit))
		if res.HasResult {
			sb.WriteString(" → " + r.T("rpt.capaian_pct", reportPercent(r.Lang, res.Capaian)))
			if c := CapText(r.Lang, res.IndicatorResult); c != "" {
				sb.WriteString(" " + c)
			}
		} else {
			sb.WriteString(" → " + r.T("rpt.capaian_none"))
		}
		if b := TargetBasisText(r.Lang, res.IndicatorResult); b != "" {
			sb.WriteString("\n   " + r.T("tgt.line", b))
		}
		if res.Pending > 0 {
			sb.WriteString("\n   " + r.T("rpt.capaian_pending", reportNum(r.Lang, res.Pending), t.Unit))
		}
	}
	if ok {
		sb.WriteString("\n\n" + r.T("rpt.capaian_weighted", reportPercent(r.Lang, weighted)))
	}
	if earlier, err := earlierApprovalsNow(r, who.NIP, month); err != nil {
		return err
	} else if earlier != "" {
		sb.WriteString("\n\n" + earlier)
	}
	sb.WriteString("\n\n" + r.T("rpt.capaian_note"))
	r.Reply(sb.String())
	return nil
}
