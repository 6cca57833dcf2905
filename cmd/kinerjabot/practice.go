package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/practice"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// Practice mode (/latihan) runs on a second database, a SQLite file next
// to the main one (<db>.latihan.db; for PostgreSQL, in
// KINERJA_PRACTICE_DIR or the temporary folder), served by a second bot
// built with the same features. Its messenger marks every message and
// delivers only to people in practice, and the router in front of the
// real bot sends their updates to it. Nothing of practice is written to
// the main database except who is practising (settings), so no report,
// export, summary or audit entry can contain it.

// sandboxes maps a main database to its running sandbox, so the features
// built for it (features.go) find it; sandboxDBs holds the sandboxes' own
// databases, whose features get no sandbox of their own.
var (
	sandboxMu  sync.Mutex
	sandboxes  = map[kinerja.Store]*sandbox{}
	sandboxDBs = map[kinerja.Store]bool{}
)

// practiceConfig is practice's configuration for features over deps.Store:
// the running bot's sandbox, none inside the sandbox itself, or (for an
// operator command such as "jobs run practice-expire") the sandbox file
// alone, without a bot.
func (a *app) practiceConfig(deps bot.Deps) practice.Config {
	sandboxMu.Lock()
	defer sandboxMu.Unlock()
	if deps.Store == nil || sandboxDBs[deps.Store] {
		return practice.Config{}
	}
	if sb, ok := sandboxes[deps.Store]; ok {
		return practice.Config{Sandbox: sb}
	}
	return practice.Config{Sandbox: &sandbox{a: a, path: a.practicePath()}}
}

// practicePath is where the sandbox database lives.
func (a *app) practicePath() string {
	const name = "kinerjabot.latihan.db"
	if a.getenv != nil {
		if dir := a.getenv("KINERJA_PRACTICE_DIR"); dir != "" {
			return filepath.Join(dir, name)
		}
	}
	if strings.Contains(a.cfg.Database, "://") {
		return filepath.Join(os.TempDir(), name)
	}
	path := strings.TrimPrefix(a.cfg.Database, "sqlite:")
	path, _, _ = strings.Cut(path, "?")
	return path + ".latihan.db"
}

// sandbox is the practice database and the bot that serves it, both made
// when first needed and deleted by Discard.
type sandbox struct {
	a    *app
	path string
	main kinerja.Store // the real database, which says who practises
	real bot.Messenger // the real transport; nil without a bot
	cfg  bot.Config

	// busy is held for reading while the sandbox bot handles a batch and
	// for writing while the sandbox is discarded.
	busy sync.RWMutex
	mu   sync.Mutex
	db   *storage.DB
	b    *bot.Bot
}

// newSandbox returns the sandbox of the running bot over main, reachable
// from the features built for main until close.
func newSandbox(a *app, main kinerja.Store, real bot.Messenger, cfg bot.Config) *sandbox {
	sb := &sandbox{a: a, path: a.practicePath(), main: main, real: real, cfg: cfg}
	sandboxMu.Lock()
	sandboxes[main] = sb
	sandboxMu.Unlock()
	return sb
}

// Serves implements practice.Sandbox: only the running bot's sandbox has
// a router sending practising people's updates to it.
func (s *sandbox) Serves() bool { return s.real != nil }

// Store implements practice.Sandbox: the sandbox database, opened (and
// created) when first needed.
func (s *sandbox) Store(ctx context.Context) (kinerja.Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.open(ctx)
}

func (s *sandbox) open(ctx context.Context) (*storage.DB, error) {
	if s.db != nil {
		return s.db, nil
	}
	db, err := storage.Open(ctx, s.path)
	if err != nil {
		return nil, err
	}
	sandboxMu.Lock()
	sandboxDBs[db] = true
	sandboxMu.Unlock()
	s.db = db
	return db, nil
}

// bot returns the sandbox bot, built when first needed with the same
// features as the real one over the sandbox database.
func (s *sandbox) bot(ctx context.Context) (*bot.Bot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b != nil {
		return s.b, nil
	}
	db, err := s.open(ctx)
	if err != nil {
		return nil, err
	}
	deps := s.a.deps(db)
	deps.Username = s.cfg.BotUsername
	features, _, err := s.a.features(deps)
	if err != nil {
		return nil, err
	}
	log := s.a.log.With("practice", true)
	b, err := bot.New(s.cfg, db, &markedMessenger{real: s.real, main: s.main, log: log}, s.a.now, log, features...)
	if err != nil {
		return nil, err
	}
	s.b = b
	return b, nil
}

// handle has the sandbox bot handle a batch of practising people's updates.
func (s *sandbox) handle(ctx context.Context, ups []bot.Update) error {
	s.busy.RLock()
	defer s.busy.RUnlock()
	b, err := s.bot(ctx)
	if err != nil {
		return err
	}
	return b.HandleBatch(ctx, ups)
}

// Discard implements practice.Sandbox: it waits for the sandbox bot's
// replies in flight, then closes and deletes the sandbox database.
func (s *sandbox) Discard(ctx context.Context) error {
	s.busy.Lock()
	defer s.busy.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b != nil {
		s.b.Wait(ctx)
		s.b = nil
	}
	if s.db != nil {
		s.db.Close()
		sandboxMu.Lock()
		delete(sandboxDBs, s.db)
		sandboxMu.Unlock()
		s.db = nil
	}
	for _, f := range []string{s.path, s.path + "-wal", s.path + "-shm", s.path + "-journal"} {
		if err := os.Remove(f); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	return nil
}

// Wait waits for the sandbox bot's replies in flight, until ctx ends.
func (s *sandbox) Wait(ctx context.Context) {
	s.mu.Lock()
	b := s.b
	s.mu.Unlock()
	if b != nil {
		b.Wait(ctx)
	}
}

// close forgets the sandbox and closes its database (the file stays for
// the people still practising when the bot starts again).
func (s *sandbox) close() {
	sandboxMu.Lock()
	delete(sandboxes, s.main)
	if s.db != nil {
		delete(sandboxDBs, s.db)
	}
	sandboxMu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db != nil {
		s.db.Close()
		s.db, s.b = nil, nil
	}
}

// markedMessenger is the sandbox bot's messenger: every text and caption
// begins with the practice banner, messages go only to people practising
// (a copy of a real assessor who is not practising hears nothing), their
// ids are recorded so a practice button is never taken for a real one,
// and the command menus stay the real ones.
type markedMessenger struct {
	real bot.Messenger
	main kinerja.Store
	log  *slog.Logger
}

// Send implements bot.Messenger.
func (m *markedMessenger) Send(ctx context.Context, o bot.OutMessage) (int, error) {
	active, err := practice.Active(ctx, m.main)
	if err != nil {
		return 0, err
	}
	if _, on := active[o.ChatID]; !on || o.ChatID <= 0 {
		m.log.Debug("practice message dropped: recipient not practising", "chat", o.ChatID)
		return 0, nil
	}
	if o.Text == "" {
		o.Text = practice.Banner
	} else {
		o.Text = practice.Banner + "\n" + o.Text
	}
	id, err := m.real.Send(ctx, o)
	if err != nil {
		return id, err
	}
	if terr := practice.Touch(ctx, m.main, o.ChatID, id); terr != nil {
		m.log.Warn("practice: recording a message id failed", "chat", o.ChatID, "err", terr)
	}
	return id, nil
}

// AnswerCallback implements bot.Messenger, marking a notice.
func (m *markedMessenger) AnswerCallback(ctx context.Context, id, text string) error {
	if text != "" {
		text = "🧪 " + text
	}
	return m.real.AnswerCallback(ctx, id, text)
}

// Download implements bot.Messenger: evidence files are real files.
func (m *markedMessenger) Download(ctx context.Context, fileID string, limit int64) ([]byte, error) {
	return m.real.Download(ctx, fileID, limit)
}

// SetCommands implements bot.Messenger: practice leaves the menus alone.
func (m *markedMessenger) SetCommands(context.Context, bot.MenuScope, []bot.Command) error {
	return nil
}

// practiceRouter is what the transport polls for: it sends the updates of
// people in practice to the sandbox bot, and everything else (and
// /latihan itself) to the real one, each chat's updates in order.
type practiceRouter struct {
	main *bot.Bot
	db   kinerja.Store
	sb   *sandbox
	msg  bot.Messenger
}

// HandleBatch implements telegram.UpdateHandler.
func (p *practiceRouter) HandleBatch(ctx context.Context, ups []bot.Update) error {
	var pressed []int64 // chats whose buttons were pressed
	for _, u := range ups {
		if u.Callback != nil && u.ChatType == bot.ChatPrivate {
			pressed = append(pressed, u.ChatID)
		}
	}
	state, err := practice.LoadBatch(ctx, p.db, pressed)
	if err != nil {
		return err
	}
	var (
		run       []bot.Update
		toSandbox bool
	)
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		var err error
		if toSandbox {
			err = p.sb.handle(ctx, run)
		} else {
			err = p.main.HandleBatch(ctx, run)
		}
		run = nil
		return err
	}
	for _, u := range ups {
		dest, stale := p.route(state, u)
		if stale {
			lang := p.main.LangOf(ctx, p.db, u.From.ID)
			if err := p.msg.AnswerCallback(ctx, u.Callback.ID, bot.T(lang, "ltn.stale")); err != nil {
				p.main.Log().Warn("practice: answering a stale button failed", "err", err)
			}
			continue
		}
		if len(run) > 0 && dest != toSandbox {
			if err := flush(); err != nil {
				return err
			}
		}
		toSandbox = dest
		run = append(run, u)
		if practice.Own(u) {
			// Practice may have begun or ended: the next updates go
			// where it says now.
			if err := flush(); err != nil {
				return err
			}
			if state, err = practice.LoadBatch(ctx, p.db, pressed); err != nil {
				return err
			}
		}
	}
	return flush()
}

// route says whether u goes to the sandbox, or is a press on a message
// of an ended practice (answered, not handled).
func (p *practiceRouter) route(state practice.Batch, u bot.Update) (toSandbox, stale bool) {
	if u.ChatType != bot.ChatPrivate || practice.Own(u) {
		return false, false
	}
	if e, on := state.Active[u.ChatID]; on {
		// A button on a message from before the practice is a real one.
		return u.Callback == nil || u.Callback.MessageID >= e.First, false
	}
	return false, u.Callback != nil && state.WasPractice(u.ChatID, u.Callback.MessageID)
}
