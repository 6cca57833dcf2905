package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// A feature's OnLinked greeter runs once, in the linking update, with the
// person just linked, and adds its text and buttons to the confirmation,
// which stays one message; a refused code runs nothing. OnWelcome adds to
// the greeting of a plain /start, for citizens too.
func TestGreetersAddToLinkingAndWelcome(t *testing.T) {
	var linked, welcomed []string
	tour := bot.Buttons{Prefix: "hk"}
	f := featureFunc(func(b *bot.Bot) {
		b.Button(bot.ButtonSpec{Buttons: tour, Action: "go", Handle: func(*bot.Request) error { return nil }})
		b.OnLinked(func(r *bot.Request) (bot.Addition, error) {
			linked = append(linked, r.Staff.NIP)
			return bot.Addition{Text: "\n\nhook: linked " + r.Staff.Name,
				Buttons: [][]bot.Button{{tour.Button("Go", "go")}}}, nil
		})
		b.OnWelcome(func(r *bot.Request) (bot.Addition, error) {
			who := "citizen"
			if r.Staff != nil {
				who = r.Staff.NIP
			}
			welcomed = append(welcomed, who)
			return bot.Addition{Text: "\n\nhook: welcome"}, nil
		})
	})
	h := bottest.New(t, bot.Config{}, f)
	h.Seed()
	code, _, err := h.Bot.Invite(context.Background(), bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	msgs := h.Text(200, "/start "+code)
	if len(msgs) != 1 || !strings.HasSuffix(msgs[0].Text, "\n\nhook: linked Budi Santoso") || len(msgs[0].Buttons) != 1 {
		t.Fatalf("want the confirmation with the addition, got %+v", msgs)
	}
	bottest.MustSay(t, msgs, "Akun terhubung")
	h.Text(201, "/start "+code) // used code: refused, no hook
	h.Text(200, "/start "+code) // already linked: no hook
	if len(linked) != 1 || linked[0] != bottest.NIPBudi {
		t.Fatalf("OnLinked ran for %v", linked)
	}
	bottest.MustSay(t, h.Text(300, "/start"), "Selamat datang", "kode QR", "hook: welcome")
	bottest.MustSay(t, h.Text(200, "/start"), "Selamat datang kembali", "hook: welcome")
	if len(welcomed) != 2 || welcomed[0] != "citizen" || welcomed[1] != bottest.NIPBudi {
		t.Fatalf("OnWelcome ran for %v", welcomed)
	}
}

// A greeter's error rolls the linking back: the code stays unused.
func TestLinkedHookErrorRollsBack(t *testing.T) {
	f := featureFunc(func(b *bot.Bot) {
		b.OnLinked(func(r *bot.Request) (bot.Addition, error) { return bot.Addition{}, errors.New("boom") })
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
