package evaluation

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// act records that nip acts for forNIP today.
func (h *evalHarness) act(forNIP, byNIP string) {
	h.T.Helper()
	day := kinerja.DayOf(h.Now, h.f.deps.Location)
	if err := h.DB.CreateActing(context.Background(), &kinerja.Acting{ForNIP: forNIP, ByNIP: byNIP,
		Kind: kinerja.ActingPlt, From: day, To: day, CreatedAt: h.Now}); err != nil {
		h.T.Fatal(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestActingAssessorEvaluatesOnBehalf(t *testing.T) {
	h := newEvalHarness(t)
	h.act(nipHead, nipSari)
	h.evaluate(etSari, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if e := h.evaluation(nipBudi); e.Status != kinerja.EvalFinal || e.AssessorNIP != nipSari {
		t.Fatalf("evaluation by the acting assessor: %+v", e)
	}
	if !contains(h.auditActions(), "evaluation.on_behalf") {
		t.Errorf("no on-behalf entry: %v", h.auditActions())
	}
	// Someone not acting may still not evaluate.
	mustSay(t, h.press(etAdmin, 1, "nil:s:"+evKey(nipSari)), "bukan")
}

func TestObjectionOfATopsSubordinateGoesToTheTopReviewer(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TopReviewer = TopReviewer{NIP: nipAdmin}
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etHead, 1, "kbr:new:"+evKey(nipHead))
	sent := h.text(etHead, "Capaian saya belum memperhitungkan laporan bulan ini.")
	mustSay(t, evTo(sent, etAdmin), "Keberatan atas penilaian kinerja", "dr. Rina Marlina")
	if o := h.objectionOf(nipHead); o.ReviewerNIP != nipAdmin {
		t.Fatalf("reviewer %q, want the configured top reviewer", o.ReviewerNIP)
	}
}

func TestOutsideTopReviewerIsHandledByTheAdmins(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etHead, 1, "kbr:new:"+evKey(nipHead))
	sent := h.text(etHead, "Capaian saya belum memperhitungkan laporan bulan ini.")
	mustSay(t, evTo(sent, etHead), "Drs. H. Rusdi")
	mustSay(t, evTo(sent, etAdmin), "Keberatan atas penilaian kinerja")
	if o := h.objectionOf(nipHead); o.ReviewerNIP != "" {
		t.Fatalf("reviewer %q, want none on the roster", o.ReviewerNIP)
	}
	list := h.text(etAdmin, "/keberatan")
	if len(list) == 0 || !strings.Contains(list[len(list)-1].Text, "dr. Rina Marlina") {
		t.Fatalf("the admin's list lacks the objection: %+v", list)
	}
	// And the admin evaluates the top, Kadis, on the outsider's behalf.
	h.evaluate(etAdmin, nipKadis, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if e := h.evaluation(nipKadis); e.Status != kinerja.EvalFinal {
		t.Fatalf("top's evaluation: %+v", e)
	}
	if !contains(h.auditActions(), "evaluation.on_behalf") {
		t.Errorf("no on-behalf entry: %v", h.auditActions())
	}
}
