package telegram

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// fakeClock is a clock that moves only when something sleeps on it.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
	return ctx.Err()
}

func newFakeThrottle() (*Throttle, *fakeClock) {
	clk := &fakeClock{now: time.Date(2025, 3, 3, 8, 0, 0, 0, time.UTC)}
	t := NewThrottle()
	t.now, t.sleep = clk.Now, clk.Sleep
	return t, clk
}

func TestThrottlePaces(t *testing.T) {
	tests := []struct {
		name  string
		chats []int64
		want  time.Duration // fake time taken by all the waits
	}{
		{"private chat: burst of 2, then 1/s", []int64{7, 7, 7, 7}, 2 * time.Second},
		{"group: burst of 3, then one per 3s", []int64{-5, -5, -5, -5, -5}, 6 * time.Second},
		{"different chats share only the global rate", []int64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, time.Second / 30},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, clk := newFakeThrottle()
			start := clk.Now()
			for _, id := range tt.chats {
				if err := th.Wait(context.Background(), id); err != nil {
					t.Fatal(err)
				}
			}
			if got := clk.Now().Sub(start); got < tt.want || got > tt.want+time.Millisecond {
				t.Fatalf("took %v, want %v", got, tt.want)
			}
		})
	}
}

func TestThrottleWaitEndsWithContext(t *testing.T) {
	th, _ := newFakeThrottle()
	th.sleep = sleepCtx // real waits, but the context is already done
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = th.Wait(ctx, 7)
	_ = th.Wait(ctx, 7)
	if err := th.Wait(ctx, 7); err == nil {
		t.Fatal("Wait returned nil with a cancelled context and an empty bucket")
	}
}

// A throttled broadcast stays within the fake's flood limits, on a clock
// shared by both, so no real time passes.
func TestThrottledBroadcastNeverHitsFloodLimits(t *testing.T) {
	th, clk := newFakeThrottle()
	f := fakeapi.New(fakeapi.Options{Now: clk.Now})
	defer f.Close()
	f.EnforceLimits(true)
	w := &waits{}
	c, err := newClient(context.Background(), Config{Token: f.Token(), Endpoint: f.Endpoint(), PollTimeout: time.Second,
		RetryFor: time.Nanosecond}, w.sleep) // the fake's clock stands still: a 429 stays
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	chats := []int64{-100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34}
	for round := range 4 {
		for _, id := range chats {
			if err := th.Wait(context.Background(), id); err != nil {
				t.Fatal(err)
			}
			if _, err := c.Send(context.Background(), bot.OutMessage{ChatID: id, Text: "Pengingat"}); err != nil {
				t.Fatalf("round %d chat %d: %v", round, id, err)
			}
		}
	}
	if n := f.TooMany(); n != 0 {
		t.Fatalf("%d sends refused with 429", n)
	}

	// Without the throttle the same burst trips the limits.
	for range 5 {
		_, _ = c.Send(context.Background(), bot.OutMessage{ChatID: 1, Text: "x"})
	}
	if f.TooMany() == 0 {
		t.Fatal("unthrottled burst not limited: the fake's limits are off")
	}
}
