package storage_test

import (
	"context"
	"errors"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// savepointer is how the dispatcher sees a transaction that can roll back
// part of itself (group commit).
type savepointer interface {
	Savepoint(ctx context.Context, name string) error
	RollbackTo(ctx context.Context, name string) error
	Release(ctx context.Context, name string) error
}

func init() {
	contract["transactions/savepoints roll back one part"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		inv := &kinerja.Invite{Code: "dup", NIP: nipStaff, CreatedAt: t0, ExpiresAt: t0.AddDate(0, 0, 14)}
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			sp, ok := tx.(savepointer)
			if !ok {
				t.Fatal("a transaction has no savepoints")
			}
			// Update 1: kept.
			must(t, sp.Savepoint(ctx, "u"))
			must(t, tx.PutSetting(ctx, "one", "1"))
			must(t, tx.MarkUpdate(ctx, 1, t0))
			must(t, sp.Release(ctx, "u"))
			// Update 2: writes, then a statement the database refuses
			// (which on PostgreSQL aborts everything after it until the
			// rollback to the savepoint); only its own writes go.
			must(t, sp.Savepoint(ctx, "u"))
			must(t, tx.PutSetting(ctx, "two", "2"))
			must(t, tx.CreateInvite(ctx, inv))
			if err := tx.CreateInvite(ctx, inv); kinerja.ErrorCode(err) != kinerja.EConflict {
				t.Fatalf("second invite with the same code: %v", err)
			}
			must(t, sp.RollbackTo(ctx, "u"))
			must(t, sp.Release(ctx, "u"))
			must(t, tx.MarkUpdate(ctx, 2, t0)) // the transaction goes on
			// Update 3: kept.
			must(t, sp.Savepoint(ctx, "u"))
			must(t, tx.PutSetting(ctx, "three", "3"))
			return sp.Release(ctx, "u")
		})
		if err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]bool{"one": true, "two": false, "three": true} {
			if _, ok, err := db.Setting(ctx, key); ok != want || err != nil {
				t.Errorf("setting %q present = %v (%v), want %v", key, ok, err, want)
			}
		}
		if _, err := db.Invite(ctx, "dup"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Errorf("the rolled-back invite is there: %v", err)
		}
		for _, id := range []int64{1, 2} {
			if seen, err := db.UpdateSeen(ctx, id); !seen || err != nil {
				t.Errorf("update %d not recorded: %v", id, err)
			}
		}
	}
	contract["transactions/released savepoints roll back with the transaction"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			sp := tx.(savepointer)
			must(t, sp.Savepoint(ctx, "u"))
			must(t, tx.PutSetting(ctx, "kept", "1"))
			must(t, tx.MarkUpdate(ctx, 9, t0))
			must(t, sp.Release(ctx, "u"))
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("InTx = %v", err)
		}
		if _, ok, _ := db.Setting(ctx, "kept"); ok {
			t.Error("a released savepoint's write outlived its transaction's rollback")
		}
		if seen, _ := db.UpdateSeen(ctx, 9); seen {
			t.Error("an update's mark outlived its transaction's rollback")
		}
	}
	contract["transactions/savepoints only inside a transaction, plain names"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Savepoint(ctx, "u"); err == nil {
			t.Error("a savepoint outside a transaction was accepted")
		}
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			for _, bad := range []string{"", "1u", "u; DROP TABLE staff", "U"} {
				if err := tx.(savepointer).Savepoint(ctx, bad); err == nil {
					t.Errorf("savepoint name %q accepted", bad)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
