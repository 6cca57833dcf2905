package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Config is what the conversations need to know about the deployment.
type Config struct {
	Location    *time.Location // time zone of periods and reminders (Asia/Jakarta)
	DefaultLang kinerja.Lang   // language for users who chose none
	BotUsername string         // for deep links; filled from getMe when empty
	InviteTTL   time.Duration  // how long an invite code is valid (14 days)
	SessionIdle time.Duration  // a dialogue idle this long expires (30 minutes)
	// Workers bounds how many chats are handled at once.
	Workers int
}

// Bot is the conversation engine: it turns updates into replies through the
// store and a Messenger. It is safe for concurrent use.
type Bot struct {
	cfg   Config
	store kinerja.Store
	msg   Messenger
	now   kinerja.Clock
	log   *slog.Logger

	commands       map[string]*CommandSpec // by name and alias
	buttons        map[string]*ButtonSpec  // by "prefix:action"
	buttonVersions map[string]int          // by prefix
	byValue        map[string]Handler      // by prefix, buttons whose first field is a value (ButtonsByValue)
	flows          map[string]*FlowSpec    // by session flow
	payloads       map[string]Handler      // by /start payload prefix
	onLinked       []Greeter               // add to the confirmation of a linked account (OnLinked)
	onWelcome      []Greeter               // add to the greeting of a plain /start (OnWelcome)
	order          []string                // command names in menu order
	regErrs        []error                 // registration mistakes, returned by New

	menuOnce sync.Once
	// background tracks work started after a commit that may be slow
	// (downloading evidence), so shutdown can wait for it.
	background sync.WaitGroup
	// health counts handled and uncommitted updates and rate-limits the
	// admins' alert (health.go).
	health health
}

// New returns a bot over the store and messenger with the given features.
// now is the clock; nil means time.Now. A feature that registers a command,
// button, dialogue or payload already taken is refused with an error here,
// at start-up, instead of silently replacing the other.
func New(cfg Config, store kinerja.Store, msg Messenger, now kinerja.Clock, log *slog.Logger, features ...Feature) (*Bot, error) {
	if cfg.Location == nil {
		cfg.Location = time.UTC
	}
	if cfg.DefaultLang == "" {
		cfg.DefaultLang = kinerja.LangID
	}
	if cfg.InviteTTL == 0 {
		cfg.InviteTTL = 14 * 24 * time.Hour
	}
	if cfg.SessionIdle == 0 {
		cfg.SessionIdle = 30 * time.Minute
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 16
	}
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Bot{
		cfg: cfg, store: store, msg: msg, now: now, log: log,
		commands:       map[string]*CommandSpec{},
		buttons:        map[string]*ButtonSpec{},
		buttonVersions: map[string]int{},
		byValue:        map[string]Handler{},
		flows:          map[string]*FlowSpec{},
		payloads:       map[string]Handler{},
	}
	b.registerCore()

	for _, f := range features {
		f.Register(b)
	}
	if err := errors.Join(b.regErrs...); err != nil {
		return nil, err
	}
	return b, nil
}

// Config returns the bot's configuration.
func (b *Bot) Config() Config { return b.cfg }

// SetUsername records the bot's username (from getMe) for deep links.
func (b *Bot) SetUsername(u string) { b.cfg.BotUsername = u }

// HandleBatch handles a batch of updates: the updates of one chat in order,
// different chats in parallel. It returns nil once every update's work is
// committed (or was already done before), and an error when some update
// could not be committed, so the transport does not confirm the batch and
// Telegram delivers it again; updates already handled are then skipped.
func (b *Bot) HandleBatch(ctx context.Context, ups []Update) error {
	// Work already started finishes even if the poller is being stopped:
	// shutdown waits for it (bounded), rather than abandoning it half-done.
	ctx = context.WithoutCancel(ctx)
	byChat := map[int64][]Update{}
	var chats []int64
	for _, u := range ups {
		if _, ok := byChat[u.ChatID]; !ok {
			chats = append(chats, u.ChatID)
		}
		byChat[u.ChatID] = append(byChat[u.ChatID], u)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, b.cfg.Workers)
	)
	for _, chat := range chats {
		wg.Add(1)
		sem <- struct{}{}
		go func(list []Update) {
			defer wg.Done()
			defer func() { <-sem }()
			for _, u := range list {
				if err := b.Handle(ctx, u); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return // later updates of this chat wait for redelivery, in order
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	return first
}

// Handle handles one update exactly once. The handler's writes and the
// record that the update was handled commit together; replies are sent
// after the commit. A user error rolls back the handler's writes and is
// answered; an internal error is logged and answered with an apology. Only
// a failure to record the update returns an error (the update is retried).
func (b *Bot) Handle(ctx context.Context, u Update) error {
	now := b.now()
	var r *Request
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		seen, err := tx.UpdateSeen(ctx, u.ID)
		if err != nil || seen {
			r = nil
			return err
		}
		r = b.newRequest(ctx, tx, u, now)
		if err := b.route(r); err != nil {
			return &handlerError{err}
		}
		return tx.MarkUpdate(ctx, u.ID, now)
	})
	var he *handlerError
	if errors.As(err, &he) {
		// Roll back what the handler wrote, then record the update and tell
		// the user, in a transaction of its own.
		r = b.failedRequest(ctx, u, now, he.err)
		err = b.store.InTx(ctx, func(tx kinerja.Tx) error {
			return tx.MarkUpdate(ctx, u.ID, now)
		})
	}
	if err != nil {
		// Nothing of the update took effect and its replies are dropped;
		// the sender hears that the bot is busy, and Telegram delivers the
		// update again since it is not confirmed.
		b.log.Error("update not committed; it will be redelivered", "update", u.ID, "err", err)
		b.uncommittedUpdate(ctx, u, err)
		return err
	}
	b.committed(ctx, u.ID, r == nil)
	if r != nil {
		b.deliver(ctx, r)
	}
	return nil
}

// handlerError carries a handler's error out of the transaction so that it
// rolls back but is told apart from a database failure.
type handlerError struct{ err error }

func (e *handlerError) Error() string { return e.err.Error() }
func (e *handlerError) Unwrap() error { return e.err }

// failedRequest builds the reply to a handler error.
func (b *Bot) failedRequest(ctx context.Context, u Update, now time.Time, err error) *Request {
	r := b.newRequest(ctx, nil, u, now)
	r.Lang = b.langOf(ctx, b.store, u.From.ID)
	key, args := kinerja.ErrorKey(err)
	if key == "" || kinerja.ErrorCode(err) == kinerja.EInternal {
		b.log.Error("handler failed", "update", u.ID, "chat", u.ChatID, "err", err)
		key, args = "core.internal_error", nil
	}
	text := T(r.Lang, key, args...)
	if u.Callback != nil {
		r.answer = text
	}
	if u.ChatType == ChatPrivate {
		r.Reply(text)
	}
	return r
}

// deliver sends a committed request's replies and runs its follow-ups.
func (b *Bot) deliver(ctx context.Context, r *Request) {
	for _, m := range r.out {
		if _, err := b.msg.Send(ctx, m); err != nil {
			b.sendFailed(ctx, m.ChatID, err)
		}
	}
	if r.Callback != nil {
		if err := b.msg.AnswerCallback(ctx, r.Callback.ID, r.answer); err != nil {
			b.log.Warn("answer callback failed", "update", r.ID, "err", err)
		}
	}
	for _, f := range r.after {
		f(ctx)
	}
}

// sendFailed records an unreachable recipient so reminders can skip it and
// the admin can be told.
func (b *Bot) sendFailed(ctx context.Context, chatID int64, err error) {
	b.log.Warn("send failed", "chat", chatID, "err", err)
	if !errors.Is(err, ErrUnreachable) || chatID <= 0 {
		return
	}
	a, gerr := b.store.Account(ctx, chatID)
	if gerr != nil {
		a = &kinerja.Account{TelegramID: chatID}
	}
	a.Unreachable, a.UpdatedAt = true, b.now()
	if perr := b.store.PutAccount(ctx, a); perr != nil {
		b.log.Warn("mark unreachable failed", "chat", chatID, "err", perr)
	}
}

// langOf returns the language a Telegram user chose, or the default.
func (b *Bot) langOf(ctx context.Context, s kinerja.AccountStore, userID int64) kinerja.Lang {
	if a, err := s.Account(ctx, userID); err == nil && a.Lang != "" {
		return a.Lang
	}
	return b.cfg.DefaultLang
}

// goBackground runs f after the commit without holding up the chat or the
// polling loop (a slow download would stall every chat behind the batch).
// It gets a context of its own, bounded, that a stopping poller does not cut.
func (b *Bot) goBackground(ctx context.Context, f func(ctx context.Context)) {
	b.background.Add(1)
	go func() {
		defer b.background.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Minute)
		defer cancel()
		f(ctx)
	}()
}

// Wait waits until background work has finished or ctx ends.
func (b *Bot) Wait(ctx context.Context) {
	done := make(chan struct{})
	go func() { b.background.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// PruneUpdates forgets handled update ids older than 48 hours (Telegram keeps
// unconfirmed updates for 24).
func (b *Bot) PruneUpdates(ctx context.Context) error {
	_, err := b.store.PruneUpdates(ctx, b.now().Add(-48*time.Hour))
	return err
}

// Store returns the database, for features' work outside an update (jobs,
// background follow-ups).
func (b *Bot) Store() kinerja.Store { return b.store }

// Messenger returns the sender of messages.
func (b *Bot) Messenger() Messenger { return b.msg }

// Now returns the current instant of the bot's clock.
func (b *Bot) Now() time.Time { return b.now() }

// Log returns the bot's logger.
func (b *Bot) Log() *slog.Logger { return b.log }

// Location returns the configured time zone.
func (b *Bot) Location() *time.Location { return b.cfg.Location }

// DefaultLang returns the language of users who chose none.
func (b *Bot) DefaultLang() kinerja.Lang { return b.cfg.DefaultLang }

// LangOf returns the language a Telegram user chose, or the default.
func (b *Bot) LangOf(ctx context.Context, s kinerja.AccountStore, userID int64) kinerja.Lang {
	return b.langOf(ctx, s, userID)
}

// Notify sends a message outside an update (a follow-up after the commit)
// and marks a recipient who blocked the bot as unreachable.
func (b *Bot) Notify(ctx context.Context, m OutMessage) (int, error) {
	id, err := b.msg.Send(ctx, m)
	if err != nil {
		b.sendFailed(ctx, m.ChatID, err)
	}
	return id, err
}

// Go runs f after the commit without holding up the chat or the polling
// loop; shutdown waits for it (see Wait).
func (b *Bot) Go(ctx context.Context, f func(ctx context.Context)) { b.goBackground(ctx, f) }

// SetChatMenu queues the per-chat command menu for the sender's roles,
// after a change of role (an account linked).
func (b *Bot) SetChatMenu(r *Request) { b.setChatMenu(r) }

// Commands returns the names and aliases of every registered command,
// sorted (for tests that try them all).
func (b *Bot) Commands() []string {
	var out []string
	for name := range b.commands {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// ButtonPrefixes returns the data prefix of every registered button
// action, "prefix:action" (or the bare prefix of buttons by value),
// sorted (for tests that press them all).
func (b *Bot) ButtonPrefixes() []string {
	var out []string
	for key, s := range b.buttons {
		if v := s.Buttons.version(); v > 1 {
			p, a, _ := strings.Cut(key, ":")
			key = fmt.Sprintf("%s.%d:%s", p, v, a)
		}
		out = append(out, key)
	}
	for p := range b.byValue {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
