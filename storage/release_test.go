package storage_test

import (
	"context"
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// copyRelease copies the database written by the previous release (the
// demo's, kept with "kinerjabot demo --keep") to a temporary file.
func copyRelease(t *testing.T) string {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", "release1.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	path := filepath.Join(t.TempDir(), "release1.db")
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openRelease opens two copies of the previous release's database: raw,
// untouched and read-only through database/sql, to say what the old data
// is; and db, through storage.Open, which runs the migrations since. Both
// close at the end of the test.
func openRelease(t *testing.T) (raw *sql.DB, db *storage.DB) {
	t.Helper()
	raw, err := sql.Open("sqlite3", "file:"+copyRelease(t)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	db, err = storage.Open(context.Background(), copyRelease(t))
	if err != nil {
		t.Fatalf("open the previous release's database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return raw, db
}

// rawCount counts rows of a table in an untouched copy of the old database.
func rawCount(t *testing.T, raw *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := raw.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// TestPreviousReleaseDatabaseOpensWithAllItsData opens a database written
// by the previous release: the migrations since then run, and the roster,
// reports, evaluations, leave, outbox and the audit chain read back as the
// old database holds them.
func TestPreviousReleaseDatabaseOpensWithAllItsData(t *testing.T) {
	ctx := context.Background()
	raw, db := openRelease(t)

	staff, err := db.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(staff), rawCount(t, raw, "SELECT count(*) FROM staff"); got != want || want == 0 {
		t.Errorf("staff: %d, the old database has %d", got, want)
	}

	rows, err := raw.Query("SELECT id, status, version FROM reports ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var id int64
		var status string
		var version int
		if err := rows.Scan(&id, &status, &version); err != nil {
			t.Fatal(err)
		}
		rep, err := db.Report(ctx, id)
		if err != nil {
			t.Fatalf("report %d: %v", id, err)
		}
		if string(rep.Status) != status || rep.Version != version {
			t.Errorf("report %d: %s v%d, the old database has %s v%d", id, rep.Status, rep.Version, status, version)
		}
		n++
	}
	rows.Close()
	if n == 0 {
		t.Fatal("the old database has no reports: wrong fixture")
	}

	var nip, period, status, predikat, reason string
	var hasil, perilaku int
	if err := raw.QueryRow("SELECT nip, period, status, decided_hasil, decided_perilaku, predikat, hasil_reason FROM evaluations LIMIT 1").
		Scan(&nip, &period, &status, &hasil, &perilaku, &predikat, &reason); err != nil {
		t.Fatal(err)
	}
	ev, err := db.Evaluation(ctx, nip, period)
	if err != nil {
		t.Fatalf("evaluation %s %s: %v", nip, period, err)
	}
	if string(ev.Status) != status || int(ev.DecidedHasil) != hasil || int(ev.DecidedPerilaku) != perilaku ||
		string(ev.Predikat) != predikat || ev.HasilReason != reason {
		t.Errorf("evaluation: %+v, the old database has %s hasil %d perilaku %d predikat %s", ev, status, hasil, perilaku, predikat)
	}

	v, err := kinerja.VerifyAudit(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var head string
	if err := raw.QueryRow("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1").Scan(&head); err != nil {
		t.Fatal(err)
	}
	if !v.OK() || v.Count != int64(rawCount(t, raw, "SELECT count(*) FROM audit_log")) || v.HeadHash != head {
		t.Errorf("audit chain after migration: %+v, want intact with head %s", v, head)
	}
}
