package outbox_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// live is the real transport against the fake Bot API.
type live struct {
	fake   *fakeapi.Fake
	client *telegram.Client
	db     *storage.DB
}

func newLive(t *testing.T) *live {
	t.Helper()
	f := fakeapi.New(fakeapi.Options{})
	t.Cleanup(f.Close)
	c, err := telegram.New(ctx, telegram.Config{Token: f.Token(), Endpoint: f.Endpoint(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return &live{fake: f, client: c, db: storagetest.MustOpenDB(t)}
}

func (l *live) sender(opt outbox.Options) *outbox.Sender {
	opt.Permanent = telegram.Permanent
	return outbox.New(l.db, l.client, telegram.NewThrottle(), opt)
}

// texts returns what a chat received, in order.
func (l *live) texts(chat int64) []string {
	var out []string
	for _, m := range l.fake.Messages(chat) {
		out = append(out, m.Text)
	}
	return out
}

func TestLive429And500KeepEachChatInOrder(t *testing.T) {
	l := newLive(t)
	chats := []int64{101, 102, 103}
	for _, slot := range []string{"a", "b", "c"} {
		enqueue(t, l.db, slot, chats...)
	}
	l.fake.FailNext("sendMessage", 1, 429, 1)
	l.fake.FailNext("sendMessage", 2, 500, 0)
	if err := l.sender(outbox.Options{Workers: 3}).Drain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range chats {
		want := fmt.Sprintf("a-%d,b-%d,c-%d", c, c, c)
		if got := strings.Join(l.texts(c), ","); got != want {
			t.Errorf("chat %d got %s, want %s", c, got, want)
		}
	}
	if n := pending(t, l.db); n != 0 {
		t.Fatalf("%d messages still pending", n)
	}
}

func TestLiveBlockedAndRemovedChatsAreReported(t *testing.T) {
	l := newLive(t)
	l.fake.Block(202)
	l.fake.FailNextWith("sendMessage", 1, 403, "Forbidden: bot was kicked from the supergroup chat")
	enqueue(t, l.db, "a", -300) // the group the bot was removed from goes first
	enqueue(t, l.db, "b", 201, 202, 203)
	var reported atomic.Int32
	// One worker, so the injected "kicked" answer meets the group's message.
	s := l.sender(outbox.Options{Workers: 1, OnFailures: func(context.Context) { reported.Add(1) }})
	if err := s.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []int64{201, 203} {
		if got := l.texts(c); len(got) != 1 {
			t.Errorf("chat %d got %v", c, got)
		}
	}
	fails, _ := l.db.UnreportedFailures(ctx, 10)
	got := map[int64]kinerja.OutboxStatus{}
	for _, f := range fails {
		got[f.ChatID] = f.Status
	}
	if got[202] != kinerja.OutboxUnreachable || got[-300] != kinerja.OutboxGone || len(got) != 2 {
		t.Fatalf("failures = %v; want 202 unreachable and -300 gone", got)
	}
	if a, err := l.db.Account(ctx, 202); err != nil || !a.Unreachable {
		t.Fatalf("account of the blocked user = %+v, %v", a, err)
	}
	if reported.Load() == 0 {
		t.Fatal("the admins' hook was not called")
	}
}

// TestLiveKillAndResume stops a broadcast in the middle and starts a new
// sender on the same database: every chat ends with each of its messages
// exactly once, in order, and the flood limits are never exceeded.
func TestLiveKillAndResume(t *testing.T) {
	l := newLive(t)
	l.fake.EnforceLimits(true)
	var chats []int64
	for i := range 30 {
		chats = append(chats, int64(1000+i))
	}
	chats = append(chats, -501, -502)
	enqueue(t, l.db, "a", chats...)
	enqueue(t, l.db, "b", chats...)

	stop, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- l.sender(outbox.Options{}).Run(stop) }()
	if !l.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.CallsTo("sendMessage")) >= 20 }) {
		t.Fatal("the broadcast did not start")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	before := len(l.fake.CallsTo("sendMessage"))
	left := pending(t, l.db)
	if before >= 2*len(chats) || left == 0 || before+left != 2*len(chats) {
		t.Fatalf("after the stop: %d sent, %d pending; want a broadcast cut in the middle with nothing lost", before, left)
	}
	if err := l.sender(outbox.Options{}).Drain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range chats {
		want := fmt.Sprintf("a-%d,b-%d", c, c)
		if got := strings.Join(l.texts(c), ","); got != want {
			t.Errorf("chat %d got %s, want %s exactly once each", c, got, want)
		}
	}
	if n := l.fake.TooMany(); n != 0 {
		t.Errorf("%d sends were refused with 429: the throttle let too many through", n)
	}
}
