package telegram

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

const testSecret = "s3cret_token-for-tests"

// webhook serves a Webhook for h on a local server, registers it with the
// fake, and returns the handler.
func (e *env) webhook(t *testing.T, h UpdateHandler, opts WebhookOptions) (*Webhook, *httptest.Server) {
	t.Helper()
	if opts.Secret == "" {
		opts.Secret = testSecret
	}
	wh := e.c.NewWebhook(h, opts)
	srv := httptest.NewServer(wh)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = wh.Shutdown(ctx)
		srv.Close()
	})
	if err := e.c.SetWebhook(context.Background(), WebhookConfig{URL: srv.URL + "/tg", Secret: testSecret, MaxConnections: 4}); err != nil {
		t.Fatalf("SetWebhook: %v", err)
	}
	return wh, srv
}

// api calls a method of the fake directly and returns the HTTP status and
// Telegram's answer.
func (e *env) api(t *testing.T, method string) (int, map[string]any) {
	t.Helper()
	url := strings.Replace(strings.Replace(e.f.Endpoint(), "%s", e.f.Token(), 1), "%s", method, 1)
	resp, err := http.Post(url, "application/x-www-form-urlencoded", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func TestWebhookHandsUpdatesOverAndTheFakeStopsPolling(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	e.webhook(t, h, WebhookOptions{})
	set := e.f.CallsTo("setWebhook")[0].Params
	if set["secret_token"] != testSecret || set["max_connections"] != "4" ||
		set["allowed_updates"] != `["message","edited_message","callback_query"]` {
		t.Errorf("setWebhook params %v", set)
	}
	id := e.f.SendText(ani, "/start")
	e.eventually(t, "delivery", func() bool { return len(h.ids()) == 1 && len(e.f.Pending()) == 0 })
	if got := h.all()[0][0]; got.ID != id || got.Text != "/start" || got.ChatID != ani.ID {
		t.Errorf("handed over %+v", got)
	}

	code, body := e.api(t, "getUpdates")
	if code != http.StatusConflict || !strings.Contains(body["description"].(string), "webhook is active") {
		t.Errorf("getUpdates while a webhook is set: %d %v", code, body)
	}
	_, info := e.api(t, "getWebhookInfo")
	if r := info["result"].(map[string]any); !strings.HasSuffix(r["url"].(string), "/tg") || r["pending_update_count"].(float64) != 0 {
		t.Errorf("getWebhookInfo %v", r)
	}
}

func TestWebhookRefusesAWrongSecretWithoutLoggingTheBody(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	_, srv := e.webhook(t, h, WebhookOptions{})
	for _, secret := range []string{"", "wrong", testSecret + "x"} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"update_id":9,"message":{"text":"PRIVATE-BODY"}}`))
		if secret != "" {
			req.Header.Set(SecretHeader, secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("secret %q: status %d, want 401", secret, resp.StatusCode)
		}
	}
	if len(h.all()) != 0 {
		t.Error("an update without the secret reached the handler")
	}
	logs := e.logs.String()
	if !strings.Contains(logs, "without the right secret token") || strings.Contains(logs, "PRIVATE-BODY") || strings.Contains(logs, testSecret) {
		t.Errorf("logs:\n%s", logs)
	}
}

func TestWebhookFailureAnswers500AndTheFakeRetries(t *testing.T) {
	e := newEnv(t)
	h := &batches{failN: 2}
	e.webhook(t, h, WebhookOptions{})
	id := e.f.SendText(ani, "halo")
	e.eventually(t, "delivery after retries", func() bool { return len(e.f.Pending()) == 0 })
	if got := h.ids(); len(got) != 3 || got[0] != id || got[2] != id {
		t.Errorf("handler saw %v, want update %d three times", got, id)
	}
	if st := e.f.WebhookStats(); st.Failures != 2 || st.Delivered != 1 {
		t.Errorf("stats %+v", st)
	}
	_, info := e.api(t, "getWebhookInfo")
	if msg, _ := info["result"].(map[string]any)["last_error_message"].(string); !strings.Contains(msg, "500") {
		t.Errorf("last_error_message %q", msg)
	}
}

func TestWebhookNotReadyAnswers503(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	var mu sync.Mutex
	ready := false
	e.webhook(t, h, WebhookOptions{Ready: func() bool { mu.Lock(); defer mu.Unlock(); return ready }})
	e.f.SendText(ani, "halo")
	e.eventually(t, "a refused delivery", func() bool { return e.f.WebhookStats().Failures > 0 })
	if len(h.all()) != 0 {
		t.Fatal("handled while not ready")
	}
	mu.Lock()
	ready = true
	mu.Unlock()
	e.eventually(t, "delivery once ready", func() bool { return len(h.ids()) == 1 && len(e.f.Pending()) == 0 })
}

// chatOrder records, per chat, the texts handed over; it is slow so that
// several requests are in flight at once.
type chatOrder struct {
	mu      sync.Mutex
	byChat  map[int64][]string
	batches int
	biggest int
	running int // batches being handled now
	peak    int // most batches handled at once
}

func (c *chatOrder) HandleBatch(_ context.Context, ups []bot.Update) error {
	c.mu.Lock()
	c.running++
	c.peak = max(c.peak, c.running)
	c.mu.Unlock()
	time.Sleep(20 * time.Millisecond)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.running--
	c.batches++
	c.biggest = max(c.biggest, len(ups))
	for _, u := range ups {
		c.byChat[u.ChatID] = append(c.byChat[u.ChatID], u.Text)
	}
	return nil
}

func TestWebhookKeepsEachChatsOrderAndBatchesConcurrentUpdates(t *testing.T) {
	for _, lanes := range []int{1, 3} {
		t.Run(strconv.Itoa(lanes)+" lanes", func(t *testing.T) {
			e := newEnv(t)
			h := &chatOrder{byChat: map[int64][]string{}}
			e.webhook(t, h, WebhookOptions{Lanes: lanes})
			users := []fakeapi.User{ani, budi, {ID: 1003, FirstName: "Citra"}, {ID: 1004, FirstName: "Dedi"}}
			for i := range 5 {
				for _, u := range users {
					e.f.SendText(u, strings.Repeat("x", i+1))
				}
			}
			e.eventually(t, "every update", func() bool { return len(e.f.Pending()) == 0 })
			h.mu.Lock()
			defer h.mu.Unlock()
			for _, u := range users {
				if got := strings.Join(h.byChat[u.ID], ","); got != "x,xx,xxx,xxxx,xxxxx" {
					t.Errorf("chat %d got %s", u.ID, got)
				}
			}
			if lanes == 1 && h.biggest < 2 {
				t.Errorf("no batch held more than one update (%d batches): concurrent deliveries were not grouped", h.batches)
			}
			if lanes > 1 && h.peak < 2 {
				t.Errorf("%d lanes never handled two batches at once", lanes)
			}
		})
	}
}

func TestWebhookShutdownFinishesInFlightAndRefusesNew(t *testing.T) {
	e := newEnv(t)
	h := &batches{gate: make(chan struct{}), entered: make(chan struct{})}
	wh, srv := e.webhook(t, h, WebhookOptions{})
	e.f.SendText(ani, "halo")
	<-h.entered
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		done <- wh.Shutdown(ctx)
	}()
	// New requests are refused while the one in flight finishes.
	deadline := time.Now().Add(5 * time.Second)
	for {
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"update_id":77}`))
		req.Header.Set(SecretHeader, testSecret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusServiceUnavailable {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("status %d during shutdown", resp.StatusCode)
		}
		time.Sleep(5 * time.Millisecond)
	}
	close(h.gate)
	if err := <-done; err != nil {
		t.Fatalf("Shutdown: %v", err)
	}
	e.eventually(t, "the in-flight update confirmed", func() bool { return len(e.f.Pending()) == 0 })
}

func TestPollingDeletesTheWebhook(t *testing.T) {
	e := newEnv(t)
	if err := e.c.SetWebhook(context.Background(), WebhookConfig{URL: "http://127.0.0.1:1/tg", Secret: testSecret}); err != nil {
		t.Fatal(err)
	}
	h := &batches{}
	id := e.f.SendText(ani, "halo")
	e.poll(t, h)
	e.eventually(t, "polled update", func() bool { ids := h.ids(); return len(ids) > 0 && ids[0] == id })
	if e.f.WebhookURL() != "" || len(e.f.CallsTo("deleteWebhook")) == 0 {
		t.Error("polling did not delete the webhook")
	}
}
