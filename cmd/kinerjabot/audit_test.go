package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// runLang is run with the configured language set.
func runLang(t *testing.T, dbPath, lang string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, nil, &out, &errOut, env(map[string]string{"KINERJA_DB": dbPath, "KINERJA_LANG": lang}))
	return code, out.String(), errOut.String()
}

var headHash = regexp.MustCompile(`(?:Hash kepala|Head hash): ([0-9a-f]{64})`)

// verifiedHead runs audit verify, expects it intact, and returns the head.
func verifiedHead(t *testing.T, path string) string {
	t.Helper()
	code, out, errOut := run(t, path, "audit", "verify")
	m := headHash.FindStringSubmatch(out)
	if code != exitOK || m == nil {
		t.Fatalf("audit verify: %d %q %q", code, out, errOut)
	}
	return m[1]
}

// reportApproved stores a report and its approval with the audit entries
// the report feature writes, each change in its own transaction.
func reportApproved(t *testing.T, path string) {
	t.Helper()
	ctx := context.Background()
	db := storagetest.MustOpenPath(t, path)
	defer db.Close()
	month, _ := kinerja.ParsePeriod(thisMonth())
	targets, err := db.TargetsFor(ctx, demoBudi, month)
	if err != nil || len(targets) == 0 {
		t.Fatalf("targets: %v %v", targets, err)
	}
	now := time.Now()
	rep := &kinerja.Report{NIP: demoBudi, TargetID: targets[0].ID, WorkDate: now.Format(time.DateOnly), Quantity: 3,
		Description: "Melayani pasien", Status: kinerja.ReportPending, AssessorNIP: demoRina, CreatedAt: now, UpdatedAt: now}
	step := func(action string, change func(tx kinerja.Tx) error) {
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			if err := change(tx); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: now, ActorNIP: demoRina, Action: action, Entity: "report",
				EntityID: strconv.FormatInt(rep.ID, 10), After: rep.AuditJSON()})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	step("report.create", func(tx kinerja.Tx) error { return tx.CreateReport(ctx, rep) })
	step("report.approve", func(tx kinerja.Tx) error {
		rep.Status, rep.DecidedBy, rep.DecidedAt = kinerja.ReportApproved, demoRina, now
		return tx.UpdateReport(ctx, rep)
	})
}

// The check: a chain cut back after its head was published, with
// the head row reset to match, fails audit verify --head with the published
// hash; cutting off decisions fails audit verify even without it.
func TestAuditVerifyHeadAndCoverageCatchATruncation(t *testing.T) {
	path := seedFile(t)
	targets := writeFile(t, "targets.csv", "NIP,Periode,Kode Indikator,Indikator,Satuan,Target,Arah,Bobot\n"+
		demoBudi+","+thisMonth()+",PKM-01,Pasien dilayani,pasien,200,naik,\n")
	if code, _, stderr := run(t, path, "targets", "import", targets); code != exitOK {
		t.Fatalf("targets import: %s", stderr)
	}
	reportApproved(t, path)
	head := verifiedHead(t, path)
	code, out, _ := run(t, path, "audit", "verify", "--head", kinerja.ShortHead(head))
	if code != exitOK || !strings.Contains(out, "Kepala "+kinerja.ShortHead(head)+" yang dicatat di luar tercapai: entri #3") {
		t.Fatalf("--head of the current head: %d %q", code, out)
	}

	// The summary publishes the head after one more entry; then the entry
	// is cut off and the head row set back, so the chain is whole again.
	raw, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	db := storagetest.MustOpenPath(t, path)
	if err := db.AppendAudit(context.Background(), &kinerja.AuditEntry{At: time.Now(), Action: "evidence.hash", Entity: "report",
		EntityID: "1", After: `{"sha256":"00"}`}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	published := kinerja.ShortHead(verifiedHead(t, path))
	if _, err := raw.Exec(`DELETE FROM audit_log WHERE seq = 4`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_head SET seq = 3, hash = ?`, head); err != nil {
		t.Fatal(err)
	}
	if got := verifiedHead(t, path); got != head {
		t.Fatalf("head after the cut %s, want %s", got, head)
	}
	code, out, _ = run(t, path, "audit", "verify", "--head", published)
	if code != exitFailed || !strings.Contains(out, "TIDAK MENCAPAI kepala "+published) || !strings.Contains(out, "3 entri tersisa") {
		t.Fatalf("--head after a truncation: %d %q", code, out)
	}
	code, out, _ = runLang(t, path, "en", "audit", "verify", "--head", published)
	if code != exitFailed || !strings.Contains(out, "DOES NOT REACH the head "+published) {
		t.Fatalf("--head after a truncation, in English: %d %q", code, out)
	}

	// Everything deleted and the head reset: the chain is "intact" and
	// empty, but an approved report has no audit entry.
	if _, err := raw.Exec(`DELETE FROM audit_log`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_head SET seq = 0, hash = ''`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = run(t, path, "audit", "verify")
	if code != exitFailed || !strings.Contains(out, "Log audit TIDAK LENGKAP: 1 dari 1 laporan disetujui tidak punya entri audit (report.approve)") {
		t.Fatalf("verify with every entry deleted: %d %q", code, out)
	}
	if strings.Contains(out, "utuh") {
		t.Fatalf("an incomplete log called intact: %q", out)
	}

	for _, bad := range []string{"abc", head[:15], "xyz" + head[3:]} {
		if code, _, errOut := run(t, path, "audit", "verify", "--head", bad); code != exitUsage || !strings.Contains(errOut, "bukan hash kepala") {
			t.Errorf("--head %q: %d %q", bad, code, errOut)
		}
	}
}

// A mistyped KINERJA_DB is refused by the commands that only read, in the
// configured language, and no database file appears.
func TestReadOnlyCommandsRefuseAMissingDatabase(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kinerjbot.db")
	for _, args := range [][]string{
		{"audit", "verify"},
		{"roster", "list"},
		{"export", "--what", "reports", "--period", "2026-10"},
		{"survey-link", "--list"},
	} {
		code, out, errOut := run(t, path, args...)
		if code != exitFailed || out != "" || !strings.Contains(errOut, "Basis data "+path+" tidak ada") {
			t.Errorf("%v: %d %q %q", args, code, out, errOut)
		}
	}
	if code, _, errOut := runLang(t, path, "en", "audit", "verify"); code != exitFailed || !strings.Contains(errOut, "Database "+path+" does not exist") {
		t.Errorf("in English: %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files created: %v", entries)
	}
}

// An export over an earlier file replaces it whole; one that cannot be
// written says so and leaves the earlier file as it was.
func TestExportOutReplacesOrKeepsThePreviousFile(t *testing.T) {
	path := seedFile(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(out, []byte("old export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, path, "roster", "list", "--out", out); code != exitOK {
		t.Fatalf("roster list --out: %d %q", code, errOut)
	}
	got, _ := os.ReadFile(out)
	if !strings.HasPrefix(string(got), "NIP,") || !strings.Contains(string(got), demoBudi) {
		t.Fatalf("export: %q", got)
	}
	// The target is a folder: nothing can replace it, and the status says so.
	folder := filepath.Join(dir, "laporan.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := run(t, path, "export", "--what", "reports", "--period", thisMonth(), "--format", "xlsx", "--out", folder)
	if code != exitFailed || !strings.Contains(errOut, "is a directory") {
		t.Fatalf("export onto a folder: %d %q", code, errOut)
	}
	code, _, errOut = run(t, path, "roster", "list", "--out", filepath.Join(dir, "missing", "r.csv"))
	if code != exitFailed || !strings.Contains(errOut, "no such file or directory") {
		t.Fatalf("export into a missing folder: %d %q", code, errOut)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("files left behind: %v", entries)
	}
}
