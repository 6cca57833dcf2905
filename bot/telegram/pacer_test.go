package telegram

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// gcraSlots is Slots in memory on the fake clock, as storage's ReserveSend
// does it in the database; fail makes every reservation fail.
type gcraSlots struct {
	mu   sync.Mutex
	now  func() time.Time
	tat  map[string]time.Time
	keys []string
	fail bool
}

func (s *gcraSlots) ReserveSend(_ context.Context, key string, interval, tolerance time.Duration) (time.Duration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys = append(s.keys, key)
	if s.fail {
		return 0, errors.New("database gone")
	}
	now := s.now()
	tat := s.tat[key]
	if tat.Before(now) {
		tat = now
	}
	s.tat[key] = tat.Add(interval)
	return max(tat.Sub(now)-tolerance, 0), nil
}

// Two replicas' throttles on one Slots pace as one: a burst, then 30 a
// second between them; a group's budget is shared too, a private chat's
// is each replica's own; a failing Slots falls back to pacing in memory.
func TestSharedThrottlePacesReplicasAsOne(t *testing.T) {
	clk := &fakeClock{now: time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)}
	slots := &gcraSlots{now: clk.Now, tat: map[string]time.Time{}}
	replica := func() *Throttle {
		th := NewSharedThrottle(slots, nil)
		th.now, th.sleep = clk.Now, clk.Sleep
		return th
	}
	a, b := replica(), replica()
	ctx := context.Background()
	start := clk.Now()
	for i := range 40 { // 40 private chats, alternating replicas
		th := a
		if i%2 == 1 {
			th = b
		}
		if err := th.Wait(ctx, int64(1000+i)); err != nil {
			t.Fatal(err)
		}
	}
	// A burst of 10, then one per 1/30 s: 30 more take one second.
	if got, want := clk.Now().Sub(start), time.Second; got < want-time.Millisecond || got > want+time.Millisecond {
		t.Errorf("40 sends from two replicas took %v, want %v (one shared pace)", got, want)
	}
	for _, k := range slots.keys {
		if k != "global" {
			t.Fatalf("private chats reserved %q; want only the overall budget shared", k)
		}
	}

	// One group, sent to by both: a burst of 3, then one per 3 s.
	slots.keys = nil
	start = clk.Now()
	for i := range 5 {
		th := a
		if i%2 == 1 {
			th = b
		}
		if err := th.Wait(ctx, -77); err != nil {
			t.Fatal(err)
		}
	}
	if got := clk.Now().Sub(start); got < 6*time.Second-time.Millisecond || got > 6*time.Second+time.Millisecond {
		t.Errorf("5 sends to one group from two replicas took %v, want 6s", got)
	}
	if len(slots.keys) != 10 || slots.keys[0] != "chat:-77" || slots.keys[1] != "global" {
		t.Errorf("reservations %q: want the group's, then the overall, per send", slots.keys)
	}

	// The database fails: sends still go, paced by this process alone.
	slots.fail = true
	for i := range 3 {
		if err := a.Wait(ctx, int64(5000+i)); err != nil {
			t.Fatalf("with Slots failing: %v", err)
		}
	}
}

// A Client with a Pacer and PaceAlways waits on it before each message it
// sends (each part of a long text), not before edits or button answers;
// with it, a burst to one chat causes no 429.
func TestClientPacesMessagesNotEdits(t *testing.T) {
	th, clk := newFakeThrottle()
	f := fakeapi.New(fakeapi.Options{Now: clk.Now})
	defer f.Close()
	f.EnforceLimits(true)
	counted := &countingPacer{Pacer: th}
	c, err := newClient(context.Background(), Config{Token: f.Token(), Endpoint: f.Endpoint(), PollTimeout: time.Second,
		RetryFor: time.Nanosecond, Pacer: counted, PaceReplies: PaceAlways}, (&waits{}).sleep)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	id := 0
	for range 6 {
		if id, err = c.Send(ctx, bot.OutMessage{ChatID: 42, Text: "Balasan"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Send(ctx, bot.OutMessage{ChatID: 42, Text: "Diubah", EditID: id}); err != nil {
		t.Fatal(err)
	}
	if counted.n != 6 {
		t.Errorf("the pacer was asked %d times; want once per message sent (6), none for the edit", counted.n)
	}
	if n := f.TooMany(); n != 0 {
		t.Errorf("%d sends refused with 429", n)
	}
}

type countingPacer struct {
	Pacer interface {
		Wait(ctx context.Context, chatID int64) error
	}
	n int
}

func (p *countingPacer) Wait(ctx context.Context, chatID int64) error {
	p.n++
	return p.Pacer.Wait(ctx, chatID)
}

// With PaceAuto (the default) a reply goes out without waiting on the
// Pacer until Telegram answers 429; from then on, for PaceWindow, replies
// wait on it too. Bulk sends (the outbox's) always wait.
func TestClientPacesRepliesAfterA429(t *testing.T) {
	f := fakeapi.New(fakeapi.Options{})
	defer f.Close()
	counted := &countingPacer{Pacer: NewThrottle()}
	w := &waits{}
	c, err := newClient(context.Background(), Config{Token: f.Token(), Endpoint: f.Endpoint(), PollTimeout: time.Second,
		RetryFor: time.Hour, Pacer: counted}, w.sleep)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	c.now = func() time.Time { return now }
	ctx := context.Background()
	send := func(ctx context.Context, chat int64) {
		t.Helper()
		if _, err := c.Send(ctx, bot.OutMessage{ChatID: chat, Text: "Balasan"}); err != nil {
			t.Fatal(err)
		}
	}
	send(ctx, 1)
	send(ctx, 2)
	if counted.n != 0 {
		t.Fatalf("replies under the limits waited on the pacer %d times", counted.n)
	}
	send(bot.Bulk(ctx), 3)
	if counted.n != 1 {
		t.Fatalf("a bulk send: pacer asked %d times, want 1", counted.n)
	}
	f.FailNext("sendMessage", 1, 429, 1)
	send(ctx, 4) // refused once, retried after retry_after
	if counted.n != 1 {
		t.Fatalf("the reply that met the 429: pacer asked %d times, want still 1", counted.n)
	}
	send(ctx, 5)
	if counted.n != 2 {
		t.Fatalf("a reply after a 429: pacer asked %d times, want 2", counted.n)
	}
	now = now.Add(PaceWindow + time.Second)
	send(ctx, 6)
	if counted.n != 2 {
		t.Fatalf("a reply %v after the 429: pacer asked %d times, want still 2", PaceWindow, counted.n)
	}
}

func TestCheckPaceReplies(t *testing.T) {
	for v, ok := range map[string]bool{"": true, "auto": true, "always": true, "never": false, "Always": false} {
		if err := CheckPaceReplies(v); (err == nil) != ok {
			t.Errorf("CheckPaceReplies(%q) = %v", v, err)
		}
	}
}
