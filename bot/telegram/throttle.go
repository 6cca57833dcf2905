package telegram

import (
	"context"
	"log/slog"
	"math"
	"strconv"
	"sync"
	"time"
)

// Throttle paces sends under Telegram's flood limits with token buckets:
// 30 messages per second overall, 1 per second per private chat (burst 2)
// and 20 per minute per group (negative chat ids, burst 3). Its bursts are
// smaller than the fake's, so throttled sends never trip the fake's (or,
// we hope, Telegram's) limits. Under the limits it does not wait at all.
//
// A Client with Config.Pacer set waits on it before every message it
// sends, interactive replies and the outbox alike; edits and button
// answers are not paced (the published limits are on messages sent; one
// that meets a 429 all the same waits out retry_after in Client.do).
//
// Replicas share one bot token, and so one set of limits: a Throttle from
// NewSharedThrottle takes the overall budget and each group's from the
// database (Slots), so every replica's sends add up to one pace; private
// chats' budgets stay in memory (a citizen's conversation rarely sends
// more than two messages at once, and 1 per second per chat is far from
// its pace).
type Throttle struct {
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
	slots Slots        // shared limits; nil keeps every bucket in memory
	log   *slog.Logger // for a failing Slots

	mu      sync.Mutex
	global  tokenBucket
	chats   map[int64]*tokenBucket
	slotErr time.Time // when a failing Slots was last logged
}

// Slots hands out the slots of a limit shared by processes: how long to
// wait before one message under the limit key may go, reserving it.
// storage's ReserveSend (PostgreSQL) implements it.
type Slots interface {
	ReserveSend(ctx context.Context, key string, interval, tolerance time.Duration) (time.Duration, error)
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

// NewSharedThrottle returns a Throttle whose overall and group budgets
// are shared through slots with every process using the same slots. If
// slots fails, the Throttle paces that send in memory (and logs it): a
// reply still goes out, at worst into a 429 that is waited out.
func NewSharedThrottle(slots Slots, log *slog.Logger) *Throttle {
	t := NewThrottle()
	t.slots, t.log = slots, log
	return t
}

// Wait blocks until a message to chatID may be sent, or returns ctx's error.
// Tokens are taken only when both buckets have one, so a chat that must
// wait holds up no other chat.
func (t *Throttle) Wait(ctx context.Context, chatID int64) error {
	if t.slots != nil {
		return t.waitShared(ctx, chatID)
	}
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
	b, rate, burst := t.chatBucket(chatID)
	d := max(b.wait(now, rate, burst), t.global.wait(now, globalRate, globalBurst))
	if d == 0 {
		b.tokens--
		t.global.tokens--
	}
	return d
}

// waitShared is Wait with the shared budgets: the chat's first (a group's
// from slots, a private chat's in memory), then a slot of the overall one,
// so that a chat waiting for its own budget holds no overall slot.
func (t *Throttle) waitShared(ctx context.Context, chatID int64) error {
	if chatID < 0 {
		if err := t.waitSlot(ctx, "chat:"+strconv.FormatInt(chatID, 10), groupRate, groupBurst, func() time.Duration {
			return t.reserveChat(chatID)
		}); err != nil {
			return err
		}
	} else {
		for {
			d := t.reserveChat(chatID)
			if d == 0 {
				break
			}
			if err := t.sleep(ctx, d); err != nil {
				return err
			}
		}
	}
	return t.waitSlot(ctx, "global", globalRate, globalBurst, t.reserveGlobal)
}

// waitSlot reserves a slot of the shared limit key (rate per second, burst)
// and waits for it; when slots fails, it waits on local instead.
func (t *Throttle) waitSlot(ctx context.Context, key string, rate, burst float64, local func() time.Duration) error {
	interval := time.Duration(float64(time.Second) / rate)
	d, err := t.slots.ReserveSend(ctx, key, interval, time.Duration(burst-1)*interval)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		t.slotFailed(err)
		for d = local(); d > 0; d = local() {
			if err := t.sleep(ctx, d); err != nil {
				return err
			}
		}
		return nil
	}
	if d == 0 {
		return nil
	}
	return t.sleep(ctx, d)
}

// slotFailed logs a failing Slots at most once a minute.
func (t *Throttle) slotFailed(err error) {
	t.mu.Lock()
	now := t.now()
	quiet := now.Sub(t.slotErr) < time.Minute
	if !quiet {
		t.slotErr = now
	}
	t.mu.Unlock()
	if !quiet && t.log != nil {
		t.log.Warn("telegram: the shared flood limit failed; pacing this process alone", "err", err)
	}
}

// reserveChat takes a token from chatID's bucket alone, or returns how
// long until it has one.
func (t *Throttle) reserveChat(chatID int64) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, rate, burst := t.chatBucket(chatID)
	d := b.wait(t.now(), rate, burst)
	if d == 0 {
		b.tokens--
	}
	return d
}

// chatBucket returns chatID's bucket, made on first use, with its rate and
// burst (a group's or a private chat's). t.mu is held.
func (t *Throttle) chatBucket(chatID int64) (b *tokenBucket, rate, burst float64) {
	rate, burst = privateRate, privateBurst
	if chatID < 0 {
		rate, burst = groupRate, groupBurst
	}
	if b = t.chats[chatID]; b == nil {
		b = &tokenBucket{}
		t.chats[chatID] = b
	}
	return b, rate, burst
}

// reserveGlobal takes a token from the overall bucket alone, or returns
// how long until it has one.
func (t *Throttle) reserveGlobal() time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	d := t.global.wait(t.now(), globalRate, globalBurst)
	if d == 0 {
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
