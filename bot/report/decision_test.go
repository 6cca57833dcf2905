package report

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func TestApproveWithOnePressCountsTowardCapaianAndExport(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Msg.Files["ph1"] = []byte("foto")
	sent := f.submit(tgBudi, f.ikiPasien, "2,5", "lp:d:0", "Pelayanan pasien", bottest.Photo(tgBudi, "ph1"))
	approve := bottest.ButtonData(t, bottest.To(tgHead, sent), "rpt:a:")

	out := f.Press(tgHead, 42, approve)
	edited := bottest.MustSay(t, bottest.To(tgHead, out), "Disetujui")
	if edited.EditID != 42 || len(edited.Buttons) != 0 {
		t.Fatalf("decision message not edited in place without buttons: %+v", edited)
	}
	bottest.MustSay(t, bottest.To(tgBudi, out), "Laporan #1", "disetujui", "dr. Rina Marlina")
	r := f.report(1)
	if r.Status != kinerja.ReportApproved || r.DecidedBy != nipHead || r.DecidedAsDelegate || !r.DecidedAt.Equal(f.Now) {
		t.Fatalf("after approval: %+v", r)
	}
	bottest.MustSay(t, f.Text(tgBudi, "/capaian"), "IKI-1", "Realisasi 2,5 / target 200 pasien", "capaian <b>1,25%</b>")

	rows, err := f.feat.ReportRows(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"1", nipBudi, "Budi Santoso", "PKM-TGR", "IKI-1", "2026-11-10", "2.5", "approved", nipHead,
		"2026-11-10T09:00:00+07:00", "", "1", sha([]byte("foto")), nipHead, "dr. Rina Marlina", "dr. Rina Marlina", ""}
	if len(rows) != 1 || strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Fatalf("export rows = %q\nwant %q", rows, want)
	}
	if len(ReportColumns) != len(want) {
		t.Fatalf("%d columns for %d values", len(ReportColumns), len(want))
	}
	if v, err := kinerja.VerifyAudit(context.Background(), f.DB); err != nil || !v.OK() || v.Count != 3 {
		t.Fatalf("audit after approval: %+v %v", v, err)
	}
}

func TestForgedForeignSelfAndSecondDecisionsChangeNothing(t *testing.T) {
	f := newReportFixture(t, Config{})
	sent := f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan")
	approve := bottest.ButtonData(t, bottest.To(tgHead, sent), "rpt:a:")
	audit := len(f.auditActions())
	unchanged := func(t *testing.T) {
		t.Helper()
		if r := f.report(1); r.Status != kinerja.ReportPending || r.Version != 1 || r.DecidedBy != "" {
			t.Fatalf("report changed: %+v", r)
		}
		if got := len(f.auditActions()); got != audit {
			t.Fatalf("audit grew from %d to %d", audit, got)
		}
	}
	cases := []struct {
		name string
		from int64
		data string
		want string
	}{
		{"the staff member themselves", tgBudi, approve, "laporan Anda sendiri"},
		{"a colleague", tgSari, approve, "bukan pejabat penilai"},
		{"another unit's assessor", tgOtherBos, approve, "bukan pejabat penilai"},
		{"another unit's assessor rejecting", tgOtherBos, "rpt:r:1:1", "bukan pejabat penilai"},
		{"someone not linked", 4242, approve, "terhubung"},
		{"a stale version", tgHead, "rpt:a:1:0", "sudah diubah"},
		{"a report that does not exist", tgHead, "rpt:a:99:1", "tidak ditemukan"},
		{"garbage id", tgHead, "rpt:a:x:1", ""},
		{"unknown action", tgHead, "rpt:z:1:1", ""},
		{"missing fields", tgHead, "rpt:a", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := f.Press(c.from, 7, c.data)
			ans := f.Msg.Answer("cb" + c.data)
			if ans == "" {
				t.Fatalf("press not answered with a notice")
			}
			if c.want != "" {
				bottest.MustSay(t, out, c.want)
			}
			unchanged(t)
		})
	}
	t.Run("an admin decides as delegate, recorded as such", func(t *testing.T) {
		bottest.MustSay(t, bottest.To(tgAdmin, f.Press(tgAdmin, 7, approve)), "Disetujui", "sebagai admin")
		r := f.report(1)
		if r.Status != kinerja.ReportApproved || r.DecidedBy != nipAdmin || !r.DecidedAsDelegate {
			t.Fatalf("delegate approval: %+v", r)
		}
		rows, err := f.feat.ReportRows(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
		if err != nil || len(rows) != 1 || !strings.HasSuffix(strings.Join(rows[0], "|"), "|Andi Admin|dr. Rina Marlina|admin") {
			t.Fatalf("export of a delegate decision: %q %v", rows, err)
		}
	})
	t.Run("a second decision is refused", func(t *testing.T) {
		before := len(f.auditActions())
		bottest.MustSay(t, f.Press(tgHead, 7, "rpt:r:1:2"), "sudah berstatus disetujui")
		bottest.MustSay(t, f.Press(tgHead, 7, approve), "sudah berstatus disetujui")
		if r := f.report(1); r.Status != kinerja.ReportApproved || r.DecidedBy != nipAdmin {
			t.Fatalf("second decision changed the report: %+v", r)
		}
		if got := len(f.auditActions()); got != before {
			t.Fatalf("refused decision was audited")
		}
	})
}

func TestRejectAndReturnNeedAReasonAndReturnedReportsCanBeResent(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan pagi")
	f.submit(tgBudi, f.ikiPasien, "4", "lp:d:1", "Pelayanan sore")

	bottest.MustSay(t, f.Press(tgHead, 11, "rpt:r:1:1"), "alasan <b>penolakan</b> laporan #1")
	bottest.MustSay(t, f.Text(tgHead, "ok"), "2 karakter", "5–1000")
	bottest.MustSay(t, f.Handle(bottest.Photo(tgHead, "p")), "berupa teks")
	if r := f.report(1); r.Status != kinerja.ReportPending {
		t.Fatalf("status before the reason: %s", r.Status)
	}
	out := f.Text(tgHead, "Jumlah pasien tidak sesuai register")
	edited := bottest.MustSay(t, bottest.To(tgHead, out), "Ditolak", "Jumlah pasien tidak sesuai register")
	if edited.EditID != 11 {
		t.Fatalf("decision message not edited: %+v", edited)
	}
	bottest.MustSay(t, bottest.To(tgBudi, out), "ditolak", "Alasan: Jumlah pasien tidak sesuai register")
	if r := f.report(1); r.Status != kinerja.ReportRejected || r.Reason != "Jumlah pasien tidak sesuai register" {
		t.Fatalf("rejected report = %+v", r)
	}

	f.Press(tgHead, 12, "rpt:k:2:1")
	out = f.Text(tgHead, "Lampirkan foto register")
	bottest.MustSay(t, bottest.To(tgBudi, out), "dikembalikan", "Lampirkan foto register", "/laporan")

	list := bottest.MustSay(t, f.Text(tgBudi, "/laporan"), "#1", "ditolak", "#2", "dikembalikan", "Alasan: Lampirkan foto register")
	fix := bottest.ButtonData(t, []bot.OutMessage{list}, "lpn:e:2")
	bottest.MustSay(t, f.Press(tgBudi, list.EditID, fix), "Periksa perubahan laporan #2", "Lampirkan foto register")
	f.Press(tgBudi, 1, "lp:ed")
	f.Press(tgBudi, 1, "lp:f:e")
	f.Msg.Files["reg"] = []byte("register")
	f.Handle(bottest.Photo(tgBudi, "reg"))
	f.Press(tgBudi, 1, "lp:ev")
	out = f.Press(tgBudi, 1, "lp:ok")
	bottest.MustSay(t, bottest.To(tgBudi, out), "Laporan #2 terkirim")
	decision := bottest.MustSay(t, bottest.To(tgHead, out), "diperbaiki dan dikirim ulang")
	r := f.report(2)
	if r.Status != kinerja.ReportPending || r.Reason != "" || r.DecidedBy != "" || len(r.Evidence) != 1 || r.Evidence[0].SHA256 == "" {
		t.Fatalf("resubmitted report = %+v", r)
	}
	// The decision message on the returned version is stale now.
	bottest.MustSay(t, f.Press(tgHead, 12, "rpt:a:2:1"), "sudah diubah")
	f.Press(tgHead, 13, "rpt:a:2:2")
	if r := f.report(2); r.Status != kinerja.ReportPending {
		t.Fatalf("stale version approved the corrected report: %s", r.Status)
	}
	f.Press(tgHead, 13, bottest.ButtonData(t, []bot.OutMessage{decision}, "rpt:a:"))
	if r := f.report(2); r.Status != kinerja.ReportApproved {
		t.Fatalf("current version not approved: %s", r.Status)
	}
	want := "report.create report.create report.reject report.return report.resubmit evidence.hash report.approve"
	if got := strings.Join(f.auditActions(), " "); got != want {
		t.Fatalf("audit = %q\nwant  %q", got, want)
	}
}

func TestMyReportsEditAndWithdraw(t *testing.T) {
	f := newReportFixture(t, Config{})
	sent := f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan")
	oldApprove := bottest.ButtonData(t, bottest.To(tgHead, sent), "rpt:a:")

	list := bottest.MustSay(t, f.Text(tgBudi, "/laporan"), "#1", "menunggu", "3 pasien")
	mustButton(t, list, "✏️ Ubah #1", "lpn:e:1")
	mustButton(t, list, "🚫 Tarik #1", "lpn:w:1")

	t.Run("someone else cannot open or withdraw it", func(t *testing.T) {
		bottest.MustSay(t, f.Press(tgSari, 1, "lpn:e:1"), "bukan milik Anda")
		bottest.MustSay(t, f.Press(tgSari, 1, "lpn:y:1:1"), "bukan milik Anda")
		if r := f.report(1); r.Status != kinerja.ReportPending {
			t.Fatal("foreign withdrawal changed the report")
		}
	})

	bottest.MustSay(t, f.Press(tgBudi, 5, "lpn:e:1"), "Periksa perubahan laporan #1")
	f.Press(tgBudi, 1, "lp:ed")
	f.Press(tgBudi, 1, "lp:f:q")
	bottest.MustSay(t, f.Text(tgBudi, "6"), "6 pasien")
	out := f.Press(tgBudi, 1, "lp:ok")
	bottest.MustSay(t, bottest.To(tgHead, out), "Laporan #1 diubah")
	if r := f.report(1); r.Quantity != 6 || r.Status != kinerja.ReportPending || r.Version != 2 {
		t.Fatalf("edited report = %+v", r)
	}
	bottest.MustSay(t, f.Press(tgHead, 9, oldApprove), "sudah diubah")
	if r := f.report(1); r.Status != kinerja.ReportPending {
		t.Fatal("an approval of the old version went through")
	}

	ask := bottest.MustSay(t, f.Press(tgBudi, 5, "lpn:w:1"), "Tarik laporan #1?")
	confirm := bottest.ButtonData(t, []bot.OutMessage{ask}, "lpn:y:")
	bottest.MustSay(t, f.Press(tgBudi, 6, "lpn:n"), "tidak ditarik")
	out = f.Press(tgBudi, 6, confirm)
	bottest.MustSay(t, bottest.To(tgBudi, out), "sudah ditarik")
	bottest.MustSay(t, bottest.To(tgHead, out), "ditarik oleh pegawai")
	if r := f.report(1); r.Status != kinerja.ReportWithdrawn {
		t.Fatalf("status = %s", r.Status)
	}
	bottest.MustSay(t, f.Press(tgBudi, 6, confirm), "berstatus ditarik")
	bottest.MustSay(t, f.Press(tgHead, 9, "rpt:a:1:3"), "sudah berstatus ditarik")
	if got := strings.Join(f.auditActions(), " "); got != "report.create report.edit report.withdraw" {
		t.Fatalf("audit = %q", got)
	}
}

func TestApprovalPagesAndApproveAllOnAPage(t *testing.T) {
	f := newReportFixture(t, Config{PageSize: 3})
	for i := 0; i < 4; i++ {
		f.submit(tgBudi, f.ikiPasien, "1", "lp:d:0", "Pelayanan")
	}
	f.submit(tgSari, f.ikiSari, "2", "lp:d:0", "Persalinan")

	bottest.MustSay(t, f.Text(tgBudi, "/persetujuan"), "tidak tersedia untuk peran Anda")
	page1 := bottest.MustSay(t, f.Text(tgHead, "/persetujuan"), "halaman 1 dari 2 (5 laporan)", "#1", "#2", "#3")
	if strings.Contains(page1.Text, "#4") {
		t.Fatal("page 1 shows a report of page 2")
	}
	mustButton(t, page1, "Berikutnya »", "apv:p:1")
	page2 := bottest.MustSay(t, f.Press(tgHead, 30, "apv:p:1"), "halaman 2 dari 2", "#4", "#5", "Sari")
	if page2.EditID != 30 {
		t.Fatal("page not turned in place")
	}
	t.Run("another assessor cannot open this list", func(t *testing.T) {
		bottest.MustSay(t, f.Press(tgOtherBos, 1, "apv:p:0:"+nipHead), "bukan milik Anda")
		bottest.MustSay(t, f.Press(tgOtherBos, 1, "apv:all:0:"+nipHead), "bukan milik Anda")
		bottest.MustSay(t, f.Text(tgOtherBos, "/persetujuan "+nipHead), "Hanya admin")
	})

	t.Run("🔎 shows the whole report with its buttons, to the assessor only", func(t *testing.T) {
		full := bottest.MustSay(t, f.Press(tgHead, 30, "rpt:v:4:1"), "Laporan kerja baru #4", "Uraian: Pelayanan")
		mustButton(t, full, "✅ Setujui", "rpt:a:4:1")
		bottest.MustSay(t, f.Press(tgSari, 30, "rpt:v:4:1"), "bukan pejabat penilai")
		if out := f.Press(tgHead, 30, "rpt:|:4:1"); len(out) != 0 || !strings.Contains(f.Msg.Answer("cbrpt:|:4:1"), "tidak berlaku") {
			t.Fatalf("unknown action: %+v %q", out, f.Msg.Answer("cbrpt:|:4:1"))
		}
	})
	ask := bottest.MustSay(t, f.Press(tgHead, 30, "apv:all:0"), "Setujui 3 laporan", "#1, #2, #3")
	mustButton(t, ask, "Ya, setujui 3 laporan", "apv:y")
	// Report 2 is withdrawn before the confirmation: it is skipped.
	f.Press(tgBudi, 1, "lpn:y:2:1")
	out := f.Press(tgHead, 31, "apv:y")
	bottest.MustSay(t, bottest.To(tgHead, out), "2 laporan disetujui", "1 laporan dilewati")
	if len(bottest.To(tgBudi, out)) != 2 {
		t.Fatalf("Budi should be told of two approvals: %+v", bottest.To(tgBudi, out))
	}
	for id, want := range map[int64]kinerja.ReportStatus{1: kinerja.ReportApproved, 2: kinerja.ReportWithdrawn,
		3: kinerja.ReportApproved, 4: kinerja.ReportPending, 5: kinerja.ReportPending} {
		if got := f.report(id).Status; got != want {
			t.Errorf("report %d: %s, want %s", id, got, want)
		}
	}
	f.Press(tgHead, 31, "apv:y")
	if ans := f.Msg.Answer("cbapv:y"); !strings.Contains(ans, "tidak berlaku") {
		t.Fatalf("repeated confirmation answered %q", ans)
	}
	t.Run("an admin opens an assessor's list as delegate", func(t *testing.T) {
		bottest.MustSay(t, f.Text(tgAdmin, "/persetujuan "+nipHead), "halaman 1 dari 1 (2 laporan)", "Atas nama")
		f.Press(tgAdmin, 40, "apv:all:0:"+nipHead)
		bottest.MustSay(t, f.Press(tgAdmin, 41, "apv:y"), "2 laporan disetujui")
		if r := f.report(5); r.Status != kinerja.ReportApproved || !r.DecidedAsDelegate || r.DecidedBy != nipAdmin {
			t.Fatalf("delegate approve-all: %+v", r)
		}
	})
	bottest.MustSay(t, f.Text(tgHead, "/persetujuan"), "Tidak ada laporan")
}

func TestDuplicateEvidenceIsFlaggedToTheAssessor(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Msg.Files["a"] = []byte("the same picture")
	f.Msg.Files["b"] = []byte("the same picture")
	f.submit(tgBudi, f.ikiPasien, "1", "lp:d:0", "Pagi", bottest.Photo(tgBudi, "a"))
	out := f.submit(tgSari, f.ikiSari, "1", "lp:d:0", "Sore", bottest.Photo(tgSari, "b"))
	bottest.MustSay(t, bottest.To(tgHead, out), "Bukti 1 sama persis dengan bukti pada laporan #1")
	if r := f.report(2); r.Evidence[0].DuplicateOf != 1 {
		t.Fatalf("duplicate not stored: %+v", r.Evidence)
	}
}

func TestDigestModeBatchesNotifications(t *testing.T) {
	f := newReportFixture(t, Config{Digest: true})
	out := f.submit(tgBudi, f.ikiPasien, "1", "lp:d:0", "Pagi")
	if len(bottest.To(tgHead, out)) != 0 {
		t.Fatalf("assessor notified one by one in digest mode: %+v", bottest.To(tgHead, out))
	}
	f.submit(tgSari, f.ikiSari, "2", "lp:d:0", "Sore")
	ctx := context.Background()
	if err := f.digest(ctx); err != nil {
		t.Fatal(err)
	}
	digest := bottest.MustSay(t, bottest.To(tgHead, f.Msg.Take()), "2 laporan", "#1 Budi Santoso", "#2 Sari &lt;Dewi&gt;")
	mustButton(t, digest, "Buka daftar persetujuan", "apv:p:0")
	f.Now = f.Now.Add(1e9)
	if err := f.digest(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.Msg.Take(); len(got) != 0 {
		t.Fatalf("second digest without news sent %+v", got)
	}
}

func TestApprovalPageOfTenLongReportsFitsOneMessage(t *testing.T) {
	f := newReportFixture(t, Config{PageSize: 10})
	long := strings.Repeat("Pelayanan <pasien> & keluarga. ", 40)[:1000]
	for i := 0; i < 10; i++ {
		f.submit(tgBudi, f.ikiPasien, "1", "lp:d:0", long)
	}
	page := bottest.MustSay(t, f.Text(tgHead, "/persetujuan"), "halaman 1 dari 1 (10 laporan)", "#10", "&lt;pasien&gt; &amp;")
	if n := len([]rune(page.Text)); n > 4096 {
		t.Fatalf("page of %d characters", n)
	}
	// A long reason shows shortened in the staff member's list.
	f.Press(tgHead, 1, "rpt:k:1:1")
	f.Text(tgHead, strings.Repeat("Perbaiki. ", 100))
	list := bottest.MustSay(t, f.Text(tgBudi, "/laporan"), "#1", "dikembalikan", "…")
	if n := len([]rune(list.Text)); n > 4096 {
		t.Fatalf("list of %d characters", n)
	}
}
