package bot

import (
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// featureFunc adapts a function to Feature.
type featureFunc func(b *Bot)

func (f featureFunc) Register(b *Bot) { f(b) }

func TestDuplicateRegistrationIsRefusedAtStart(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	noop := func(*Request) error { return nil }
	cases := map[string]featureFunc{
		"command": func(b *Bot) { b.Command(CommandSpec{Name: "help", Help: "x", Handle: noop}) },
		"alias": func(b *Bot) {
			b.Command(CommandSpec{Name: "tolong", Aliases: []string{"batal"}, Help: "x", Handle: noop})
		},
		"button": func(b *Bot) { b.Button(ButtonSpec{Buttons: langButtons, Action: "id", Handle: noop}) },
		"button version": func(b *Bot) {
			b.Button(ButtonSpec{Buttons: Buttons{Prefix: "lang", Version: 2}, Action: "xx", Handle: noop})
		},
		"payload": func(b *Bot) { b.Payload("i", noop) },
		"flow": func(b *Bot) {
			b.Flow(FlowSpec{Name: "f", Handle: noop})
			b.Flow(FlowSpec{Name: "f", Handle: noop})
		},
	}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			if _, err := New(Config{}, db, &recorder{}, nil, nil, f); err == nil || !strings.Contains(err.Error(), "bot:") {
				t.Fatalf("New = %v, want a registration error", err)
			}
		})
	}
}

func TestButtonsCodec(t *testing.T) {
	k := Buttons{Prefix: "rpt"}
	p, _ := kinerja.ParsePeriod("2026-11")
	if got, want := k.Data("a", int64(12), 3, "x", p), "rpt:a:12:3:x:2026-11"; got != want {
		t.Fatalf("Data = %q, want %q", got, want)
	}
	if got, want := (Buttons{Prefix: "rpt", Version: 2}).Data("a"), "rpt.2:a"; got != want {
		t.Fatalf("Data = %q, want %q", got, want)
	}
	for data, ok := range map[string]bool{"rpt:a:1": true, "rpt.2:a": true, "rpt": false, "rpt.1:a": false, "rpt.x:a": false, "rpt.99999:a": false} {
		if _, _, _, _, got := decodeData(data); got != ok {
			t.Errorf("decodeData(%q) ok = %v, want %v", data, got, ok)
		}
	}
}

func TestMalformedButtonsAreAnsweredStaleInOnePlace(t *testing.T) {
	h := newHarness(t)
	hits := 0
	k := Buttons{Prefix: "zz", Version: 2}
	h.bot = mustBot(New(h.bot.cfg, h.db, h.msg, func() time.Time { return h.now }, nil, featureFunc(func(b *Bot) {
		b.Button(ButtonSpec{Buttons: k, Action: "go", Args: 2, Roles: []kinerja.Role{kinerja.RoleStaff}, Handle: func(r *Request) error {
			hits++
			r.Answer("ok " + strings.Join(r.Args, ","))
			return nil
		}})
	})))
	h.seed()
	h.link(nipBudi, 1)
	for _, data := range []string{"zz:go:1:2", "zz.2:go:1", "zz.2:go:1:2:3", "zz.2:no:1:2", "zz.3:go:1:2"} {
		h.press(1, 5, data)
		if got := h.msg.answers["cb"+data]; got != T(kinerja.LangID, "core.stale_button") {
			t.Errorf("%s answered %q, want stale", data, got)
		}
	}
	h.press(2, 5, k.Data("go", 1, 2))
	if got := h.msg.answers["cb"+k.Data("go", 1, 2)]; got != T(kinerja.LangID, "core.need_link") {
		t.Errorf("unlinked press answered %q", got)
	}
	h.press(1, 5, k.Data("go", 1, 2))
	if got := h.msg.answers["cb"+k.Data("go", 1, 2)]; got != "ok 1,2" || hits != 1 {
		t.Errorf("valid press answered %q after %d calls", got, hits)
	}
}
