package main

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

const (
	demoBudi = "198502022010011002"
	demoRina = "197804152005012003"
	demoYus  = "197511202000121002" // head of another unit (Dukcapil)
)

// thisMonth is the current month in Asia/Jakarta, as targets name it.
func thisMonth() string {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	return kinerja.MonthOf(time.Now(), loc).String()
}

func TestTargetsImportListsBadRowsAndWritesNothing(t *testing.T) {
	path := seedFile(t)
	bad := writeFile(t, "targets.csv", "NIP;Periode;Kode Indikator;Indikator;Satuan;Target;Arah;Bobot\n"+
		demoBudi+";"+thisMonth()+";PKM-01;Pasien dilayani;pasien;200;naik;\n"+
		"123;"+thisMonth()+";PKM-02;X;x;1;naik;\n"+
		demoBudi+";bulan ini;PKM-03;X;x;1;naik;\n"+
		demoBudi+";"+thisMonth()+";PKM-04;X;x;nol;ke atas;\n")
	code, _, stderr := run(t, path, "targets", "import", bad)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	for _, want := range []string{"Baris 3, kolom NIP", "Baris 4, kolom Periode", "Baris 5, kolom Target", "Baris 5, kolom Arah", "tidak ada target yang disimpan"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("problem list lacks %q:\n%s", want, stderr)
		}
	}
	db := storagetest.MustOpenPath(t, path)
	month, _ := kinerja.ParsePeriod(thisMonth())
	if list, _ := db.TargetsFor(context.Background(), demoBudi, month); len(list) != 0 {
		t.Fatalf("targets written despite problems: %v", list)
	}
	db.Close()
	code, stdout, _ := run(t, path, "targets", "import", bad, "--skip-invalid")
	if code != exitOK || !strings.Contains(stdout, "Target: 1 baru, 0 diubah, 0 tetap. Baris dilewati: 3.") {
		t.Fatalf("--skip-invalid: %d %q", code, stdout)
	}
	if code, _, stderr := run(t, path, "targets", "import", "--help"); code != exitOK || !strings.Contains(stderr, "Periode") {
		t.Fatalf("--help: %d %q", code, stderr)
	}
	if code, _, _ := run(t, path, "targets"); code != exitUsage {
		t.Fatalf("targets without subcommand: %d", code)
	}
	if code, stdout, _ := run(t, path, "targets", "import", "../../configs/targets.example.csv"); code != exitFailed {
		// The example names the example roster's people, not the demo's.
		t.Fatalf("example against another roster: %d %s", code, stdout)
	}
}

// pressLabel presses the newest button whose text starts with label in
// user's chat and waits until the press is answered.
func pressLabel(t *testing.T, fake *fakeapi.Fake, user fakeapi.User, label string) {
	t.Helper()
	msgs := fake.Messages(user.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					pressData(t, fake, user, msgs[i].ID, b.Data)
					return
				}
			}
		}
	}
	t.Fatalf("no button %q in %d's chat", label, user.ID)
}

// pressData presses data on message msgID and waits for the answer.
func pressData(t *testing.T, fake *fakeapi.Fake, user fakeapi.User, msgID int, data string) {
	t.Helper()
	id := fake.Press(user, msgID, data)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return f.RepliedAfterAnswer(id, user.ID) && len(f.Pending()) == 0 }) {
		t.Fatalf("press %q not answered", data)
	}
}

// lastText is the newest message text in user's chat.
func lastText(fake *fakeapi.Fake, user fakeapi.User) string {
	m, _ := fake.LastMessage(user.ID)
	return m.Text
}

// The check: a linked staff member reports with buttons and typed
// values, the assessor approves with one press, forged and foreign presses
// change nothing, the export and /capaian show it, and editing an audit row
// makes audit verify name it.
func TestEndToEndReportApprovedExportedAndAudited(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	budi := fakeapi.User{ID: 7001, FirstName: "Budi"}
	rina := fakeapi.User{ID: 7002, FirstName: "Rina"}
	yus := fakeapi.User{ID: 7003, FirstName: "Yusnaldi"}
	db := storagetest.MustOpenPath(t, path)
	for nip, id := range map[string]int64{demoBudi: budi.ID, demoRina: rina.ID, demoYus: yus.ID} {
		if err := db.LinkTelegram(context.Background(), nip, id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	targets := writeFile(t, "targets.csv", "NIP,Periode,Kode Indikator,Indikator,Satuan,Target,Arah,Bobot\n"+
		demoBudi+","+thisMonth()+",PKM-01,Pasien dilayani,pasien,200,naik,\n")
	if code, _, stderr := run(t, path, "targets", "import", targets); code != exitOK {
		t.Fatalf("targets import: %s", stderr)
	}
	r := startBot(t, fake, path)

	if got := reply(t, fake, budi, "/lapor"); !strings.Contains(got, "Pilih indikator") {
		t.Fatalf("/lapor: %q", got)
	}
	pressLabel(t, fake, budi, "PKM-01")
	for _, c := range []struct{ in, want string }{
		{"dua", "bukan angka"}, {"-1", "lebih dari nol"}, {"2,5", "Kapan pekerjaan"},
	} {
		if got := reply(t, fake, budi, c.in); !strings.Contains(got, c.want) {
			t.Fatalf("%q: %q", c.in, got)
		}
	}
	pressLabel(t, fake, budi, "Hari ini")
	if got := reply(t, fake, budi, strings.Repeat("x", 5000)); !strings.Contains(got, "terlalu panjang") {
		t.Fatalf("long description: %q", got)
	}
	reply(t, fake, budi, "Melayani pasien rawat jalan")
	fake.SendSticker(budi)
	fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return strings.Contains(lastText(f, budi), "Stiker") })
	fake.SendPhoto(budi, []byte("foto register pasien"), "")
	fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return strings.Contains(lastText(f, budi), "Bukti ke-1") })
	pressLabel(t, fake, budi, "✅ Selesai")
	if got := lastText(fake, budi); !strings.Contains(got, "2,5 pasien") {
		t.Fatalf("preview: %q", got)
	}
	pressLabel(t, fake, budi, "✅ Kirim")
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		return strings.Contains(lastText(f, rina), "Setujui") ||
			len(f.Messages(rina.ID)) > 0 && len(f.Messages(rina.ID)[len(f.Messages(rina.ID))-1].Buttons) > 0
	}) {
		t.Fatalf("the assessor got no decision message; logs:\n%s", r.logs)
	}
	rinaMsgs := fake.Messages(rina.ID)
	if !rinaMsgs[0].Photo || !strings.Contains(rinaMsgs[1].Text, "SHA-256") {
		t.Fatalf("assessor messages: %+v", rinaMsgs)
	}
	approve := rinaMsgs[1].Buttons[0][0].Data

	// Forged and foreign presses: the report stays pending.
	budiMsg := fake.Messages(budi.ID)
	pressData(t, fake, budi, budiMsg[len(budiMsg)-1].ID, approve)
	reply(t, fake, yus, "/start")
	pressData(t, fake, yus, fake.Messages(yus.ID)[0].ID, approve)
	pressData(t, fake, rina, rinaMsgs[1].ID, "rpt:a:1:9")
	watch := storagetest.MustOpenPath(t, path)
	if rep, err := watch.Report(context.Background(), 1); err != nil || rep.Status != kinerja.ReportPending {
		t.Fatalf("after forged presses: %+v %v", rep, err)
	}
	if !strings.Contains(lastText(fake, yus), "bukan pejabat penilai") || !strings.Contains(lastText(fake, budi), "laporan Anda sendiri") {
		t.Fatalf("refusals: %q / %q", lastText(fake, yus), lastText(fake, budi))
	}

	pressData(t, fake, rina, rinaMsgs[1].ID, approve)
	if rep, _ := watch.Report(context.Background(), 1); rep.Status != kinerja.ReportApproved {
		t.Fatalf("one press did not approve: %s", rep.Status)
	}
	// Budi is told (his notice goes out after Rina's reply, to his chat).
	if !fake.WaitFor(10*time.Second, func(*fakeapi.Fake) bool { return strings.Contains(lastText(fake, budi), "disetujui") }) {
		t.Fatalf("Budi was not told of the approval: %q", lastText(fake, budi))
	}
	if got := reply(t, fake, budi, "/capaian"); !strings.Contains(got, "Realisasi 2,5 / target 200 pasien") {
		t.Fatalf("/capaian: %q", got)
	}
	watch.Close()
	r.stop()

	today := time.Now().In(mustZone(t)).Format(time.DateOnly)
	code, csv, stderr := run(t, path, "export", "--what", "reports", "--period", thisMonth())
	if code != exitOK {
		t.Fatalf("export: %s", stderr)
	}
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 2 || lines[0] != "report_id,nip,name,unit_code,indicator_code,work_date,quantity,status,decided_by_nip,decided_at,reason,evidence_count,evidence_sha256,assessor_nip,decided_by_name,assessor_name,decided_as" {
		t.Fatalf("export:\n%s", csv)
	}
	for _, want := range []string{"1," + demoBudi + ",Budi Santoso,PKM-TGR,PKM-01," + today + ",2.5,approved," + demoRina + ",", ",1,"} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("export row lacks %q: %s", want, lines[1])
		}
	}
	xlsx := filepath.Join(t.TempDir(), "laporan.xlsx")
	if code, _, stderr := run(t, path, "export", "--what", "reports", "--period", thisMonth(), "--format", "xlsx", "--out", xlsx); code != exitOK {
		t.Fatalf("xlsx export: %s", stderr)
	}
	tab, err := sheet.Read(xlsx)
	if err != nil || len(tab.Rows) != 1 || tab.Rows[0].Cell(7) != "approved" || tab.Rows[0].Cell(6) != "2.5" {
		t.Fatalf("xlsx: %+v %v", tab, err)
	}

	code, out, _ := run(t, path, "audit", "verify")
	if code != exitOK || !strings.Contains(out, "Rantai audit utuh: 4 entri") {
		t.Fatalf("audit verify: %d %q", code, out)
	}
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE audit_log SET after_json = replace(after_json, '"quantity":2.5', '"quantity":25') WHERE action = 'report.approve'`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, path, "audit", "verify")
	if code != exitFailed || !strings.Contains(out, "entri #4 (report.approve pada report 1") || !strings.Contains(out, "telah diubah") {
		t.Fatalf("tampered audit verify: %d %q", code, out)
	}
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	if code, out, _ = run(t, path, "audit", "verify"); code != exitFailed || !strings.Contains(out, "entri #2 hilang") {
		t.Fatalf("audit verify after a removal: %d %q", code, out)
	}
	if code, _, _ := run(t, path, "audit"); code != exitUsage {
		t.Fatalf("audit without verify: %d", code)
	}
}

func TestReportSettingsAreChecked(t *testing.T) {
	for body, want := range map[string]string{
		"reports:\n  page_size: 99\n":              "reports.page_size",
		"reports:\n  digest_schedule: sometimes\n": "reports.digest_schedule",
		"reports:\n  lock_after_days: 40\n":        "reports.lock_after_days",
		"reports:\n  max_file_mb: 100\n":           "reports.max_file_mb",
	} {
		_, err := LoadConfig(writeFile(t, "c.yaml", body), env(nil))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", body, err)
		}
	}
	c, err := LoadConfig(writeFile(t, "c.yaml", "reports:\n  digest: true\n  page_size: 3\n  max_file_mb: 5\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: c}
	if rc := a.reportsConfig(); !rc.Digest || rc.PageSize != 3 || rc.MaxFileSize != 5<<20 || rc.DigestSchedule != report.DefaultDigestSchedule {
		t.Fatalf("reports config = %+v", rc)
	}
	if j := report.New(bot.Deps{}, a.reportsConfig()).Jobs()[0]; j.Spec != report.DefaultDigestSchedule || j.Name != "report-digest" || !j.On() {
		t.Fatalf("digest job %+v", j)
	}
}
