package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// replicaName is this process's name in the reply queue: KINERJA_REPLICA,
// else the host name. A process started again under the same name takes
// back the replies its previous run left unsent at once; under another
// name (a new container) it takes them when their lease ends. Two
// processes running at once need different names.
func (a *app) replicaName() string {
	if v := a.getenv("KINERJA_REPLICA"); v != "" {
		return v
	}
	if h, err := os.Hostname(); err == nil && h != "" {
		return h
	}
	return "kinerjabot"
}

// sentLogPath is where this replica marks the replies it sent (see
// bot.SentLog): beside a SQLite database, else in the temporary
// directory, named after the database and the replica so that neither
// another database nor another replica shares it.
func (a *app) sentLogPath(replica string) string {
	sum := sha256.Sum256([]byte(a.cfg.Database + "\x00" + replica))
	name := "kinerjabot-sent-" + hex.EncodeToString(sum[:6])
	if db := a.cfg.Database; !strings.Contains(db, "://") {
		file, _, _ := strings.Cut(strings.TrimPrefix(db, "sqlite:"), "?")
		return filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+"."+name)
	}
	return filepath.Join(os.TempDir(), name)
}

// resumeReplies switches durable replies on and queues the ones a crash
// left unsent (bot/durable.go), before the bot polls. It returns the
// function that closes the sent log at the end.
func (a *app) resumeReplies(ctx context.Context, b *bot.Bot) (func(), error) {
	replica := a.replicaName()
	var (
		sent  bot.SentLog
		close = func() {}
	)
	if l, err := bot.OpenSentLog(a.sentLogPath(replica)); err != nil {
		a.log.Warn("no log of sent replies: after a crash the last ones may be sent twice", "err", err)
	} else {
		sent, close = l, func() { l.Close() }
	}
	if _, err := b.ResumeReplies(ctx, replica, sent); err != nil {
		close()
		return func() {}, err
	}
	return close, nil
}

// outboxMarks opens this replica's notes of outbox messages Telegram
// accepted (outbox.Marked), marks sent in db those a kill left unmarked,
// and returns the log for the sender; nil (with a warning) if the file
// cannot be used: then a kill may send those few messages again.
func (a *app) outboxMarks(ctx context.Context, db *storage.DB) *bot.FileSentLog {
	l, err := bot.OpenSentLog(a.sentLogPath(a.replicaName() + "\x00outbox"))
	if err != nil {
		a.log.Warn("no log of sent outbox messages: after a crash the last ones may be sent twice", "err", err)
		return nil
	}
	n, err := outbox.RecoverMarks(ctx, db, l, a.now())
	if err != nil {
		a.log.Warn("applying the log of sent outbox messages failed: the last ones may be sent twice", "err", err)
	}
	if n > 0 {
		a.log.Info("marked outbox messages sent just before the previous run ended", "messages", n)
	}
	return l
}
