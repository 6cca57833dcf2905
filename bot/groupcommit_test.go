package bot_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// countingStore counts write transactions.
type countingStore struct {
	kinerja.Store
	txs atomic.Int32
}

func (s *countingStore) InTx(ctx context.Context, fn func(kinerja.Tx) error) error {
	s.txs.Add(1)
	return s.Store.InTx(ctx, fn)
}

// writer registers /put KEY, which writes a setting and replies, and
// /fail KEY, which writes a setting and then fails.
var writer = featureFunc(func(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "put", Help: "x", Handle: func(r *bot.Request) error {
		key := strings.TrimPrefix(r.Text, "/put ")
		if err := r.Tx.PutSetting(r.Ctx, key, "v"); err != nil {
			return err
		}
		r.Reply("ok " + key)
		return nil
	}})
	b.Command(bot.CommandSpec{Name: "fail", Help: "x", Handle: func(r *bot.Request) error {
		if err := r.Tx.PutSetting(r.Ctx, strings.TrimPrefix(r.Text, "/fail "), "v"); err != nil {
			return err
		}
		return kinerja.Errorf(kinerja.EInvalid, "err.invite_invalid")
	}})
})

// A batch is one write transaction; a failing handler rolls back only its
// own writes, its update is still recorded and answered, and the others'
// effects and replies stand — on every engine.
func TestBatchIsOneTransactionAndAFailingHandlerUndoesOnlyItsOwnWrites(t *testing.T) {
	for engine, open := range storagetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := &countingStore{Store: open(t)}
			msg := &bottest.Recorder{T: t}
			b, err := bot.New(bot.Config{}, db, msg, nil, nil, writer)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { b.Wait(ctx) })
			batch := []bot.Update{
				private(101, 7001, "/put a"),
				private(102, 7002, "/fail bad"),
				private(103, 7001, "/put b"),
				private(104, 7003, "/put c"),
				private(103, 7001, "/put b"), // the same update twice: one effect
			}
			if err := b.HandleBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
			b.Wait(ctx)
			if n := db.txs.Load(); n != 1 {
				t.Errorf("a batch of %d updates took %d write transactions, want 1", len(batch), n)
			}
			for key, want := range map[string]bool{"a": true, "b": true, "c": true, "bad": false} {
				if _, ok, err := db.Setting(ctx, key); ok != want || err != nil {
					t.Errorf("setting %q present = %v (%v), want %v", key, ok, err, want)
				}
			}
			for _, u := range batch {
				if seen, err := db.UpdateSeen(ctx, u.ID); !seen || err != nil {
					t.Errorf("update %d not recorded as handled: %v", u.ID, err)
				}
			}
			msgs := msg.Take()
			if got := bottest.Texts(to(msgs, 7001)); len(got) != 2 || got[0] != "ok a" || got[1] != "ok b" {
				t.Errorf("chat 7001 got %q, want ok a, ok b in order", got)
			}
			if got := to(msgs, 7002); len(got) != 1 || strings.Contains(got[0].Text, "ok") {
				t.Errorf("the failing update got %q, want its error", bottest.Texts(got))
			}
			if st := b.Stats(); st.Handled != 4 || st.Duplicates != 1 || st.Uncommitted != 0 {
				t.Errorf("Stats() = %+v", st)
			}
		})
	}
}

// A button press delivered again after its work was committed (its first
// answer lost in a crash) is answered again, with no notice and no new
// message, so its spinner stops; its work is not done twice.
func TestRedeliveredPressIsAnsweredAgain(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	ctx := context.Background()
	pressed := press(301, 950, "lang:en")
	if err := h.Bot.Handle(ctx, pressed); err != nil {
		t.Fatal(err)
	}
	h.Bot.Wait(ctx)
	if got := h.Msg.Answer(pressed.Callback.ID); !strings.Contains(got, "Language set") {
		t.Fatalf("first answer %q", got)
	}
	h.Msg.Take()
	redeliver := map[string]func() error{
		"alone":    func() error { return h.Bot.Handle(ctx, pressed) },
		"in batch": func() error { return h.Bot.HandleBatch(ctx, []bot.Update{pressed, private(302, 951, "/bahasa")}) },
	}
	for name, f := range redeliver {
		// Mark the last answer, to see whether another comes.
		if err := h.Msg.AnswerCallback(ctx, pressed.Callback.ID, "marker"); err != nil {
			t.Fatal(err)
		}
		if err := f(); err != nil {
			t.Fatal(err)
		}
		h.Bot.Wait(ctx)
		if got := h.Msg.Answer(pressed.Callback.ID); got != "" {
			t.Errorf("%s: the redelivered press was not answered again (last answer %q)", name, got)
		}
		if got := to(h.Msg.Take(), 950); len(got) != 0 {
			t.Errorf("%s: the redelivered press sent %q", name, bottest.Texts(got))
		}
	}
	if st := h.Bot.Stats(); st.Duplicates != 2 {
		t.Errorf("Stats() = %+v, want 2 duplicates", st)
	}
}
