package bot_test

import (
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// featureFunc adapts a function to bot.Feature.
type featureFunc func(b *bot.Bot)

func (f featureFunc) Register(b *bot.Bot) { f(b) }

func TestDuplicateRegistrationIsRefusedAtStart(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	noop := func(*bot.Request) error { return nil }
	cases := map[string]featureFunc{
		"command": func(b *bot.Bot) { b.Command(bot.CommandSpec{Name: "help", Help: "x", Handle: noop}) },
		"alias": func(b *bot.Bot) {
			b.Command(bot.CommandSpec{Name: "tolong", Aliases: []string{"batal"}, Help: "x", Handle: noop})
		},
		// The core's language buttons have the prefix "lang".
		"button": func(b *bot.Bot) {
			b.Button(bot.ButtonSpec{Buttons: bot.Buttons{Prefix: "lang"}, Action: "id", Handle: noop})
		},
		"button version": func(b *bot.Bot) {
			b.Button(bot.ButtonSpec{Buttons: bot.Buttons{Prefix: "lang", Version: 2}, Action: "xx", Handle: noop})
		},
		"payload": func(b *bot.Bot) { b.Payload("i", noop) },
		"flow": func(b *bot.Bot) {
			b.Flow(bot.FlowSpec{Name: "f", Handle: noop})
			b.Flow(bot.FlowSpec{Name: "f", Handle: noop})
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := bot.New(bot.Config{}, db, &bottest.Recorder{}, nil, nil, f); err == nil || !strings.Contains(err.Error(), "bot:") {
				t.Fatalf("New = %v, want a registration error", err)
			}
		})
	}
}

func TestMalformedButtonsAreAnsweredStaleInOnePlace(t *testing.T) {
	hits := 0
	k := bot.Buttons{Prefix: "zz", Version: 2}
	h := bottest.New(t, bot.Config{}, featureFunc(func(b *bot.Bot) {
		b.Button(bot.ButtonSpec{Buttons: k, Action: "go", Args: 2, Roles: []kinerja.Role{kinerja.RoleStaff}, Handle: func(r *bot.Request) error {
			hits++
			r.Answer("ok " + strings.Join(r.Args, ","))
			return nil
		}})
	}))
	h.Seed()
	h.Link(bottest.NIPBudi, 1)
	for _, data := range []string{"zz:go:1:2", "zz.2:go:1", "zz.2:go:1:2:3", "zz.2:no:1:2", "zz.3:go:1:2"} {
		h.Press(1, 5, data)
		if got := h.Msg.Answer("cb" + data); got != bot.T(kinerja.LangID, "core.stale_button") {
			t.Errorf("%s answered %q, want stale", data, got)
		}
	}
	h.Press(2, 5, k.Data("go", 1, 2))
	if got := h.Msg.Answer("cb" + k.Data("go", 1, 2)); got != bot.T(kinerja.LangID, "core.need_link") {
		t.Errorf("unlinked press answered %q", got)
	}
	h.Press(1, 5, k.Data("go", 1, 2))
	if got := h.Msg.Answer("cb" + k.Data("go", 1, 2)); got != "ok 1,2" || hits != 1 {
		t.Errorf("valid press answered %q after %d calls", got, hits)
	}
}
