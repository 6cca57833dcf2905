package bottest

import (
	"context"
	"math/rand/v2"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// RandomUpdate builds an update a careless or hostile user could send:
// every registered command with random arguments, callback data for every
// registered button with random fields, files, stickers, edits, groups.
func RandomUpdate(rng *rand.Rand, b *bot.Bot, from int64, msgID int) bot.Update {
	words := []string{"", "1", "-5", "2,5", "abc", "0", "99999999999", "<b>x</b>", strings.Repeat("z", 5000),
		"2026-11-01", "besok", "ya", "🙂", "i_", "s_", "s_AAAAAAAAAAAAAAAA", "\x00", "%s%d"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	cmds, prefixes := b.Commands(), b.ButtonPrefixes()
	u := bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from}, MessageID: msgID}
	switch rng.IntN(10) {
	case 0, 1, 2:
		u.Kind, u.Text = bot.KindText, "/"+cmds[rng.IntN(len(cmds))]
		if rng.IntN(2) == 0 {
			u.Text += " " + pick(words)
		}
	case 3, 4:
		u.Kind, u.Text = bot.KindText, pick(words)
	case 5, 6, 7:
		data := prefixes[rng.IntN(len(prefixes))]
		for n := rng.IntN(4); n > 0; n-- {
			data += ":" + pick([]string{"1", "0", "-1", "x", "999999", "a", "id", "en", "9", "ok", "back", "2026-11", NIPBudi, NIPSari})
		}
		if len(data) > 64 {
			data = data[:64]
		}
		u.Callback = &bot.Callback{ID: "cb", Data: data, MessageID: rng.IntN(5)}
	case 8:
		u.Kind = []bot.MessageKind{bot.KindPhoto, bot.KindDocument, bot.KindSticker, bot.KindVoice, bot.KindLocation, bot.KindOther}[rng.IntN(6)]
		if u.Kind == bot.KindPhoto || u.Kind == bot.KindDocument {
			u.File = &bot.File{FileID: "f" + pick(words), FileUniqueID: "u", FileName: "x.pdf", Size: int64(rng.IntN(30 << 20))}
		}
	default:
		u.Kind, u.Text, u.Edited = bot.KindText, pick(words), true
		if rng.IntN(2) == 0 {
			u.ChatID, u.ChatType = -100123, bot.ChatSupergroup
		}
	}
	return u
}

// RandomInput plays n random updates from a citizen and the linked people
// of users: every update must be handled (committed) without an internal
// error, and every pressed button answered.
func (h *Harness) RandomInput(n int, users []int64) {
	h.T.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	internal := bot.T(kinerja.LangID, "core.internal_error")
	idle := h.Cfg.SessionIdle
	if idle == 0 {
		idle = 30 * time.Minute
	}
	for i := range n {
		from := users[rng.IntN(len(users))]
		u := RandomUpdate(rng, h.Bot, from, i)
		h.nextID++
		u.ID = h.nextID
		if u.Callback != nil {
			u.Callback.ID = "cb" + string(rune('a'+i%26)) + strings.Repeat("x", i%7)
		}
		if err := h.Bot.Handle(context.Background(), u); err != nil {
			h.T.Fatalf("update %+v not committed: %v", u, err)
		}
		h.Bot.Wait(context.Background())
		for _, m := range h.Msg.Take() {
			if strings.Contains(m.Text, internal) {
				h.T.Fatalf("internal error for update %+v (text %q, callback %+v)", u, u.Text, u.Callback)
			}
		}
		if u.Callback != nil {
			h.Msg.mu.Lock()
			_, ok := h.Msg.answers[u.Callback.ID]
			h.Msg.mu.Unlock()
			if !ok {
				h.T.Fatalf("callback %q not answered", u.Callback.Data)
			}
		}
		h.Now = h.Now.Add(time.Duration(rng.Int64N(int64(idle / 10))))
	}
}
