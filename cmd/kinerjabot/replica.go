package main

import (
	"context"
	"os"

	"github.com/bkpsdm-solok/kinerjabot/bot"
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

// resumeReplies switches durable replies on and queues the ones a crash
// left unsent (bot/durable.go), before the bot polls.
func (a *app) resumeReplies(ctx context.Context, b *bot.Bot) error {
	_, err := b.ResumeReplies(ctx, a.replicaName())
	return err
}
