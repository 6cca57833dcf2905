package outbox_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// killedStore is a Store whose MarkSent never reaches the database, as
// in a process killed between Telegram's acceptance and the mark.
type killedStore struct{ outbox.Store }

func (killedStore) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return context.Canceled
}

// A process killed after Telegram accepted a message and before it was
// marked in the database left a note; the next start marks it sent, so
// that message is not sent again, and the rest go out once.
func TestRecoverMarksSkipsAMessageSentJustBeforeAKill(t *testing.T) {
	for engine, open := range storagetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			db := open(t)
			enqueue(t, db, "s1", 11, 12, 13)
			heads, err := db.NextBatch(ctx, time.Now(), 10)
			if err != nil || len(heads) != 3 {
				t.Fatalf("NextBatch = %d, %v", len(heads), err)
			}
			path := filepath.Join(t.TempDir(), "outbox-sent")
			log, err := bot.OpenSentLog(path)
			if err != nil {
				t.Fatal(err)
			}
			// The first process: Telegram accepted chat 12's message, then
			// the process died before the database heard of it.
			first := &outbox.Marked{Store: killedStore{db}, Log: log}
			var sent12 int64
			for _, m := range heads {
				if m.ChatID == 12 {
					sent12 = m.ID
					_ = first.MarkSent(ctx, m.ID, time.Now())
				}
			}
			log.Close()

			log, err = bot.OpenSentLog(path)
			if err != nil {
				t.Fatal(err)
			}
			defer log.Close()
			n, err := outbox.RecoverMarks(ctx, db, log, time.Now())
			if err != nil || n != 1 {
				t.Fatalf("RecoverMarks = %d, %v; want chat 12's message marked", n, err)
			}
			if m, err := db.OutboxMessage(ctx, sent12); err != nil || m.Status != "sent" {
				t.Fatalf("chat 12's message: %+v, %v", m, err)
			}
			if marks, err := log.Marked(); err != nil || len(marks) != 0 {
				t.Errorf("notes left after recovery: %v, %v", marks, err)
			}
			msg := newScript(t, nil)
			if err := outbox.New(&outbox.Marked{Store: db, Log: log}, msg, nopPacer{}, outbox.Options{}).Drain(ctx); err != nil {
				t.Fatal(err)
			}
			for chat, want := range map[int64]int{11: 1, 12: 0, 13: 1} {
				if got := msg.texts(chat); len(got) != want {
					t.Errorf("chat %d got %q after restart, want %d message(s)", chat, got, want)
				}
			}
			if pending(t, db) != 0 {
				t.Errorf("%d messages still pending", pending(t, db))
			}
		})
	}
}

// The notes of messages marked in the database are trimmed as they pile
// up; a note whose mark is still under way is kept.
func TestMarkedTrimsSettledNotes(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	chats := make([]int64, 600)
	for i := range chats {
		chats[i] = int64(1000 + i)
	}
	enqueue(t, db, "big", chats...)
	log, err := bot.OpenSentLog(filepath.Join(t.TempDir(), "outbox-sent"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	msg := newScript(t, nil)
	if err := outbox.New(&outbox.Marked{Store: db, Log: log}, msg, nopPacer{}, outbox.Options{Workers: 8}).Drain(ctx); err != nil {
		t.Fatal(err)
	}
	marks, err := log.Marked()
	if err != nil {
		t.Fatal(err)
	}
	if len(marks) >= 600 || len(marks) == 0 {
		t.Errorf("%d notes left of 600 messages sent: want the log trimmed after 512, the rest kept", len(marks))
	}
	var ids []int64
	for id := range marks {
		ids = append(ids, id)
	}
	// Every note left is of a message marked sent (RecoverMarks finds
	// nothing to do).
	if n, err := outbox.RecoverMarks(ctx, db, log, time.Now()); err != nil || n != 0 {
		t.Errorf("RecoverMarks after a clean run = %d, %v (notes %v)", n, err, slices.Sorted(slices.Values(ids)))
	}
}

var _ outbox.Store = (*storage.DB)(nil)
