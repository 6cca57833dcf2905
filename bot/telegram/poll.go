package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// UpdateHandler receives the updates of one getUpdates answer.
//
// The offset moves past a batch only after HandleBatch returns nil, so every
// update is delivered at least once: after an error, a crash or a duplicate
// from Telegram, the same update ids come again. Deduplicating by update id
// ("seen", not "less than the last") is the handler's job, because only it
// knows when an update's work is committed.
type UpdateHandler interface {
	HandleBatch(ctx context.Context, ups []bot.Update) error
}

// pollBatch is how many updates one getUpdates may return. The handler
// commits a batch in one transaction and sends its replies on the side, and
// the next getUpdates (which confirms the batch) goes out once it has
// committed; a smaller batch bounds how long its last update waits for
// that commit. At 100, p50 and p99 under a queue of citizens were several
// times those at 40; at 20 they were about half those at 40 for the same
// throughput within the noise, and at 12 lower still but with more CPU per
// update and a less steady throughput (skmload, README).
const pollBatch = 20

// emptyPollPause is the least time between two getUpdates that found nothing.
const emptyPollPause = 300 * time.Millisecond

// Poll runs the long-polling loop until ctx is done, then returns nil.
// Cancelling ctx aborts the long poll in flight at once, since its HTTP
// request runs under ctx. Only one Poll may run per token: Telegram answers
// a second poller (or any poller while a webhook is set) with 409.
func (c *Client) Poll(ctx context.Context, h UpdateHandler) error {
	api, hc := c.call(ctx)
	hc.updates = true
	offset := 0
	failures := 0       // consecutive failed getUpdates or HandleBatch calls
	conflicted := false // a 409 was logged and not yet resolved
	secs := max(int(c.cfg.PollTimeout/time.Second), 1)
	c.leaveWebhook(ctx) // switching back from webhook mode
	for ctx.Err() == nil {
		started := time.Now()
		hc.status, hc.result = 0, nil // a transport error leaves neither; don't use the last ones
		raw, err := api.Request(tgbotapi.UpdateConfig{
			Offset: offset, Limit: pollBatch, Timeout: secs, AllowedUpdates: allowedUpdates,
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait := c.pollWait(err, hc.status, failures, &conflicted)
			if webhookConflict(err) {
				c.leaveWebhook(ctx)
			}
			if c.sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		if conflicted {
			c.log.Info("telegram: getUpdates works again after a conflict")
			conflicted = false
		}
		result := raw.Result
		if hc.result != nil { // kept from the library's decoder
			result = hc.result
		}
		batch, next, ok := c.decode(result)
		if !ok {
			failures = 0
			// Nothing came in. A server that does not long-poll (some Bot API
			// emulators answer at once) must not be hammered in a tight loop.
			if time.Since(started) < emptyPollPause {
				if c.sleep(ctx, emptyPollPause) != nil {
					break
				}
			}
			continue
		}
		if len(batch) > 0 {
			if err := h.HandleBatch(ctx, batch); err != nil {
				if ctx.Err() != nil {
					break
				}
				failures++
				wait := backoff(failures, 500*time.Millisecond, 30*time.Second)
				c.log.Warn("telegram: handling updates failed; they will come again",
					"updates", len(batch), "wait", wait, "err", err)
				if c.sleep(ctx, wait) != nil {
					break
				}
				continue // offset unchanged: Telegram delivers the batch again
			}
		}
		failures = 0
		offset = next
	}
	return nil
}

// decode converts one getUpdates result. next is the offset that confirms
// it: one past the highest update id seen (ids are not assumed to grow by
// one, nor to be sorted). ok is false for an empty result. Each update is
// decoded on its own, so one that cannot be read is skipped and
// confirmed instead of blocking the queue forever.
func (c *Client) decode(result json.RawMessage) (batch []bot.Update, next int, ok bool) {
	// The common case, every update readable, is decoded in one pass; the
	// update-by-update pass below is for a batch with one that cannot be
	// read.
	var ups []wireUpdate
	if err := json.Unmarshal(result, &ups); err == nil {
		if len(ups) == 0 {
			return nil, 0, false
		}
		batch = make([]bot.Update, 0, len(ups))
		highest := ups[0].UpdateID
		for _, u := range ups {
			highest = max(highest, u.UpdateID)
			if bu, ok := convert(u); ok {
				batch = append(batch, bu)
			}
		}
		return batch, highest + 1, true
	}
	var raws []json.RawMessage
	if err := json.Unmarshal(result, &raws); err != nil || len(raws) == 0 {
		if err != nil {
			c.log.Error("telegram: unreadable getUpdates result", "err", err)
		}
		return nil, 0, false
	}
	highest, seen := 0, false
	for _, r := range raws {
		var u wireUpdate
		err := json.Unmarshal(r, &u)
		if err != nil {
			var id struct {
				UpdateID int `json:"update_id"`
			}
			if json.Unmarshal(r, &id) != nil {
				c.log.Error("telegram: update without an id skipped", "err", err)
				continue
			}
			u = wireUpdate{UpdateID: id.UpdateID}
			c.log.Warn("telegram: unreadable update skipped", "update", id.UpdateID, "err", err)
		}
		if !seen || u.UpdateID > highest {
			highest, seen = u.UpdateID, true
		}
		if bu, ok := convert(u); ok && err == nil {
			batch = append(batch, bu)
		}
	}
	if !seen {
		return nil, 0, false
	}
	return batch, highest + 1, true
}

// pollWait logs a failed getUpdates and says how long to wait before the
// next one.
func (c *Client) pollWait(err error, status, failures int, conflicted *bool) time.Duration {
	v := classify(err, status)
	c.tooMany("getUpdates", v)
	var te *tgbotapi.Error
	isAPI := errors.As(err, &te)
	switch {
	case isAPI && te.RetryAfter > 0, v.code == http.StatusTooManyRequests:
		wait := max(v.wait, time.Second)
		c.log.Warn("telegram: getUpdates rate limited", "wait", wait)
		return wait
	case v.code == http.StatusConflict:
		if !*conflicted {
			*conflicted = true
			c.log.Error("telegram: getUpdates conflict: another instance is polling with this token, "+
				"or a webhook is set; this one backs off until it clears", "err", err)
		}
	case v.code == http.StatusUnauthorized || v.code == http.StatusNotFound:
		c.log.Error("telegram: getUpdates rejected the token", "code", v.code, "err", err)
	default:
		c.log.Warn("telegram: getUpdates failed", "code", v.code, "failures", failures, "err", err)
	}
	return backoff(failures, 500*time.Millisecond, 30*time.Second)
}
