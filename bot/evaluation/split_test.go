package evaluation

import (
	"math"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// movedOn15th moves Budi from Rina's puskesmas to Yusuf's on 15 October
// 2026 with a monthly target of 100 patients: 70 approved by Rina on the
// 3rd, 30 by Yusuf on the 20th. October has 22 working days (weekends
// only): 10 before the move, 12 from it.
func movedOn15th(t *testing.T, split bool) *evalHarness {
	t.Helper()
	h := newEvalHarness(t)
	h.f.cfg.TransferSplit = split
	moveBudi(t, h, 15, 70, 30)
	return h
}

// TestSplitByWorkingDays: with evaluation.transfer_split on, Budi's
// October is measured in two parts — Rina's 10 working days (70 of a
// pro-rated 45,45: 154%, capped at 120%) and Yusuf's 12 (30 of 54,55:
// 55%) — and proposed from (120×10 + 55×12) / 22 = 84,55%: Di Bawah
// Ekspektasi, where the whole month (100 of 100) would propose Sesuai.
// The card, the stored snapshot and /skor show both parts.
func TestSplitByWorkingDays(t *testing.T) {
	h := movedOn15th(t, true)
	over := h.text(etYusuf, "/nilai")
	card := h.tap(etYusuf, over, "nil:s:"+evKey(nipBudi))
	mustSay(t, card, "Periode ini dinilai per bagian",
		"Bagian 1: 1 Oktober 2026–14 Oktober 2026, atasan dr. Rina Marlina, 10 hari kerja, 1 laporan disetujui, capaian 120,00% → usulan Di Atas Ekspektasi",
		"Bagian 2: 15 Oktober 2026–31 Oktober 2026, atasan Ns. Yusuf",
		"12 hari kerja, 1 laporan disetujui, capaian 55,00% → usulan Di Bawah Ekspektasi",
		"Capaian gabungan, ditimbang hari kerja tiap bagian: 84,55%",
		"1 laporan disetujui oleh dr. Rina Marlina (atasan sebelumnya)")

	e := h.evaluation(nipBudi)
	if want := (120*10 + 55*12) / 22.0; math.Abs(e.CapaianPct-want) > 0.01 {
		t.Errorf("capaian %v, want the working-day-weighted %v", e.CapaianPct, want)
	}
	if e.ProposedHasil != kinerja.RatingBelow {
		t.Errorf("proposal %v, want Di Bawah from the combined capaian", e.ProposedHasil)
	}
	if len(e.Parts) != 2 || e.Parts[0].AssessorNIP != nipHead || e.Parts[1].AssessorNIP != bottest.NIPOtherBos ||
		e.Parts[0].WorkingDays != 10 || e.Parts[1].WorkingDays != 12 {
		t.Fatalf("stored parts %+v", e.Parts)
	}

	h.evaluate(etYusuf, nipBudi, kinerja.RatingBelow, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	skor := h.text(etBudi, "/skor")
	mustSay(t, skor, "Bagian 1: 1 Oktober 2026–14 Oktober 2026, atasan dr. Rina Marlina",
		"Capaian gabungan, ditimbang hari kerja tiap bagian: 84,55%")
	if en := h.f.partsText(kinerja.LangEN, h.evaluation(nipBudi)); !strings.Contains(en, "Part 2: 15 October 2026–31 October 2026") {
		t.Errorf("English parts: %q", en)
	}
}

// TestSplitOffEvaluatesWhole: with the option off (the default) the same
// month is one: 100 of 100, Sesuai, no parts.
func TestSplitOffEvaluatesWhole(t *testing.T) {
	h := movedOn15th(t, false)
	card := h.tap(etYusuf, h.text(etYusuf, "/nilai"), "nil:s:"+evKey(nipBudi))
	mustSay(t, card, "capaian <b>100,00%</b>")
	if got := strings.Join(evTexts(card), "\n"); strings.Contains(got, "Bagian 1") {
		t.Errorf("parts shown with the option off: %q", got)
	}
	if e := h.evaluation(nipBudi); len(e.Parts) != 0 || e.ProposedHasil != kinerja.RatingMeets {
		t.Errorf("option off: parts %+v, proposal %v", e.Parts, e.ProposedHasil)
	}
}
