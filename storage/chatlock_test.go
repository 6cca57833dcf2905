package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// chatLocker is how the dispatcher sees a transaction that can hold chats
// against other replicas.
type chatLocker interface {
	LockChats(ctx context.Context, chats []int64) error
}

func init() {
	contract["transactions/a locked chat waits for the holder's commit"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.Ping(ctx); err != nil {
			t.Fatal(err)
		}
		if err := db.LockChats(ctx, []int64{1}); err == nil {
			t.Fatal("LockChats outside a transaction accepted")
		}
		if db.Engine() != "postgres" {
			// One process owns a SQLite file: the lock is a no-op that
			// must still work inside a transaction.
			must(t, db.InTx(ctx, func(tx kinerja.Tx) error { return tx.(chatLocker).LockChats(ctx, []int64{7, 3, 7}) }))
			return
		}
		holding, release := make(chan struct{}), make(chan struct{})
		first := make(chan error, 1)
		go func() {
			first <- db.InTx(ctx, func(tx kinerja.Tx) error {
				if err := tx.(chatLocker).LockChats(ctx, []int64{7, 3}); err != nil {
					return err
				}
				close(holding)
				<-release
				// Written under the lock: the waiter must see it once it holds the chat.
				return tx.MarkUpdate(ctx, 99, t0)
			})
		}()
		<-holding
		got := make(chan bool, 1)
		second := make(chan error, 1)
		go func() {
			second <- db.InTx(ctx, func(tx kinerja.Tx) error {
				// Given in another order: locked in ascending order, no deadlock.
				if err := tx.(chatLocker).LockChats(ctx, []int64{3, 7}); err != nil {
					return err
				}
				seen, err := tx.UpdateSeen(ctx, 99)
				got <- seen
				return err
			})
		}()
		select {
		case <-got:
			t.Fatal("a second transaction took a chat another one holds")
		case <-time.After(200 * time.Millisecond):
		}
		// Another chat is free meanwhile.
		must(t, db.InTx(ctx, func(tx kinerja.Tx) error { return tx.(chatLocker).LockChats(ctx, []int64{8}) }))
		close(release)
		must(t, <-first)
		must(t, <-second)
		if !<-got {
			t.Fatal("the waiter did not see the holder's committed mark")
		}
	}
}
