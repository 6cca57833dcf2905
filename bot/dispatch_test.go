package bot

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// flakyStore fails the first n transactions, as a database that is briefly
// unavailable (or a process killed mid-transaction) would.
type flakyStore struct {
	kinerja.Store
	fail atomic.Int32
}

func (s *flakyStore) InTx(ctx context.Context, fn func(kinerja.Tx) error) error {
	if s.fail.Add(-1) >= 0 {
		return errors.New("database is locked")
	}
	return s.Store.InTx(ctx, fn)
}

func TestUncommittedUpdateIsRetriedAndHasOneEffect(t *testing.T) {
	h := newHarness(t)
	h.seed()
	code, _, err := h.bot.Invite(context.Background(), nipBudi)
	if err != nil {
		t.Fatal(err)
	}
	flaky := &flakyStore{Store: h.db}
	flaky.fail.Store(1)
	b := mustBot(New(h.bot.cfg, flaky, h.msg, func() time.Time { return h.now }, nil))
	batch := []Update{
		{ID: 10, ChatID: 900, ChatType: ChatPrivate, From: User{ID: 900}, Kind: KindText, Text: "/start " + code},
		{ID: 11, ChatID: 900, ChatType: ChatPrivate, From: User{ID: 900}, Kind: KindText, Text: "/help"},
	}
	if err := b.HandleBatch(context.Background(), batch); err == nil {
		t.Fatal("a batch whose work was not committed reported success: it would be confirmed and lost")
	}
	if got := h.msg.take(); len(got) != 0 {
		t.Fatalf("replies sent for uncommitted work: %+v", got)
	}
	// Telegram delivers the batch again (twice, even): one effect each.
	for range 2 {
		if err := b.HandleBatch(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	msgs := h.msg.take()
	if len(msgs) != 2 {
		t.Fatalf("want one reply per update, got %d: %+v", len(msgs), msgs)
	}
	mustSay(t, msgs[:1], "Akun terhubung")
	mustSay(t, msgs[1:], "Perintah yang dapat")
}

func TestEveryUpdateOfAManyChatBatchIsAnswered(t *testing.T) {
	h := newHarness(t)
	var batch []Update
	for i := range 30 {
		chat := int64(1000 + i%3)
		batch = append(batch, Update{ID: int64(i + 1), ChatID: chat, ChatType: ChatPrivate, From: User{ID: chat}, Kind: KindText, Text: "/bahasa"})
	}
	if err := h.bot.HandleBatch(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	if got := len(h.msg.take()); got != 30 {
		t.Fatalf("%d replies for 30 updates", got)
	}
}
