package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func sha(b []byte) string { s := sha256.Sum256(b); return hex.EncodeToString(s[:]) }

func TestLaporWithButtonsTypedValuesAndEvidence(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Msg.Files["ph1"] = []byte("foto pasien")
	f.Msg.Files["doc1"] = []byte("%PDF surat rujukan")

	start := bottest.MustSay(t, f.Text(tgBudi, "/lapor"), "Pilih indikator")
	if got := bottest.ButtonData(t, []bot.OutMessage{start}, "lp:t:"); got == "" {
		t.Fatal("no indicator buttons")
	}
	for _, row := range start.Buttons {
		if strings.Contains(row[0].Text, "IKI-S") {
			t.Fatalf("Sari's indicator offered to Budi: %+v", start.Buttons)
		}
	}
	bottest.MustSay(t, f.Press(tgBudi, 1, tid(f.ikiPasien)), "IKI-1", "pasien", "2,5")

	t.Run("bad quantities get a clear message and a second try", func(t *testing.T) {
		for _, c := range []struct{ in, want string }{
			{"banyak", "bukan angka"},
			{"-3", "lebih dari nol"},
			{"0", "lebih dari nol"},
			{"2.500", "ribuan atau desimal"},
			{"3 pasien", "bukan angka"},
			{"5000", "paling banyak 2000 pasien"},
		} {
			bottest.MustSay(t, f.Text(tgBudi, c.in), c.want, "Berapa jumlah")
		}
	})
	dates := bottest.MustSay(t, f.Text(tgBudi, "2,5"), "Kapan pekerjaan")
	mustButton(t, dates, "Hari ini (10/11)", "lp:d:0")
	mustButton(t, dates, "Kemarin (9/11)", "lp:d:1")
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:d:1"), "uraian singkat")

	t.Run("a 5,000-character description is refused", func(t *testing.T) {
		bottest.MustSay(t, f.Text(tgBudi, strings.Repeat("a", 5000)), "terlalu panjang (5000 karakter)", "uraian singkat")
		bottest.MustSay(t, f.Handle(bottest.Photo(tgBudi, "ph0")), "teks")
	})
	bottest.MustSay(t, f.Text(tgBudi, "Melayani pasien <rawat> jalan"), "foto atau dokumen")

	t.Run("sticker, voice note and location are not evidence", func(t *testing.T) {
		for kind, want := range map[bot.MessageKind]string{bot.KindSticker: "Stiker", bot.KindVoice: "suara", bot.KindLocation: "Lokasi", bot.KindOther: "Jenis pesan"} {
			bottest.MustSay(t, f.Handle(bot.Update{ChatID: tgBudi, ChatType: bot.ChatPrivate, From: bot.User{ID: tgBudi}, Kind: kind}), want)
		}
		big := bottest.Photo(tgBudi, "huge")
		big.File.Size = 30 << 20
		bottest.MustSay(t, f.Handle(big), "terlalu besar")
	})
	bottest.MustSay(t, f.Handle(bottest.Photo(tgBudi, "ph1")), "Bukti ke-1 diterima")
	bottest.MustSay(t, f.Handle(bottest.Photo(tgBudi, "ph1")), "sudah Anda lampirkan")
	ev := bottest.MustSay(t, f.Handle(bottest.Document(tgBudi, "doc1", "rujukan.pdf")), "Bukti ke-2 diterima")
	if bottest.ButtonData(t, []bot.OutMessage{ev}, "lp:ev") != "lp:ev" {
		t.Fatal("no Selesai button")
	}
	preview := bottest.MustSay(t, f.Press(tgBudi, 1, "lp:ev"), "Periksa laporan", "2,5 pasien", "Senin, 9 November 2026",
		"Melayani pasien &lt;rawat&gt; jalan", "2 berkas")
	for _, want := range []string{"lp:ok", "lp:ed", "lp:x"} {
		bottest.ButtonData(t, []bot.OutMessage{preview}, want)
	}
	if n, _ := f.DB.CountReports(context.Background(), kinerja.ReportFilter{}); n != 0 {
		t.Fatalf("a report was written before Kirim: %d", n)
	}

	sent := f.Press(tgBudi, 1, "lp:ok")
	bottest.MustSay(t, bottest.To(tgBudi, sent), "Laporan #1 terkirim", "dr. Rina Marlina")
	boss := bottest.To(tgHead, sent)
	if len(boss) != 3 || boss[0].Photo == nil || boss[1].Document == nil || boss[1].FileName != "rujukan.pdf" {
		t.Fatalf("assessor should get the photo, the document, then the decision: %+v", boss)
	}
	decision := bottest.MustSay(t, boss[2:], "Laporan kerja baru #1", "Budi Santoso", "IKI-1", "2,5 pasien", "target 200",
		"SHA-256 "+sha([]byte("foto pasien"))[:12])
	if got := bottest.ButtonData(t, []bot.OutMessage{decision}, "rpt:a:"); got != "rpt:a:1:1" {
		t.Fatalf("approve button = %q", got)
	}
	if strings.Contains(decision.Text, "sama persis") {
		t.Fatal("first use of a file flagged as duplicate")
	}

	r := f.report(1)
	if r.Status != kinerja.ReportPending || r.Quantity != 2.5 || r.WorkDate != "2026-11-09" || r.AssessorNIP != nipHead ||
		r.Description != "Melayani pasien <rawat> jalan" || r.TargetID != f.ikiPasien.ID {
		t.Fatalf("stored report = %+v", r)
	}
	if len(r.Evidence) != 2 || r.Evidence[0].SHA256 != sha([]byte("foto pasien")) || r.Evidence[1].SHA256 != sha([]byte("%PDF surat rujukan")) ||
		r.Evidence[0].FileID != "ph1" || r.Evidence[1].Kind != "document" {
		t.Fatalf("evidence = %+v", r.Evidence)
	}
	if got, want := strings.Join(f.auditActions(), " "), "report.create evidence.hash evidence.hash"; got != want {
		t.Fatalf("audit = %q, want %q", got, want)
	}
	if _, err := f.DB.Session(context.Background(), tgBudi); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("dialogue still open after Kirim: %v", err)
	}
}

func TestLaporDatesInFutureLockedOrOutsideTarget(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Text(tgBudi, "/lapor")
	f.Press(tgBudi, 1, tid(f.ikiPasien))
	f.Text(tgBudi, "4")
	for _, c := range []struct{ in, want string }{
		{"11", "belum terjadi"},
		{"11/11/2026", "belum terjadi"},
		{"31/10", "2026-10 sudah dikunci"},
		{"31/02", "bukan tanggal"},
		{"kapan-kapan", "bukan tanggal"},
	} {
		bottest.MustSay(t, f.Text(tgBudi, c.in), c.want, "Kapan pekerjaan")
	}
	bottest.MustSay(t, f.Text(tgBudi, "2026-11-03"), "uraian singkat")

	// The yearly indicator may take October work, but October locked on 5 November.
	f.Text(tgBudi, "/lapor")
	f.Press(tgBudi, 1, tid(f.ikiWaktu))
	f.Text(tgBudi, "2")
	bottest.MustSay(t, f.Text(tgBudi, "31 Oktober 2026"), "2026-10 sudah dikunci")

	t.Run("before the lock the previous month is open", func(t *testing.T) {
		f.Now = time.Date(2026, 11, 1, 8, 0, 0, 0, wib)
		f.Text(tgBudi, "/lapor")
		bottest.MustSay(t, f.Press(tgBudi, 1, tid(f.ikiWaktu)), "IKI-2")
		mustButton(t, bottest.MustSay(t, f.Text(tgBudi, "2"), "Kapan"), "Kemarin (31/10)", "lp:d:1")
		bottest.MustSay(t, f.Press(tgBudi, 1, "lp:d:1"), "uraian singkat")
	})
	t.Run("a monthly indicator offers no Kemarin across the month boundary", func(t *testing.T) {
		f.Text(tgBudi, "/lapor")
		f.Press(tgBudi, 1, tid(f.ikiPasien))
		m := bottest.MustSay(t, f.Text(tgBudi, "2"), "Kapan")
		mustButton(t, m, "Hari ini (1/11)", "lp:d:0")
		if strings.Contains(m.Text+fmt.Sprint(m.Buttons), "Kemarin") {
			t.Fatalf("Kemarin offered for a November target on 1 November: %+v", m.Buttons)
		}
		bottest.MustSay(t, f.Press(tgBudi, 1, "lp:d:1"), "berlaku untuk periode")
	})
}

func TestLaporPreviewChangeAndCancel(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Text(tgBudi, "/lapor")
	f.Press(tgBudi, 1, tid(f.ikiPasien))
	f.Text(tgBudi, "50")
	f.Press(tgBudi, 1, "lp:d:0")
	f.Text(tgBudi, "Pelayanan")
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:ev"), "50 pasien", "0 berkas")

	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:ed"), "Bagian mana")
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:f:s"), "uraian singkat")
	bottest.MustSay(t, f.Text(tgBudi, "Pelayanan poli umum"), "Pelayanan poli umum", "50 pasien")

	// A new indicator with a smaller bound asks for the quantity again.
	f.Press(tgBudi, 1, "lp:ed")
	f.Press(tgBudi, 1, "lp:f:t")
	bottest.MustSay(t, f.Press(tgBudi, 1, tid(f.ikiWaktu)), "Berapa jumlah", "hari", "Paling banyak 30")
	bottest.MustSay(t, f.Text(tgBudi, "1,5"), "IKI-2", "1,5 hari", "Pelayanan poli umum")

	t.Run("typed Ubah and a stray photo at the preview", func(t *testing.T) {
		bottest.MustSay(t, f.Handle(bottest.Photo(tgBudi, "x")), "teks")
		bottest.MustSay(t, f.Text(tgBudi, "ubah"), "Bagian mana")
		bottest.MustSay(t, f.Press(tgBudi, 1, "lp:f:p"), "1,5 hari")
	})
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:x"), "dibatalkan")
	if n, _ := f.DB.CountReports(context.Background(), kinerja.ReportFilter{}); n != 0 {
		t.Fatalf("Batal wrote %d reports", n)
	}
	f.Press(tgBudi, 1, "lp:ok") // a stale press after Batal
	if ans := f.Msg.Answer("cblp:ok"); !strings.Contains(ans, "tidak berlaku") {
		t.Fatalf("stale Kirim answered %q", ans)
	}
	if n, _ := f.DB.CountReports(context.Background(), kinerja.ReportFilter{}); n != 0 {
		t.Fatalf("stale Kirim wrote %d reports", n)
	}
}

func TestLaporRefusesUnlinkedAndForgedIndicators(t *testing.T) {
	f := newReportFixture(t, Config{})
	bottest.MustSay(t, f.Text(4242, "/lapor"), "khusus pegawai yang akunnya sudah terhubung")
	f.Press(4242, 1, tid(f.ikiPasien))
	if ans := f.Msg.Answer("cb" + tid(f.ikiPasien)); !strings.Contains(ans, "terhubung") {
		t.Fatalf("unlinked press answered %q", ans)
	}

	f.Text(tgBudi, "/lapor")
	bottest.MustSay(t, f.Press(tgBudi, 1, tid(f.ikiSari)), "tidak tersedia untuk Anda", "Pilih indikator")
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:t:999999"), "tidak tersedia untuk Anda")
	bottest.MustSay(t, f.Press(tgBudi, 1, "lp:t:abc"), "tidak tersedia untuk Anda")
	s, err := f.DB.Session(context.Background(), tgBudi)
	if err != nil || s.Step != stepTarget || s.Data["tid"] != "" {
		t.Fatalf("forged indicator moved the dialogue: %+v %v", s, err)
	}
	bottest.MustSay(t, f.Text(tgBudi, "IKI-S"), "tidak ada dalam daftar")
	bottest.MustSay(t, f.Text(tgBudi, "iki-1"), "Berapa jumlah")
	// A button of another step is stale and changes nothing.
	f.Press(tgBudi, 1, "lp:ok")
	if s, _ := f.DB.Session(context.Background(), tgBudi); s.Step != stepQty {
		t.Fatalf("out-of-step press moved to %q", s.Step)
	}
	if n, _ := f.DB.CountReports(context.Background(), kinerja.ReportFilter{}); n != 0 {
		t.Fatalf("refused input wrote %d reports", n)
	}
	t.Run("English speaker gets English", func(t *testing.T) {
		f.Press(tgSari, 1, "lang:en")
		f.Text(tgSari, "/lapor")
		f.Press(tgSari, 1, tid(f.ikiSari))
		bottest.MustSay(t, f.Text(tgSari, "lots"), "is not a number")
	})
}

// mustButton fails unless m has a button with that text and data.
func mustButton(t *testing.T, m bot.OutMessage, text, data string) {
	t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if b.Text == text && b.Data == data {
				return
			}
		}
	}
	t.Fatalf("no button %q (%s) in %+v", text, data, m.Buttons)
}
