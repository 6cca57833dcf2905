package evaluation

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// auditActions returns the actions in the audit log, in order, after
// checking that the chain is intact.
func (h *evalHarness) auditActions() []string {
	h.T.Helper()
	ctx := context.Background()
	v, err := kinerja.VerifyAudit(ctx, h.DB)
	if err != nil || !v.OK() {
		h.T.Fatalf("audit chain: %+v %v", v, err)
	}
	entries, err := h.DB.AuditEntries(ctx, 0, 1000)
	if err != nil {
		h.T.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

// objectionOf reads Budi's October objection.
func (h *evalHarness) objectionOf(nip string) *kinerja.Objection {
	h.T.Helper()
	o, err := h.DB.ObjectionFor(context.Background(), nip, october)
	if err != nil {
		h.T.Fatal(err)
	}
	return o
}

// object files Budi's objection with a proper reason and returns what was sent.
func (h *evalHarness) object() []bot.OutMessage {
	h.T.Helper()
	h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi))
	return h.text(etBudi, "Dua laporan kunjungan rumah saya belum dihitung.")
}

func TestObjectionFullExchange(t *testing.T) {
	h := newEvalHarness(t)
	note := h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	ask := h.tap(etBudi, evTo(note, etBudi), "kbr:new:"+evKey(nipBudi))
	mustSay(t, ask, "Keberatan atas hasil penilaian Oktober 2026 (predikat Baik)", "drg. Hendra", "keputusannya final")
	mustSay(t, h.text(etBudi, "x"), "terlalu pendek (1 karakter)")
	sent := h.text(etBudi, "Dua laporan kunjungan rumah saya belum dihitung.")
	mustSay(t, evTo(sent, etBudi), "Keberatan Anda terkirim kepada drg. Hendra")
	card := mustSay(t, evTo(sent, etKadis), "Keberatan atas penilaian kinerja", "Budi Santoso", "Penilai: dr. Rina Marlina",
		"predikat <b>Baik</b>", "Dua laporan kunjungan rumah")
	mustSay(t, evTo(sent, etHead), "Budi Santoso mengajukan keberatan", "drg. Hendra")
	o := h.objectionOf(nipBudi)
	id := strconv.FormatInt(o.ID, 10)
	if o.ReviewerNIP != nipKadis || o.Status != kinerja.ObjectionOpen || o.OldPredikat != kinerja.PredikatBaik {
		t.Fatalf("stored %+v", o)
	}

	t.Run("only the reviewer decides", func(t *testing.T) {
		for _, who := range []int64{etHead, etBudi, etAdmin} {
			mustSay(t, h.press(who, 1, "kbr:up:"+id), "tidak menunggu keputusan Anda")
			mustSay(t, h.press(who, 1, "kbr:ask:"+id+":s"), "tidak menunggu keputusan Anda")
		}
	})
	t.Run("the reviewer asks the staff member", func(t *testing.T) {
		h.tap(etKadis, []bot.OutMessage{card}, "kbr:ask:"+id+":s")
		sent := h.text(etKadis, "Laporan tanggal berapa yang belum dihitung?")
		mustSay(t, evTo(sent, etKadis), "Pertanyaan terkirim kepada Budi Santoso")
		q := mustSay(t, evTo(sent, etBudi), "Permintaan penjelasan", "Laporan tanggal berapa")
		if h.objectionOf(nipBudi).Status != kinerja.ObjectionExplaining {
			t.Fatal("status not explaining while a question waits")
		}
		// Sari cannot answer in Budi's place.
		mustSay(t, h.press(etSari, 1, "kbr:ans:"+id), "Tidak ada pertanyaan yang menunggu jawaban Anda")
		h.tap(etBudi, []bot.OutMessage{q}, "kbr:ans:"+id)
		sent = h.text(etBudi, "Tanggal 14 dan 21 Oktober, sudah saya kirim dengan foto.")
		mustSay(t, evTo(sent, etBudi), "Penjelasan Anda terkirim kepada drg. Hendra")
		mustSay(t, evTo(sent, etKadis), "Penjelasan dari pegawai (Budi Santoso)", "Tanggal 14 dan 21 Oktober")
		if o := h.objectionOf(nipBudi); o.Status != kinerja.ObjectionOpen || len(o.Messages) != 2 {
			t.Fatalf("after the answer: %+v", o)
		}
		// A second answer without a question is refused.
		mustSay(t, h.press(etBudi, 1, "kbr:ans:"+id), "Tidak ada pertanyaan")
	})
	t.Run("the reviewer asks the assessor", func(t *testing.T) {
		h.press(etKadis, 1, "kbr:ask:"+id+":a")
		sent := h.text(etKadis, "Mengapa dua laporan itu ditolak?")
		q := mustSay(t, evTo(sent, etHead), "Permintaan penjelasan", "Mengapa dua laporan")
		h.tap(etHead, []bot.OutMessage{q}, "kbr:ans:"+id)
		sent = h.text(etHead, "Fotonya tidak menunjukkan kegiatan yang dilaporkan.")
		mustSay(t, evTo(sent, etKadis), "Penjelasan dari penilai (dr. Rina Marlina)", "Fotonya tidak menunjukkan",
			"Laporan tanggal berapa", "Tanggal 14 dan 21")
	})
	t.Run("the reviewer changes the result with a reason", func(t *testing.T) {
		h.press(etKadis, 1, "kbr:ch:"+id)
		h.press(etKadis, 1, "kbr:h:"+id+":3")
		mustSay(t, h.press(etKadis, 1, "kbr:p:"+id+":2:2"), "Rating yang dipilih sama", "Pertahankan")
		ask := h.press(etKadis, 1, "kbr:p:"+id+":3:3")
		mustSay(t, ask, "hasil kerja <b>Di Atas Ekspektasi</b> × perilaku kerja <b>Di Atas Ekspektasi</b> → predikat <b>Sangat Baik</b> (sebelumnya Baik)")
		sent := h.text(etKadis, "Kedua laporan terbukti sah setelah diperiksa ulang di lapangan.")
		mustSay(t, evTo(sent, etKadis), "Keputusan tersimpan", "diubah")
		for _, who := range []int64{etBudi, etHead} {
			mustSay(t, evTo(sent, who), "Keputusan atas keberatan", "predikat Baik menjadi <b>Sangat Baik</b>", "Kedua laporan terbukti sah", "final")
		}
		e := h.evaluation(nipBudi)
		if e.Predikat != kinerja.PredikatSangatBaik || e.DecidedHasil != kinerja.RatingMeets || e.RevisedHasil != kinerja.RatingAbove ||
			e.RevisedBy != nipKadis || e.RevisionReason == "" {
			t.Fatalf("evaluation after the change: %+v", e)
		}
		if o := h.objectionOf(nipBudi); o.Status != kinerja.ObjectionChanged || o.NewPredikat != kinerja.PredikatSangatBaik {
			t.Fatalf("objection after the change: %+v", o)
		}
	})
	t.Run("the decision is final", func(t *testing.T) {
		mustSay(t, h.press(etKadis, 1, "kbr:up:"+id), "sudah diputus", "final")
		mustSay(t, h.press(etHead, 1, "nil:e:"+evKey(nipBudi)), "sudah mengajukan keberatan")
	})
	t.Run("every step is in the audit log", func(t *testing.T) {
		got := strings.Join(h.auditActions(), " ")
		want := "evaluation.confirm objection.create objection.ask objection.answer objection.ask objection.answer evaluation.revise objection.change"
		if got != want {
			t.Fatalf("audit actions\n got %s\nwant %s", got, want)
		}
	})
}

func TestObjectionUpheld(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.object()
	id := strconv.FormatInt(h.objectionOf(nipBudi).ID, 10)
	mustSay(t, h.press(etKadis, 1, "kbr:up:"+id), "<b>mempertahankan</b>", "predikat Baik")
	sent := h.text(etKadis, "Penilaian sudah sesuai bukti yang ada.")
	mustSay(t, evTo(sent, etBudi), "hasil <b>dipertahankan</b>: predikat tetap <b>Baik</b>", "Penilaian sudah sesuai bukti")
	mustSay(t, evTo(sent, etHead), "dipertahankan")
	if e := h.evaluation(nipBudi); e.Predikat != kinerja.PredikatBaik || e.RevisedHasil.Valid() {
		t.Fatalf("an upheld result changed: %+v", e)
	}
	if o := h.objectionOf(nipBudi); o.Status != kinerja.ObjectionUpheld || o.DecisionReason == "" {
		t.Fatalf("objection %+v", o)
	}
}

func TestObjectionRefusals(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	for _, tc := range []struct {
		name string
		do   func() []bot.OutMessage
		want string
	}{
		{"someone else presses the button", func() []bot.OutMessage { return h.press(etSari, 1, "kbr:new:"+evKey(nipBudi)) }, "tidak dapat diwakilkan"},
		{"someone else types the NIP", func() []bot.OutMessage { return h.text(etSari, "/keberatan "+nipBudi) }, "tidak dapat diwakilkan"},
		{"the assessor on the person's behalf", func() []bot.OutMessage { return h.text(etHead, "/keberatan "+nipBudi+" 2026-10") }, "tidak dapat diwakilkan"},
		{"a period without a result", func() []bot.OutMessage { return h.press(etBudi, 1, "kbr:new:"+nipBudi+":2026-09") }, "Belum ada hasil penilaian yang dikonfirmasi untuk periode September 2026"},
		{"a draft is no result", func() []bot.OutMessage {
			h.press(etHead, 1, "nil:s:"+evKey(nipSari))
			return h.press(etSari, 1, "kbr:new:"+evKey(nipSari))
		}, "Belum ada hasil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mustSay(t, tc.do(), tc.want)
			if os, _ := h.DB.ListObjections(context.Background(), kinerja.ObjectionFilter{}); len(os) != 0 {
				t.Fatalf("an objection was stored: %+v", os[0])
			}
		})
	}
	t.Run("a reason typed after the window closed", func(t *testing.T) {
		saved := h.Now
		// Notified on 10 November: the window ends with 24 November.
		h.Now = time.Date(2026, 11, 24, 23, 50, 0, 0, bottest.WIB)
		mustSay(t, h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi)), "Tuliskan alasan keberatan")
		h.Now = h.Now.Add(15 * time.Minute)
		mustSay(t, h.text(etBudi, "Dua laporan kunjungan rumah saya belum dihitung."), "Batas waktu keberatan sudah lewat (sampai 24 November 2026)")
		mustSay(t, h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi)), "sudah lewat")
		mustSay(t, h.text(etBudi, "/keberatan"), "Tidak ada hasil penilaian yang dapat diajukan keberatan")
		h.Now = saved
	})
	t.Run("one objection per period", func(t *testing.T) {
		mustSay(t, h.object(), "terkirim")
		mustSay(t, h.press(etBudi, 1, "kbr:new:"+evKey(nipBudi)), "sudah mengajukan keberatan", "menunggu keputusan")
		mustSay(t, h.text(etBudi, "/keberatan"), "Keberatan Anda atas Oktober 2026: menunggu keputusan")
		mustSay(t, h.text(etKadis, "/keberatan"), "Menunggu keputusan Anda: Budi Santoso")
	})
}

func TestObjectionToAnUnlinkedReviewerReachesTheAdmins(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if err := h.DB.LinkTelegram(context.Background(), nipKadis, 0); err != nil {
		t.Fatal(err)
	}
	sent := h.object()
	mustSay(t, evTo(sent, etBudi), "terkirim kepada drg. Hendra")
	mustSay(t, evTo(sent, etAdmin), "drg. Hendra (NIP "+nipKadis+")", "belum menghubungkan akun Telegram", "Budi Santoso")
}

func TestObjectionWithoutAReviewerIsExplained(t *testing.T) {
	h := newEvalHarness(t)
	// The head of the health office evaluates Rina; nobody is above him.
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	mustSay(t, h.press(etHead, 1, "kbr:new:"+evKey(nipHead)), "tidak memiliki atasan", "BKPSDM")
}
