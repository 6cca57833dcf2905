package evaluation

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
)

// A period evaluated in parts (evaluation.transfer_split): when the
// person's assessor changed within the period, each assessor's part
// [from, to) is measured on its own — the approved reports with work
// dates in it, count targets pro-rated to its working days
// (report.TargetPolicy.MeasureSpan) — and the proposal of work results
// comes from the parts' capaian weighted by their working days. The
// assessor at the period's end still decides; the card shows each part
// with its assessor and the proposal that part alone would give.
//
// Only a capaian of one's own reports is split (BasisOwn, and a head's
// fallback to it): a unit's achievement belongs to the unit, not to the
// assessor's part.

// splitEvidence replaces ev's capaian by the working-day-weighted mean of
// the parts when the option is on and nip had more than one assessor in p.
func (f *Feature) splitEvidence(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period, ev *evidence) error {
	if !f.cfg.TransferSplit || (ev.basis != kinerja.BasisOwn && ev.basis != kinerja.BasisUnitFallback) {
		return nil
	}
	loc := f.deps.Location
	parts, err := assessorParts(ctx, tx, nip, p.Start(loc), p.End(loc), loc)
	if err != nil || len(parts) < 2 {
		return err
	}
	var sum float64
	var days int
	for i := range parts {
		pt := &parts[i]
		pt.WorkingDays = f.cfg.Targets.WorkingDays(loc, pt.From, pt.To)
		ms, err := f.cfg.Targets.MeasureSpan(ctx, tx, loc, nip, p, pt.From, pt.To)
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.HasResult {
				pt.ApprovedReports += m.Approved
			}
		}
		if c, ok := report.Weighted(ms); ok && pt.WorkingDays > 0 {
			pt.CapaianPct, pt.HasResult = c, true
			sum += c * float64(pt.WorkingDays)
			days += pt.WorkingDays
		}
		if st, err := tx.Staff(ctx, pt.AssessorNIP); err == nil {
			pt.AssessorName = st.Name
		} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
			return err
		}
	}
	if days > 0 {
		ev.capaian = sum / float64(days)
	}
	if err := f.rateParts(ctx, tx, nip, p, parts); err != nil { // partrating.go
		return err
	}
	ev.parts = parts
	if rt, _, ok := partsProposal(parts); ok {
		ev.proposed, ev.fromParts = rt, true
	}
	return nil
}

// assessorParts cuts [start, end) at each change of nip's assessor, from
// the superior history; consecutive spans under the same assessor (a unit
// move only) are one part. Boundaries are whole local days.
func assessorParts(ctx context.Context, tx evidenceStore, nip string, start, end time.Time, loc *time.Location) ([]kinerja.EvalPart, error) {
	spans, err := tx.SuperiorHistory(ctx, nip)
	if err != nil {
		return nil, err
	}
	var out []kinerja.EvalPart
	for _, sp := range spans {
		from, to := kinerja.Day(sp.From.In(loc), loc), end
		if !sp.To.IsZero() {
			to = kinerja.Day(sp.To.In(loc), loc)
		}
		if from.Before(start) {
			from = start
		}
		if to.After(end) {
			to = end
		}
		if !from.Before(to) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].AssessorNIP == sp.SuperiorNIP {
			out[n-1].To = to
			continue
		}
		if n := len(out); n > 0 {
			out[n-1].To = from // the day of a move belongs to the new assessor
		}
		out = append(out, kinerja.EvalPart{From: from, To: to, AssessorNIP: sp.SuperiorNIP})
	}
	return out, nil
}

// partsText lists the parts of a split evaluation for the card and /skor,
// "" when it was evaluated whole.
func (f *Feature) partsText(lang kinerja.Lang, e *kinerja.Evaluation) string {
	if len(e.Parts) == 0 {
		return ""
	}
	out := bot.T(lang, "eval.parts_head")
	for i, pt := range e.Parts {
		name := pt.AssessorName
		if name == "" {
			name = pt.AssessorNIP
		}
		if name == "" {
			name = bot.T(lang, "eval.part_no_assessor")
		}
		last := pt.To.AddDate(0, 0, -1)
		if !pt.HasResult {
			out += "\n" + bot.T(lang, "eval.part_none", i+1, bot.DateLabel(lang, pt.From), bot.DateLabel(lang, last), name, pt.WorkingDays)
			continue
		}
		out += "\n" + bot.T(lang, "eval.part", i+1, bot.DateLabel(lang, pt.From), bot.DateLabel(lang, last), name, pt.WorkingDays,
			pt.ApprovedReports, percent(lang, pt.CapaianPct), ratingLabel(lang, f.cfg.Thresholds.Rate(pt.CapaianPct)))
		out += partRatingLine(lang, pt) // partrating.go
	}
	return out + "\n" + f.partsBasisText(lang, e)
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"eval.parts_head": {
			"Periode ini dinilai per bagian (atasan berganti di tengah periode):",
			"This period is assessed in parts (the assessor changed within it):",
		},
		"eval.part": {
			"• Bagian %d: %s–%s, atasan %s, %d hari kerja, %d laporan disetujui, capaian %s%% → usulan %s",
			"• Part %d: %s–%s, assessor %s, %d working days, %d approved reports, achievement %s%% → proposal %s",
		},
		"eval.part_none": {
			"• Bagian %d: %s–%s, atasan %s, %d hari kerja: belum ada hasil, tidak ikut dihitung",
			"• Part %d: %s–%s, assessor %s, %d working days: no result yet, not counted",
		},
		"eval.part_no_assessor": {"(tanpa atasan)", "(no assessor)"},
		"eval.parts_combined": {
			"Capaian gabungan, ditimbang hari kerja tiap bagian: %s%%",
			"Combined achievement, weighted by each part's working days: %s%%",
		},
	})
}
