package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// queueSix queues six messages, two chats with three each, due at t.
func queueSix(t *testing.T, db *storage.DB, at time.Time) {
	t.Helper()
	var msgs []*kinerja.OutboxMessage
	for i := range 6 {
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: int64(100 + i%2), Text: "pengingat"})
	}
	if ok, err := db.EnqueueRun(context.Background(), &kinerja.JobRun{Job: "remind", Slot: "2026-11-10", At: at}, msgs); err != nil || !ok {
		t.Fatalf("EnqueueRun = %v, %v", ok, err)
	}
}

func TestClaimQueueNeverHandsAMessageToTwoSenders(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenPostgres(t)
	now := time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)
	queueSix(t, db, now)
	a := &storage.ClaimQueue{DB: db, Owner: "a", Lease: 30 * time.Second}
	b := &storage.ClaimQueue{DB: db, Owner: "b", Lease: 30 * time.Second}

	gotA, err := a.NextBatch(ctx, now, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(gotA) != 2 || gotA[0].ChatID != 100 || gotA[1].ChatID != 101 {
		t.Fatalf("a claimed %d heads, want the heads of both chats", len(gotA))
	}
	if gotB, err := b.NextBatch(ctx, now, 10); err != nil || len(gotB) != 0 {
		t.Fatalf("b got %d messages (err %v) while a holds both heads, want none", len(gotB), err)
	}
	// a fetches its own claims again (renewing them); b still gets nothing.
	if again, _ := a.NextBatch(ctx, now.Add(10*time.Second), 10); len(again) != 2 {
		t.Fatalf("a refetched %d of its claims, want 2", len(again))
	}
	// a sends chat 100's head; the next one of that chat is free for anyone.
	if err := db.MarkSent(ctx, gotA[0].ID, now); err != nil {
		t.Fatal(err)
	}
	gotB, _ := b.NextBatch(ctx, now.Add(10*time.Second), 10)
	if len(gotB) != 1 || gotB[0].ChatID != 100 || gotB[0].Seq != 3 {
		t.Fatalf("b got %v, want chat 100's second message (seq 3)", gotB)
	}
	// a dies: its claim on chat 101 lapses with the lease (renewed at +10 s).
	if late, _ := b.NextBatch(ctx, now.Add(39*time.Second), 10); len(late) != 1 {
		t.Fatalf("before a's lease ends b holds %d, want only its own", len(late))
	}
	late, _ := b.NextBatch(ctx, now.Add(41*time.Second), 10)
	if len(late) != 2 {
		t.Fatalf("after a's lease ended b got %d heads, want 2", len(late))
	}
}

func TestLeadershipIsHeldByOneSessionAndPassesOnACrash(t *testing.T) {
	ctx := context.Background()
	dsn, _ := storagetest.FreshPostgres(t)
	open := func() *storage.DB {
		db, err := storage.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
	one, two := open(), open()
	const key = 424242
	lead, err := one.TryLead(ctx, key)
	if err != nil || lead == nil {
		t.Fatalf("first TryLead = %v, %v", lead, err)
	}
	if err := lead.Check(ctx); err != nil {
		t.Fatalf("Check while held: %v", err)
	}
	if other, err := two.TryLead(ctx, key); err != nil || other != nil {
		t.Fatalf("second TryLead = %v, %v; want nil while the first holds it", other, err)
	}
	lead.Abandon() // the process dies without unlocking
	deadline := time.Now().Add(5 * time.Second)
	var next *storage.Leadership
	for next == nil && time.Now().Before(deadline) {
		if next, err = two.TryLead(ctx, key); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if next == nil {
		t.Fatal("the second process did not take over within 5 s of the first one's crash")
	}
	if err := next.Release(); err != nil {
		t.Fatal(err)
	}
	if again, _ := one.TryLead(ctx, key); again == nil {
		t.Fatal("after Release the lock could not be taken at once")
	} else {
		again.Release()
	}
}

func TestReplicasHeartbeat(t *testing.T) {
	for name, open := range storagetest.Engines() {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t)
			t0 := time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)
			for _, r := range []storage.Replica{{ID: "a-1", StartedAt: t0, SeenAt: t0}, {ID: "b-2", Role: "sender", StartedAt: t0, SeenAt: t0}} {
				if err := db.Heartbeat(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Heartbeat(ctx, storage.Replica{ID: "a-1", StartedAt: t0, SeenAt: t0.Add(time.Minute)}); err != nil {
				t.Fatal(err)
			}
			live, err := db.Replicas(ctx, t0.Add(30*time.Second))
			if err != nil || len(live) != 1 || live[0].ID != "a-1" {
				t.Fatalf("live replicas = %v, %v; want a-1 only", live, err)
			}
			if err := db.LeaveReplicas(ctx, "a-1", t0.Add(30*time.Second)); err != nil {
				t.Fatal(err)
			}
			if all, _ := db.Replicas(ctx, time.Time{}); len(all) != 0 {
				t.Fatalf("after leaving %d replicas remain, want 0", len(all))
			}
			if _, _, ok, err := db.RiverLeader(ctx); ok || err != nil {
				t.Fatalf("RiverLeader before River = %v, %v; want none", ok, err)
			}
		})
	}
}

// The claims of a sender that is gone (an earlier run of a replica started
// again) are released at once: another sender takes those messages
// without waiting for the lease; a live sender's claims stay.
func TestReleaseOutboxClaimsOfAGoneSender(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenPostgres(t)
	now := time.Date(2026, 11, 10, 1, 0, 0, 0, time.UTC)
	queueSix(t, db, now)
	dead := &storage.ClaimQueue{DB: db, Owner: "replica-1-4711-ab12", Lease: 30 * time.Second}
	if got, err := dead.NextBatch(ctx, now, 1); err != nil || len(got) != 1 {
		t.Fatalf("dead sender claimed %d (%v)", len(got), err)
	}
	live := &storage.ClaimQueue{DB: db, Owner: "replica-2-4712-cd34", Lease: 30 * time.Second}
	if got, err := live.NextBatch(ctx, now, 1); err != nil || len(got) != 1 {
		t.Fatalf("live sender claimed %d (%v)", len(got), err)
	}
	n, err := db.ReleaseOutboxClaims(ctx, func(owner string) bool { return owner == dead.Owner })
	if err != nil || n != 1 {
		t.Fatalf("ReleaseOutboxClaims = %d, %v; want the dead sender's one message", n, err)
	}
	next := &storage.ClaimQueue{DB: db, Owner: "replica-1-4800-ef56", Lease: 30 * time.Second}
	got, err := next.NextBatch(ctx, now.Add(time.Second), 10)
	if err != nil || len(got) != 1 {
		t.Fatalf("the next sender got %d messages (%v), want the released one (the other chat is the live sender's)", len(got), err)
	}
}
