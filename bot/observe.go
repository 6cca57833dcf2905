package bot

import (
	"strings"
	"time"
)

// Observer is told what the dispatcher does, for metrics (Config.Observer;
// web.Metrics is one). It is called from many goroutines, on the path of
// every update, so its methods must be safe for concurrent use and quick.
type Observer interface {
	// UpdateHandled is called once per update whose work was committed
	// (redelivered duplicates are not), with its kind (UpdateKind) and
	// how long it took from the start of its handling to the commit, as
	// the bot's clock tells.
	UpdateHandled(kind string, latency time.Duration)
	// ReplySent is called for every reply of a committed update that was
	// sent (err nil) or given up (err the reason).
	ReplySent(err error)
	// HandlerFailed is called when a handler failed with an error that is
	// not the user's (a database error mostly; the user gets an apology).
	HandlerFailed()
}

// UpdateKind names what an update is for the metrics: "callback",
// "command", "edited", or the message kind ("text", "photo", "document",
// "sticker", "voice", "location", "other").
func UpdateKind(u Update) string {
	switch {
	case u.Callback != nil:
		return "callback"
	case u.Edited:
		return "edited"
	case u.Kind == KindText && strings.HasPrefix(u.Text, "/"):
		return "command"
	case u.Kind == "":
		return string(KindOther)
	}
	return string(u.Kind)
}

// noObserver is the Observer of a bot configured without one.
type noObserver struct{}

func (noObserver) UpdateHandled(string, time.Duration) {}
func (noObserver) ReplySent(error)                     {}
func (noObserver) HandlerFailed()                      {}

// observer returns the configured Observer, or one that ignores all.
func (b *Bot) observer() Observer {
	if b.cfg.Observer == nil {
		return noObserver{}
	}
	return b.cfg.Observer
}

// observeHandled reports a committed update that started at start; a
// duplicate is not reported (Stats counts it).
func (b *Bot) observeHandled(u Update, start time.Time, dup bool) {
	if !dup {
		b.observer().UpdateHandled(UpdateKind(u), b.now().Sub(start))
	}
}

// observeReply reports a reply sent or failed and returns err, so that
// the sending code stays one line: if _, err := Send(); observeReply(err) != nil.
func (b *Bot) observeReply(err error) error {
	b.observer().ReplySent(err)
	return err
}
