package evaluation

import (
	"context"
	"math"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Exports of confirmed evaluations, in columns an HR officer can carry into
// e-Kinerja: one row per person, and one row per person and indicator.

// EvaluationHeader is the header row of the evaluations export. The first
// fifteen columns are the ones BKPSDM asked for; the rest explain them.
// Ratings are the regulation's words ("Sesuai Ekspektasi"); proposed and
// decided stand side by side with the reason for any difference; predikat
// is the final one (after an objection or correction, see final_*).
// EvaluationTable adds ActingHeader's columns after these, then
// PartsHeader's.
var EvaluationHeader = []string{
	"nip", "name", "position", "unit_code", "assessor_nip", "period", "capaian_pct",
	"proposed_hasil", "decided_hasil", "hasil_reason",
	"proposed_perilaku", "decided_perilaku", "perilaku_reason",
	"predikat", "objection_status",
	"approved_reports", "hasil_basis", "final_hasil", "final_perilaku",
	"revised_by", "revision_reason", "confirmed_at", "locked", "cap_pct",
}

// PartsHeader are the last columns of the evaluations export, filled for
// a period evaluated in parts (evaluation.transfer_split): parts is every
// part in one cell, "YYYY-MM-DD..YYYY-MM-DD assessor_nip (N hari kerja)
// capaian C usulan R; dinilai R oleh NIP [atas nama NIP] (alasan: …)",
// parts separated by " | " (the final assessor's part says "penilai
// akhir", an earlier one not rated "belum dinilai"); parts_basis is what
// the proposal rested on: "part_ratings" (the earlier assessors' ratings
// combined) or "capaian".
var PartsHeader = []string{"parts", "parts_basis"}

// IndicatorHeader is the header row of the indicators export.
//
// target is the target used for the period; target_period the period it
// was set for, target_basis how it was derived (scoring.PeriodTarget's
// form, e.g. "monthly 1/12", "monthly 0/12 +17/20 leave 3" or, by working
// days, "prorated 22/261 leave 3"), target_min and target_max a
// band's bounds, aggregation how reports made the realisation,
// capaian_raw_pct the capaian before the cap and cap_pct the cap.
var IndicatorHeader = []string{
	"nip", "name", "unit_code", "period", "indicator_code", "indicator", "measure", "direction",
	"weight", "target", "realisation", "capaian_pct", "source",
	"target_period", "aggregation", "target_basis", "target_min", "target_max", "capaian_raw_pct", "cap_pct",
}

// finalEvaluations returns the confirmed evaluations of p with the people
// they are about. Drafts are not results and are left out.
func finalEvaluations(ctx context.Context, db resultStore, p kinerja.Period) ([]*kinerja.Evaluation, map[string]*kinerja.Staff, error) {
	evs, err := db.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), Status: kinerja.EvalFinal})
	if err != nil {
		return nil, nil, err
	}
	people := map[string]*kinerja.Staff{}
	for _, e := range evs {
		st, err := db.Staff(ctx, e.NIP)
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
func (f *Feature) EvaluationTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	evs, people, err := finalEvaluations(ctx, f.deps.Store, p)
	if err != nil {
		return nil, err
	}
	now, loc := f.deps.Now(), f.deps.Location
	decisions, err := decisionsOf(ctx, f.deps.Store) // export_acting.go
	if err != nil {
		return nil, err
	}
	rows := [][]string{append(append(append([]string(nil), EvaluationHeader...), ActingHeader...), PartsHeader...)}
	for _, e := range evs {
		st := people[e.NIP]
		objStatus := "none"
		o, err := f.deps.Store.ObjectionFor(ctx, e.NIP, e.Period)
		if err == nil {
			objStatus = string(o.Status)
		} else if kinerja.ErrorCode(err) == kinerja.ENotFound {
			o = nil
		} else {
			return nil, err
		}
		capaian := ""
		if e.HasilBasis != kinerja.BasisNone {
			capaian = strconv.FormatFloat(e.CapaianPct, 'f', 2, 64)
		}
		rows = append(rows, append([]string{
			e.NIP, st.Name, st.Position, e.UnitCode, e.AssessorNIP, e.Period, capaian,
			e.ProposedHasil.String(), e.DecidedHasil.String(), e.HasilReason,
			e.ProposedPerilaku.String(), e.DecidedPerilaku.String(), e.PerilakuReason,
			string(e.Predikat), objStatus,
			strconv.Itoa(e.ApprovedReports), string(e.HasilBasis), e.Hasil().String(), e.Perilaku().String(),
			e.RevisedBy, e.RevisionReason, e.DecidedAt.In(loc).Format(time.DateTime),
			strconv.FormatBool(e.Locked(now, f.cfg.ObjectionDays, loc)), capOf(e),
		}, append(actingCells(decisions, e, o), partsSummary(e), partsBasis(e))...)) // partrating.go
	}
	return rows, nil
}

// capOf is the cap on each indicator's capaian the evaluation was computed
// with, "" for one computed before caps.
func capOf(e *kinerja.Evaluation) string {
	var c float64
	for _, in := range e.Indicators {
		c = math.Max(c, in.Cap)
	}
	if c == 0 {
		return ""
	}
	return strconv.FormatFloat(c, 'f', -1, 64)
}

// IndicatorTable returns the indicators export of period p: the header,
// then one row per person and indicator of the confirmed evaluations, as
// they stood when the result was decided.
func (f *Feature) IndicatorTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	evs, people, err := finalEvaluations(ctx, f.deps.Store, p)
	if err != nil {
		return nil, err
	}
	num := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	rows := [][]string{IndicatorHeader}
	for _, e := range evs {
		for _, in := range e.Indicators {
			capaian, raw := strconv.FormatFloat(in.Capaian, 'f', 2, 64), strconv.FormatFloat(in.CapaianRaw, 'f', 2, 64)
			if !counted(in) {
				capaian = ""
			}
			if in.TargetBasis == "" || !counted(in) {
				raw = "" // a snapshot from before the cap, or nothing counted
			}
			optional := func(x float64) string {
				if x == 0 {
					return ""
				}
				return num(x)
			}
			agg := ""
			if in.TargetBasis != "" {
				agg = string(in.Aggregation.Or())
			}
			rows = append(rows, []string{
				e.NIP, people[e.NIP].Name, e.UnitCode, e.Period, in.Code, in.Name, in.Unit, string(in.Direction),
				num(in.Weight), num(math.Round(in.Target*1e4) / 1e4), num(in.Realisasi), capaian, in.Source,
				in.TargetPeriod, agg, in.TargetBasis, optional(in.TargetMin), optional(in.TargetMax), raw, optional(in.Cap),
			})
		}
	}
	return rows, nil
}

// Exports returns the evaluation's kinds of export: the evaluations with
// their indicators (also offered in /ekspor), and the indicators on their
// own for a CSV (the command line only).
func (f *Feature) Exports() []export.Kind {
	return []export.Kind{
		{Name: "evaluations", Label: "ekspor.kind_evaluations",
			About: "period evaluations: proposal, decision and reason side by side, predikat (XLSX adds the indicators)",
			Build: f.evaluationSheets},
		{Name: "indicators", About: "each evaluated person's indicators: target, realisation, capaian",
			Build: func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
				sheets, err := f.evaluationSheets(ctx, p)
				if err != nil {
					return nil, err
				}
				return sheets[1:], nil
			}},
		{Name: "followups", About: "follow-ups (rencana tindak lanjut) of Kurang and Sangat Kurang results, open and closed",
			Build: f.followUpSheets},
	}
}

// evaluationSheets is the confirmed evaluations of p and, as a second
// sheet, their indicators.
func (f *Feature) evaluationSheets(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
	evs, err := f.EvaluationTable(ctx, p)
	if err != nil {
		return nil, err
	}
	inds, err := f.IndicatorTable(ctx, p)
	if err != nil {
		return nil, err
	}
	return []sheet.Sheet{
		{Name: "Penilaian " + p.String(), Header: evs[0], Rows: evs[1:]},
		{Name: "Indikator " + p.String(), Header: inds[0], Rows: inds[1:]},
	}, nil
}

// objectionStatusLabel names an objection status in lang.
func objectionStatusLabel(lang kinerja.Lang, s kinerja.ObjectionStatus) string {
	return bot.T(lang, "objst."+string(s))
}

// partyLabel names a party of an objection in lang.
func partyLabel(lang kinerja.Lang, p string) string { return bot.T(lang, "party."+p) }
