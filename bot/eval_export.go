package bot

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Exports of confirmed evaluations, in columns an HR officer can carry into
// e-Kinerja: one row per person, and one row per person and indicator.

// EvaluationHeader is the header row of the evaluations export. The first
// fifteen columns are the ones BKPSDM asked for; the rest explain them.
// Ratings are the regulation's words ("Sesuai Ekspektasi"); proposed and
// decided stand side by side with the reason for any difference; predikat
// is the final one (after an objection or correction, see final_*).
var EvaluationHeader = []string{
	"nip", "name", "position", "unit_code", "assessor_nip", "period", "capaian_pct",
	"proposed_hasil", "decided_hasil", "hasil_reason",
	"proposed_perilaku", "decided_perilaku", "perilaku_reason",
	"predikat", "objection_status",
	"approved_reports", "hasil_basis", "final_hasil", "final_perilaku",
	"revised_by", "revision_reason", "confirmed_at", "locked",
}

// IndicatorHeader is the header row of the indicators export.
var IndicatorHeader = []string{
	"nip", "name", "unit_code", "period", "indicator_code", "indicator", "measure", "direction",
	"weight", "target", "realisation", "capaian_pct", "source",
}

// finalEvaluations returns the confirmed evaluations of p with the people
// they are about. Drafts are not results and are left out.
func (b *Bot) finalEvaluations(ctx context.Context, p kinerja.Period) ([]*kinerja.Evaluation, map[string]*kinerja.Staff, error) {
	evs, err := b.store.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
	if err != nil {
		return nil, nil, err
	}
	people := map[string]*kinerja.Staff{}
	for _, e := range evs {
		st, err := b.store.Staff(ctx, e.NIP)
		if err != nil {
			return nil, nil, err
		}
		people[e.NIP] = st
	}
	return evs, people, nil
}

// EvaluationTable returns the evaluations export of period p: the header,
// then one row per confirmed evaluation. objection_status is "none",
// "open", "explaining", "upheld" or "changed"; locked is "true" once the
// objection window has closed.
func (b *Bot) EvaluationTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	evs, people, err := b.finalEvaluations(ctx, p)
	if err != nil {
		return nil, err
	}
	now, loc := b.now(), b.cfg.Location
	rows := [][]string{EvaluationHeader}
	for _, e := range evs {
		st := people[e.NIP]
		objStatus := "none"
		if o, err := b.store.ObjectionFor(ctx, e.NIP, e.Period); err == nil {
			objStatus = string(o.Status)
		} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
			return nil, err
		}
		capaian := ""
		if e.HasilBasis != kinerja.BasisNone {
			capaian = strconv.FormatFloat(e.CapaianPct, 'f', 2, 64)
		}
		rows = append(rows, []string{
			e.NIP, st.Name, st.Position, e.UnitCode, e.AssessorNIP, e.Period, capaian,
			e.ProposedHasil.String(), e.DecidedHasil.String(), e.HasilReason,
			e.ProposedPerilaku.String(), e.DecidedPerilaku.String(), e.PerilakuReason,
			string(e.Predikat), objStatus,
			strconv.Itoa(e.ApprovedReports), string(e.HasilBasis), e.Hasil().String(), e.Perilaku().String(),
			e.RevisedBy, e.RevisionReason, e.DecidedAt.In(loc).Format(time.DateTime),
			strconv.FormatBool(e.Locked(now, b.cfg.Evaluation.ObjectionDays, loc)),
		})
	}
	return rows, nil
}

// IndicatorTable returns the indicators export of period p: the header,
// then one row per person and indicator of the confirmed evaluations, as
// they stood when the result was decided.
func (b *Bot) IndicatorTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	evs, people, err := b.finalEvaluations(ctx, p)
	if err != nil {
		return nil, err
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	rows := [][]string{IndicatorHeader}
	for _, e := range evs {
		for _, in := range e.Indicators {
			capaian := strconv.FormatFloat(in.Capaian, 'f', 2, 64)
			if !counted(in) {
				capaian = ""
			}
			rows = append(rows, []string{
				e.NIP, people[e.NIP].Name, e.UnitCode, e.Period, in.Code, in.Name, in.Unit, string(in.Direction),
				num(in.Weight), num(in.Target), num(in.Realisasi), capaian, in.Source,
			})
		}
	}
	return rows, nil
}

// objectionStatusLabel names an objection status in lang.
func objectionStatusLabel(lang kinerja.Lang, s kinerja.ObjectionStatus) string {
	return T(lang, "objst."+string(s))
}

// partyLabel names a party of an objection in lang.
func partyLabel(lang kinerja.Lang, p string) string { return T(lang, "party."+p) }
