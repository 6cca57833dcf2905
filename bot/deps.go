package bot

import (
	"log/slog"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Deps is what a feature's services need to work without a chat: the
// database, the clock, the zone and the default language. cmd builds it
// once and hands it to every feature's constructor, so an export, a survey
// link or a job run needs no Bot.
type Deps struct {
	Store       kinerja.Store
	Now         kinerja.Clock
	Location    *time.Location
	DefaultLang kinerja.Lang
	Log         *slog.Logger
	// Username is the bot's Telegram username, for deep links; "" when
	// unknown (a command that prints no links).
	Username string
}

// WithDefaults fills what is unset: time.Now, UTC, Indonesian, a
// discarding logger.
func (d Deps) WithDefaults() Deps {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Location == nil {
		d.Location = time.UTC
	}
	if d.DefaultLang == "" {
		d.DefaultLang = kinerja.LangID
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return d
}
