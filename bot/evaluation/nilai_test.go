package evaluation

import (
	"context"
	"strconv"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

func TestNilaiWholeEvaluationWithButtons(t *testing.T) {
	h := newEvalHarness(t)
	over := h.text(etHead, "/nilai")
	mustSay(t, over, "Oktober 2026", "Batas penilaian: 5 November 2026", "0 dari 2 pegawai", "Budi Santoso", "Sari &lt;Dewi&gt;")
	card := h.tap(etHead, over, "nil:s:")
	mustSay(t, card, "pegawai <b>1 dari 2</b>", "Budi Santoso", "Laporan kerja disetujui: <b>0</b>",
		"Usulan hasil kerja: <b>tidak ada</b>", "kurang dari 5 responden")
	if evHasButton(card, "nil:ha:") {
		t.Fatal("an accept button with no proposal")
	}

	// No proposal: any choice needs a reason, asked before anything is stored.
	ask := h.tap(etHead, card, "nil:hc:"+evKey(nipBudi)+":3")
	mustSay(t, ask, "Di Atas Ekspektasi", "10–1000 karakter")
	if e := h.evaluation(nipBudi); e.DecidedHasil.Valid() {
		t.Fatalf("stored %v before the reason", e.DecidedHasil)
	}
	card = h.text(etHead, "Menangani lonjakan pasien DBD melebihi beban kerja normal.")
	mustSay(t, card, "Alasan tersimpan", "nilai <b>1 dari 7</b>", "Berorientasi Pelayanan")

	for i := range 7 {
		rt := kinerja.RatingMeets
		if i < 4 {
			rt = kinerja.RatingAbove
		}
		card = h.tap(etHead, card, "nil:b:"+evKey(nipBudi)+":"+strconv.Itoa(i)+":"+strconv.Itoa(int(rt)))
		if i < 6 {
			mustSay(t, card, "nilai <b>"+strconv.Itoa(i+2)+" dari 7</b>", valueLabel(kinerja.LangID, kinerja.CoreValues[i+1]))
		}
	}
	// Four above, three meet: the median is above.
	mustSay(t, card, "Usulan perilaku kerja: <b>Di Atas Ekspektasi</b> (median")
	card = h.tap(etHead, card, "nil:pa:"+evKey(nipBudi))
	confirm := mustSay(t, card, "hasil kerja <b>Di Atas Ekspektasi</b> × perilaku kerja <b>Di Atas Ekspektasi</b> → predikat <b>Sangat Baik</b>",
		"tanpa usulan; alasan: <i>Menangani lonjakan")
	if h.evaluation(nipBudi).Status != kinerja.EvalDraft {
		t.Fatal("confirmed before the confirmation")
	}
	sent := h.press(etHead, 1, evButton(t, []bot.OutMessage{confirm}, "nil:ok:"))
	mustSay(t, evTo(sent, etHead), "Penilaian <b>Budi Santoso</b> disimpan", "Sangat Baik", "Pegawai sudah diberi tahu")
	evButton(t, evTo(sent, etHead), "nil:s:"+evKey(nipSari)) // on to the next one
	note := mustSay(t, evTo(sent, etBudi), "Hasil penilaian kinerja Anda — Oktober 2026", "dr. Rina Marlina",
		"Predikat: <b>Sangat Baik</b>", "sampai <b>24 November 2026</b>")
	if !evHasButton([]bot.OutMessage{note}, "kbr:new:"+evKey(nipBudi)) || !evHasButton([]bot.OutMessage{note}, "skor:v:"+october) {
		t.Fatalf("notification buttons %+v", note.Buttons)
	}
	e := h.evaluation(nipBudi)
	if e.Status != kinerja.EvalFinal || e.Predikat != kinerja.PredikatSangatBaik || e.DecidedHasil != kinerja.RatingAbove ||
		e.ProposedHasil.Valid() || e.HasilReason == "" || e.ProposedPerilaku != kinerja.RatingAbove || e.PerilakuReason != "" ||
		!e.NotifiedAt.Equal(h.Now) || e.AssessorNIP != nipHead {
		t.Fatalf("stored %+v", e)
	}
	over = h.text(etHead, "/nilai")
	mustSay(t, over, "1 dari 2 pegawai", "✅ Budi Santoso — Sangat Baik")
	if got := over[0].Buttons[0][0].Data; got != "nil:s:"+evKey(nipSari) {
		t.Fatalf("continue button %q, want Sari", got)
	}
}

// The predikat of every cell of the PermenPANRB 6/2022 matrix, through the
// bot's buttons, equals scoring.Predicate's cell.
func TestNilaiPredikatIsTheMatrixCell(t *testing.T) {
	ratings := []kinerja.Rating{kinerja.RatingBelow, kinerja.RatingMeets, kinerja.RatingAbove}
	want := map[[2]kinerja.Rating]kinerja.Predikat{
		{3, 1}: kinerja.PredikatKurang, {3, 2}: kinerja.PredikatBaik, {3, 3}: kinerja.PredikatSangatBaik,
		{2, 1}: kinerja.PredikatKurang, {2, 2}: kinerja.PredikatBaik, {2, 3}: kinerja.PredikatBaik,
		{1, 1}: kinerja.PredikatSangatKurang, {1, 2}: kinerja.PredikatButuhPerbaikan, {1, 3}: kinerja.PredikatButuhPerbaikan,
	}
	h := newEvalHarness(t)
	for _, hasil := range ratings {
		for _, perilaku := range ratings {
			t.Run(ratingLabel(kinerja.LangID, hasil)+" × "+ratingLabel(kinerja.LangID, perilaku), func(t *testing.T) {
				h.T = t
				h.evaluate(etHead, nipBudi, hasil, evAll7(perilaku), perilaku)
				got := h.evaluation(nipBudi).Predikat
				if got != want[[2]kinerja.Rating{hasil, perilaku}] {
					t.Fatalf("predikat %q, want %q", got, want[[2]kinerja.Rating{hasil, perilaku}])
				}
				if cell, _ := scoring.Predicate(hasil, perilaku); got != cell {
					t.Fatalf("bot %q, scoring %q", got, cell)
				}
				// Reopen for the next cell (allowed: not locked, no objection).
				h.press(etHead, 1, "nil:e:"+evKey(nipBudi))
			})
		}
	}
}

func TestNilaiOverrideNeedsAReasonOfSensibleLength(t *testing.T) {
	h := newEvalHarness(t)
	card := h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	h.tap(etHead, card, "nil:hc:"+evKey(nipBudi)+":2")

	t.Run("confirm without the reason is refused", func(t *testing.T) {
		got := h.press(etHead, 1, "nil:ok:"+evKey(nipBudi))
		mustSay(t, got, "Putuskan dulu rating hasil kerja")
	})
	t.Run("one character", func(t *testing.T) {
		got := h.text(etHead, "x")
		mustSay(t, got, "terlalu pendek (1 karakter)", "paling sedikit 10")
	})
	t.Run("five thousand characters", func(t *testing.T) {
		got := h.text(etHead, strings.Repeat("a", 5000))
		mustSay(t, got, "terlalu panjang (5000 karakter)", "paling banyak 1000")
	})
	if e := h.evaluation(nipBudi); e.DecidedHasil.Valid() || e.HasilReason != "" {
		t.Fatalf("a bad reason stored something: %+v", e)
	}
	t.Run("a proper reason is taken", func(t *testing.T) {
		got := h.text(etHead, "  Target tercapai, tetapi mutu dokumentasi perlu diperbaiki.  ")
		mustSay(t, got, "Alasan tersimpan")
		if e := h.evaluation(nipBudi); e.DecidedHasil != kinerja.RatingMeets || e.HasilReason != "Target tercapai, tetapi mutu dokumentasi perlu diperbaiki." {
			t.Fatalf("stored %v %q", e.DecidedHasil, e.HasilReason)
		}
	})
	t.Run("behaviour override refused without a reason too", func(t *testing.T) {
		for i := range 7 {
			h.press(etHead, 1, "nil:b:"+evKey(nipBudi)+":"+strconv.Itoa(i)+":2")
		}
		ask := h.press(etHead, 1, "nil:pc:"+evKey(nipBudi)+":1")
		mustSay(t, ask, "berbeda dari usulan <b>Sesuai Ekspektasi</b>")
		mustSay(t, h.press(etHead, 1, "nil:ok:"+evKey(nipBudi)), "Putuskan dulu rating perilaku kerja")
		mustSay(t, h.text(etHead, "kurang"), "terlalu pendek (6 karakter)")
		if e := h.evaluation(nipBudi); e.DecidedPerilaku.Valid() || e.Status != kinerja.EvalDraft {
			t.Fatalf("stored %+v", e)
		}
	})
}

func TestNilaiRefusesWhatIsNotTheAssessors(t *testing.T) {
	h := newEvalHarness(t)
	for _, tc := range []struct {
		name string
		from int64
		data string
		want string
	}{
		{"a staff member forges the assessor's button", etSari, "nil:hc:" + evKey(nipBudi) + ":3", "bukan penilai"},
		{"an assessor on someone not their subordinate", etHead, "nil:s:" + evKey(nipAdmin), "bukan penilai"},
		{"an assessor on themselves", etHead, "nil:s:" + evKey(nipHead), "bukan penilai"},
		{"an assessor's superior skipping a level", etKadis, "nil:ok:" + evKey(nipBudi), "bukan penilai"},
		{"a made-up NIP", etHead, "nil:s:123:" + october, "bukan penilai"},
		{"a period that has not ended", etHead, "nil:s:" + nipBudi + ":2026-11", "belum berakhir"},
		{"a year that has not ended", etHead, "nil:s:" + nipBudi + ":2026", "belum berakhir"},
		{"a period that is not a period", etHead, "nil:s:" + nipBudi + ":2026-13", "tidak dikenali"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := h.press(tc.from, 1, tc.data)
			mustSay(t, got, tc.want)
			if evs, _ := h.DB.ListEvaluations(context.Background(), kinerja.EvaluationFilter{}); len(evs) != 0 {
				t.Fatalf("something was stored: %+v", evs[0])
			}
		})
	}
	t.Run("typed period that has not ended", func(t *testing.T) {
		mustSay(t, h.text(etHead, "/nilai 2026-11"), "Periode November 2026 belum berakhir", "mulai 1 Desember 2026")
	})
	t.Run("a staff member without subordinates cannot use /nilai", func(t *testing.T) {
		mustSay(t, h.text(etBudi, "/nilai"), "tidak tersedia untuk peran Anda")
	})
	t.Run("a subordinate who moved after the period stays with the old assessor", func(t *testing.T) {
		ctx := context.Background()
		sari, _ := h.DB.Staff(ctx, nipSari)
		sari.SuperiorNIP = nipKadis
		if _, err := h.DB.PutStaff(ctx, sari, h.Now); err != nil {
			t.Fatal(err)
		}
		mustSay(t, h.press(etKadis, 1, "nil:s:"+evKey(nipSari)), "bukan penilai")
		mustSay(t, h.press(etHead, 1, "nil:s:"+evKey(nipSari)), "Sari &lt;Dewi&gt;", "pegawai <b>2 dari 2</b>")
	})
}

func TestNilaiBackAbandonsTheReason(t *testing.T) {
	h := newEvalHarness(t)
	card := h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	ask := h.tap(etHead, card, "nil:hc:"+evKey(nipBudi)+":1")
	card = h.tap(etHead, ask, "nil:s:"+evKey(nipBudi)) // ↩️ Kembali
	mustSay(t, card, "Usulan hasil kerja")
	mustSay(t, h.text(etHead, "Alasan yang ditulis setelah kembali."), "tidak memahami")
	if e := h.evaluation(nipBudi); e.DecidedHasil.Valid() {
		t.Fatalf("a reason typed after going back was stored: %+v", e)
	}
}

func TestNilaiConfirmNeedsAllSevenValues(t *testing.T) {
	h := newEvalHarness(t)
	h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	h.press(etHead, 1, "nil:hc:"+evKey(nipBudi)+":2")
	h.text(etHead, "Sesuai target layanan bulan Oktober.")
	for i := range 3 {
		h.press(etHead, 1, "nil:b:"+evKey(nipBudi)+":"+strconv.Itoa(i)+":2")
	}
	mustSay(t, h.press(etHead, 1, "nil:ok:"+evKey(nipBudi)), "Masih ada 4 nilai BerAKHLAK")
	mustSay(t, h.press(etHead, 1, "nil:pa:"+evKey(nipBudi)), "Masih ada 4 nilai BerAKHLAK")
	mustSay(t, h.press(etHead, 1, "nil:pc:"+evKey(nipBudi)+":3"), "Masih ada 4 nilai BerAKHLAK")
	h.press(etHead, 1, "nil:b:"+evKey(nipBudi)+":9:2")
	if got := h.Msg.Answer("cbnil:b:" + evKey(nipBudi) + ":9:2"); !strings.Contains(got, "tidak berlaku") {
		t.Fatalf("a value index out of range answered %q", got)
	}
	mustSay(t, h.press(etHead, 1, "nil:b:"+evKey(nipBudi)+":3:7"), "rating tidak dikenal")
	if e := h.evaluation(nipBudi); e.Status != kinerja.EvalDraft || len(e.Unrated()) != 4 || e.DecidedPerilaku.Valid() {
		t.Fatalf("stored %+v", e)
	}
}

func TestNilaiResumesAfterRestart(t *testing.T) {
	h := newEvalHarness(t)
	h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	h.press(etHead, 1, "nil:hc:"+evKey(nipBudi)+":2")
	h.restart()
	// The reason typed after the restart still lands where it belongs.
	mustSay(t, h.text(etHead, "Sesuai target layanan bulan Oktober."), "Alasan tersimpan", "nilai <b>1 dari 7</b>")
	for i := range 3 {
		h.press(etHead, 1, "nil:b:"+evKey(nipBudi)+":"+strconv.Itoa(i)+":3")
	}
	h.restart()
	over := h.text(etHead, "/nilai")
	mustSay(t, over, "✏️ Budi Santoso — sedang dinilai")
	if got := over[0].Buttons[0][0]; got.Text != "▶️ Lanjutkan: Budi Santoso" || got.Data != "nil:s:"+evKey(nipBudi) {
		t.Fatalf("first button %+v, want to continue with Budi", got)
	}
	card := h.tap(etHead, over, "nil:s:"+evKey(nipBudi))
	mustSay(t, card, "nilai <b>4 dari 7</b>", "Harmonis", "Kompeten: Di Atas Ekspektasi")
	// An expired dialogue loses nothing stored: the draft is the state.
	h.Now = h.Now.AddDate(0, 0, 3)
	card = h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
	mustSay(t, card, "nilai <b>4 dari 7</b>")
}
