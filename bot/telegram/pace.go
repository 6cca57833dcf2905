package telegram

import (
	"context"
	"fmt"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The values of Config.PaceReplies.
const (
	// PaceAuto paces replies only after Telegram has answered 429 within
	// PaceWindow. Bulk sends are paced always. A reply goes out at once
	// while the bot is under Telegram's limits, as it almost always is (a
	// service counter's citizens are a few a minute); a queue the size of
	// a load test is paced as soon as Telegram says so.
	PaceAuto = "auto"
	// PaceAlways paces every message, replies included, so that even a
	// burst never meets a 429 (at the price of waiting for a slot).
	PaceAlways = "always"
)

// PaceWindow is how long after a 429 PaceAuto paces replies.
const PaceWindow = 10 * time.Minute

// CheckPaceReplies validates a Config.PaceReplies value ("" is PaceAuto).
func CheckPaceReplies(v string) error {
	switch v {
	case "", PaceAuto, PaceAlways:
		return nil
	}
	return fmt.Errorf("%q is not allowed; use %s or %s", v, PaceAuto, PaceAlways)
}

// paced reports whether a message sent under ctx waits on the Pacer.
func (c *Client) paced(ctx context.Context) bool {
	if bot.IsBulk(ctx) || c.cfg.PaceReplies == PaceAlways {
		return true
	}
	last := c.last429.Load()
	return last != 0 && c.now().Sub(time.Unix(0, last)) < PaceWindow
}
