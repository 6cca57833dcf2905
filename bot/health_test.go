package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// downStore is a database that stops committing (down) and, when
// unreadable is set too, stops answering reads as well.
type downStore struct {
	kinerja.Store
	down, unreadable atomic.Bool
}

var errDiskFull = errors.New("database or disk is full")

func (s *downStore) InTx(ctx context.Context, fn func(kinerja.Tx) error) error {
	if s.down.Load() {
		return errDiskFull
	}
	return s.Store.InTx(ctx, fn)
}

func (s *downStore) ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error) {
	if s.unreadable.Load() {
		return nil, errDiskFull
	}
	return s.Store.ListStaff(ctx, f)
}

func (s *downStore) Account(ctx context.Context, id int64) (*kinerja.Account, error) {
	if s.unreadable.Load() {
		return nil, errDiskFull
	}
	return s.Store.Account(ctx, id)
}

func private(id, from int64, text string) bot.Update {
	return bot.Update{ID: id, ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from}, Kind: bot.KindText, Text: text}
}

func press(id, from int64, data string) bot.Update {
	return bot.Update{ID: id, ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from},
		Callback: &bot.Callback{ID: "cb" + data, Data: data, MessageID: 7}}
}

// to returns the messages sent to chat.
func to(msgs []bot.OutMessage, chat int64) []bot.OutMessage {
	var out []bot.OutMessage
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

func TestUncommittedUpdateIsAnsweredBusyAndAlertsTheAdminsOnce(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	h.LinkAll()
	ctx := context.Background()
	// Sari reads English; Budi has chosen no language (Indonesian).
	if err := h.DB.PutAccount(ctx, &kinerja.Account{TelegramID: bottest.TGSari, Lang: kinerja.LangEN, UpdatedAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	db := &downStore{Store: h.DB}
	b, err := bot.New(h.Bot.Config(), db, h.Msg, h.Clock(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Wait(ctx) })
	db.down.Store(true)

	batch := []bot.Update{
		private(20, bottest.TGSari, "/help"),
		press(21, bottest.TGBudi, "lang:en"),
		private(22, 950, "/bahasa"),
	}
	// Telegram delivers the batch again and again while the disk is full.
	for range 5 {
		if err := b.HandleBatch(ctx, batch); err == nil {
			t.Fatal("an uncommitted batch reported success: it would be confirmed and lost")
		}
	}
	b.Wait(ctx)
	msgs := h.Msg.Take()
	if got := to(msgs, bottest.TGSari); len(got) != 1 || !strings.Contains(got[0].Text, "system is busy") {
		t.Errorf("Sari (English) should be told once that the bot is busy; got %q", bottest.Texts(got))
	}
	if got := to(msgs, bottest.TGBudi); len(got) != 1 || !strings.Contains(got[0].Text, "sistem sedang sibuk") {
		t.Errorf("Budi should be told once, in Indonesian, that the bot is busy; got %q", bottest.Texts(got))
	}
	if got := h.Msg.Answer("cblang:en"); !strings.Contains(got, "sibuk") {
		t.Errorf("the pressed button's spinner was answered %q, want the busy notice", got)
	}
	if got := to(msgs, 950); len(got) != 1 {
		t.Errorf("an unlinked sender got %q, want one busy reply", bottest.Texts(got))
	}
	alerts := to(msgs, bottest.TGAdmin)
	if len(alerts) != 1 {
		t.Fatalf("want one admin alert for 15 failures, got %d: %q", len(alerts), bottest.Texts(alerts))
	}
	bottest.MustSay(t, alerts, "Peringatan", "database or disk is full", "15")
	for _, m := range msgs {
		if strings.Contains(m.Text, "Perintah yang dapat") || strings.Contains(m.Text, "Language set") || strings.Contains(m.Text, "Pilih bahasa") {
			t.Errorf("a reply of uncommitted work was sent: %q", m.Text)
		}
	}
	if a, err := h.DB.Account(ctx, bottest.TGBudi); err == nil && a.Lang == kinerja.LangEN {
		t.Error("the language press took effect although its update was not committed")
	}
	want := bot.Stats{Uncommitted: 15, BusyReplies: 3, Alerts: 1}
	if got := b.Stats(); got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}

	// Fifteen minutes later the next failure alerts again.
	h.Now = h.Now.Add(bot.AlertInterval)
	if err := b.Handle(ctx, private(23, 951, "/help")); err == nil {
		t.Fatal("uncommitted update reported handled")
	}
	b.Wait(ctx)
	if got := to(h.Msg.Take(), bottest.TGAdmin); len(got) != 1 {
		t.Errorf("after %v, want a second alert; got %q", bot.AlertInterval, bottest.Texts(got))
	}

	// The disk has room again: the redelivered batch (twice, even) has
	// one effect and one normal reply per update.
	db.down.Store(false)
	for i := range 2 {
		if err := b.HandleBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
		b.Wait(ctx)
		got := h.Msg.Answer("cblang:en")
		if i == 0 && !strings.Contains(got, "Language set") {
			t.Errorf("the press after recovery was answered %q", got)
		}
		if i == 1 && got != "" {
			t.Errorf("the redelivered press was answered %q, want again, with no notice", got)
		}
	}
	msgs = h.Msg.Take()
	if got := to(msgs, bottest.TGSari); len(got) != 1 || !strings.Contains(got[0].Text, "Commands you can use") {
		t.Errorf("Sari's /help after recovery: %q", bottest.Texts(got))
	}
	if got := to(msgs, bottest.TGBudi); len(got) != 1 || !strings.Contains(got[0].Text, "Language set to English") {
		t.Errorf("Budi's press after recovery: %q", bottest.Texts(got))
	}
	if a, err := h.DB.Account(ctx, bottest.TGBudi); err != nil || a.Lang != kinerja.LangEN {
		t.Errorf("Budi's language after recovery: %+v, %v", a, err)
	}
	st := b.Stats()
	if st.Handled != 3 || st.Duplicates != 3 || st.Uncommitted != 16 || st.Alerts != 2 {
		t.Errorf("Stats() after recovery = %+v", st)
	}
}

// An alert reaches the admins even when the database cannot be read
// either: they were read after the first commit.
func TestAlertReachesAdminsWhenTheDatabaseIsUnreadable(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	h.LinkAll()
	ctx := context.Background()
	db := &downStore{Store: h.DB}
	b, err := bot.New(h.Bot.Config(), db, h.Msg, h.Clock(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Wait(ctx) })
	if err := b.Handle(ctx, private(1, bottest.TGBudi, "/help")); err != nil {
		t.Fatal(err)
	}
	b.Wait(ctx)
	h.Msg.Take()
	db.down.Store(true)
	db.unreadable.Store(true)
	if err := b.Handle(ctx, private(2, bottest.TGBudi, "/help")); err == nil {
		t.Fatal("uncommitted update reported handled")
	}
	b.Wait(ctx)
	msgs := h.Msg.Take()
	bottest.MustSay(t, to(msgs, bottest.TGBudi), "sistem sedang sibuk")
	bottest.MustSay(t, to(msgs, bottest.TGAdmin), "database or disk is full")
}

// A real SQLite database locked by another connection past the busy
// timeout: replies arrive, one alert for many failures, and once the lock
// is released the redelivered updates have exactly one effect.
func TestLockedSQLiteDatabase(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	h.Link(bottest.NIPAdmin, bottest.TGAdmin)
	ctx := context.Background()
	code, _, err := h.Bot.Invite(ctx, bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	// The bot's own connection waits 150 ms for a lock (the first
	// _busy_timeout in the DSN wins); h.DB is the other process.
	fast := storagetest.MustOpenPath(t, h.Path+"?_busy_timeout=150")
	b, err := bot.New(h.Bot.Config(), fast, h.Msg, h.Clock(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Wait(ctx) })

	locked, release, held := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		held <- h.DB.InTx(ctx, func(tx kinerja.Tx) error {
			close(locked)
			<-release
			return nil
		})
	}()
	<-locked

	batch := []bot.Update{
		private(30, 900, "/start "+code),
		private(31, 900, "/help"), // waits behind 30, in order
		press(32, 901, "lang:en"),
	}
	start := time.Now()
	for range 3 {
		if err := b.HandleBatch(ctx, batch); err == nil {
			t.Fatal("a batch was reported handled while the database was locked")
		}
	}
	if time.Since(start) < 3*2*150*time.Millisecond {
		t.Fatalf("failures came back in %v: the lock was not waited for", time.Since(start))
	}
	b.Wait(ctx)
	msgs := h.Msg.Take()
	for _, chat := range []int64{900, 901} {
		if got := to(msgs, chat); len(got) != 1 || !strings.Contains(got[0].Text, "sibuk") {
			t.Errorf("chat %d: want one busy reply, got %q", chat, bottest.Texts(got))
		}
	}
	if got := h.Msg.Answer("cblang:en"); !strings.Contains(got, "sibuk") {
		t.Errorf("spinner answered %q", got)
	}
	alerts := to(msgs, bottest.TGAdmin)
	if len(alerts) != 1 {
		t.Fatalf("want one alert for 6 failures, got %q", bottest.Texts(alerts))
	}
	bottest.MustSay(t, alerts, "locked")
	if _, err := h.DB.StaffByTelegram(ctx, 900); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("the invitation took effect while locked: %v", err)
	}

	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := b.HandleBatch(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	b.Wait(ctx)
	msgs = h.Msg.Take()
	got := to(msgs, 900)
	if len(got) != 2 {
		t.Fatalf("chat 900 after the lock: want the link and the help, got %q", bottest.Texts(got))
	}
	bottest.MustSay(t, got[:1], "Akun terhubung")
	bottest.MustSay(t, got[1:], "Perintah yang dapat")
	bottest.MustSay(t, to(msgs, 901), "Language set to English")
	if st, err := h.DB.StaffByTelegram(ctx, 900); err != nil || st.NIP != bottest.NIPBudi {
		t.Fatalf("Budi not linked once the lock was released: %+v %v", st, err)
	}
	if got := to(msgs, bottest.TGAdmin); len(got) != 0 {
		t.Errorf("alerts after recovery: %q", bottest.Texts(got))
	}
	if st := b.Stats(); st.Uncommitted != 6 || st.Handled != 3 || st.Alerts != 1 || st.BusyReplies != 2 {
		t.Errorf("Stats() = %+v", st)
	}
}
