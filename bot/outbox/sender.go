// Package outbox sends the messages that scheduled jobs queue in the
// database (kinerja.OutboxMessage) within Telegram's flood limits.
//
// A Sender drains the outbox through a bot.Messenger, pacing every send with
// a Pacer (telegram.Throttle: 30 messages per second overall, one per second
// per private chat, 20 per minute per group). Several chats are sent to at
// once, but never two messages of the same chat: message n+1 of a chat waits
// until message n is sent or has failed for good, so each chat reads its
// messages in order even while Telegram answers 429 or 500.
//
// Delivery is at least once, and in practice exactly once: a message is
// marked sent in the database right after Telegram accepts it, so a process
// killed in the middle of a broadcast resumes with the first message not yet
// marked. The one unavoidable window is between Telegram's acceptance and
// that mark (a few milliseconds per message): a crash exactly there sends
// that one message again after restart. Graceful shutdown never falls into
// the window: a send in flight is finished and marked before Run returns.
//
// The package does not import telegram-bot-api: it knows the Bot API only
// through bot.Messenger and its sentinel errors.
package outbox

import (
	"context"
	"errors"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Store is what the sender needs from the database.
type Store interface {
	kinerja.OutboxQueue
	kinerja.AccountStore
}

// Pacer paces sends under the flood limits: Wait blocks until a message to
// chatID may go out. telegram.Throttle implements it.
type Pacer interface {
	Wait(ctx context.Context, chatID int64) error
}

// Options tune a Sender. The zero value is usable.
type Options struct {
	// Workers bounds how many chats are sent to at once (8). The pacer, not
	// this number, sets the rate; enough workers keep it busy while each
	// waits for its HTTP round trip.
	Workers int
	// Poll is how often an idle sender looks for due messages (1 s); Notify
	// wakes it sooner.
	Poll time.Duration
	// MaxAttempts is how many failed attempts a message gets before it is
	// marked failed (8). The Messenger already retries 429, 5xx and network
	// errors for some seconds within one attempt; these attempts cover
	// longer outages.
	MaxAttempts int
	// Backoff is the wait after the n-th failed attempt (30 s doubling per
	// attempt, at most 15 minutes: eight attempts span about an hour).
	Backoff func(attempt int) time.Duration
	// Permanent reports errors not worth retrying (telegram.Permanent); nil
	// treats every unknown error as transient.
	Permanent func(error) bool
	// OnFailures is called after messages ended failed, unreachable or gone,
	// once the sender is idle or at most every FailureEvery during a long
	// broadcast, so the admins can be told (in a digest queued through the
	// outbox itself).
	OnFailures   func(ctx context.Context)
	FailureEvery time.Duration // 30 s
	Now          kinerja.Clock // time.Now
	Log          *slog.Logger
}

// Sender drains the outbox. Run it in one goroutine per process; the bot
// runs one process per token (Telegram allows one poller), so one sender.
type Sender struct {
	store Store
	msg   bot.Messenger
	pace  Pacer
	opt   Options
	wake  chan struct{}

	mu       sync.Mutex
	inflight map[int64]bool // chats with a message being sent
	// recent holds the messages settled since the current fetch began: the
	// fetch may have read them before their outcome was written, and must
	// not hand them out again.
	recent    map[int64]bool
	settled   chan struct{} // closed and replaced when a send settles
	failed    bool          // a message ended in failure since the last report
	lastFails time.Time
}

// New returns a sender over the store, sending through msg paced by pace.
func New(store Store, msg bot.Messenger, pace Pacer, opt Options) *Sender {
	if opt.Workers <= 0 {
		opt.Workers = 8
	}
	if opt.Poll <= 0 {
		opt.Poll = time.Second
	}
	if opt.MaxAttempts <= 0 {
		opt.MaxAttempts = 8
	}
	if opt.Backoff == nil {
		opt.Backoff = defaultBackoff
	}
	if opt.Permanent == nil {
		opt.Permanent = func(error) bool { return false }
	}
	if opt.FailureEvery <= 0 {
		opt.FailureEvery = 30 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	return &Sender{store: store, msg: msg, pace: pace, opt: opt, wake: make(chan struct{}, 1),
		inflight: map[int64]bool{}, recent: map[int64]bool{}, settled: make(chan struct{})}
}

// defaultBackoff waits 30 s after the first failure, doubling up to 15 min.
func defaultBackoff(attempt int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < attempt && d < 15*time.Minute; i++ {
		d *= 2
	}
	return min(d, 15*time.Minute)
}

// Notify wakes an idle sender: something was just queued.
func (s *Sender) Notify() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends due messages until ctx ends, then waits for the sends in
// flight to settle (each is bounded by the Messenger's own timeouts).
func (s *Sender) Run(ctx context.Context) error { return s.loop(ctx, false) }

// Drain sends every message due now, including those that become due
// while it runs, and returns when none is left due and none is in flight.
// Messages waiting for a retry later stay queued. The load tool, tests and
// "jobs run --send" use it.
func (s *Sender) Drain(ctx context.Context) error { return s.loop(ctx, true) }

// loop fetches the head message of each chat and hands it to a worker.
// At most Workers messages are in flight, so fetching 2×Workers heads always
// finds new chats when there are any.
func (s *Sender) loop(ctx context.Context, drain bool) error {
	work := make(chan *kinerja.OutboxMessage)
	var wg sync.WaitGroup
	for range s.opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range work {
				s.deliver(ctx, m)
				s.release(m)
			}
		}()
	}
	defer func() {
		close(work)
		wg.Wait()
	}()
	for ctx.Err() == nil {
		s.mu.Lock()
		settled := s.settled
		clear(s.recent)
		s.mu.Unlock()
		batch, err := s.store.NextBatch(ctx, s.opt.Now(), 2*s.opt.Workers)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if drain {
				return err
			}
			s.opt.Log.Error("outbox: reading due messages failed", "err", err)
			batch = nil
		}
		fresh := s.claim(batch)
		if len(fresh) == 0 {
			busy := s.busy()
			if !busy {
				s.reportFailures(ctx, true)
			}
			if drain && !busy {
				// Reporting may have queued a digest for the admins.
				if more, _ := s.store.NextBatch(ctx, s.opt.Now(), 1); len(more) == 0 {
					return nil
				}
				continue
			}
			s.idle(ctx, settled, drain)
			continue
		}
		for i, m := range fresh {
			select {
			case work <- m:
			case <-ctx.Done():
				for _, rest := range fresh[i:] {
					s.release(rest)
				}
				return nil
			}
		}
		s.reportFailures(ctx, false)
	}
	return nil
}

// idle waits for a send to settle, a Notify, the poll interval, or the end.
func (s *Sender) idle(ctx context.Context, settled chan struct{}, drain bool) {
	var poll <-chan time.Time
	if !drain || !s.busy() {
		t := time.NewTimer(s.opt.Poll)
		defer t.Stop()
		poll = t.C
	}
	select {
	case <-settled:
	case <-s.wake:
	case <-poll:
	case <-ctx.Done():
	}
}

// claim keeps the messages of chats with nothing in flight and marks those
// chats busy.
func (s *Sender) claim(batch []*kinerja.OutboxMessage) []*kinerja.OutboxMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*kinerja.OutboxMessage
	for _, m := range batch {
		if s.inflight[m.ChatID] || s.recent[m.ID] {
			continue
		}
		s.inflight[m.ChatID] = true
		out = append(out, m)
	}
	return out
}

// release frees a chat after its message settled (its outcome is written).
func (s *Sender) release(m *kinerja.OutboxMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.inflight, m.ChatID)
	s.recent[m.ID] = true
	close(s.settled)
	s.settled = make(chan struct{})
}

func (s *Sender) busy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.inflight) > 0
}

// deliver sends one message and records the outcome. Database writes use
// a context that survives shutdown: a message Telegram accepted must be
// marked, or it would go out again after restart.
func (s *Sender) deliver(ctx context.Context, m *kinerja.OutboxMessage) {
	if err := s.pace.Wait(ctx, m.ChatID); err != nil {
		return // shutting down: the message stays pending for the next start
	}
	_, err := s.msg.Send(bot.Bulk(ctx), outMessage(m)) // paced by the client as bulk
	mctx := context.WithoutCancel(ctx)
	now := s.opt.Now()
	var merr error
	switch {
	case err == nil:
		merr = s.store.MarkSent(mctx, m.ID, now)
	case errors.Is(err, bot.ErrUnreachable):
		merr = s.final(mctx, m, kinerja.OutboxUnreachable, err, now)
		s.markAccount(mctx, m.ChatID, now)
	case errors.Is(err, bot.ErrChatGone):
		merr = s.final(mctx, m, kinerja.OutboxGone, err, now)
	case ctx.Err() != nil:
		// The Messenger gave up waiting to retry because we are stopping:
		// not the message's fault, so no attempt is counted.
		return
	case s.opt.Permanent(err) || m.Attempts+1 >= s.opt.MaxAttempts:
		merr = s.final(mctx, m, kinerja.OutboxFailed, err, now)
	default:
		next := now.Add(s.opt.Backoff(m.Attempts + 1))
		s.opt.Log.Warn("outbox: send failed, will retry", "message", m.ID, "chat", m.ChatID,
			"attempt", m.Attempts+1, "next", next, "err", err)
		merr = s.store.MarkRetry(mctx, m.ID, next, err.Error())
	}
	if merr != nil && kinerja.ErrorCode(merr) != kinerja.EConflict {
		// The outcome could not be recorded; a sent message would go out
		// again after a restart. Nothing better can be done than say so.
		s.opt.Log.Error("outbox: recording the outcome failed", "message", m.ID, "chat", m.ChatID,
			"send_err", err, "err", merr)
	}
}

// final ends a message that will not be sent and remembers to tell the admins.
func (s *Sender) final(ctx context.Context, m *kinerja.OutboxMessage, status kinerja.OutboxStatus, err error, now time.Time) error {
	s.opt.Log.Warn("outbox: message not delivered", "message", m.ID, "chat", m.ChatID, "label", m.Label,
		"status", status, "err", err)
	s.mu.Lock()
	s.failed = true
	s.mu.Unlock()
	return s.store.MarkFinal(ctx, m.ID, status, err.Error(), now)
}

// markAccount records that a person blocked the bot, so later reminders
// skip them until they write to the bot again.
func (s *Sender) markAccount(ctx context.Context, chatID int64, now time.Time) {
	if chatID <= 0 {
		return
	}
	a, err := s.store.Account(ctx, chatID)
	if err != nil {
		a = &kinerja.Account{TelegramID: chatID}
	}
	a.Unreachable, a.UpdatedAt = true, now
	if err := s.store.PutAccount(ctx, a); err != nil {
		s.opt.Log.Warn("outbox: marking the account unreachable failed", "chat", chatID, "err", err)
	}
}

// reportFailures calls OnFailures when messages failed since the last call,
// once idle, or during a broadcast at most every FailureEvery.
func (s *Sender) reportFailures(ctx context.Context, idle bool) {
	s.mu.Lock()
	due := s.failed && s.opt.OnFailures != nil && (idle || s.opt.Now().Sub(s.lastFails) >= s.opt.FailureEvery)
	if due {
		s.failed, s.lastFails = false, s.opt.Now()
	}
	s.mu.Unlock()
	if due {
		s.opt.OnFailures(ctx)
	}
}

// outMessage turns a queued message into the bot's, putting the message's
// own ID into button data that asks for it ("snooze:{id}:h").
func outMessage(m *kinerja.OutboxMessage) bot.OutMessage {
	out := bot.OutMessage{ChatID: m.ChatID, Text: m.Text, Photo: m.Photo, Document: m.Document, FileName: m.FileName}
	id := strconv.FormatInt(m.ID, 10)
	for _, row := range m.Buttons {
		var r []bot.Button
		for _, b := range row {
			r = append(r, bot.Button{Text: b.Text, Data: strings.ReplaceAll(b.Data, "{id}", id), URL: b.URL})
		}
		out.Buttons = append(out.Buttons, r)
	}
	return out
}
