package storage_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["survey/duplicate keys of past days are erased, the responses stay"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		yesterday, today := t0.Add(-24*time.Hour), t0
		for _, r := range []*kinerja.SurveyResponse{
			response("PKM-01", "", yesterday, "old-a", 4, 4),
			response("PKM-01", "", yesterday, "", 3, 3),
			response("PKM-01", "", today, "new-a", 2, 2),
		} {
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		n, err := db.ForgetSurveyDupKeys(ctx, kinerja.Day(today, jakarta))
		if err != nil || n != 1 {
			t.Fatalf("erased %d keys (%v), want the one of yesterday", n, err)
		}
		for key, want := range map[string]bool{"old-a": false, "new-a": true} {
			if got, err := db.SurveyCounted(ctx, key); err != nil || got != want {
				t.Fatalf("key %s counted = %v (%v), want %v", key, got, err, want)
			}
		}
		// Today's key still refuses a repeat; yesterday's responses still count.
		if err := db.AddSurveyResponse(ctx, response("PKM-01", "", today, "new-a", 1, 1)); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("repeat today: %v, want conflict", err)
		}
		tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"})
		if err != nil || len(tot) != 1 || tot[0].Respondents != 3 {
			t.Fatalf("totals after forgetting: %+v %v", tot, err)
		}
		if n, err := db.ForgetSurveyDupKeys(ctx, kinerja.Day(today, jakarta)); err != nil || n != 0 {
			t.Fatalf("second run erased %d (%v)", n, err)
		}
		// The scrub runs outside a transaction on either engine, and twice.
		for range 2 {
			if err := db.ScrubDeleted(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if _, ok, err := db.Setting(ctx, "storage.vacuum_pending"); err != nil || ok {
			t.Fatalf("vacuum mark left after the scrub: %v %v", ok, err)
		}
		if _, ok, err := db.Setting(ctx, "survey.hmac_secret"); err != nil || ok {
			t.Fatalf("old HMAC secret present: %v %v", ok, err)
		}
	}
}

// TestMigrationForgetsTheOldSurveySecret upgrades the previous release's
// database, whose duplicate keys are an HMAC under a secret in settings:
// the secret and every key made with it go, and once the scrub has run the
// secret is nowhere in the file, not even in free space.
func TestMigrationForgetsTheOldSurveySecret(t *testing.T) {
	ctx := context.Background()
	path := copyRelease(t)
	raw, err := sql.Open("sqlite3", copyRelease(t))
	if err != nil {
		t.Fatal(err)
	}
	var secret string
	var keys int
	err = raw.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'survey.hmac_secret'`).Scan(&secret)
	if err == nil {
		err = raw.QueryRowContext(ctx, `SELECT COUNT(dup_key) FROM survey_responses`).Scan(&keys)
	}
	raw.Close()
	if err != nil || len(secret) != 64 || keys == 0 {
		t.Fatalf("release 1 should hold the secret and keys made with it: %q, %d keys, %v", secret, keys, err)
	}

	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, ok, err := db.Setting(ctx, "survey.hmac_secret"); err != nil || ok {
		t.Fatalf("secret kept by the migration: %v %v", ok, err)
	}
	tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range tot {
		n += x.Respondents
	}
	if n != 42 {
		t.Fatalf("%d responses after the migration, want all 42", n)
	}
	if err := db.ScrubDeleted(ctx); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(f)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("%s still holds the old secret", filepath.Base(f))
		}
	}
	// A fresh read of the file (not through the pool) finds no key.
	check, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer check.Close()
	if err := check.QueryRowContext(ctx, `SELECT COUNT(dup_key) FROM survey_responses`).Scan(&keys); err != nil || keys != 0 {
		t.Fatalf("%d duplicate keys made with the old secret left (%v)", keys, err)
	}
}

// TestDeletedSessionLeavesNoTrace deletes a session among others, as a
// finished survey does, and reads the raw files: secure_delete zeroes the
// row in its page, and the scrub empties the log of its earlier versions,
// so the chat's answers are nowhere in a copy of the files.
func TestDeletedSessionLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "k.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The one VACUUM after the upgrade would hide what secure_delete does.
	if err := db.ScrubDeleted(ctx); err != nil {
		t.Fatal(err)
	}
	const marker = "ans-4431-SECRET-MARKER"
	put := func(id int64, ans string) {
		t.Helper()
		s := &kinerja.Session{ChatID: id, Flow: "survey", Step: "3", Data: map[string]string{"ans": ans, "unit": "PKM-01"}, UpdatedAt: t0}
		if err := db.PutSession(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	for id := int64(1); id <= 5; id++ {
		put(id, "bystander")
	}
	put(42, marker)
	put(43, "bystander")
	files := func() []byte {
		db, _ := os.ReadFile(path)
		wal, _ := os.ReadFile(path + "-wal")
		return append(db, wal...)
	}
	if !bytes.Contains(files(), []byte(marker)) {
		t.Fatal("the session is not in the files: the check below would prove nothing")
	}
	if err := db.DeleteSession(ctx, 42); err != nil {
		t.Fatal(err)
	}
	if err := db.ScrubDeleted(ctx); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(files(), []byte(marker)) {
		t.Fatal("a deleted session is still readable in the database files")
	}
	if s, err := db.Session(ctx, 43); err != nil || s.Data["ans"] != "bystander" {
		t.Fatalf("the other sessions: %+v %v", s, err)
	}
}
