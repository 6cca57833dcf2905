package telegram

import (
	"sync"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Every 429 Telegram answers is reported to Config.OnTooManyRequests with
// its method, on the upload path too (where the library leaves the code
// 0); other failures are not.
func TestTooManyRequestsAreReported(t *testing.T) {
	e := newEnv(t)
	var mu sync.Mutex
	got := map[string]int{}
	e.c.cfg.OnTooManyRequests = func(method string) {
		mu.Lock()
		defer mu.Unlock()
		got[method]++
	}
	e.f.FailNext("sendMessage", 2, 429, 3)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x"}); err != nil {
		t.Fatal(err)
	}
	e.f.FailNext("sendDocument", 1, 429, 1)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Document: []byte("d"), Text: "x"}); err != nil {
		t.Fatal(err)
	}
	e.f.FailNext("sendMessage", 1, 500, 0)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "y"}); err != nil {
		t.Fatal(err)
	}
	e.f.FailNext("getUpdates", 1, 429, 1)
	stop := e.poll(t, &batches{})
	e.eventually(t, "the poll's 429 reported", func() bool {
		mu.Lock()
		defer mu.Unlock()
		return got["getUpdates"] == 1
	})
	stop()
	mu.Lock()
	defer mu.Unlock()
	if got["sendMessage"] != 2 || got["sendDocument"] != 1 || len(got) != 3 {
		t.Errorf("429s reported %v, want sendMessage 2, sendDocument 1 and getUpdates 1", got)
	}
}
