package survey

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// BenchmarkSurveyBatch measures the bot's own cost of carrying citizens
// through the survey, as the transport hands it updates: batches of 20,
// one update per citizen (a /start, nine answers, then "Lewati"), over a
// real SQLite file, with an in-memory messenger (no HTTP). One op is one
// update; ns/op and allocs/op are per update.
func BenchmarkSurveyBatch(b *testing.B) {
	const batch = 20
	var now time.Time
	f := New(bot.Deps{Now: func() time.Time { return now }, Location: wib, Username: "KinerjaSolokBot"},
		Config{KeyDir: filepath.Join(b.TempDir(), "keys")})
	h := bottest.New(b, bot.Config{Location: wib, BotUsername: "KinerjaSolokBot"}, f)
	h.Msg.T = nil // the texts are checked by the other tests
	now = h.Now
	f.deps.Store = h.DB
	h.Seed()
	l, _, err := f.CreateSurveyLink(context.Background(), "PKM-TGR", "")
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	type citizen struct {
		step  int // 0: /start, 1–9: the answers, 10: Lewati
		msgID int
		data  string
	}
	var (
		cits   = make([]citizen, batch)
		nextID int64
		chat   = int64(5_000_000)
		ups    = make([]bot.Update, 0, batch)
	)
	fresh := func(i int) { chat++; cits[i] = citizen{}; cits[i].msgID = int(chat) }
	for i := range cits {
		fresh(i)
	}
	chats := make([]int64, batch)
	for i := range chats {
		chats[i] = chat - int64(batch) + 1 + int64(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; done += batch {
		ups = ups[:0]
		for i := range cits {
			nextID++
			u := bot.Update{ID: nextID, ChatID: chats[i], ChatType: bot.ChatPrivate, From: bot.User{ID: chats[i], FirstName: "W"}}
			if cits[i].step == 0 {
				u.Kind, u.Text = bot.KindText, "/start "+l.Payload
			} else {
				u.Callback = &bot.Callback{ID: "cb" + strconv.FormatInt(nextID, 10), Data: cits[i].data, MessageID: cits[i].msgID}
			}
			ups = append(ups, u)
		}
		if err := h.Bot.HandleBatch(ctx, ups); err != nil {
			b.Fatal(err)
		}
		h.Bot.Wait(ctx)
		sent := h.Msg.Take()
		for i := range cits {
			c := &cits[i]
			c.step++
			want := "4"
			if c.step == 10 {
				want = "skip"
			}
			if c.step > 10 {
				fresh(i)
				chats[i] = chat
				continue
			}
			c.data = ""
			for _, m := range sent {
				if m.ChatID != chats[i] {
					continue
				}
				for _, row := range m.Buttons {
					for _, btn := range row {
						if strings.HasPrefix(btn.Data, "svy:") && strings.HasSuffix(btn.Data, ":"+want) {
							c.data = btn.Data
							if m.EditID != 0 {
								c.msgID = m.EditID
							}
						}
					}
				}
			}
			if c.data == "" {
				b.Fatalf("citizen %d at step %d: no %q button in %v", chats[i], c.step, want, bottest.Texts(sent))
			}
		}
	}
}
