package evaluation

import (
	"context"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Presses of well-formed but random evaluation, objection, correction and
// unit-predicate buttons, with real NIPs and periods, and random typed
// texts, from every role, over many simulated days: every update commits,
// every press is answered, nothing is an internal error, and no confirmed
// evaluation ever breaks a rule (a departure without a reason, a predikat
// that is not the matrix cell, fewer than seven values).
func TestEvaluationRandomUseKeepsTheRules(t *testing.T) {
	h := newEvalHarness(t)
	k1 := h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 0)
	h.report(nipBudi, k1, "2026-10-03", 95, kinerja.ReportApproved)
	rng := rand.New(rand.NewPCG(3, 4))
	users := []int64{etHead, etHead, etHead, etBudi, etSari, etAdmin, etKadis, 999}
	// Weighted towards real work, so that evaluations get confirmed and
	// objected to, not only refused.
	nips := []string{nipBudi, nipBudi, nipBudi, nipBudi, nipSari, nipSari, nipSari, nipHead, nipAdmin, nipKadis, "123"}
	periods := []string{october, october, october, october, october, october, "2026-09", "2026-11", "2026-Q3", "2026", "x"}
	num := func(n int) string { return strconv.Itoa(rng.IntN(n+2) - 1) }
	pick := func(list []string) string { return list[rng.IntN(len(list))] }
	texts := []string{"x", "Alasan yang cukup panjang untuk diterima.", "Alasan yang cukup panjang untuk diterima.", "Alasan yang cukup panjang untuk diterima.", strings.Repeat("a", 1001), "/nilai", "/skor",
		"/keberatan", "/koreksi " + nipBudi + " 2026-10", "/predikatunit PKM-TGR", "/nilai 2026-10", "/cancel"}
	internal := bot.T(kinerja.LangID, "core.internal_error")
	n := 2500
	if testing.Short() {
		n = 400
	}
	last := etHead
	for i := range n {
		// Mostly the person a button belongs to presses it (so that
		// evaluations get confirmed and objected to), sometimes anyone.
		from := users[rng.IntN(len(users))]
		likely := func(who int64) {
			if rng.IntN(5) > 0 {
				from = who
			}
		}
		var msgs []bot.OutMessage
		if i%60 == 59 {
			// Now and then the head goes through a whole evaluation with
			// random ratings, between everyone else's random presses.
			h.tryEvaluate(rng, pick([]string{nipBudi, nipSari}))
		} else if rng.IntN(5) == 0 {
			from = last // typing follows one's own press
			likely(last)
			msgs = h.text(from, pick(texts))
		} else {
			k := pick(nips) + ":" + pick(periods)
			var data string
			likely(etHead)
			switch rng.IntN(14) {
			case 0:
				data = "nil:o:" + pick(periods)
			case 1, 2:
				data = "nil:s:" + k
			case 3:
				data = "nil:ha:" + k
			case 4:
				data = "nil:hc:" + k + ":" + num(3)
			case 5, 6, 7:
				data = "nil:b:" + k + ":" + strconv.Itoa(rng.IntN(7)) + ":" + num(3)
			case 8:
				data = pick([]string{"nil:pa:", "nil:pa:", "nil:ok:", "nil:ok:", "nil:ok:", "nil:e:", "nil:x:", "nil:rb:"}) + k
			case 9:
				data = "nil:pc:" + k + ":" + num(3)
			case 10:
				likely(pick2(rng, etBudi, etSari))
				data = "kbr:new:" + k
			case 11:
				likely(pick2(rng, etKadis, etBudi))
				data = "kbr:" + pick([]string{"v", "up", "ch", "ans", "ask", "h", "p"}) + ":" + strconv.Itoa(1+rng.IntN(2)) +
					":" + pick([]string{"s", "a", "3", "1", "2"}) + pick([]string{"", ":2", ":3"})
			case 12:
				likely(etAdmin)
				data = "kor:" + pick([]string{"h", "p"}) + ":" + k + ":" + num(3) + ":" + num(3)
			default:
				likely(etAdmin)
				data = "upr:s:PKM-TGR:" + pick(periods) + ":" + num(5)
			}
			last = from
			// The core answers every press it handles (a failed update
			// fails the harness), so what is checked is what was said.
			msgs = h.press(from, rng.IntN(3), data)
			if got := h.Msg.Answer("cb" + data); strings.Contains(got, internal) {
				t.Fatalf("press %q by %d: %q", data, from, got)
			}
		}
		for _, m := range msgs {
			if strings.Contains(m.Text, internal) {
				t.Fatalf("internal error at step %d: %q", i, m.Text)
			}
		}
		h.Now = h.Now.Add(time.Duration(rng.Int64N(int64(20 * time.Minute))))
	}
	evs, err := h.DB.ListEvaluations(context.Background(), kinerja.EvaluationFilter{Status: kinerja.EvalFinal})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range evs {
		if len(e.Unrated()) > 0 || e.DecidedHasil != e.ProposedHasil && e.HasilReason == "" ||
			e.DecidedPerilaku != e.ProposedPerilaku && e.PerilakuReason == "" {
			t.Errorf("a confirmed evaluation breaks a rule: %+v", e)
		}
		want, err := predicateFor(e.Hasil(), e.Perilaku())
		if err != nil || e.Predikat != want {
			t.Errorf("%s %s: predikat %q, matrix %q", e.NIP, e.Period, e.Predikat, want)
		}
	}
	t.Logf("%d confirmed evaluations after %d random updates", len(evs), n)
	objs, _ := h.DB.ListObjections(context.Background(), kinerja.ObjectionFilter{})
	t.Logf("%d objections", len(objs))

}

// pick2 returns a or b.
func pick2(rng *rand.Rand, a, b int64) int64 {
	if rng.IntN(2) == 0 {
		return a
	}
	return b
}

// tryEvaluate has the head evaluate nip for October from the start with
// random ratings, ignoring refusals (the evaluation may be confirmed,
// objected to or locked by then).
func (h *evalHarness) tryEvaluate(rng *rand.Rand, nip string) {
	k := evKey(nip)
	r := func() string { return strconv.Itoa(1 + rng.IntN(3)) }
	for _, d := range []string{"nil:s:" + k, "nil:x:" + k, "nil:hc:" + k + ":" + r()} {
		h.press(etHead, 1, d)
	}
	h.text(etHead, "Alasan yang cukup panjang untuk diterima.")
	for i := range 7 {
		h.press(etHead, 1, "nil:b:"+k+":"+strconv.Itoa(i)+":"+r())
	}
	if rng.IntN(2) == 0 {
		h.press(etHead, 1, "nil:pa:"+k)
	} else {
		h.press(etHead, 1, "nil:pc:"+k+":"+r())
		h.text(etHead, "Perilaku diamati langsung sepanjang bulan.")
	}
	h.press(etHead, 1, "nil:ok:"+k)
}
