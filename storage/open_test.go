package storage_test

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// refusedAsMissing checks that err is the not-found error naming name.
func refusedAsMissing(t *testing.T, err error, name string) {
	t.Helper()
	key, args := kinerja.ErrorKey(err)
	if kinerja.ErrorCode(err) != kinerja.ENotFound || key != "err.db_missing" || len(args) != 1 || args[0] != name {
		t.Fatalf("err = %v, want err.db_missing naming %q", err, name)
	}
}

func TestOpenExistingRefusesAMissingSQLiteFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "kinerjabot.db")
	for _, dsn := range []string{path, "sqlite:" + path} {
		_, err := storage.OpenExisting(ctx, dsn)
		refusedAsMissing(t, err, path)
	}
	_, err := storage.OpenExisting(ctx, dir)
	refusedAsMissing(t, err, dir)
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files created: %v", entries)
	}

	// An empty file (touched, or created by an older mistake) is not a
	// database the bot ever used.
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = storage.OpenExisting(ctx, path)
	refusedAsMissing(t, err, path)

	// Something else altogether is reported as it is, not as missing.
	other := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(other, []byte(strings.Repeat("not a database\n", 300)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := storage.OpenExisting(ctx, other); err == nil || kinerja.ErrorCode(err) == kinerja.ENotFound {
		t.Fatalf("a text file: %v", err)
	}

	// A database the bot has used opens, and sees its data.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	db := storagetest.MustOpenPath(t, path)
	if err := db.PutSetting(ctx, "probe", "yes"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	again, err := storage.OpenExisting(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if v, ok, err := again.Setting(ctx, "probe"); err != nil || !ok || v != "yes" {
		t.Fatalf("setting: %q %v %v", v, ok, err)
	}
}

// On PostgreSQL a database (here: a schema) the bot never migrated is
// refused, and the name shown carries no credentials.
func TestOpenExistingRefusesAnUnusedPostgresDatabase(t *testing.T) {
	dsn, schema := storagetest.FreshPostgres(t)
	ctx := context.Background()
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", os.Getenv(storagetest.PostgresEnv))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()

	_, err = storage.OpenExisting(ctx, u.String())
	refusedAsMissing(t, err, u.Host+u.Path)
	var n int
	if err := admin.QueryRow(`SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1`, schema).Scan(&n); err != nil || n != 0 {
		t.Fatalf("tables created in the unused database: %d %v", n, err)
	}
	db, err := storage.Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = storage.OpenExisting(ctx, u.String())
	if err != nil {
		t.Fatalf("a migrated database: %v", err)
	}
	db.Close()
}
