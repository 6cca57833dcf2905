package cluster_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/cluster"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// counter is a Messenger that counts what each chat received.
type counter struct {
	mu   sync.Mutex
	sent map[string]int // chat/text → deliveries
	n    int
}

func (c *counter) Send(_ context.Context, m bot.OutMessage) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sent == nil {
		c.sent = map[string]int{}
	}
	c.sent[fmt.Sprintf("%d/%s", m.ChatID, m.Text)]++
	c.n++
	return c.n, nil
}
func (c *counter) AnswerCallback(context.Context, string, string) error { return nil }
func (c *counter) Download(context.Context, string, int64) ([]byte, error) {
	return nil, errors.New("no downloads")
}
func (c *counter) SetCommands(context.Context, bot.MenuScope, []bot.Command) error { return nil }

func (c *counter) total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}

// noPace lets every send go at once.
type noPace struct{}

func (noPace) Wait(context.Context, int64) error { return nil }

// replica starts one replica on its own connection to the schema at dsn.
func replica(t *testing.T, dsn, id string, jobs []cluster.Job, msg bot.Messenger) (*cluster.Node, *storage.DB) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	n, err := cluster.Start(ctx, cluster.Config{
		DB: db, ID: id, Jobs: jobs, Log: testLog(t), Poll: 200 * time.Millisecond, Lease: 2 * time.Second,
		Send: func(ctx context.Context, store *storage.ClaimQueue) {
			_ = outbox.New(store, msg, noPace{}, outbox.Options{Poll: 50 * time.Millisecond}).Run(ctx)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stop(n) })
	return n, db
}

func stop(n *cluster.Node) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n.Stop(ctx)
}

// queue queues count reminders for distinct chats in one job slot.
func queue(t *testing.T, db *storage.DB, slot string, count int) {
	t.Helper()
	var msgs []*kinerja.OutboxMessage
	for i := range count {
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: int64(1000 + i), Text: "pengingat " + slot})
	}
	ok, err := db.EnqueueRun(context.Background(), &kinerja.JobRun{Job: "remind", Slot: slot, At: time.Now()}, msgs)
	if err != nil || !ok {
		t.Fatalf("EnqueueRun = %v, %v", ok, err)
	}
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestTwoReplicasSendSixRemindersSixTimes(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	msg := &counter{}
	a, db := replica(t, dsn, "host-a-1", nil, msg)
	b, _ := replica(t, dsn, "host-b-2", nil, msg)
	queue(t, db, "2026-11-10", 6)
	waitFor(t, 10*time.Second, "six reminders delivered", func() bool { return msg.total() >= 6 })
	time.Sleep(time.Second) // a duplicate would show up by now
	if a.Sending() == b.Sending() {
		t.Errorf("sending: a %v, b %v; want exactly one sender", a.Sending(), b.Sending())
	}
	stop(a)
	stop(b)
	if got := msg.total(); got != 6 {
		t.Fatalf("delivered %d messages, want 6", got)
	}
	for k, n := range msg.sent {
		if n != 1 {
			t.Errorf("%s delivered %d times", k, n)
		}
	}
}

// everySecond is due at each whole second.
type everySecond struct{}

func (everySecond) Next(t time.Time) time.Time { return t.Truncate(time.Second).Add(time.Second) }

func TestPeriodicSlotRunsOnceAcrossReplicas(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	var mu sync.Mutex
	runs := map[time.Time][]string{}
	job := func(id string) []cluster.Job {
		return []cluster.Job{{Name: "tick", Schedule: everySecond{}, Slot: time.Second, Run: func(_ context.Context, slot time.Time) error {
			mu.Lock()
			runs[slot.UTC()] = append(runs[slot.UTC()], id)
			mu.Unlock()
			return nil
		}}}
	}
	a, db := replica(t, dsn, "host-a-1", job("a"), &counter{})
	b, _ := replica(t, dsn, "host-b-2", job("b"), &counter{})
	slots := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(runs)
	}
	waitFor(t, 20*time.Second, "four slots ran", func() bool { return slots() >= 4 })
	leader, _, ok, err := db.RiverLeader(context.Background())
	if err != nil || !ok || (leader != "host-a-1" && leader != "host-b-2") {
		t.Fatalf("River leader = %q, %v, %v; want one of the replicas", leader, ok, err)
	}
	// The leader stops; the other one is elected, catches up the last
	// slot (which ran already, so River's unique key drops it) and goes on.
	first, other := a, b
	if leader == "host-b-2" {
		first, other = b, a
	}
	before := slots()
	stop(first)
	waitFor(t, 20*time.Second, "three more slots ran under the new leader", func() bool { return slots() >= before+3 })
	stop(other)
	mu.Lock()
	defer mu.Unlock()
	for slot, by := range runs {
		if len(by) != 1 {
			t.Errorf("slot %s ran %d times (%v), want once", slot.Format(time.TimeOnly), len(by), by)
		}
	}
}

func TestLeaderLossHandsOver(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	ctx := context.Background()
	msg := &counter{}
	a, db := replica(t, dsn, "host-a-1", nil, msg)
	waitFor(t, 10*time.Second, "a became the sender", a.Sending)
	waitFor(t, 20*time.Second, "a became River's leader", func() bool {
		id, _, ok, _ := db.RiverLeader(ctx)
		return ok && id == "host-a-1"
	})
	b, _ := replica(t, dsn, "host-b-2", nil, msg)
	queue(t, db, "before", 3)
	waitFor(t, 10*time.Second, "three sent by a", func() bool { return msg.total() == 3 })
	if b.Sending() {
		t.Fatal("b sends while a holds the lock")
	}

	a.Crash() // killed: the lock goes with its session
	crashed := time.Now()
	waitFor(t, 10*time.Second, "b took over the outbox", b.Sending)
	queue(t, db, "after", 3)
	waitFor(t, 10*time.Second, "three more sent by b", func() bool { return msg.total() == 6 })
	// River's leadership: a stopped (River resigns on stop), b is elected.
	waitFor(t, 30*time.Second, "b became River's leader", func() bool {
		id, _, ok, _ := db.RiverLeader(ctx)
		return ok && id == "host-b-2"
	})
	live, err := db.Replicas(ctx, crashed)
	if err != nil || len(live) != 1 || live[0].ID != "host-b-2" || live[0].Role != "sender" {
		t.Errorf("live replicas = %+v, %v; want host-b-2 as the sender", live, err)
	}
	stop(b)
	if got := msg.total(); got != 6 {
		t.Fatalf("delivered %d, want 6", got)
	}
}

func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelInfo}))
}
