package evaluation

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

const etYusuf int64 = 105 // Ns. Yusuf, head of PKM-KTK

// TestMovedMidMonthKeepsFirstHalfForNewAssessor: Budi moves from Rina's
// puskesmas to Yusuf's on 16 October. The work Rina approved in the first
// half still counts in October's capaian, and Yusuf, who evaluates October
// as the assessor at its end, sees it marked as decided by Rina.
func TestMovedMidMonthKeepsFirstHalfForNewAssessor(t *testing.T) {
	h := newEvalHarness(t)
	moveBudi(t, h, 16, 60, 35)

	if over := h.text(etHead, "/nilai"); evHasButton(over, "nil:s:"+evKey(nipBudi)) {
		t.Fatalf("the old assessor may evaluate Budi's October: %q", evTexts(over))
	}
	over := h.text(etYusuf, "/nilai")
	mustSay(t, over, "Budi Santoso")
	card := h.tap(etYusuf, over, "nil:s:"+evKey(nipBudi))
	mustSay(t, card, "Laporan kerja disetujui: <b>2</b>",
		"Pasien dilayani: realisasi 95 dari target 100 pasien → capaian <b>95,00%</b>",
		"1 laporan disetujui oleh dr. Rina Marlina (atasan sebelumnya)")
	if got := strings.Join(evTexts(card), "\n"); strings.Contains(got, "disetujui oleh Ns. Yusuf") {
		t.Errorf("the evaluator's own approvals are marked as previous: %q", got)
	}
}

// moveBudi links Yusuf, moves Budi to Yusuf's puskesmas (and under him)
// from day October, gives Budi a target of 100 for October, and records
// two approved reports: first on the 3rd, approved by Rina, and second on
// the 20th, approved by Yusuf.
func moveBudi(t *testing.T, h *evalHarness, day int, first, second float64) {
	t.Helper()
	ctx := context.Background()
	h.Link(bottest.NIPOtherBos, etYusuf)
	budi, err := h.DB.Staff(ctx, nipBudi)
	if err != nil {
		t.Fatal(err)
	}
	budi.UnitCode, budi.SuperiorNIP = "PKM-KTK", bottest.NIPOtherBos
	if _, err := h.DB.MoveStaff(ctx, budi, h.Now, kinerja.Date(2026, 10, day, bottest.WIB)); err != nil {
		t.Fatal(err)
	}
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 1)
	for _, r := range []*kinerja.Report{
		{WorkDate: "2026-10-03", Quantity: first, AssessorNIP: nipHead, DecidedBy: nipHead},
		{WorkDate: "2026-10-20", Quantity: second, AssessorNIP: bottest.NIPOtherBos, DecidedBy: bottest.NIPOtherBos},
	} {
		r.NIP, r.TargetID, r.Description, r.Status = nipBudi, k1, "kegiatan", kinerja.ReportApproved
		r.CreatedAt, r.UpdatedAt, r.DecidedAt = h.Now, h.Now, h.Now
		if err := h.DB.CreateReport(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}
