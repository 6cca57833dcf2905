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
	// Workers bounds how many chats are handled at once when a batch is
	// handled update by update, and (four times it) how many chats are
	// sent replies at once.
	Workers int
	// Observer is told about every update handled and reply sent, for
	// metrics (observe.go); nil tells nobody.
	Observer Observer
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
	// out delivers committed replies in the background, in order per chat
	// (deliver.go), so polling goes on while they are sent.
	out outQueue
	// replies keeps unsent replies in the database (durable.go).
	replies durable
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
	b.out.init(cfg.Workers)
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
