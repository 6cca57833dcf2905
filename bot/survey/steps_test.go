package survey

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// An assessor watching an officer's running result of the open month sees
// it change only after five new responses (the anonymity threshold), so a
// before-and-after comparison never isolates one citizen; once the month
// is closed, every response counts.
func TestOfficerRunningResultMovesInStepsOfTheThreshold(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.Link(nipHead, 1500)
	payload := h.newLink("PKM-TGR", nipBudi)
	nov := kinerja.MonthOf(h.Now, wib)
	view := func() string {
		t.Helper()
		return mustSay(t, h.Press(1500, 3, "ikm:o"), "Budi Santoso").Text
	}
	for i := range 5 {
		h.complete(int64(1601+i), payload, all(4))
	}
	atFive := view()
	mustSay(t, h.Press(1500, 3, "ikm:o"), "IKM <b>100,00</b>", "5 penilaian", "setiap 5 responden baru")
	// Four more, each all 1: the view stays as it was after each.
	for i := range 4 {
		h.complete(int64(1701+i), payload, all(1))
		if got := view(); got != atFive {
			t.Fatalf("after %d more response(s) the view changed:\n%s\n---\n%s", i+1, atFive, got)
		}
	}
	// The fifth new one moves it: (5·4 + 5·1)/10 = 2.5 → 62.50.
	h.complete(1705, payload, all(1))
	if got := view(); got == atFive {
		t.Fatal("the view did not change after five new responses")
	}
	mustSay(t, h.Press(1500, 3, "ikm:o"), "IKM <b>62,50</b>", "10 penilaian")
	// One more: still 62.50 over 10 while the month is open …
	h.complete(1706, payload, all(4))
	res, ok, err := h.f.OfficerSurvey(context.Background(), h.DB, nipBudi, nov)
	if err != nil || !ok || res.Respondents != 10 || IKMString(res) != "62.50" {
		t.Fatalf("open month: %+v ok=%v err=%v", res, ok, err)
	}
	// … and over all eleven once it is closed.
	h.Now = nov.End(wib).Add(time.Hour)
	res, ok, err = h.f.OfficerSurvey(context.Background(), h.DB, nipBudi, nov)
	if err != nil || !ok || res.Respondents != 11 {
		t.Fatalf("closed month: %+v ok=%v err=%v", res, ok, err)
	}
}
