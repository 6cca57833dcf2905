package evaluation

import (
	"context"
	"strconv"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// The people of the evaluation tests: the harness's roster and Rina's
// own superior, with their Telegram ids.
const (
	nipHead  = bottest.NIPHead
	nipBudi  = bottest.NIPBudi
	nipSari  = bottest.NIPSari
	nipAdmin = bottest.NIPAdmin

	etHead  int64 = 100 // dr. Rina, head of PKM-TGR, assessor of Budi and Sari
	etBudi  int64 = 101
	etSari  int64 = 102
	etAdmin int64 = 103
	etKadis int64 = 104 // head of the health office: Rina's assessor, reviewer of objections

	nipKadis = "196901011990031001"
	october  = "2026-10"
)

// evalHarness is the shared harness (bottest) with the evaluation feature
// and the roster extended by Rina's own superior.
type evalHarness struct {
	*bottest.Harness
	f *Feature
}

// testDeps are the feature's dependencies over h: its database, pinned
// clock and zone.
func testDeps(h *bottest.Harness) bot.Deps {
	return bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB, DefaultLang: kinerja.LangID}
}

func newEvalHarness(t *testing.T) *evalHarness {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	f := New(testDeps(h), Config{})
	h.Features = []bot.Feature{f}
	h.Restart()
	h.Seed()
	ctx := context.Background()
	if _, err := h.DB.PutUnit(ctx, &kinerja.Unit{Code: "DINKES", Name: "Dinas Kesehatan", HeadNIP: nipKadis}); err != nil {
		t.Fatal(err)
	}
	at := h.Now.AddDate(0, -2, 0)
	if _, err := h.DB.PutStaff(ctx, &kinerja.Staff{NIP: nipKadis, Name: "drg. Hendra", Position: "Kepala Dinas Kesehatan", UnitCode: "DINKES"}, at); err != nil {
		t.Fatal(err)
	}
	head, _ := h.DB.Staff(ctx, nipHead)
	head.SuperiorNIP = nipKadis
	if _, err := h.DB.PutStaff(ctx, head, at); err != nil {
		t.Fatal(err)
	}
	for nip, id := range map[string]int64{nipHead: etHead, nipBudi: etBudi, nipSari: etSari, nipAdmin: etAdmin, nipKadis: etKadis} {
		h.Link(nip, id)
	}
	return &evalHarness{Harness: h, f: f}
}

// restart replaces the bot by a new one over the same database, as after a
// process restart.
func (h *evalHarness) restart() { h.Restart() }

// text sends a private text message.
func (h *evalHarness) text(from int64, text string) []bot.OutMessage { return h.Text(from, text) }

// press presses a button with data on message msgID.
func (h *evalHarness) press(from int64, msgID int, data string) []bot.OutMessage {
	return h.Press(from, msgID, data)
}

// mustSay fails unless one of the messages contains every fragment.
func mustSay(t testing.TB, msgs []bot.OutMessage, fragments ...string) bot.OutMessage {
	t.Helper()
	return bottest.MustSay(t, msgs, fragments...)
}

// evButton returns the data of the first button in msgs whose data starts
// with prefix, failing the test when there is none.
func evButton(t testing.TB, msgs []bot.OutMessage, prefix string) string {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					if len(b.Data) > 64 {
						t.Fatalf("callback data %q is %d bytes, over Telegram's 64", b.Data, len(b.Data))
					}
					return b.Data
				}
			}
		}
	}
	t.Fatalf("no button %q in %q", prefix, evTexts(msgs))
	return ""
}

// evHasButton reports whether some button's data starts with prefix.
func evHasButton(msgs []bot.OutMessage, prefix string) bool {
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					return true
				}
			}
		}
	}
	return false
}

// evTexts lists the texts of msgs, for failure messages.
func evTexts(msgs []bot.OutMessage) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

// evTo returns the messages sent to one chat.
func evTo(msgs []bot.OutMessage, chat int64) []bot.OutMessage {
	var out []bot.OutMessage
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// tap presses the button whose data starts with prefix among msgs.
func (h *evalHarness) tap(from int64, msgs []bot.OutMessage, prefix string) []bot.OutMessage {
	h.T.Helper()
	return h.press(from, 1, evButton(h.T, msgs, prefix))
}

// evKey is the "<nip>:<period>" part of /nilai buttons.
func evKey(nip string) string { return nip + ":" + october }

// evaluation reads an evaluation straight from the database.
func (h *evalHarness) evaluation(nip string) *kinerja.Evaluation {
	h.T.Helper()
	e, err := h.DB.Evaluation(context.Background(), nip, october)
	if err != nil {
		h.T.Fatalf("evaluation of %s: %v", nip, err)
	}
	return e
}

// evaluate runs a whole evaluation of nip by assessor through the buttons:
// work result hasil (with reason when it departs from the proposal), the
// seven values, the proposed behaviour rating or perilaku with reason, and
// the confirmation. It returns what the confirmation sent.
func (h *evalHarness) evaluate(assessor int64, nip string, hasil kinerja.Rating, values [7]kinerja.Rating, perilaku kinerja.Rating) []bot.OutMessage {
	h.T.Helper()
	k := evKey(nip)
	card := h.press(assessor, 1, "nil:s:"+k)
	e := h.evaluation(nip)
	if hasil == e.ProposedHasil {
		card = h.tap(assessor, card, "nil:ha:"+k)
	} else {
		h.tap(assessor, card, "nil:hc:"+k+":"+strconv.Itoa(int(hasil)))
		card = h.text(assessor, "Capaian dinilai dari laporan lapangan yang diverifikasi.")
	}
	for i, v := range values {
		card = h.tap(assessor, card, "nil:b:"+k+":"+strconv.Itoa(i)+":"+strconv.Itoa(int(v)))
	}
	if perilaku == h.evaluation(nip).ProposedPerilaku {
		card = h.tap(assessor, card, "nil:pa:"+k)
	} else {
		h.tap(assessor, card, "nil:pc:"+k+":"+strconv.Itoa(int(perilaku)))
		card = h.text(assessor, "Perilaku kerja diamati langsung selama bulan ini.")
	}
	return h.tap(assessor, card, "nil:ok:"+k)
}

// evAll7 is seven equal BerAKHLAK ratings.
func evAll7(r kinerja.Rating) [7]kinerja.Rating { return [7]kinerja.Rating{r, r, r, r, r, r, r} }
