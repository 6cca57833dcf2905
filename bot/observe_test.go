package bot_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// recordingObserver keeps what the bot told it.
type recordingObserver struct {
	mu       sync.Mutex
	kinds    map[string]int
	latency  []time.Duration
	sent     int
	failed   int
	internal int
}

func (o *recordingObserver) UpdateHandled(kind string, d time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.kinds == nil {
		o.kinds = map[string]int{}
	}
	o.kinds[kind]++
	o.latency = append(o.latency, d)
}

func (o *recordingObserver) ReplySent(err error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil {
		o.failed++
	} else {
		o.sent++
	}
}

func (o *recordingObserver) HandlerFailed() {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.internal++
}

func TestUpdateKindNamesEveryUpdate(t *testing.T) {
	for _, c := range []struct {
		u    bot.Update
		want string
	}{
		{private(1, 1, "/start"), "command"},
		{private(1, 1, "halo"), "text"},
		{press(1, 1, "x:y"), "callback"},
		{bottest.Photo(1, "f"), "photo"},
		{bot.Update{Kind: bot.KindText, Text: "/x", Edited: true}, "edited"},
		{bot.Update{}, "other"},
	} {
		if got := bot.UpdateKind(c.u); got != c.want {
			t.Errorf("UpdateKind(%+v) = %q, want %q", c.u, got, c.want)
		}
	}
}

// Every committed update is reported once with its kind, on both paths
// (one transaction per update, and a batch); a redelivered one is not;
// every reply is reported sent or failed, and an internal error too.
func TestObserverIsToldOfUpdatesRepliesAndInternalErrors(t *testing.T) {
	obs := &recordingObserver{}
	boom := featureFunc(func(b *bot.Bot) {
		b.Command(bot.CommandSpec{Name: "boom", Help: "x", Handle: func(*bot.Request) error { return errors.New("database is locked") }})
	})
	h := bottest.New(t, bot.Config{Observer: obs}, writer, boom)
	ctx := context.Background()

	h.Handle(private(1, 501, "/put a"))
	h.Handle(private(1, 501, "/put a")) // redelivered: skipped, not reported
	h.Msg.FailChat = map[int64]error{502: bot.ErrUnreachable}
	h.Handle(private(2, 502, "/put b"))
	h.Handle(private(3, 501, "/boom"))
	if err := h.Bot.HandleBatch(ctx, []bot.Update{private(4, 501, "halo"), press(5, 501, "zz:1")}); err != nil {
		t.Fatal(err)
	}
	h.Bot.Wait(ctx)

	obs.mu.Lock()
	defer obs.mu.Unlock()
	if got := obs.kinds; got["command"] != 3 || got["text"] != 1 || got["callback"] != 1 || len(got) != 3 {
		t.Errorf("kinds %v, want 3 commands, 1 text, 1 callback", got)
	}
	if len(obs.latency) != 5 {
		t.Errorf("%d latencies for 5 updates", len(obs.latency))
	}
	if obs.failed != 1 {
		t.Errorf("%d failed replies, want the one to the unreachable chat", obs.failed)
	}
	if obs.sent < 3 {
		t.Errorf("%d replies sent, want at least 3 (/put a, /boom's apology, halo)", obs.sent)
	}
	if obs.internal != 1 {
		t.Errorf("%d internal errors, want 1 (/boom)", obs.internal)
	}
}
