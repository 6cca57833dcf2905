package survey

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

var wib = bottest.WIB

const (
	nipHead  = bottest.NIPHead
	nipBudi  = bottest.NIPBudi
	nipSari  = bottest.NIPSari
	nipAdmin = bottest.NIPAdmin
)

// surveyHarness is the shared harness with the survey feature f, whose
// services run over the harness's database and clock.
type surveyHarness struct {
	*bottest.Harness
	t *testing.T
	f *Feature
}

func newSurveyHarness(t *testing.T, cfg Config) *surveyHarness {
	t.Helper()
	sh := &surveyHarness{t: t}
	if cfg.KeyDir == "" {
		cfg.KeyDir = filepath.Join(t.TempDir(), "keys")
	}
	clock := func() time.Time { return sh.Now }
	sh.f = New(bot.Deps{Now: clock, Location: wib, Username: "KinerjaSolokBot"}, cfg)
	sh.Harness = bottest.New(t, bot.Config{Location: wib, BotUsername: "KinerjaSolokBot"}, sh.f)
	sh.f.deps.Store = sh.DB
	sh.Seed()
	return sh
}

// newLink creates a survey link and returns its payload.
func (h *surveyHarness) newLink(unit, officer string) string {
	h.t.Helper()
	l, link, err := h.f.CreateSurveyLink(context.Background(), unit, officer)
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
func surveyButton(t *testing.T, msgs []bot.OutMessage, value string) (string, int) {
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
func (h *surveyHarness) pressSurvey(from int64, msgs []bot.OutMessage, value string) []bot.OutMessage {
	h.t.Helper()
	data, id := surveyButton(h.t, msgs, value)
	return h.Press(from, id, data)
}

// answerAll presses the answers in order, stopping at the first 0, starting
// from the given messages, and returns the messages after the last press.
func (h *surveyHarness) answerAll(from int64, msgs []bot.OutMessage, answers []int) []bot.OutMessage {
	h.t.Helper()
	for _, a := range answers {
		if a == 0 {
			break
		}
		msgs = h.pressSurvey(from, msgs, string(rune('0'+a)))
	}
	return msgs
}

// complete runs a whole survey with buttons only: /start, the answers,
// then Lewati. It returns the final messages.
func (h *surveyHarness) complete(from int64, payload string, answers []int) []bot.OutMessage {
	h.t.Helper()
	msgs := h.answerAll(from, h.Text(from, "/start "+payload), answers)
	return h.pressSurvey(from, msgs, "skip")
}

// totals returns the stored totals of a unit in November 2026.
func (h *surveyHarness) totals(unit string) kinerja.SurveyTotals {
	h.t.Helper()
	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	tot, err := h.DB.SurveyTotals(context.Background(), kinerja.SurveyFilter{UnitCode: unit, From: nov.Start(wib), To: nov.End(wib)})
	if err != nil {
		h.t.Fatal(err)
	}
	if len(tot) == 0 {
		return kinerja.SurveyTotals{UnitCode: unit}
	}
	return tot[0]
}

// nine returns the regulation's nine answers (unanswered ones 0).
func nine(a ...int) []int {
	out := make([]int, 9)
	copy(out, a)
	return out
}

// all returns nine answers all equal to v.
func all(v int) []int { return []int{v, v, v, v, v, v, v, v, v} }

// byCode keys answers by the default codes U1, U2, …
func byCode(a []int) map[string]int {
	m := map[string]int{}
	for i, v := range a {
		m["U"+strconv.Itoa(i+1)] = v
	}
	return m
}

// sumsOf returns the nine sums of totals in order.
func sumsOf(t kinerja.SurveyTotals) [9]int {
	var out [9]int
	for i := range out {
		out[i] = t.Sums["U"+strconv.Itoa(i+1)]
	}
	return out
}

// mustSay fails unless one of the messages contains every fragment.
func mustSay(t *testing.T, msgs []bot.OutMessage, fragments ...string) bot.OutMessage {
	t.Helper()
	return bottest.MustSay(t, msgs, fragments...)
}
