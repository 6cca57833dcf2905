package telegram

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// SecretHeader is the header in which Telegram sends a webhook's secret_token.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookConfig is what setWebhook registers.
type WebhookConfig struct {
	URL    string // the public https:// address Telegram posts updates to
	Secret string // secret_token: 1–256 of A–Z a–z 0–9 _ -
	// MaxConnections is how many requests Telegram keeps open at once
	// (1–100; 0 leaves Telegram's default, 40).
	MaxConnections int
	// CertFile is the public certificate (PEM) to upload when the server
	// uses a self-signed one; "" for a certificate Telegram already trusts.
	CertFile string
}

// SetWebhook asks Telegram to post updates to cfg.URL instead of
// answering getUpdates. Each replica calls it at start with the same
// values, which is harmless: the last call wins and they agree.
func (c *Client) SetWebhook(ctx context.Context, cfg WebhookConfig) error {
	allowed, _ := json.Marshal(allowedUpdates) // the same updates as polling
	params := tgbotapi.Params{"url": cfg.URL, "secret_token": cfg.Secret, "allowed_updates": string(allowed)}
	if cfg.MaxConnections > 0 {
		params["max_connections"] = strconv.Itoa(cfg.MaxConnections)
	}
	return c.do(ctx, "setWebhook", 0, func(api *tgbotapi.BotAPI) error {
		var err error
		if cfg.CertFile != "" {
			_, err = api.UploadFiles("setWebhook", params,
				[]tgbotapi.RequestFile{{Name: "certificate", Data: tgbotapi.FilePath(cfg.CertFile)}})
		} else {
			_, err = api.MakeRequest("setWebhook", params)
		}
		return err
	})
}

// DeleteWebhook switches Telegram back to getUpdates. Updates not yet
// delivered stay queued for the poller.
func (c *Client) DeleteWebhook(ctx context.Context) error {
	return c.do(ctx, "deleteWebhook", 0, func(api *tgbotapi.BotAPI) error {
		_, err := api.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": "false"})
		return err
	})
}

// webhookBatch is the most updates handled in one transaction: as many as
// came in while the previous batch was being committed (group commit),
// bounded like a getUpdates answer.
const webhookBatch = pollBatch

// maxUpdateBody bounds a webhook request; an update is a few kilobytes.
const maxUpdateBody = 1 << 20

// WebhookOptions configure a Webhook handler.
type WebhookOptions struct {
	Secret string // the secret_token every request must carry
	// Ready reports whether the bot can take updates now (its database
	// answers); while it does not, requests get 503 and Telegram retries,
	// perhaps on another replica. nil means always ready.
	Ready func() bool
	// Lanes is how many batches may be handled at once, each chat's
	// updates always in the same lane (so in order); 1 if 0. On
	// PostgreSQL an update costs a series of round trips to the server,
	// and one lane leaves the replica waiting on them; SQLite writes one
	// transaction at a time anyway and wants 1, for the biggest batches.
	Lanes int
}

// Webhook is the http.Handler Telegram posts updates to. It answers 200
// only once the update's work is committed (HandleBatch returned nil), so
// a crash before the answer means Telegram delivers it again, and the
// handler's "handled" record makes the repeat harmless; a failure answers
// 500 and Telegram retries. Updates arriving together are handled as one
// batch, one commit for all, as with polling.
type Webhook struct {
	c      *Client
	h      UpdateHandler
	secret []byte
	ready  func() bool

	lanes    []chan *webhookItem
	stop     chan struct{}
	stopped  sync.WaitGroup // the lanes' goroutines
	mu       sync.Mutex
	closing  bool
	inflight sync.WaitGroup
}

// webhookItem is one request's update waiting for its batch's outcome.
type webhookItem struct {
	u    bot.Update
	done chan error
}

// NewWebhook returns the handler that feeds h. Call Shutdown when done.
func (c *Client) NewWebhook(h UpdateHandler, opts WebhookOptions) *Webhook {
	w := &Webhook{c: c, h: h, secret: []byte(opts.Secret), ready: opts.Ready, stop: make(chan struct{})}
	for range max(opts.Lanes, 1) {
		lane := make(chan *webhookItem)
		w.lanes = append(w.lanes, lane)
		w.stopped.Add(1)
		go w.run(lane)
	}
	return w
}

// ServeHTTP implements http.Handler.
func (w *Webhook) ServeHTTP(rw http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		rw.Header().Set("Allow", http.MethodPost)
		http.Error(rw, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Constant time: the comparison must not tell a prober how much of
	// the secret it guessed right.
	if got := []byte(r.Header.Get(SecretHeader)); len(w.secret) == 0 || subtle.ConstantTimeCompare(got, w.secret) != 1 {
		w.c.log.Warn("telegram: webhook request without the right secret token refused",
			"remote", r.RemoteAddr, "has_token", len(got) > 0)
		http.Error(rw, "unauthorized", http.StatusUnauthorized)
		return
	}
	if !w.enter() {
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		return
	}
	defer w.inflight.Done()
	if w.ready != nil && !w.ready() {
		http.Error(rw, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(rw, r.Body, maxUpdateBody))
	if err != nil {
		http.Error(rw, "unreadable body", http.StatusBadRequest)
		return
	}
	u, ok := w.c.decodeOne(body)
	if !ok {
		// Nothing the bot handles (or nothing readable): confirmed, as the
		// poller confirms it, so Telegram does not retry it forever.
		rw.WriteHeader(http.StatusOK)
		return
	}
	it := &webhookItem{u: u, done: make(chan error, 1)}
	select {
	case w.lane(u) <- it:
	case <-w.stop: // Shutdown gave up waiting: not taken, Telegram retries
		http.Error(rw, "shutting down", http.StatusServiceUnavailable)
		return
	}
	if err := <-it.done; err != nil {
		w.c.log.Warn("telegram: webhook update not committed; Telegram will deliver it again",
			"update", u.ID, "err", err)
		http.Error(rw, "not handled", http.StatusInternalServerError)
		return
	}
	rw.WriteHeader(http.StatusOK)
}

// enter counts a request in, unless shutting down.
func (w *Webhook) enter() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closing {
		return false
	}
	w.inflight.Add(1)
	return true
}

// decodeOne decodes a webhook body, one update, through the poller's path.
func (c *Client) decodeOne(body []byte) (bot.Update, bool) {
	arr := make([]byte, 0, len(body)+2)
	arr = append(append(append(arr, '['), body...), ']')
	batch, _, ok := c.decode(arr)
	if !ok || len(batch) == 0 {
		return bot.Update{}, false
	}
	return batch[0], true
}

// lane is the lane of u's chat (an update without a chat goes by its
// sender, whose private chat has the same id).
func (w *Webhook) lane(u bot.Update) chan *webhookItem {
	key := u.ChatID
	if key == 0 {
		key = u.From.ID
	}
	return w.lanes[uint64(key)%uint64(len(w.lanes))]
}

// run handles the updates of one lane, one batch at a time: a batch is
// what arrived while the previous one was being handled, in arrival order
// (so one chat's updates in the order Telegram sent them).
func (w *Webhook) run(queue chan *webhookItem) {
	defer w.stopped.Done()
	for {
		var items []*webhookItem
		select {
		case it := <-queue:
			items = append(items, it)
		case <-w.stop:
			return
		}
	collect:
		for len(items) < webhookBatch {
			select {
			case it := <-queue:
				items = append(items, it)
			default:
				break collect
			}
		}
		ups := make([]bot.Update, len(items))
		for i, it := range items {
			ups[i] = it.u
		}
		// Work taken on is finished even during shutdown: the request's
		// answer waits for it, and HandleBatch ignores cancellation.
		err := w.h.HandleBatch(context.Background(), ups)
		for _, it := range items {
			it.done <- err
		}
	}
}

// Shutdown stops taking updates (new requests get 503, so Telegram
// delivers them again, to another replica if there is one), waits for
// those in flight to be handled and answered, and stops. It returns
// ctx's error if they outlast ctx.
func (w *Webhook) Shutdown(ctx context.Context) error {
	w.mu.Lock()
	w.closing = true
	w.mu.Unlock()
	idle := make(chan struct{})
	go func() { w.inflight.Wait(); close(idle) }()
	var err error
	select {
	case <-idle:
	case <-ctx.Done():
		err = ctx.Err()
	}
	select {
	case <-w.stop:
	default:
		close(w.stop)
	}
	if err == nil {
		w.stopped.Wait()
	}
	return err
}

// leaveWebhook makes sure no webhook is set before polling: Telegram
// refuses getUpdates (409) while one is, so a bot switched back from
// webhook mode would otherwise never receive anything. One try; a failure
// is logged, and a later 409 that names the webhook tries again.
func (c *Client) leaveWebhook(ctx context.Context) {
	api, _ := c.call(ctx)
	if _, err := api.MakeRequest("deleteWebhook", tgbotapi.Params{"drop_pending_updates": "false"}); err != nil && ctx.Err() == nil {
		c.log.Warn("telegram: deleteWebhook before polling failed", "err", err)
	}
}

// webhookConflict reports whether a failed getUpdates says a webhook is set.
func webhookConflict(err error) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && te.Code == http.StatusConflict && strings.Contains(strings.ToLower(te.Message), "webhook")
}
