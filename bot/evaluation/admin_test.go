package evaluation

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func TestLockThenOnlyAnAdminCorrectsWithAReason(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	fix := "/koreksi " + nipBudi + " 2026-10"

	t.Run("before the lock the admin may not, the assessor may", func(t *testing.T) {
		mustSay(t, h.text(etAdmin, fix), "belum terkunci (batas keberatan sampai 24 November 2026)")
		card := h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
		mustSay(t, card, "Keberatan dapat diajukan sampai 24 November 2026")
		evButton(t, card, "nil:e:"+evKey(nipBudi))
	})
	h.Now = time.Date(2026, 11, 25, 8, 0, 0, 0, bottest.WIB)
	t.Run("after the lock the assessor may not", func(t *testing.T) {
		card := h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
		mustSay(t, card, "Terkunci")
		if evHasButton(card, "nil:e:") {
			t.Fatal("a reopen button on a locked evaluation")
		}
		mustSay(t, h.press(etHead, 1, "nil:e:"+evKey(nipBudi)), "sudah terkunci", "admin BKPSDM")
		mustSay(t, h.text(etHead, fix), "tidak tersedia untuk peran Anda")
		mustSay(t, h.press(etHead, 1, "kor:p:"+evKey(nipBudi)+":1:1"), "khusus admin BKPSDM")
		if e := h.evaluation(nipBudi); e.Status != kinerja.EvalFinal || e.Predikat != kinerja.PredikatBaik {
			t.Fatalf("changed: %+v", e)
		}
	})
	t.Run("the admin corrects with buttons and a reason", func(t *testing.T) {
		card := h.text(etAdmin, fix)
		mustSay(t, card, "Koreksi hasil penilaian", "Budi Santoso", "predikat <b>Baik</b>")
		card = h.tap(etAdmin, card, "kor:h:"+evKey(nipBudi)+":1")
		mustSay(t, h.press(etAdmin, 1, "kor:p:"+evKey(nipBudi)+":2:2"), "sama dengan hasil sekarang")
		ask := h.tap(etAdmin, card, "kor:p:"+evKey(nipBudi)+":1:2")
		mustSay(t, ask, "predikat <b>Butuh Perbaikan</b> (sebelumnya Baik)")
		mustSay(t, h.text(etAdmin, "salah"), "terlalu pendek")
		sent := h.text(etAdmin, "Hasil audit inspektorat: dua laporan fiktif.")
		mustSay(t, evTo(sent, etAdmin), "Koreksi tersimpan", "Butuh Perbaikan")
		for _, who := range []int64{etBudi, etHead} {
			mustSay(t, evTo(sent, who), "dikoreksi oleh admin BKPSDM", "predikat Baik menjadi <b>Butuh Perbaikan</b>", "Hasil audit inspektorat")
		}
		e := h.evaluation(nipBudi)
		if e.Predikat != kinerja.PredikatButuhPerbaikan || e.RevisedHasil != kinerja.RatingBelow || e.RevisedBy != nipAdmin ||
			e.DecidedHasil != kinerja.RatingMeets {
			t.Fatalf("after correction %+v", e)
		}
		if got := h.auditActions(); !slices.Equal(got, []string{"evaluation.confirm", "evaluation.correct"}) {
			t.Fatalf("audit %v", got)
		}
	})
}

func TestDistributionIsCheckedOnTheUnitsLastEvaluation(t *testing.T) {
	h := newEvalHarness(t)
	t.Run("admin sets the unit's predicate with buttons", func(t *testing.T) {
		card := h.text(etAdmin, "/predikatunit PKM-TGR 2026-10")
		mustSay(t, card, "Puskesmas Tanah Garam", "Oktober 2026", "belum ditetapkan")
		mustSay(t, h.press(etHead, 1, "upr:s:PKM-TGR:2026-10:1"), "khusus admin")
		set := h.tap(etAdmin, card, "upr:s:PKM-TGR:2026-10:1")
		mustSay(t, set, "Predikat unit Puskesmas Tanah Garam periode Oktober 2026: <b>Baik</b>",
			"paling banyak 70% pegawai Baik", "paling sedikit satu pegawai Butuh Perbaikan", "Belum ada hasil")
		picker := h.text(etAdmin, "/predikatunit")
		evButton(t, picker, "upr:u:PKM-TGR:2026-10")
	})
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	// Sari is the unit's last: her confirmation card shows the check.
	h.press(etHead, 1, "nil:s:"+evKey(nipSari))
	h.press(etHead, 1, "nil:hc:"+evKey(nipSari)+":2")
	card := h.text(etHead, "Pelayanan kebidanan sesuai target bulanan.")
	for i := range 7 {
		card = h.tap(etHead, card, "nil:b:"+evKey(nipSari)+":"+string(rune('0'+i))+":2")
	}
	card = h.tap(etHead, card, "nil:pa:"+evKey(nipSari))
	mustSay(t, card, "Pemeriksaan distribusi unit Puskesmas Tanah Garam", "(predikat unit: Baik)",
		"Baik paling banyak 70%: ada 3 dari 3 pegawai (batas 2 orang; kini 100%)",
		"Paling sedikit 1 pegawai Butuh Perbaikan atau Kurang/Misconduct: ada 0 dari 3 pegawai",
		"Anda tetap dapat mengonfirmasi")
	sent := h.tap(etHead, card, "nil:ok:"+evKey(nipSari))
	mustSay(t, evTo(sent, etHead), "disimpan", "Baik paling banyak 70%")
	mustSay(t, evTo(sent, etAdmin), "Laporan distribusi predikat", "Puskesmas Tanah Garam", "Oktober 2026", "dr. Rina Marlina")
	for _, nip := range []string{nipHead, nipBudi, nipSari} {
		if p := h.evaluation(nip).Predikat; p != kinerja.PredikatBaik {
			t.Fatalf("%s: predikat %q; the bot must never change one", nip, p)
		}
	}
	t.Run("setting the predicate again checks the confirmed results", func(t *testing.T) {
		set := h.press(etAdmin, 1, "upr:s:PKM-TGR:2026-10:0")
		mustSay(t, set, "<b>Istimewa</b>", "paling banyak 70% pegawai Sangat Baik", "Sebaran 3 hasil yang sudah dikonfirmasi sesuai batas")
	})
	t.Run("no check before the last one, a note when unset", func(t *testing.T) {
		h2 := newEvalHarness(t)
		h2.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
		sent := h2.evaluate(etHead, nipSari, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
		if strings.Contains(evTo(sent, etHead)[0].Text, "distribusi") {
			t.Fatal("checked while Rina herself is not evaluated yet")
		}
		sent = h2.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
		mustSay(t, evTo(sent, etKadis), "penilaian terakhir di unit Puskesmas Tanah Garam", "belum ditetapkan admin")
	})
}

func TestSkorShowsTheWholeChain(t *testing.T) {
	h := newEvalHarness(t)
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 0)
	h.report(nipBudi, k1, "2026-10-03", 95, kinerja.ReportApproved)
	mustSay(t, h.text(etBudi, "/skor"), "Belum ada hasil penilaian yang dikonfirmasi")
	h.evaluate(etHead, nipBudi, kinerja.RatingAbove, [7]kinerja.Rating{3, 3, 3, 2, 2, 2, 1}, kinerja.RatingMeets)
	got := h.text(etBudi, "/skor")
	chain := mustSay(t, got, "Rincian penilaian kinerja — Oktober 2026", "Penilai: dr. Rina Marlina",
		"Laporan kerja disetujui: <b>1</b>", "realisasi 95 dari target 100 pasien → capaian <b>95,00%</b>",
		"Capaian tertimbang: <b>95,00%</b>", "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>",
		"Hasil kerja: <b>Di Atas Ekspektasi</b> (usulan: Sesuai Ekspektasi; alasan: <i>Capaian dinilai dari laporan lapangan",
		"Kolaboratif: Di Bawah Ekspektasi", "Usulan: <b>Sesuai Ekspektasi</b> (median",
		"Perilaku kerja: <b>Sesuai Ekspektasi</b> (sesuai usulan)",
		"hasil kerja <b>Di Atas Ekspektasi</b> × perilaku kerja <b>Sesuai Ekspektasi</b> → predikat <b>Baik</b>",
		"Predikat kinerja: <b>Baik</b>", "keberatan dapat diajukan sampai 24 November 2026")
	// The order of the chain is the order of the issue.
	steps := []string{"1. Bukti", "2. Usulan", "3. Keputusan penilai", "4. Perilaku kerja", "5. Matriks", "Predikat kinerja"}
	last := -1
	for _, s := range steps {
		i := strings.Index(chain.Text, s)
		if i <= last {
			t.Fatalf("step %q out of order in %s", s, chain.Text)
		}
		last = i
	}
	evButton(t, got, "kbr:new:"+evKey(nipBudi))
	mustSay(t, h.press(etBudi, 1, "skor:v:"+october), "Predikat kinerja: <b>Baik</b>")
	mustSay(t, h.text(etBudi, "/skor 2026-09"), "Belum ada hasil")
	mustSay(t, h.text(etSari, "/skor "+nipBudi), "hanya dapat melihat hasil Anda sendiri")
	mustSay(t, h.text(etHead, "/skor "+nipBudi+" 2026-10"), "Predikat kinerja: <b>Baik</b>")
	mustSay(t, h.text(etAdmin, "/skor "+nipBudi), "Predikat kinerja: <b>Baik</b>")
}

func TestExportShowsProposalDecisionAndReasonSideBySide(t *testing.T) {
	h := newEvalHarness(t)
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 0)
	h.report(nipBudi, k1, "2026-10-03", 95, kinerja.ReportApproved)
	h.evaluate(etHead, nipBudi, kinerja.RatingAbove, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.press(etHead, 1, "nil:s:"+evKey(nipSari)) // a draft is not exported
	p, _ := kinerja.ParsePeriod(october)
	rows, err := h.f.EvaluationTable(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"nip", "name", "position", "unit_code", "assessor_nip", "period", "capaian_pct",
		"proposed_hasil", "decided_hasil", "hasil_reason", "proposed_perilaku", "decided_perilaku", "perilaku_reason",
		"predikat", "objection_status"}
	if !slices.Equal(rows[0][:len(want)], want) {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 2 {
		t.Fatalf("%d rows, want the header and Budi only", len(rows))
	}
	col := map[string]string{}
	for i, c := range rows[0] {
		col[c] = rows[1][i]
	}
	for c, v := range map[string]string{
		"nip": nipBudi, "name": "Budi Santoso", "position": "Perawat", "unit_code": "PKM-TGR", "assessor_nip": nipHead,
		"period": october, "capaian_pct": "95.00", "proposed_hasil": "Sesuai Ekspektasi", "decided_hasil": "Di Atas Ekspektasi",
		"hasil_reason": "Capaian dinilai dari laporan lapangan yang diverifikasi.", "proposed_perilaku": "Sesuai Ekspektasi",
		"decided_perilaku": "Sesuai Ekspektasi", "perilaku_reason": "", "predikat": "Baik", "objection_status": "none",
		"approved_reports": "1", "final_hasil": "Di Atas Ekspektasi", "locked": "false",
	} {
		if col[c] != v {
			t.Errorf("%s = %q, want %q", c, col[c], v)
		}
	}
	ind, err := h.f.IndicatorTable(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(ind) != 2 || !slices.Equal(ind[1], []string{nipBudi, "Budi Santoso", "PKM-TGR", october, "K1", "Pasien dilayani",
		"pasien", "naik", "0", "100", "95", "95.00", "reports", october, "jumlah", "set", "", "", "95.00", "120"}) {
		t.Fatalf("indicators %v", ind)
	}
}
