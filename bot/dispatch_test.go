package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
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
	h := bottest.New(t, bot.Config{})
	h.Seed()
	code, _, err := h.Bot.Invite(context.Background(), bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	flaky := &flakyStore{Store: h.DB}
	// The batch's transaction fails, and then the first update's own when
	// the batch is tried update by update.
	flaky.fail.Store(2)
	b, err := bot.New(h.Bot.Config(), flaky, h.Msg, h.Clock(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Wait(context.Background()) }) // before the database closes
	batch := []bot.Update{
		{ID: 10, ChatID: 900, ChatType: bot.ChatPrivate, From: bot.User{ID: 900}, Kind: bot.KindText, Text: "/start " + code},
		{ID: 11, ChatID: 900, ChatType: bot.ChatPrivate, From: bot.User{ID: 900}, Kind: bot.KindText, Text: "/help"},
	}
	if err := b.HandleBatch(context.Background(), batch); err == nil {
		t.Fatal("a batch whose work was not committed reported success: it would be confirmed and lost")
	}
	// Only the notice that the bot is busy: no reply of the uncommitted work.
	if got := h.Msg.Take(); len(got) != 1 || !strings.Contains(got[0].Text, "sibuk") {
		t.Fatalf("want only the busy notice for uncommitted work, got %q", bottest.Texts(got))
	}
	// Telegram delivers the batch again (twice, even): one effect each.
	for range 2 {
		if err := b.HandleBatch(context.Background(), batch); err != nil {
			t.Fatal(err)
		}
	}
	b.Wait(context.Background())
	msgs := h.Msg.Take()
	if len(msgs) != 2 {
		t.Fatalf("want one reply per update, got %d: %+v", len(msgs), msgs)
	}
	bottest.MustSay(t, msgs[:1], "Akun terhubung")
	bottest.MustSay(t, msgs[1:], "Perintah yang dapat")
}

func TestEveryUpdateOfAManyChatBatchIsAnswered(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	var batch []bot.Update
	for i := range 30 {
		chat := int64(1000 + i%3)
		batch = append(batch, bot.Update{ID: int64(i + 1), ChatID: chat, ChatType: bot.ChatPrivate, From: bot.User{ID: chat}, Kind: bot.KindText, Text: "/bahasa"})
	}
	if err := h.Bot.HandleBatch(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	h.Bot.Wait(context.Background())
	if got := len(h.Msg.Take()); got != 30 {
		t.Fatalf("%d replies for 30 updates", got)
	}
}
