package evaluation

import (
	"context"
	"strconv"
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

// An admin with no subordinates of their own records the outside top
// reviewer's evaluations: /nilai opens for them and lists the tops; an
// admin is refused while no top reviewer is configured.
func TestAdminOpensNilaiForTheOutsideTopReviewer(t *testing.T) {
	h := newEvalHarness(t)
	mustSay(t, h.text(etAdmin, "/nilai"), "tidak tersedia untuk peran Anda")
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	mustSay(t, h.text(etAdmin, "/nilai"), "Penilaian kinerja", "drg. Hendra")
	// The staff who are neither assessors nor admins still cannot.
	mustSay(t, h.text(etBudi, "/nilai"), "tidak tersedia untuk peran Anda")
}

// A top reviewer named by NIP who is an admin without subordinates lists
// the tops in /nilai too.
func TestAdminTopReviewerByNIPOpensNilai(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TopReviewer = TopReviewer{NIP: nipAdmin}
	mustSay(t, h.text(etAdmin, "/nilai"), "Penilaian kinerja", "drg. Hendra")
}

// The tops not yet evaluated are in the evaluation reminders of the top
// reviewer: the one named by NIP, or each linked admin for an outside one
// (never counting an admin's own evaluation); with none configured, nobody.
func TestUnfinishedTopsGoToTheTopReviewer(t *testing.T) {
	h := newEvalHarness(t)
	p := octoberPeriod(t)
	counts := func() map[string]int {
		t.Helper()
		left, err := h.f.Unfinished(context.Background(), h.DB, p)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, u := range left {
			out[u.AssessorNIP] = u.Count
		}
		return out
	}
	// The tops: Kadis, the admin and Ns. Yusuf (no superior).
	if c := counts(); c[nipAdmin] != 0 || c[""] != 0 {
		t.Fatalf("no top reviewer: %v", c)
	}
	h.f.cfg.TopReviewer = TopReviewer{NIP: nipKadis}
	// Kadis: Rina, his subordinate, and the tops but himself.
	if c := counts(); c[nipKadis] != 3 {
		t.Fatalf("top reviewer by NIP (Kadis, a top himself): %v", c)
	}
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	if c := counts(); c[nipAdmin] != 2 {
		t.Fatalf("outside top reviewer, the admin records: %v", c)
	}
	h.evaluate(etAdmin, nipKadis, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if c := counts(); c[nipAdmin] != 1 {
		t.Fatalf("after Kadis's evaluation: %v", c)
	}
}

// The result notice names who decided and, in another's place, on whose
// behalf: the Plt/Plh for the absent assessor, the admin for the outside
// top reviewer (by name and position); the assessor alone otherwise.
func TestResultNoticeNamesOnWhoseBehalf(t *testing.T) {
	h := newEvalHarness(t)
	h.act(nipHead, nipSari)
	sent := h.evaluate(etSari, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	mustSay(t, evTo(sent, etBudi), "Ditetapkan oleh penilai: Sari &lt;Dewi&gt; atas nama dr. Rina Marlina")

	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	sent = h.evaluate(etAdmin, nipKadis, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	mustSay(t, evTo(sent, etKadis), "Ditetapkan oleh penilai: Andi Admin atas nama Drs. H. Rusdi (Sekretaris Daerah)")

	sent = h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if m := mustSay(t, evTo(sent, etHead), "Ditetapkan oleh penilai: drg. Hendra\n"); strings.Contains(m.Text, "atas nama") {
		t.Fatalf("the assessor in person is on nobody's behalf: %q", m.Text)
	}
}

// An objection goes to the superior of the post that decided, not of the
// one who confirmed in its place: Budi's evaluation by Sari acting for
// Rina is reviewed by Rina's superior, Kadis, not by Sari's, Rina.
func TestObjectionToAnActingDecisionGoesAboveTheAbsentAssessor(t *testing.T) {
	h := newEvalHarness(t)
	h.act(nipHead, nipSari)
	h.evaluate(etSari, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi))
	sent := h.text(etBudi, "Laporan minggu terakhir belum masuk ke capaian saya.")
	mustSay(t, evTo(sent, etBudi), "terkirim kepada drg. Hendra")
	if o := h.objectionOf(nipBudi); o.ReviewerNIP != nipKadis {
		t.Fatalf("reviewer %q, want Kadis above the absent assessor", o.ReviewerNIP)
	}
}

// A top's own evaluation, recorded by an admin for the outside top
// reviewer, is objected to before that reviewer (the admins), never before
// the recording admin's own superior; the person is told no assessor's
// superior is above them in the bot.
func TestTopsObjectionToAnOutsideReviewersEvaluation(t *testing.T) {
	h := newEvalHarness(t)
	ctx := context.Background()
	admin, _ := h.DB.Staff(ctx, nipAdmin)
	admin.SuperiorNIP = nipHead // the recording admin has a superior of her own
	if _, err := h.DB.PutStaff(ctx, admin, h.Now.AddDate(0, -1, 0)); err != nil {
		t.Fatal(err)
	}
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	h.evaluate(etAdmin, nipKadis, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	ask := h.press(etKadis, 1, "kbr:new:"+evKey(nipKadis))
	mustSay(t, evTo(ask, etKadis), "penilai puncak yang ditetapkan, Drs. H. Rusdi")
	sent := h.text(etKadis, "Capaian dinas belum memperhitungkan layanan keliling.")
	mustSay(t, evTo(sent, etAdmin), "Keberatan atas penilaian kinerja", "drg. Hendra")
	if len(evTo(sent, etHead)) != 0 {
		t.Fatalf("the recording admin's superior was told: %+v", evTo(sent, etHead))
	}
	if o := h.objectionOf(nipKadis); o.ReviewerNIP != "" {
		t.Fatalf("reviewer %q, want the outside top reviewer", o.ReviewerNIP)
	}
}

// With a top reviewer on the roster who has no superior, a top's objection
// goes to that reviewer rather than being refused for want of one.
func TestTopsObjectionToTheTopReviewerByNIP(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TopReviewer = TopReviewer{NIP: nipAdmin}
	h.evaluate(etAdmin, nipKadis, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etKadis, 1, "kbr:new:"+evKey(nipKadis))
	sent := h.text(etKadis, "Capaian dinas belum memperhitungkan layanan keliling.")
	mustSay(t, evTo(sent, etKadis), "terkirim kepada Andi Admin")
	if o := h.objectionOf(nipKadis); o.ReviewerNIP != nipAdmin {
		t.Fatalf("reviewer %q, want the top reviewer", o.ReviewerNIP)
	}
}

// The card says on whose behalf the sender evaluates: the absent assessor
// for a Plt/Plh, the outside top reviewer for an admin; nothing otherwise.
func TestCardSaysOnWhoseBehalf(t *testing.T) {
	h := newEvalHarness(t)
	h.act(nipHead, nipSari)
	mustSay(t, h.press(etSari, 1, "nil:s:"+evKey(nipBudi)), "Anda menilai atas nama dr. Rina Marlina.")
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	mustSay(t, h.press(etAdmin, 1, "nil:s:"+evKey(nipKadis)), "Anda menilai atas nama Drs. H. Rusdi (Sekretaris Daerah).")
	if m := mustSay(t, h.press(etKadis, 1, "nil:s:"+evKey(nipHead)), "Penilaian"); strings.Contains(m.Text, "atas nama") {
		t.Fatalf("the assessor in person: %q", m.Text)
	}
}

// The decision on an objection names on whose behalf it was made: an
// admin for the outside top reviewer, a Plt/Plh for the absent reviewer.
func TestObjectionDecisionNamesOnWhoseBehalf(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TopReviewer = TopReviewer{Name: "Drs. H. Rusdi", Position: "Sekretaris Daerah"}
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etHead, 1, "kbr:new:"+evKey(nipHead))
	h.text(etHead, "Capaian saya belum memperhitungkan laporan bulan ini.")
	id := strconv.FormatInt(h.objectionOf(nipHead).ID, 10)
	h.press(etAdmin, 1, "kbr:up:"+id)
	sent := h.text(etAdmin, "Penilaian sudah sesuai dengan laporan yang disetujui.")
	mustSay(t, evTo(sent, etHead), "Diputus oleh Andi Admin atas nama Drs. H. Rusdi (Sekretaris Daerah)")

	// Sari acts for Kadis, the reviewer of Budi's objection.
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi))
	h.text(etBudi, "Laporan minggu terakhir belum masuk ke capaian saya.")
	h.act(nipKadis, nipSari)
	id = strconv.FormatInt(h.objectionOf(nipBudi).ID, 10)
	h.press(etSari, 1, "kbr:up:"+id)
	sent = h.text(etSari, "Penilaian sudah sesuai dengan laporan yang disetujui.")
	mustSay(t, evTo(sent, etBudi), "Diputus oleh Sari &lt;Dewi&gt; atas nama drg. Hendra")
}
