package outbox_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

var ctx = context.Background()

// enqueue queues one run whose messages go to chats, with texts
// "<slot>-<chat>".
func enqueue(t *testing.T, db *storage.DB, slot string, chats ...int64) {
	t.Helper()
	var msgs []*kinerja.OutboxMessage
	for _, c := range chats {
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: c, Text: fmt.Sprintf("%s-%d", slot, c)})
	}
	if ok, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "test", Slot: slot, At: time.Now()}, msgs); err != nil || !ok {
		t.Fatalf("enqueue %s: %v %v", slot, ok, err)
	}
}

// nopPacer lets every message through at once.
type nopPacer struct{}

func (nopPacer) Wait(ctx context.Context, _ int64) error { return ctx.Err() }

// script is a Messenger whose answers a test decides. It fails the test if
// two messages of one chat are ever in flight at once.
type script struct {
	t        *testing.T
	mu       sync.Mutex
	got      map[int64][]string
	attempts map[string]int
	busy     map[int64]bool
	answer   func(m bot.OutMessage, attempt int) error
	buttons  [][]bot.Button
}

func newScript(t *testing.T, answer func(m bot.OutMessage, attempt int) error) *script {
	return &script{t: t, got: map[int64][]string{}, attempts: map[string]int{}, busy: map[int64]bool{}, answer: answer}
}

func (s *script) Send(_ context.Context, m bot.OutMessage) (int, error) {
	s.mu.Lock()
	if s.busy[m.ChatID] {
		s.t.Errorf("two messages of chat %d in flight at once", m.ChatID)
	}
	s.busy[m.ChatID] = true
	s.attempts[m.Text]++
	n := s.attempts[m.Text]
	s.mu.Unlock()
	time.Sleep(time.Millisecond) // let other chats interleave
	var err error
	if s.answer != nil {
		err = s.answer(m, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy[m.ChatID] = false
	if err != nil {
		return 0, err
	}
	s.got[m.ChatID] = append(s.got[m.ChatID], m.Text)
	if m.Buttons != nil {
		s.buttons = m.Buttons
	}
	return len(s.got[m.ChatID]), nil
}

func (s *script) AnswerCallback(context.Context, string, string) error            { return nil }
func (s *script) Download(context.Context, string, int64) ([]byte, error)         { return nil, nil }
func (s *script) SetCommands(context.Context, bot.MenuScope, []bot.Command) error { return nil }

func (s *script) texts(chat int64) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got[chat]...)
}

// runUntil runs the sender until cond holds (or fails after 10 s).
func runUntil(t *testing.T, s *outbox.Sender, cond func() bool) {
	t.Helper()
	c, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- s.Run(c) }()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			cancel()
			<-done
			t.Fatal("condition not reached in 10 s")
		}
		s.Notify()
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func pending(t *testing.T, db *storage.DB) int {
	t.Helper()
	c, err := db.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return c[kinerja.OutboxPending]
}

func TestEachChatInOrderWhileOneRetries(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	chats := []int64{1, 2, 3, 4, 5}
	for _, slot := range []string{"a", "b", "c"} {
		enqueue(t, db, slot, chats...)
	}
	flaky := errors.New("telegram: sendMessage: HTTP 502 after 5 attempts")
	msg := newScript(t, func(m bot.OutMessage, attempt int) error {
		if m.Text == "a-2" && attempt <= 2 {
			return flaky
		}
		return nil
	})
	s := outbox.New(db, msg, nopPacer{}, outbox.Options{Workers: 3, Backoff: func(int) time.Duration { return 20 * time.Millisecond }})
	runUntil(t, s, func() bool { return pending(t, db) == 0 })
	for _, c := range chats {
		want := []string{fmt.Sprintf("a-%d", c), fmt.Sprintf("b-%d", c), fmt.Sprintf("c-%d", c)}
		if got := msg.texts(c); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("chat %d got %v, want %v in order", c, got, want)
		}
	}
	if n := msg.attempts["a-2"]; n != 3 {
		t.Errorf("a-2 attempted %d times, want 3", n)
	}
}

func TestGivingUpFreesTheChatAndIsReported(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	enqueue(t, db, "a", 7, 8, 9)
	enqueue(t, db, "b", 7, 8)
	refused := errors.New("Bad Request: can't parse entities")
	msg := newScript(t, func(m bot.OutMessage, attempt int) error {
		switch m.Text {
		case "a-7":
			return refused
		case "a-8":
			return errors.New("HTTP 500")
		case "a-9":
			return fmt.Errorf("telegram: sendMessage: HTTP 403: %w", bot.ErrUnreachable)
		}
		return nil
	})
	var reports int
	var mu sync.Mutex
	s := outbox.New(db, msg, nopPacer{}, outbox.Options{
		MaxAttempts: 3,
		Backoff:     func(int) time.Duration { return time.Millisecond },
		Permanent:   func(err error) bool { return errors.Is(err, refused) },
		OnFailures:  func(context.Context) { mu.Lock(); reports++; mu.Unlock() },
	})
	runUntil(t, s, func() bool { return pending(t, db) == 0 })
	if got := msg.texts(7); len(got) != 1 || got[0] != "b-7" {
		t.Errorf("chat 7 got %v: a refused message must not hold back b-7", got)
	}
	if got := msg.texts(8); len(got) != 1 || got[0] != "b-8" {
		t.Errorf("chat 8 got %v", got)
	}
	if msg.attempts["a-7"] != 1 || msg.attempts["a-8"] != 3 || msg.attempts["a-9"] != 1 {
		t.Errorf("attempts: refused %d (want 1), flaky %d (want 3), blocked %d (want 1)",
			msg.attempts["a-7"], msg.attempts["a-8"], msg.attempts["a-9"])
	}
	fails, err := db.UnreportedFailures(ctx, 10)
	if err != nil || len(fails) != 3 {
		t.Fatalf("unreported failures = %d, %v", len(fails), err)
	}
	want := map[int64]kinerja.OutboxStatus{7: kinerja.OutboxFailed, 8: kinerja.OutboxFailed, 9: kinerja.OutboxUnreachable}
	for _, f := range fails {
		if f.Status != want[f.ChatID] {
			t.Errorf("chat %d ended %s, want %s", f.ChatID, f.Status, want[f.ChatID])
		}
	}
	if a, err := db.Account(ctx, 9); err != nil || !a.Unreachable {
		t.Errorf("account 9 = %+v, %v; want marked unreachable", a, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if reports == 0 {
		t.Error("OnFailures was never called")
	}
}

func TestButtonsNameTheirMessage(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	m := &kinerja.OutboxMessage{ChatID: 5, Text: "x", Buttons: [][]kinerja.OutboxButton{
		{{Text: "1 jam lagi", Data: "snooze:{id}:h"}, {Text: "Panduan", URL: "https://example.org"}}}}
	if _, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "t", Slot: "1", At: time.Now()}, []*kinerja.OutboxMessage{m}); err != nil {
		t.Fatal(err)
	}
	msg := newScript(t, nil)
	if err := outbox.New(db, msg, nopPacer{}, outbox.Options{}).Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if got, want := msg.buttons[0][0].Data, fmt.Sprintf("snooze:%d:h", m.ID); got != want {
		t.Fatalf("button data %q, want %q", got, want)
	}
	if msg.buttons[0][1].URL != "https://example.org" {
		t.Fatalf("URL button lost: %+v", msg.buttons)
	}
}

func TestDrainLeavesLaterMessagesQueued(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	later := &kinerja.OutboxMessage{ChatID: 5, Text: "later", NotBefore: time.Now().Add(time.Hour)}
	if _, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "t", Slot: "1", At: time.Now()}, []*kinerja.OutboxMessage{later}); err != nil {
		t.Fatal(err)
	}
	enqueue(t, db, "now", 5, 6)
	msg := newScript(t, nil)
	if err := outbox.New(db, msg, nopPacer{}, outbox.Options{}).Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if got := msg.texts(5); len(got) != 1 || got[0] != "now-5" {
		t.Fatalf("chat 5 got %v, want only the message due now", got)
	}
	if pending(t, db) != 1 {
		t.Fatal("the later message should still be queued")
	}
}
