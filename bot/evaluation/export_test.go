package evaluation

import (
	"context"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
)

// The feature offers its two exports through the registry: the
// evaluations with their indicators (also in /ekspor), and the indicators
// alone (command line only); and answers the jobs' questions.
func TestExportKindsAndJobsData(t *testing.T) {
	h := newEvalHarness(t)
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 0)
	h.report(nipBudi, k1, "2026-10-03", 95, kinerja.ReportApproved)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	reg, err := export.NewRegistry(h.f)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := kinerja.ParsePeriod(october)
	ev, ok := reg.Lookup("evaluations")
	if !ok || ev.Label != "ekspor.kind_evaluations" {
		t.Fatalf("evaluations kind %+v", ev)
	}
	sheets, err := ev.Build(context.Background(), p)
	if err != nil || len(sheets) != 2 || len(sheets[0].Rows) != 1 || sheets[0].Rows[0][0] != nipBudi ||
		len(sheets[1].Rows) != 1 || sheets[1].Header[4] != "indicator_code" {
		t.Fatalf("evaluations export %+v %v", sheets, err)
	}
	ind, ok := reg.Lookup("indicators")
	if !ok || ind.Label != "" {
		t.Fatalf("indicators kind %+v", ind)
	}
	if only, err := ind.Build(context.Background(), p); err != nil || len(only) != 1 || only[0].Name != sheets[1].Name {
		t.Fatalf("indicators export %+v %v", only, err)
	}

	// Sari is still to be evaluated by Rina; Budi's Baik counts in his unit.
	left, err := h.f.Unfinished(context.Background(), h.DB, p)
	if err != nil {
		t.Fatal(err)
	}
	byAssessor := map[string]int{}
	for _, u := range left {
		byAssessor[u.AssessorNIP] = u.Count
	}
	if byAssessor[nipHead] != 1 {
		t.Fatalf("unfinished %+v", left)
	}
	// While someone acts for Rina today, her evaluations to finish are theirs.
	h.act(nipHead, nipAdmin)
	if left, err = h.f.Unfinished(context.Background(), h.DB, p); err != nil {
		t.Fatal(err)
	}
	acting := map[string]int{}
	for _, u := range left {
		acting[u.AssessorNIP] = u.Count
	}
	if _, still := acting[nipHead]; still || acting[nipAdmin] != 1 {
		t.Fatalf("unfinished while acting %+v", left)
	}
	counts, err := h.f.PredikatCounts(context.Background(), h.DB, p)
	if err != nil || counts["PKM-TGR"][kinerja.PredikatBaik] != 1 {
		t.Fatalf("predikat counts %v %v", counts, err)
	}
	if h.f.Config().DeadlineDay != 5 {
		t.Fatalf("default deadline day %d", h.f.Config().DeadlineDay)
	}
}

// Random updates from everyone, including the feature's own buttons,
// never fail an update or answer with an internal error; every text of the
// feature renders in both languages.
func TestEvaluationRandomInputAndTexts(t *testing.T) {
	h := newEvalHarness(t)
	n := 300
	if testing.Short() {
		n = 60
	}
	h.RandomInput(n, []int64{etHead, etBudi, etSari, etAdmin, etKadis, 999})
	for _, prefix := range []string{"eval.", "obj.", "skor.", "corr.", "upred.", "rating.", "value."} {
		bottest.CheckTexts(t, prefix)
	}
}

// TestIndicatorExportSaysWhichTargetWasUsed: the indicators export carries
// the target's period, aggregation, derivation, the capaian before the cap
// and the cap; the evaluations export the cap.
func TestIndicatorExportSaysWhichTargetWasUsed(t *testing.T) {
	h := newEvalHarness(t)
	y := h.target(nipBudi, "2026", "Y1", "Pasien setahun", "pasien", 120, kinerja.HigherIsBetter, 0)
	h.report(nipBudi, y, "2026-10-03", 30, kinerja.ReportApproved)
	h.evaluate(etHead, nipBudi, kinerja.RatingAbove, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	p, _ := kinerja.ParsePeriod(october)
	rows, err := h.f.IndicatorTable(context.Background(), p)
	if err != nil || len(rows) != 2 {
		t.Fatalf("indicators %v %v", rows, err)
	}
	got := map[string]string{}
	for i, col := range rows[0] {
		got[col] = rows[1][i]
	}
	// October 2026: 1/12 of the year; 30 against 10 is 300%, capped at 120.
	want := map[string]string{"target": "10", "target_period": "2026", "aggregation": "jumlah",
		"target_basis": "monthly 1/12", "capaian_raw_pct": "300.00", "capaian_pct": "120.00", "cap_pct": "120"}
	for col, w := range want {
		if got[col] != w {
			t.Errorf("%s = %q, want %q", col, got[col], w)
		}
	}
	evs, err := h.f.EvaluationTable(context.Background(), p)
	if err != nil || len(evs) != 2 || column(evs, "cap_pct") != "120" {
		t.Fatalf("evaluations cap column: %v %v", evs, err)
	}
}
