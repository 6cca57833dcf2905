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

// A Client with a Pacer waits on it before each message it sends (each
// part of a long text), not before edits or button answers; with it, a
// burst to one chat causes no 429.
func TestClientPacesMessagesNotEdits(t *testing.T) {
	th, clk := newFakeThrottle()
	f := fakeapi.New(fakeapi.Options{Now: clk.Now})
	defer f.Close()
	f.EnforceLimits(true)
	counted := &countingPacer{Pacer: th}
	c, err := newClient(context.Background(), Config{Token: f.Token(), Endpoint: f.Endpoint(), PollTimeout: time.Second,
		RetryFor: time.Nanosecond, Pacer: counted}, (&waits{}).sleep)
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
