package evaluation

import (
	"context"
	"strconv"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// column returns the cell of the first data row of table under header
// name, or "" when there is no such column.
func column(table [][]string, name string) string {
	for i, h := range table[0] {
		if h == name && len(table) > 1 {
			return table[1][i]
		}
	}
	return ""
}

// TestEvaluationsExportNamesWhomTheActingOneDecidedFor: Sari acts (Plt)
// for Rina and confirms Budi's evaluation; the export names Sari as the
// one who decided and Rina as whom she acted for.
func TestEvaluationsExportNamesWhomTheActingOneDecidedFor(t *testing.T) {
	h := newEvalHarness(t)
	h.act(nipHead, nipSari)
	h.evaluate(etSari, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	p, _ := kinerja.ParsePeriod(october)
	rows, err := h.f.EvaluationTable(context.Background(), p)
	if err != nil || len(rows) != 2 {
		t.Fatalf("export %v %v", rows, err)
	}
	if len(rows[0]) != len(rows[1]) {
		t.Fatalf("%d columns for %d cells", len(rows[0]), len(rows[1]))
	}
	for col, want := range map[string]string{"decided_by_nip": nipSari, "on_behalf_of": nipHead, "acting_kind": "plt",
		"objection_decided_by_nip": ""} {
		if got := column(rows, col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
}

// TestEvaluationsExportOwnDecisionHasNoBehalf: an assessor deciding as
// themselves is named alone.
func TestEvaluationsExportOwnDecisionHasNoBehalf(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	p, _ := kinerja.ParsePeriod(october)
	rows, err := h.f.EvaluationTable(context.Background(), p)
	if err != nil || len(rows) != 2 {
		t.Fatalf("export %v %v", rows, err)
	}
	if by, behalf := column(rows, "decided_by_nip"), column(rows, "on_behalf_of"); by != nipHead || behalf != "" {
		t.Errorf("decided_by %q on_behalf_of %q", by, behalf)
	}
}

// TestEvaluationsExportNamesTheActingReviewer: the admin acts for the
// Kadis and upholds Budi's objection; the export names both.
func TestEvaluationsExportNamesTheActingReviewer(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.object()
	h.act(nipKadis, nipAdmin)
	id := strconv.FormatInt(h.objectionOf(nipBudi).ID, 10)
	mustSay(t, h.press(etAdmin, 1, "kbr:up:"+id), "<b>mempertahankan</b>")
	h.text(etAdmin, "Penilaian sudah sesuai bukti yang ada.")
	p, _ := kinerja.ParsePeriod(october)
	rows, err := h.f.EvaluationTable(context.Background(), p)
	if err != nil || len(rows) != 2 {
		t.Fatalf("export %v %v", rows, err)
	}
	for col, want := range map[string]string{"decided_by_nip": nipHead, "on_behalf_of": "",
		"objection_decided_by_nip": nipAdmin, "objection_on_behalf_of": nipKadis, "objection_acting_kind": "plt"} {
		if got := column(rows, col); got != want {
			t.Errorf("%s = %q, want %q", col, got, want)
		}
	}
}
