package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// A call that keeps failing transiently (429, 5xx, timeouts, refused
// connections) is given up only when it has been tried maxAttempts times
// and has been at it for Config.RetryFor (defaultRetryFor): a reply then
// outlives an outage of Telegram of a minute or two instead of being lost
// after five tries (8 to 15 s of waiting), as it was before.
const (
	maxAttempts     = 5
	defaultRetryFor = 2 * time.Minute
)

// verdict is what to do about a failed call.
type verdict struct {
	retry bool
	wait  time.Duration // retry_after from Telegram; 0 means "back off"
	code  int           // HTTP status as best known, 0 for transport errors
	desc  string        // Telegram's description, "" if none
}

// classify decides whether err is worth retrying. status is the HTTP status
// recorded by httpClient; it stands in for Error.Code, which the library
// leaves 0 on the multipart upload path.
func classify(err error, status int) verdict {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		v := verdict{code: te.Code, desc: te.Message}
		if v.code == 0 {
			v.code = status
		}
		switch {
		case te.RetryAfter > 0: // checked before Code: uploads leave Code 0
			v.retry, v.wait = true, time.Duration(te.RetryAfter)*time.Second
		case v.code == 429:
			v.retry, v.wait = true, time.Second
		case v.code >= 500:
			v.retry = true
		}
		return v
	}
	v := verdict{code: status}
	var ue *url.Error
	var ne net.Error
	var se *json.SyntaxError
	switch {
	case errors.Is(err, context.Canceled):
		// The request context ended (client closed or poll stopped): final.
	case errors.As(err, &ue), errors.As(err, &ne):
		v.retry = true // connection refused or reset, timeouts
	case errors.As(err, &se), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		// Not a Telegram-shaped answer, e.g. a proxy's HTML error page.
		v.retry = status >= 500 || status == 429
	}
	return v
}

// sentinel maps a final error to bot.ErrUnreachable or bot.ErrChatGone.
func sentinel(v verdict) error {
	d := strings.ToLower(v.desc)
	switch {
	case v.code == 400 && strings.Contains(d, "chat not found"),
		v.code == 403 && (strings.Contains(d, "kicked") || strings.Contains(d, "not a member")):
		return bot.ErrChatGone
	case v.code == 403:
		return bot.ErrUnreachable
	}
	return nil
}

// backoff is exponential from base, doubled per attempt and capped, with
// jitter in [d/2, d) so that many clients do not retry in step.
func backoff(attempt int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < attempt && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + rand.N(d/2+1)
}

// bestEffort methods are not retried after a server error (only a 429 is
// waited out): the bot works without them, and an API or emulator that does
// not know the method should cost one log line, not a minute of retries.
var bestEffort = map[string]bool{"setMyCommands": true}

// uploads are the methods that carry a file: a request may take as long as
// Config.RequestTimeout. Every other call is bounded by Config.CallTimeout.
var uploads = map[string]bool{"sendPhoto": true, "sendDocument": true}

// do runs fn until it succeeds, fails for good, or runs out of attempts and
// time (see maxAttempts).
// fn gets a library client whose HTTP requests use the sending context
// (which outlives shutdown), while the waits between attempts end with ctx.
// A call returns only when it is settled, so the caller's order of sends to
// one chat is the order in which they reach Telegram.
func (c *Client) do(ctx context.Context, method string, chatID int64, fn func(api *tgbotapi.BotAPI) error) error {
	start := c.now()
	for attempt := 1; ; attempt++ {
		callCtx, cancel := c.sendCtx, context.CancelFunc(func() {})
		if !uploads[method] {
			callCtx, cancel = context.WithTimeout(c.sendCtx, c.cfg.CallTimeout)
		}
		api, hc := c.call(callCtx)
		hc.lean = resultUnused[method]
		err := fn(api)
		cancel()
		if err == nil {
			return nil
		}
		v := classify(err, hc.status)
		c.tooMany(method, v)
		spent := attempt >= maxAttempts && c.now().Sub(start) >= c.cfg.RetryFor
		if !v.retry || spent || (bestEffort[method] && v.wait == 0) {
			return c.final(method, chatID, err, v, attempt)
		}
		wait := v.wait
		if wait == 0 {
			wait = backoff(attempt, time.Second, 8*time.Second)
		}
		c.log.Warn("telegram: call failed, retrying", "method", method, "chat", chatID,
			"attempt", attempt, "code", v.code, "wait", wait, "err", err)
		if serr := c.sleep(ctx, wait); serr != nil {
			return c.wrap(method, fmt.Errorf("gave up waiting to retry: %w (last error: %w)", serr, err))
		}
	}
}

// tooMany notes a 429 (for PaceAuto) and reports it to
// Config.OnTooManyRequests.
func (c *Client) tooMany(method string, v verdict) {
	if v.code != 429 {
		return
	}
	c.last429.Store(c.now().UnixNano())
	if c.cfg.OnTooManyRequests != nil {
		c.cfg.OnTooManyRequests(method)
	}
}

// final builds the error a call returns when it will not be retried: the
// method, chat and status for the log, the sentinel for the caller.
func (c *Client) final(method string, chatID int64, err error, v verdict, attempts int) error {
	detail := fmt.Sprintf("chat %d: HTTP %d", chatID, v.code)
	if v.desc == "" && v.code != 0 {
		detail += " (no Telegram description: not a Bot API answer?)"
	}
	if attempts > 1 {
		detail += fmt.Sprintf(" after %d attempts", attempts)
	}
	if s := sentinel(v); s != nil {
		return c.wrap(method, fmt.Errorf("%s: %w: %w", detail, s, err))
	}
	return c.wrap(method, fmt.Errorf("%s: %w", detail, err))
}
