package storage_test

import (
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// contract is the suite every engine must pass. Each file adds its tests in
// an init function, so a new aggregate brings its own contract with it.
var contract = map[string]func(t *testing.T, db *storage.DB){}

// TestContract runs the whole suite against SQLite and, when
// KINERJA_TEST_POSTGRES_DSN is set, PostgreSQL.
func TestContract(t *testing.T) {
	for engine, open := range storagetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			for name, test := range contract {
				t.Run(name, func(t *testing.T) { test(t, open(t)) })
			}
		})
	}
}

// TestPostgresConfigured makes a missing PostgreSQL visible in CI logs
// rather than silently running SQLite only.
func TestPostgresConfigured(t *testing.T) {
	if _, ok := storagetest.Engines()["postgres"]; !ok {
		t.Skipf("%s is not set: the contract ran against SQLite only", storagetest.PostgresEnv)
	}
}
