package bot

import (
	"context"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
	"time"
)

// randomUpdate builds an update a careless or hostile user could send:
// every registered command with random arguments, callback data for every
// registered prefix with random fields, files, stickers, edits, groups.
func randomUpdate(rng *rand.Rand, b *Bot, from int64, msgID int) Update {
	words := []string{"", "1", "-5", "2,5", "abc", "0", "99999999999", "<b>x</b>", strings.Repeat("z", 5000),
		"2026-11-01", "besok", "ya", "🙂", "i_", "s_", "s_AAAAAAAAAAAAAAAA", "\x00", "%s%d"}
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	var cmds, prefixes []string
	for name := range b.commands {
		cmds = append(cmds, name)
	}
	for p := range b.callbacks {
		prefixes = append(prefixes, p)
	}
	sort.Strings(cmds)
	sort.Strings(prefixes)
	u := Update{ChatID: from, ChatType: ChatPrivate, From: User{ID: from}, MessageID: msgID}
	switch rng.IntN(10) {
	case 0, 1, 2:
		u.Kind, u.Text = KindText, "/"+cmds[rng.IntN(len(cmds))]
		if rng.IntN(2) == 0 {
			u.Text += " " + pick(words)
		}
	case 3, 4:
		u.Kind, u.Text = KindText, pick(words)
	case 5, 6, 7:
		data := prefixes[rng.IntN(len(prefixes))]
		for n := rng.IntN(4); n > 0; n-- {
			data += ":" + pick([]string{"1", "0", "-1", "x", "999999", "a", "id", "en", "9", "ok", "back"})
		}
		if len(data) > 64 {
			data = data[:64]
		}
		u.Callback = &Callback{ID: "cb", Data: data, MessageID: rng.IntN(5)}
	case 8:
		u.Kind = []MessageKind{KindPhoto, KindDocument, KindSticker, KindVoice, KindLocation, KindOther}[rng.IntN(6)]
		if u.Kind == KindPhoto || u.Kind == KindDocument {
			u.File = &File{FileID: "f" + pick(words), FileUniqueID: "u", FileName: "x.pdf", Size: int64(rng.IntN(30 << 20))}
		}
	default:
		u.Kind, u.Text, u.Edited = KindText, pick(words), true
		if rng.IntN(2) == 0 {
			u.ChatID, u.ChatType = -100123, ChatSupergroup
		}
	}
	return u
}

// TestRandomInputNeverBreaksTheBot plays thousands of random updates from
// citizens, staff, an assessor and an admin: every update must be handled
// (committed) without an internal error, and every callback answered.
func TestRandomInputNeverBreaksTheBot(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.link(nipBudi, 11)
	h.link(nipHead, 12)
	h.link(nipAdmin, 13)
	users := []int64{10, 11, 12, 13}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 500
	}
	internal := T(h.bot.cfg.DefaultLang, "core.internal_error")
	for i := range n {
		from := users[rng.IntN(len(users))]
		u := randomUpdate(rng, h.bot, from, i)
		h.nextID++
		u.ID = h.nextID
		if u.Callback != nil {
			u.Callback.ID = "cb" + string(rune('a'+i%26)) + strings.Repeat("x", i%7)
		}
		if err := h.bot.Handle(context.Background(), u); err != nil {
			t.Fatalf("update %+v not committed: %v", u, err)
		}
		for _, m := range h.msg.take() {
			if strings.Contains(m.Text, internal) {
				t.Fatalf("internal error for update %+v (text %q, callback %+v)", u, u.Text, u.Callback)
			}
		}
		if u.Callback != nil {
			if _, ok := h.msg.answers[u.Callback.ID]; !ok {
				t.Fatalf("callback %q not answered", u.Callback.Data)
			}
		}
		h.now = h.now.Add(time.Duration(rng.Int64N(int64(h.bot.cfg.SessionIdle / 10))))
	}
}
