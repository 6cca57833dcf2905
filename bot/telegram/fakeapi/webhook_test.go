package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSetWebhookRefusesWhatTelegramRefuses(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	cases := map[string]struct {
		form url.Values
		want string
	}{
		"plain http elsewhere": {url.Values{"url": {"http://bot.example.go.id/tg"}}, "HTTPS URL must be provided"},
		"odd port":             {url.Values{"url": {"https://bot.example.go.id:9000/tg"}}, "ports 80, 88, 443 or 8443"},
		"bad secret":           {url.Values{"url": {"https://bot.example.go.id/tg"}, "secret_token": {"has space"}}, "unallowed characters"},
		"connections":          {url.Values{"url": {"https://bot.example.go.id/tg"}, "max_connections": {"101"}}, "max_connections"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if a := post(t, t.Context(), f, "setWebhook", c.form); a.OK || !strings.Contains(a.Description, c.want) {
				t.Fatalf("%+v", a)
			}
		})
	}
	if f.WebhookURL() != "" {
		t.Fatal("a refused webhook was set")
	}
}

func TestWebhookDeliveryIsBoundedInOrderPerChatAndRetried(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	var (
		mu       sync.Mutex
		byChat   = map[int64][]int64{}
		inflight atomic.Int32
		peak     atomic.Int32
		failed   atomic.Bool
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Telegram-Bot-Api-Secret-Token") != "tok_en-1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		n := inflight.Add(1)
		defer inflight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		body, _ := io.ReadAll(r.Body)
		var u update
		_ = json.Unmarshal(body, &u)
		time.Sleep(5 * time.Millisecond)
		if u.Message.Text == "fail once" && failed.CompareAndSwap(false, true) {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		mu.Lock()
		byChat[u.Message.Chat.ID] = append(byChat[u.Message.Chat.ID], u.UpdateID)
		mu.Unlock()
	}))
	defer srv.Close()
	if a := post(t, t.Context(), f, "setWebhook", url.Values{"url": {srv.URL}, "secret_token": {"tok_en-1"}, "max_connections": {"2"}}); !a.OK {
		t.Fatalf("%+v", a)
	}
	users := []User{ani, {ID: 1002}, {ID: 1003}, {ID: 1004}}
	want := map[int64][]int64{}
	for i := range 4 {
		for _, u := range users {
			text := "halo"
			if i == 1 && u.ID == ani.ID {
				text = "fail once"
			}
			want[u.ID] = append(want[u.ID], f.SendText(u, text))
		}
	}
	if !f.WaitFor(10*time.Second, func(f *Fake) bool { return len(f.Pending()) == 0 }) {
		t.Fatalf("pending %v", f.Pending())
	}
	mu.Lock()
	defer mu.Unlock()
	for chat, ids := range want {
		if got := byChat[chat]; !slices.Equal(got, ids) {
			t.Errorf("chat %d delivered %v, want %v", chat, got, ids)
		}
	}
	if p := peak.Load(); p != 2 {
		t.Errorf("at most %d requests at once, want 2 (max_connections)", p)
	}
	if st := f.WebhookStats(); st.Failures != 1 || st.Delivered != 16 {
		t.Errorf("stats %+v", st)
	}
	if a := post(t, t.Context(), f, "getUpdates", nil); a.ErrorCode != http.StatusConflict {
		t.Errorf("getUpdates while a webhook is set: %+v", a)
	}
	post(t, t.Context(), f, "deleteWebhook", nil)
	if a := post(t, t.Context(), f, "getUpdates", nil); !a.OK {
		t.Errorf("getUpdates after deleteWebhook: %+v", a)
	}
}
