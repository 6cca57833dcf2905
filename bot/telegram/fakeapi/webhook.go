package fakeapi

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"
)

// webhook is the state setWebhook created: where updates go and how.
type webhook struct {
	url       string
	secret    string
	maxConns  int
	allowed   string // allowed_updates as sent
	custom    bool   // a certificate was uploaded
	client    *http.Client
	inflight  int
	lastError string
	lastErrAt time.Time
	stop      chan struct{} // closed when the webhook is deleted or replaced
}

// WebhookStats counts the fake's webhook deliveries.
type WebhookStats struct {
	Posts     int // requests made, retries included
	Delivered int // answered 2xx
	Failures  int // answered otherwise, or not at all
	Refused   int // answered 401 (wrong or missing secret)
}

// The delay before Telegram tries a failed delivery again doubles from
// webhookRetryBase up to webhookRetryCap (a fake's scale: Telegram's own
// waits are longer, but their shape is the same).
const (
	webhookRetryBase = 100 * time.Millisecond
	webhookRetryCap  = 3 * time.Second
	webhookTimeout   = 60 * time.Second // how long Telegram waits for an answer
)

var secretToken = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

// conflictWebhook is what Telegram answers getUpdates while a webhook is set.
var conflictWebhook = &apiError{code: 409, desc: "Conflict: can't use getUpdates method while webhook is active; " +
	"use deleteWebhook to delete the webhook first"}

// setWebhook registers a webhook and starts delivering to it; an empty url
// removes it, as with Telegram. Plain http:// is accepted for loopback
// addresses only (tests and the load tool); anywhere else Telegram's rules
// hold: https on port 443, 80, 88 or 8443.
func setWebhook(f *Fake, r *request) (any, *apiError) {
	raw := r.params["url"]
	if raw == "" {
		return deleteWebhook(f, r)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, badRequest("bad webhook: Failed to resolve host: Name or service not known")
	}
	if !loopback(u.Hostname()) {
		if u.Scheme != "https" {
			return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
		}
		switch u.Port() {
		case "", "443", "80", "88", "8443":
		default:
			return nil, badRequest("bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443")
		}
	}
	secret := r.params["secret_token"]
	if secret != "" && !secretToken.MatchString(secret) {
		return nil, badRequest("secret token contains unallowed characters")
	}
	maxConns := 40
	if v := r.params["max_connections"]; v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return nil, badRequest("invalid max_connections specified")
		}
		maxConns = n
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = maxConns
	wh := &webhook{url: raw, secret: secret, maxConns: maxConns, allowed: r.params["allowed_updates"],
		stop: make(chan struct{})}
	if cert, ok := r.files["certificate"]; ok {
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(cert.data) {
			return nil, badRequest("bad webhook: Failed to parse the certificate")
		}
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		wh.custom = true
	}
	wh.client = &http.Client{Transport: tr, Timeout: webhookTimeout}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replaceWebhookLocked(wh, r.params["drop_pending_updates"] == "true")
	go f.deliver(wh)
	return true, nil
}

// deleteWebhook removes the webhook: getUpdates works again, and the
// updates not yet delivered wait for it (unless dropped).
func deleteWebhook(f *Fake, r *request) (any, *apiError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.replaceWebhookLocked(nil, r.params["drop_pending_updates"] == "true")
	return true, nil
}

// replaceWebhookLocked stops the webhook in place, if any, and sets wh
// (nil: none, getUpdates works again); drop forgets the pending updates.
// f.mu is held.
func (f *Fake) replaceWebhookLocked(wh *webhook, drop bool) {
	if drop {
		f.updates.pending = nil
	}
	if f.webhook != nil {
		close(f.webhook.stop)
	}
	f.webhook = wh
	f.notifyLocked()
}

// webhookInfo is getWebhookInfo's answer.
type webhookInfo struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}

func getWebhookInfo(f *Fake, _ *request) (any, *apiError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	info := webhookInfo{PendingUpdateCount: len(f.updates.pending)}
	if wh := f.webhook; wh != nil {
		info.URL, info.HasCustomCertificate, info.MaxConnections = wh.url, wh.custom, wh.maxConns
		info.LastErrorMessage = wh.lastError
		if !wh.lastErrAt.IsZero() {
			info.LastErrorDate = wh.lastErrAt.Unix()
		}
		_ = json.Unmarshal([]byte(wh.allowed), &info.AllowedUpdates)
	}
	return info, nil
}

// WebhookURL returns the webhook's address, "" when none is set.
func (f *Fake) WebhookURL() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.webhook == nil {
		return ""
	}
	return f.webhook.url
}

// WebhookStats returns the delivery counts so far.
func (f *Fake) WebhookStats() WebhookStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.whStats
}

// deliver posts the queued updates to wh until it is removed or the fake
// closes: at most wh.maxConns requests at once, and per chat one at a time
// and in order (a chat's next update waits until the previous one was
// answered 2xx, as with Telegram). A failed delivery is retried after a
// growing delay, holding its chat's later updates back meanwhile.
func (f *Fake) deliver(wh *webhook) {
	for {
		f.mu.Lock()
		now := time.Now()
		var wake time.Time
		busy := map[int64]bool{}
		for i := range f.updates.pending {
			if wh.inflight >= wh.maxConns {
				break // a delivery's end wakes this loop again
			}
			q := &f.updates.pending[i]
			if busy[q.chat] {
				continue // an earlier update of this chat goes first
			}
			busy[q.chat] = true
			switch {
			case q.inflight:
			case q.notBefore.After(now):
				if wake.IsZero() || q.notBefore.Before(wake) {
					wake = q.notBefore
				}
			default:
				q.inflight = true
				wh.inflight++
				f.whStats.Posts++
				go f.post(wh, q.id, q.raw)
			}
		}
		ch := f.changed
		f.mu.Unlock()
		var tick <-chan time.Time
		if !wake.IsZero() {
			tick = time.After(time.Until(wake))
		}
		select {
		case <-ch:
		case <-tick:
		case <-wh.stop:
			return
		case <-f.done:
			return
		}
	}
}

// post makes one delivery and records its outcome.
func (f *Fake) post(wh *webhook, id int64, raw json.RawMessage) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-f.done:
			cancel()
		case <-ctx.Done():
		}
	}()
	status := 0
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, wh.url, bytes.NewReader(raw))
	if err == nil {
		req.Header.Set("Content-Type", "application/json")
		if wh.secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", wh.secret)
		}
		var resp *http.Response
		if resp, err = wh.client.Do(req); err == nil {
			status = resp.StatusCode
			resp.Body.Close()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	wh.inflight--
	ok := err == nil && status >= 200 && status < 300
	for i := range f.updates.pending {
		q := &f.updates.pending[i]
		if q.id != id || !q.inflight {
			continue
		}
		if ok {
			f.updates.pending = append(f.updates.pending[:i], f.updates.pending[i+1:]...)
		} else {
			q.inflight = false
			q.attempts++
			q.notBefore = time.Now().Add(retryDelay(q.attempts))
		}
		break
	}
	switch {
	case ok:
		f.whStats.Delivered++
	default:
		f.whStats.Failures++
		if status == http.StatusUnauthorized {
			f.whStats.Refused++
		}
		wh.lastErrAt = time.Now()
		if err != nil {
			wh.lastError = "Connection refused"
		} else {
			wh.lastError = fmt.Sprintf("Wrong response from the webhook: %d %s", status, http.StatusText(status))
		}
	}
	f.notifyLocked()
}

// retryDelay is the wait before delivery attempt n+1.
func retryDelay(attempts int) time.Duration {
	d := webhookRetryBase
	for i := 1; i < attempts && d < webhookRetryCap; i++ {
		d *= 2
	}
	return min(d, webhookRetryCap)
}

// loopback reports whether host is this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// chatOf is the chat an update belongs to, for per-chat ordering; 0 for
// an update without one (all such go in one line).
func chatOf(raw json.RawMessage) int64 {
	var u struct {
		Message       *struct{ Chat Chat } `json:"message"`
		EditedMessage *struct{ Chat Chat } `json:"edited_message"`
		CallbackQuery *struct {
			From    User                 `json:"from"`
			Message *struct{ Chat Chat } `json:"message"`
		} `json:"callback_query"`
	}
	_ = json.Unmarshal(raw, &u)
	switch {
	case u.Message != nil:
		return u.Message.Chat.ID
	case u.EditedMessage != nil:
		return u.EditedMessage.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil:
		return u.CallbackQuery.From.ID
	}
	return 0
}
