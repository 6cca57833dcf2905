package telegram

import (
	"context"
	"math"
	"sync"
	"time"
)

// Throttle paces bulk sends (reminders, broadcasts) under Telegram's flood
// limits with token buckets: 30 messages per second overall, 1 per second
// per private chat (burst 2) and 20 per minute per group (negative chat
// ids, burst 3). Its bursts are smaller than the fake's, so a throttled
// broadcast never trips the fake's (or, we hope, Telegram's) limits.
//
// Send does not use it: an interactive reply must not wait behind a
// broadcast. A broadcaster calls Wait before each Send.
type Throttle struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	global tokenBucket
	chats  map[int64]*tokenBucket
}

// Rates and bursts of the Throttle's buckets.
const (
	globalRate, globalBurst   = 30.0, 10.0
	privateRate, privateBurst = 1.0, 2.0
	groupRate, groupBurst     = 20.0 / 60, 3.0
)

// NewThrottle returns a Throttle on the real clock.
func NewThrottle() *Throttle {
	return &Throttle{now: time.Now, sleep: sleepCtx, chats: map[int64]*tokenBucket{}}
}

// Wait blocks until a message to chatID may be sent, or returns ctx's error.
// Tokens are taken only when both buckets have one, so a chat that must
// wait holds up no other chat.
func (t *Throttle) Wait(ctx context.Context, chatID int64) error {
	for {
		d := t.reserve(chatID)
		if d == 0 {
			return nil
		}
		if err := t.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// reserve takes a token from both buckets and returns 0, or returns how
// long until both could give one.
func (t *Throttle) reserve(chatID int64) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	rate, burst := privateRate, privateBurst
	if chatID < 0 {
		rate, burst = groupRate, groupBurst
	}
	b := t.chats[chatID]
	if b == nil {
		b = &tokenBucket{}
		t.chats[chatID] = b
	}
	d := max(b.wait(now, rate, burst), t.global.wait(now, globalRate, globalBurst))
	if d == 0 {
		b.tokens--
		t.global.tokens--
	}
	return d
}

// tokenBucket is a token bucket that starts full on first use.
type tokenBucket struct {
	tokens float64
	last   time.Time
	used   bool
}

// wait refills the bucket up to now and returns how long until it holds a
// whole token (0 if it does).
func (b *tokenBucket) wait(now time.Time, rate, burst float64) time.Duration {
	if !b.used {
		b.tokens, b.last, b.used = burst, now, true
	}
	if now.After(b.last) {
		b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*rate)
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration(math.Ceil((1 - b.tokens) / rate * float64(time.Second)))
}
