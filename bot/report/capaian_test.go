package report

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// approvePending approves, one press each, every report pending with Budi's assessor.
func (f *reportFixture) approvePending(t *testing.T) {
	t.Helper()
	reps, err := f.DB.ListReports(context.Background(), pendingOf(nipHead))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reps {
		f.Press(tgHead, 1, fmt.Sprintf("rpt:a:%d:%d", r.ID, r.Version))
	}
}

func TestCapaianFromApprovedReportsInBothDirections(t *testing.T) {
	f := newReportFixture(t, Config{})
	bottest.MustSay(t, f.Text(tgBudi, "/capaian"), "IKI-1", "Realisasi 0 / target 200 pasien", "capaian <b>0,00%</b>",
		"IKI-2", "belum ada realisasi")

	f.submit(tgBudi, f.ikiPasien, "100", "lp:d:0", "Poli umum")
	f.submit(tgBudi, f.ikiPasien, "50", "lp:d:1", "Poli gigi")
	f.submit(tgBudi, f.ikiWaktu, "2", "lp:d:0", "Rujukan")
	f.approvePending(t)
	f.submit(tgBudi, f.ikiPasien, "30", "lp:d:0", "Belum disetujui")
	f.submit(tgBudi, f.ikiPasien, "7", "lp:d:0", "Ditolak")
	f.Press(tgHead, 1, "rpt:r:5:1")
	f.Text(tgHead, "Tidak ada bukti")

	msg := bottest.MustSay(t, f.Text(tgBudi, "/capaian"), "Capaian November 2026")
	for _, want := range []string{
		"Realisasi 150 / target 200 pasien → capaian <b>75,00%</b>",
		"(masih menunggu persetujuan: 30 pasien)",
		"makin rendah makin baik, target tahunan",
		"Realisasi 2 / target 3 hari → capaian <b>120,00%</b> (capaian 133,33% dibatasi 120%)",
		"Target dipakai: nilai target 2026, berlaku untuk setiap bagian periodenya; realisasi = rata-rata nilai yang dilaporkan",
		"Target dipakai: target yang ditetapkan untuk 2026-11; realisasi = jumlah laporan",
		"Capaian tertimbang: <b>97,50%</b>",
	} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("/capaian lacks %q:\n%s", want, msg.Text)
		}
	}
	results, weighted, ok, err := f.feat.Achievement(context.Background(), f.DB, nipBudi, kinerja.MonthOf(f.Now, wib))
	if err != nil || !ok || len(results) != 2 {
		t.Fatalf("Achievement = %+v %v %v", results, ok, err)
	}
	if got := fmt.Sprintf("%.4f", weighted); got != "97.5000" {
		t.Fatalf("weighted capaian = %s", got)
	}
	// October: only the yearly indicator applies, and November's work does not count yet.
	oct := bottest.MustSay(t, f.Text(tgBudi, "/capaian 2026-10"), "Capaian Oktober 2026", "IKI-2", "belum ada realisasi")
	if strings.Contains(oct.Text, "IKI-1") {
		t.Fatalf("a November indicator shown for October: %s", oct.Text)
	}
	bottest.MustSay(t, f.Text(tgBudi, "/capaian 2025-01"), "Belum ada indikator")
	bottest.MustSay(t, f.Text(tgBudi, "/capaian kemarin"), "tidak dikenali")
}

func TestAuditChainOfTheFlowsVerifiesAndNamesATamperedRow(t *testing.T) {
	f := newReportFixture(t, Config{})
	f.Msg.Files["p"] = []byte("bukti")
	f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pagi", bottest.Photo(tgBudi, "p"))
	f.approvePending(t)
	f.submit(tgBudi, f.ikiPasien, "4", "lp:d:0", "Sore")
	f.Press(tgBudi, 1, "lpn:y:2:1")
	ctx := context.Background()
	v, err := kinerja.VerifyAudit(ctx, f.DB)
	if err != nil || !v.OK() || v.Count != 5 {
		t.Fatalf("verdict = %+v, %v", v, err)
	}
	entries, _ := f.DB.AuditEntries(ctx, 0, 10)
	approve := entries[2]
	if approve.Action != "report.approve" || approve.ActorNIP != nipHead ||
		!strings.Contains(approve.Before, `"status":"pending"`) || !strings.Contains(approve.After, `"status":"approved"`) {
		t.Fatalf("approval entry = %+v", approve)
	}

	// An intruder edits the approval's recorded quantity straight in SQLite.
	raw, err := sql.Open("sqlite3", f.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE audit_log SET after_json = replace(after_json, '"quantity":3', '"quantity":30') WHERE seq = 3`); err != nil {
		t.Fatal(err)
	}
	v, err = kinerja.VerifyAudit(ctx, f.DB)
	if err != nil || v.OK() || v.BrokenSeq != 3 || v.Problem != "altered" {
		t.Fatalf("tampered verdict = %+v, %v", v, err)
	}
}
