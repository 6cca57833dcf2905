package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// fuzzBot is a bot with every feature as the program wires them, over the
// shared harness's database, that records which callbacks were answered
// and which handlers failed with an internal error.
type fuzzBot struct {
	h        *bottest.Harness
	b        *bot.Bot
	msg      *answerLog
	failures *errorLog
	nextID   atomic.Int64
	invite   string // an unused invitation code
	survey   string // a survey link's payload
}

// answerLog is the harness's Recorder, noting every answered callback.
type answerLog struct {
	*bottest.Recorder
	mu       sync.Mutex
	answered map[string]bool
}

func (a *answerLog) AnswerCallback(ctx context.Context, id, text string) error {
	a.mu.Lock()
	a.answered[id] = true
	a.mu.Unlock()
	return a.Recorder.AnswerCallback(ctx, id, text)
}

func (a *answerLog) wasAnswered(id string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.answered[id]
}

// errorLog is a slog handler keeping the messages logged at error level.
type errorLog struct {
	mu   sync.Mutex
	msgs []string
}

func (e *errorLog) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }
func (e *errorLog) Handle(_ context.Context, r slog.Record) error {
	var sb strings.Builder
	sb.WriteString(r.Message)
	r.Attrs(func(a slog.Attr) bool { sb.WriteString(" " + a.String()); return true })
	e.mu.Lock()
	e.msgs = append(e.msgs, sb.String())
	e.mu.Unlock()
	return nil
}
func (e *errorLog) WithAttrs([]slog.Attr) slog.Handler { return e }
func (e *errorLog) WithGroup(string) slog.Handler      { return e }

func (e *errorLog) take() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.msgs
	e.msgs = nil
	return out
}

func newFuzzBot(f *testing.F) *fuzzBot {
	f.Helper()
	c, err := LoadConfig("", env(nil))
	if err != nil {
		f.Fatal(err)
	}
	h := bottest.New(f, bot.Config{})
	a := &app{cfg: c, now: h.Clock(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	deps := a.deps(h.DB)
	deps.Location, deps.Username = bottest.WIB, h.Cfg.BotUsername
	fs, _, err := a.features(deps)
	if err != nil {
		f.Fatal(err)
	}
	h.Seed()
	h.LinkAll()
	z := &fuzzBot{h: h, msg: &answerLog{Recorder: h.Msg, answered: map[string]bool{}}, failures: &errorLog{}}
	z.b, err = bot.New(h.Cfg, h.DB, z.msg, h.Clock(), slog.New(z.failures), fs...)
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { z.b.Wait(context.Background()) })
	ctx := context.Background()
	if z.invite, _, err = z.b.Invite(ctx, bottest.NIPOtherSub); err != nil {
		f.Fatal(err)
	}
	z.survey = kinerja.SurveyPayloadPrefix + "fuzzSeedLink0001"
	if err := h.DB.CreateSurveyLink(ctx, &kinerja.SurveyLink{Payload: z.survey, UnitCode: "PKM-TGR", CreatedAt: h.Now}); err != nil {
		f.Fatal(err)
	}
	return z
}

// users the fuzzed updates come from: a citizen, staff, an assessor and an
// admin.
var fuzzUsers = []int64{10, bottest.TGBudi, bottest.TGHead, bottest.TGAdmin}

// handle feeds u and checks the invariants every update keeps: it is
// committed, no handler fails with an internal error, every message is
// one Telegram accepts (the Recorder checks), a pressed button is
// answered, and a private message gets a reply. It returns the replies.
func (z *fuzzBot) handle(t *testing.T, u bot.Update) []bot.OutMessage {
	z.h.Msg.T = t
	defer func() { z.h.Msg.T = nil }()
	u.ID = z.nextID.Add(1)
	ctx := context.Background()
	if err := z.b.Handle(ctx, u); err != nil {
		t.Fatalf("update not committed: %v", err)
	}
	z.b.Wait(ctx)
	if errs := z.failures.take(); len(errs) > 0 {
		t.Fatalf("internal error for %q%+v: %q", u.Text, u.Callback, errs)
	}
	sent := z.h.Msg.Take()
	internal := []string{bot.T(kinerja.LangID, "core.internal_error"), bot.T(kinerja.LangEN, "core.internal_error")}
	for _, m := range sent {
		for _, s := range internal {
			if strings.Contains(m.Text, s) {
				t.Fatalf("apology for an internal error to %q%+v", u.Text, u.Callback)
			}
		}
	}
	if u.Callback != nil && !z.msg.wasAnswered(u.Callback.ID) {
		t.Fatalf("callback %q not answered", u.Callback.Data)
	}
	return sent
}

// FuzzCallbackData presses a button with any data (1 to 64 bytes, as
// Telegram allows), from a citizen, staff, an assessor or an admin, to a
// bot with every feature: forged data is answered, never an internal error.
func FuzzCallbackData(f *testing.F) {
	z := newFuzzBot(f)
	extra := []string{"", ":1", ":0", ":-1", ":x", ":999999", ":2026-11", ":2026-11:ikm", ":" + bottest.NIPBudi, ":1:2:3:4"}
	for i, p := range z.b.ButtonPrefixes() {
		for j, e := range extra {
			if (i+j)%3 == 0 || e == "" {
				f.Add(p+e, uint8(i+j))
			}
		}
	}
	for _, s := range []string{"x", ":", "::", "lang.2:id", "lang.0002:en", "rpt", "\x00:\xff", strings.Repeat("a", 64)} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, data string, who uint8) {
		if len(data) == 0 || len(data) > 64 {
			return // Telegram delivers no such callback
		}
		from := fuzzUsers[int(who)%len(fuzzUsers)]
		id := "fz" + string(rune('a'+z.nextID.Load()%26)) + data
		z.handle(t, bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from},
			Callback: &bot.Callback{ID: id, Data: data, MessageID: int(who % 7)}})
	})
}

// FuzzStartPayload opens the bot with /start and any payload (a deep link
// or typed by hand): every payload gets a reply, never an internal error.
func FuzzStartPayload(f *testing.F) {
	z := newFuzzBot(f)
	for _, s := range []string{"", z.invite, z.survey, "i_", "s_", "i_" + strings.Repeat("A", 62), z.survey + "x",
		"s_AAAAAAAAAAAAAAAA", "x", "<b>", "i_../../", "s_" + strings.Repeat("9", 100), "🙂", "i_A B", "\x00"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, payload string, who uint8) {
		if len(payload) > 4000 {
			return // longer than a message
		}
		from := fuzzUsers[int(who)%len(fuzzUsers)]
		sent := z.handle(t, bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from, FirstName: "U"},
			Kind: bot.KindText, Text: "/start " + payload})
		if len(sent) == 0 {
			t.Fatalf("/start %q from %d got no reply", payload, from)
		}
	})
}
