package bot_test

import (
	"context"
	"errors"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// A feature's OnLinked hook runs once, in the linking update, after the
// core's confirmation and with the person just linked; a refused code runs
// nothing. OnWelcome runs after a plain /start, for citizens too.
func TestHooksRunAfterLinkingAndWelcome(t *testing.T) {
	var linked, welcomed []string
	f := featureFunc(func(b *bot.Bot) {
		b.OnLinked(func(r *bot.Request) error {
			linked = append(linked, r.Staff.NIP)
			r.Reply("hook: linked " + r.Staff.Name)
			return nil
		})
		b.OnWelcome(func(r *bot.Request) error {
			who := "citizen"
			if r.Staff != nil {
				who = r.Staff.NIP
			}
			welcomed = append(welcomed, who)
			return nil
		})
	})
	h := bottest.New(t, bot.Config{}, f)
	h.Seed()
	code, _, err := h.Bot.Invite(context.Background(), bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	msgs := h.Text(200, "/start "+code)
	if len(msgs) != 2 || msgs[1].Text != "hook: linked Budi Santoso" {
		t.Fatalf("want the confirmation then the hook's reply, got %q", bottest.Texts(msgs))
	}
	bottest.MustSay(t, msgs[:1], "Akun terhubung")
	h.Text(201, "/start "+code) // used code: refused, no hook
	h.Text(200, "/start "+code) // already linked: no hook
	if len(linked) != 1 || linked[0] != bottest.NIPBudi {
		t.Fatalf("OnLinked ran for %v", linked)
	}
	h.Text(300, "/start")
	h.Text(200, "/start")
	if len(welcomed) != 2 || welcomed[0] != "citizen" || welcomed[1] != bottest.NIPBudi {
		t.Fatalf("OnWelcome ran for %v", welcomed)
	}
}

// A hook's error rolls the linking back: the code stays unused.
func TestLinkedHookErrorRollsBack(t *testing.T) {
	f := featureFunc(func(b *bot.Bot) {
		b.OnLinked(func(r *bot.Request) error { return errors.New("boom") })
	})
	h := bottest.New(t, bot.Config{}, f)
	h.Seed()
	code, _, err := h.Bot.Invite(context.Background(), bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	bottest.MustSay(t, h.Text(200, "/start "+code), "")
	if _, err := h.DB.StaffByTelegram(context.Background(), 200); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("linked despite the hook's error: %v", err)
	}
}

func TestNilHookRefused(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	for _, f := range []featureFunc{
		func(b *bot.Bot) { b.OnLinked(nil) },
		func(b *bot.Bot) { b.OnWelcome(nil) },
	} {
		if _, err := bot.New(bot.Config{}, h.DB, h.Msg, nil, nil, f); err == nil {
			t.Fatal("a nil hook was accepted")
		}
	}
}
