// Package telegram adapts package bot to the Telegram Bot API. It is the only
// package that imports telegram-bot-api, and it works around that library's
// traps (see /work/shared/spec/TELEGRAM.md): it has its own polling loop
// and its own webhook handler (webhook.go), attaches contexts and timeouts to every request, classifies and retries
// errors, and keeps the bot token out of every log line and error text.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// DefaultEndpoint is the Bot API endpoint in telegram-bot-api's template
// form: the token, then the method.
const DefaultEndpoint = "https://api.telegram.org/bot%s/%s"

// Config configures a Client.
type Config struct {
	Token    string
	Endpoint string       // template form; DefaultEndpoint if empty
	Logger   *slog.Logger // slog.Default() if nil; every line is redacted
	// PollTimeout is the long-poll timeout passed to getUpdates, in whole
	// seconds; 50s if zero (Telegram caps it at about 50s).
	PollTimeout time.Duration
	// RequestTimeout bounds one HTTP request; PollTimeout+15s if zero, so a
	// long poll is never cut short by its own client.
	RequestTimeout time.Duration
	// CallTimeout bounds one request of every call but getUpdates and file
	// uploads; 20 s if zero. Telegram answers a message or an edit in well
	// under a second: a call that hangs is abandoned and retried after
	// this, not after RequestTimeout (65 s by default), since replies are
	// sent before the next updates are fetched and a hung one holds every
	// chat up.
	CallTimeout time.Duration
	// RetryFor is how long a call that keeps failing transiently (429, 5xx,
	// timeouts) is retried before it is given up; 2 minutes if zero. The
	// waits between tries back off up to 8 s (or what retry_after asks).
	RetryFor time.Duration
	// Pacer, when set, is waited on before a message is sent (not edits,
	// button answers or other calls): a Throttle, shared by the replicas
	// with NewSharedThrottle. Under the limits it adds no wait. Bulk sends
	// (bot.Bulk: the outbox's reminders, broadcasts and summaries) always
	// wait on it; replies as PaceReplies says.
	Pacer interface {
		Wait(ctx context.Context, chatID int64) error
	}
	// PaceReplies says when replies (sends not marked bot.Bulk) wait on
	// the Pacer: PaceAuto (the default) once Telegram answered any call
	// with 429 in the last PaceWindow, PaceAlways always.
	PaceReplies string
	// OnTooManyRequests, when set, is called for every 429 (flood limit)
	// Telegram answers, with the method; for metrics. It must be quick.
	OnTooManyRequests func(method string)
}

// Client talks to the Bot API. It implements bot.Messenger and runs the
// polling loop. All methods are safe for concurrent use.
type Client struct {
	cfg          Config
	log          *slog.Logger
	redact       *strings.Replacer
	fileEndpoint string
	http         *http.Client
	// api is the library's client used for sending. Every call works on a
	// shallow copy whose HTTP client is per call (see call), so the library's
	// lack of per-call context and of status codes on uploads is made up for
	// without sharing mutable state.
	api *tgbotapi.BotAPI
	// sendCtx lives until Close: replies of work still in flight at shutdown
	// can go out while polling (with its own context) has already stopped.
	sendCtx    context.Context
	sendCancel context.CancelFunc
	closeOnce  sync.Once
	// sleep waits d or until ctx is done; tests replace it to record waits.
	sleep func(ctx context.Context, d time.Duration) error
	// now tells the time for the retry budget; tests advance it with sleep.
	now func() time.Time
	// last429 is when Telegram last answered 429 (Unix nanoseconds; 0
	// never), for PaceAuto.
	last429 atomic.Int64
}

var _ bot.Messenger = (*Client)(nil)

// New connects to the Bot API. The library validates the token with getMe
// at construction; New retries that with backoff until it succeeds or ctx is
// done, so the bot can start before the network is up. A token the API
// rejects (401, 404) fails at once: waiting will not fix it.
func New(ctx context.Context, cfg Config) (*Client, error) {
	return newClient(ctx, cfg, sleepCtx)
}

// newClient is New with the waiting function injected, for tests.
func newClient(ctx context.Context, cfg Config, sleep func(context.Context, time.Duration) error) (*Client, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: no bot token configured")
	}
	if cfg.Endpoint == "" {
		cfg.Endpoint = DefaultEndpoint
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 50 * time.Second
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = cfg.PollTimeout + 15*time.Second
	}
	if cfg.CallTimeout <= 0 {
		cfg.CallTimeout = min(20*time.Second, cfg.RequestTimeout)
	}
	if cfg.RetryFor <= 0 {
		cfg.RetryFor = defaultRetryFor
	}
	red := newRedactor(cfg.Token)
	base := cfg.Logger
	if base == nil {
		base = slog.Default()
	}
	c := &Client{
		cfg:          cfg,
		log:          slog.New(redactHandler{base.Handler(), red}),
		redact:       red,
		fileEndpoint: fileEndpoint(cfg.Endpoint),
		http: &http.Client{
			Timeout:   cfg.RequestTimeout,
			Transport: transport(),
		},
		sleep: sleep,
		now:   time.Now,
	}
	api, err := c.connect(ctx)
	if err != nil {
		c.http.CloseIdleConnections()
		return nil, err
	}
	c.api = api
	c.sendCtx, c.sendCancel = context.WithCancel(context.WithoutCancel(ctx))
	return c, nil
}

// transport is the default HTTP transport with enough idle connections
// for the bot's concurrent sends. The default keeps 2 per host, so under load
// (16 chats answered at once) every other request dialled, and against
// api.telegram.org did a TLS handshake, a new connection each time.
func transport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 64
	return t
}

// connect constructs the library's client, retrying its getMe.
func (c *Client) connect(ctx context.Context) (*tgbotapi.BotAPI, error) {
	for attempt := 1; ; attempt++ {
		hc := &httpClient{ctx: ctx, hc: c.http}
		api, err := tgbotapi.NewBotAPIWithClient(c.cfg.Token, c.cfg.Endpoint, hc)
		if err == nil {
			return api, nil
		}
		if ctx.Err() != nil {
			return nil, c.wrap("getMe", fmt.Errorf("%w (%w)", ctx.Err(), err))
		}
		if v := classify(err, hc.status); v.code == http.StatusUnauthorized || v.code == http.StatusNotFound {
			return nil, c.wrap("getMe", fmt.Errorf("token rejected: %w", err))
		}
		wait := backoff(attempt, 500*time.Millisecond, 30*time.Second)
		c.log.Warn("telegram: getMe failed, retrying", "attempt", attempt, "wait", wait, "err", err)
		if err := c.sleep(ctx, wait); err != nil {
			return nil, c.wrap("getMe", err)
		}
	}
}

// Username returns the bot's username, without the "@".
func (c *Client) Username() string { return c.api.Self.UserName }

// Close ends the sending context: calls still in flight are aborted. Call
// it after the polling loop and the workers that send have stopped.
func (c *Client) Close() {
	c.closeOnce.Do(func() {
		c.sendCancel()
		c.http.CloseIdleConnections()
	})
}

// fileEndpoint derives the file download template from the API endpoint
// ("…/bot%s/%s" → "…/file/bot%s/%s"). The library's GetFileDirectURL
// hard-codes api.telegram.org, which breaks self-hosted servers and fakes.
func fileEndpoint(endpoint string) string {
	if i := strings.LastIndex(endpoint, "bot%s/%s"); i >= 0 {
		return endpoint[:i] + "file/" + endpoint[i:]
	}
	return tgbotapi.FileEndpoint
}

// httpClient implements tgbotapi.HTTPClient: it runs every request under
// ctx and remembers the last HTTP status, which the library drops on the
// multipart upload path. One value serves one goroutine.
type httpClient struct {
	ctx    context.Context
	hc     *http.Client
	status int
	// lean says the caller does not read the result (see lean).
	lean bool
	// updates, when set, says the caller is getUpdates and reads the
	// result from result (see keep).
	updates bool
	result  []byte
}

// Do implements tgbotapi.HTTPClient.
func (h *httpClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := h.hc.Do(req.WithContext(h.ctx))
	if resp != nil {
		h.status = resp.StatusCode
		switch {
		case h.lean && resp.StatusCode == http.StatusOK:
			lean(resp)
		case h.updates && resp.StatusCode == http.StatusOK:
			keep(resp, &h.result)
		}
	}
	return resp, err
}

// call returns a copy of the library client that sends under ctx through a
// fresh httpClient, so the caller can read the status of its own request.
func (c *Client) call(ctx context.Context) (*tgbotapi.BotAPI, *httpClient) {
	hc := &httpClient{ctx: ctx, hc: c.http}
	api := *c.api // BotAPI holds only configuration; a shallow copy is safe
	api.Client = hc
	return &api, hc
}

// sleepCtx waits d, or returns ctx's error as soon as ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
