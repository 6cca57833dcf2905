package survey

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// surveyHarness is a harness whose database file path is known (to inspect
// stored rows directly) and whose bot has the given survey configuration.
type surveyHarness struct {
	*harness
	path string
}

func newSurveyHarness(t *testing.T, cfg SurveyConfig) *surveyHarness {
	t.Helper()
	path := filepath.Join(t.TempDir(), "kinerja.db")
	h := &harness{t: t, db: storagetest.MustOpenPath(t, path), msg: &recorder{}, now: time.Date(2026, 11, 10, 9, 0, 0, 0, wib)}
	h.bot = mustBot(New(Config{Location: wib, BotUsername: "KinerjaSolokBot", Survey: cfg}, h.db, h.msg, func() time.Time { return h.now }, nil))
	h.seed()
	return &surveyHarness{harness: h, path: path}
}

// restart replaces the bot by a new one over the same database, as after
// a process restart.
func (h *surveyHarness) restart() {
	cfg := h.bot.Config()
	h.bot = mustBot(New(cfg, h.db, h.msg, func() time.Time { return h.now }, nil))
}

// newLink creates a survey link and returns its payload.
func (h *surveyHarness) newLink(unit, officer string) string {
	h.t.Helper()
	l, link, err := h.bot.CreateSurveyLink(context.Background(), unit, officer)
	if err != nil {
		h.t.Fatal(err)
	}
	if want := "https://t.me/KinerjaSolokBot?start=" + l.Payload; link != want {
		h.t.Fatalf("deep link %q, want %q", link, want)
	}
	return l.Payload
}

// surveyButton finds, in the last message that has survey buttons, the
// button whose data ends with ":"+value, and returns its data and the id of
// the message that carries it (the edited message's id, or a fresh one).
func surveyButton(t *testing.T, msgs []OutMessage, value string) (string, int) {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "svy:") && strings.HasSuffix(b.Data, ":"+value) {
					id := msgs[i].EditID
					if id == 0 {
						id = 1000 + i
					}
					return b.Data, id
				}
			}
		}
	}
	t.Fatalf("no survey button %q in %+v", value, msgs)
	return "", 0
}

// pressSurvey presses the survey button for value in msgs.
func (h *surveyHarness) pressSurvey(from int64, msgs []OutMessage, value string) []OutMessage {
	h.t.Helper()
	data, id := surveyButton(h.t, msgs, value)
	return h.press(from, id, data)
}

// answerAll presses the answers in order, stopping at the first 0, starting
// from the given messages, and returns the messages after the last press.
func (h *surveyHarness) answerAll(from int64, msgs []OutMessage, answers [9]int) []OutMessage {
	h.t.Helper()
	for _, a := range answers {
		if a == 0 {
			break
		}
		msgs = h.pressSurvey(from, msgs, string(rune('0'+a)))
	}
	return msgs
}

// complete runs a whole survey with buttons only: /start, nine answers,
// then Lewati. It returns the final messages.
func (h *surveyHarness) complete(from int64, payload string, answers [9]int) []OutMessage {
	h.t.Helper()
	msgs := h.answerAll(from, h.text(from, "/start "+payload), answers)
	return h.pressSurvey(from, msgs, "skip")
}

// totals returns the stored totals of a unit in November 2026.
func (h *surveyHarness) totals(unit string) kinerja.SurveyTotals {
	h.t.Helper()
	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	tot, err := h.db.SurveyTotals(context.Background(), kinerja.SurveyFilter{UnitCode: unit, From: nov.Start(wib), To: nov.End(wib)})
	if err != nil {
		h.t.Fatal(err)
	}
	if len(tot) == 0 {
		return kinerja.SurveyTotals{UnitCode: unit}
	}
	return tot[0]
}

// all returns answers all equal to v.
func all(v int) [9]int { return [9]int{v, v, v, v, v, v, v, v, v} }
