// Package storagetest opens real databases for tests: a SQLite file in a
// temporary folder, and, when KINERJA_TEST_POSTGRES_DSN is set, a fresh
// PostgreSQL schema dropped at the end of the test.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// PostgresEnv names the environment variable with the PostgreSQL DSN for
// tests. Tests that need PostgreSQL skip only when it is unset.
const PostgresEnv = "KINERJA_TEST_POSTGRES_DSN"

// MustOpenDB opens a new SQLite database file in t.TempDir and closes it at
// the end of the test.
func MustOpenDB(tb testing.TB) *storage.DB {
	tb.Helper()
	return MustOpenPath(tb, filepath.Join(tb.TempDir(), "kinerja.db"))
}

// MustOpenPath opens (or reopens) the SQLite file at path, closed at the end
// of the test.
func MustOpenPath(tb testing.TB, path string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// MustOpenPostgres opens a fresh schema in the PostgreSQL database named by
// KINERJA_TEST_POSTGRES_DSN, or skips the test when the variable is unset.
func MustOpenPostgres(tb testing.TB) *storage.DB {
	tb.Helper()
	dsn, _ := FreshPostgres(tb)
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// FreshPostgres creates an empty schema in the PostgreSQL database named by
// KINERJA_TEST_POSTGRES_DSN, dropped at the end of the test, and returns a
// DSN that uses it and its name; it skips the test when the variable is
// unset.
func FreshPostgres(tb testing.TB) (dsn, schema string) {
	tb.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		tb.Skipf("%s is not set", PostgresEnv)
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema = "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		if a, err := sql.Open("pgx", base); err == nil {
			_, _ = a.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
			a.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), schema
}

// Engines returns an opener for every engine available to the test run:
// SQLite always, PostgreSQL when configured.
func Engines() map[string]func(testing.TB) *storage.DB {
	m := map[string]func(testing.TB) *storage.DB{"sqlite": MustOpenDB}
	if os.Getenv(PostgresEnv) != "" {
		m["postgres"] = MustOpenPostgres
	}
	return m
}
