package storage_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func TestLockSQLiteRefusesSecondProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	now := time.Date(2026, 11, 10, 8, 0, 0, 0, time.UTC)
	first, err := storage.LockSQLite(path, now)
	if err != nil {
		t.Fatal(err)
	}
	// flock locks belong to an open file description, so a second open in
	// this process conflicts exactly as a second process would.
	_, err = storage.LockSQLite("sqlite:"+path, now)
	key, args := kinerja.ErrorKey(err)
	if kinerja.ErrorCode(err) != kinerja.EConflict || key != "err.db_locked" || len(args) != 2 {
		t.Fatalf("second lock: err = %v, want err.db_locked", err)
	}
	if args[0] != path || !strings.Contains(args[1].(string), "pid "+strconv.Itoa(os.Getpid())+" on ") {
		t.Errorf("refusal names %v, want the file %s and this pid", args, path)
	}
	holder, held := storage.SQLiteHolder(path)
	if !held || !strings.HasPrefix(holder, "pid "+strconv.Itoa(os.Getpid())) {
		t.Errorf("SQLiteHolder = %q, %v; want this process", holder, held)
	}
	if err := first.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, held := storage.SQLiteHolder(path); held {
		t.Error("SQLiteHolder reports a holder after Unlock")
	}
	again, err := storage.LockSQLite(path, now)
	if err != nil {
		t.Fatalf("lock after unlock: %v", err)
	}
	again.Unlock()
}

func TestLockSQLiteIgnoresPostgres(t *testing.T) {
	l, err := storage.LockSQLite("postgres://u@127.0.0.1/db", time.Now())
	if err != nil || l != nil {
		t.Fatalf("LockSQLite(postgres) = %v, %v; want nil, nil", l, err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
}
