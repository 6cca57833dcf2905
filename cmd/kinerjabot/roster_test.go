package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls Main with a database file and returns status, stdout, stderr.
func run(t *testing.T, dbPath string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, nil, &out, &errOut, env(map[string]string{"KINERJA_DB": dbPath}))
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const goodRoster = `NIP,Nama,Jabatan,Kode Unit,Nama Unit,NIP Atasan,Peran
196905121994031004,H. Syafrizal,Sekretaris Daerah,SETDA,Sekretariat Daerah,,
197804152005012003,dr. Rina Marlina,Kepala Puskesmas,PKM-TGR,Puskesmas Tanah Garam,196905121994031004,
198502022010011002,Budi Santoso,Perawat,PKM-TGR,Puskesmas Tanah Garam,197804152005012003,
198103102006041001,Andi Pratama,Analis SDM,BKPSDM,BKPSDM,196905121994031004,admin
`

func TestRosterImportBadRowsWriteNothingThenSkipInvalid(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	bad := writeFile(t, "bad.csv", goodRoster+
		"12345,Salah NIP,Staf,PKM-TGR,Puskesmas Tanah Garam,197804152005012003,\n"+
		"199003032015032003,,Bidan,PKM-TGR,Puskesmas Tanah Garam,197804152005012003,\n"+
		"199101012019031001,Tanpa Atasan Dikenal,Staf,PKM-TGR,Puskesmas Tanah Garam,199999999999999999,\n")
	code, _, stderr := run(t, db, "roster", "import", bad)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1; %s", code, stderr)
	}
	for _, row := range []string{"Baris 6", "Baris 7", "Baris 8"} {
		if !strings.Contains(stderr, row) {
			t.Errorf("problem list lacks %q:\n%s", row, stderr)
		}
	}
	// Nothing was written, so no database was left behind either.
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatalf("a failed first import left a database file: %v", err)
	}
	if code, _, stderr := run(t, db, "roster", "list"); code == exitOK || !strings.Contains(stderr, "tidak ada") {
		t.Fatalf("roster list of a missing database: exit %d, %s", code, stderr)
	}

	code, stdout, stderr := run(t, db, "roster", "import", bad, "--skip-invalid")
	if code != exitOK {
		t.Fatalf("--skip-invalid exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "Pegawai: 4 baru") || !strings.Contains(stderr, "Baris 6") {
		t.Fatalf("summary %q / problems %q", stdout, stderr)
	}
	_, list, _ := run(t, db, "roster", "list")
	if got := strings.Count(strings.TrimSpace(list), "\n"); got != 4 {
		t.Fatalf("listing has %d people, want exactly the 4 good rows:\n%s", got, list)
	}

	good := writeFile(t, "good.csv", goodRoster)
	code, stdout, _ = run(t, db, "roster", "import", good)
	if code != exitOK || !strings.Contains(stdout, "Pegawai: 0 baru, 0 diubah, 4 tetap") {
		t.Fatalf("re-import changed something: %d %q", code, stdout)
	}
	_, unit, _ := run(t, db, "roster", "list", "--unit", "PKM-TGR")
	if strings.Contains(unit, "Andi") || !strings.Contains(unit, "Budi Santoso") {
		t.Fatalf("unit listing:\n%s", unit)
	}
}

func TestRosterAndInviteUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	if code, _, _ := run(t, db, "roster"); code != exitUsage {
		t.Fatalf("roster without subcommand: %d", code)
	}
	if code, _, stderr := run(t, db, "roster", "import", "--help"); code != exitOK || !strings.Contains(stderr, "skip-invalid") {
		t.Fatalf("roster import --help: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, db, "roster", "import", "/nonexistent.csv"); code != exitFailed || stderr == "" {
		t.Fatalf("missing file: %d %q", code, stderr)
	}
	// The first thing to fix first: the database, then the username.
	if code, _, stderr := run(t, db, "invite", "123"); code != exitFailed || !strings.Contains(stderr, "tidak ada") {
		t.Fatalf("invite into a missing database: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, db, "roster", "import", writeFile(t, "r.csv", goodRoster)); code != exitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := run(t, db, "invite", "123"); code != exitFailed || !strings.Contains(stderr, "username") {
		t.Fatalf("invite before the bot ever ran: %d %q", code, stderr)
	}
}
