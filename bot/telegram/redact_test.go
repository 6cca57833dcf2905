package telegram

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// secretHalf is the part of the token after the colon: the secret itself.
func secretHalf(token string) string {
	_, s, _ := strings.Cut(token, ":")
	return s
}

// TestTokenNeverLogged drives the client through the failures whose errors
// carry the request URL (500s, refused connections, a hanging server) and
// checks that no log line and no returned error holds the token.
func TestTokenNeverLogged(t *testing.T) {
	f := fakeapi.New(fakeapi.Options{})
	defer f.Close()
	logs := &logBuf{}
	logger := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	w := &waits{}
	var errs []error

	// 500s from getMe while connecting.
	f.FailNext("getMe", 2, 500, 0)
	c, err := newClient(context.Background(), Config{Token: f.Token(), Endpoint: f.Endpoint(), Logger: logger,
		PollTimeout: time.Second, RequestTimeout: 200 * time.Millisecond, RetryFor: time.Nanosecond}, w.sleep)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()

	// A hanging server: every attempt times out with a *url.Error.
	f.Hang("sendMessage", time.Hour)
	_, err = c.Send(context.Background(), bot.OutMessage{ChatID: 1, Text: "x"})
	errs = append(errs, err)
	f.Hang("sendMessage", 0)

	// Connection refused while connecting, until the context ends.
	ctx, cancel := context.WithCancel(context.Background())
	n := 0
	stopAfter3 := func(ctx context.Context, d time.Duration) error {
		if n++; n == 3 {
			cancel()
		}
		return ctx.Err()
	}
	_, err = newClient(ctx, Config{Token: f.Token(), Endpoint: "http://127.0.0.1:1/bot%s/%s", Logger: logger}, stopAfter3)
	errs = append(errs, err)

	out := logs.String()
	if !strings.Contains(out, redacted) {
		t.Fatalf("no redacted URL logged; did the failures happen?\n%s", out)
	}
	for _, secret := range []string{f.Token(), secretHalf(f.Token())} {
		if strings.Contains(out, secret) {
			t.Errorf("token in logs:\n%s", out)
		}
		for _, e := range errs {
			if e == nil {
				t.Fatal("expected an error")
			}
			if strings.Contains(e.Error(), secret) {
				t.Errorf("token in error %q", e)
			}
		}
	}
	if !errors.Is(errs[1], context.Canceled) {
		t.Errorf("connect error %v, want context.Canceled", errs[1])
	}
}

func TestRedactHandlerCleansAttributes(t *testing.T) {
	logs := &logBuf{}
	token := fakeapi.DefaultToken
	l := slog.New(redactHandler{slog.NewTextHandler(logs, nil), newRedactor(token)})
	l.With("url", "https://x/bot"+token+"/getMe").WithGroup("g").Info("msg "+token,
		"err", errors.New("Post \"https://x/bot"+token+"/sendMessage\": EOF"),
		slog.Group("nested", "s", token), "n", 3)
	if out := logs.String(); strings.Contains(out, secretHalf(token)) || !strings.Contains(out, "n=3") {
		t.Fatalf("log line: %s", out)
	}
}

func TestFileEndpoint(t *testing.T) {
	tests := map[string]string{
		DefaultEndpoint:                     "https://api.telegram.org/file/bot%s/%s",
		"http://127.0.0.1:8081/bot%s/%s":    "http://127.0.0.1:8081/file/bot%s/%s",
		"https://proxy.example/tg/bot%s/%s": "https://proxy.example/tg/file/bot%s/%s",
	}
	for in, want := range tests {
		if got := fileEndpoint(in); got != want {
			t.Errorf("fileEndpoint(%q) = %q, want %q", in, got, want)
		}
	}
}
