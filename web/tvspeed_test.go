package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// The counter board shows this month's measured service time of the
// whole unit (median, share within the standard) under the unit page's
// rule: with the unit's month shown, or from the threshold of durations.
func TestTheBoardShowsThisMonthsMeasuredServiceTime(t *testing.T) {
	h, get := speedSite(t, 5, nov("PKM-TGR", "", 20), nov("PKM-TGR", "", 25), nov("PKM-TGR", "", 40),
		nov("PKM-TGR", "KIA", 10), nov("PKM-TGR", "KIA", 12.5), nov("PKM-KTK", "", 5))
	tv := get("/tv/PKM-TGR")
	for _, want := range []string{
		`<div class="lbl">Median waktu layanan</div>`,
		`<div class="fig median">20 <small>menit</small></div>`,
		`<span class="within">80%</span> sesuai standar (30 menit) · Dilayani <span class="count">5</span>`,
	} {
		if !strings.Contains(tv, want) {
			t.Errorf("/tv/PKM-TGR lacks %s", want)
		}
	}
	if en := get("/tv/PKM-TGR?lang=en"); !strings.Contains(en, `<span class="within">80%</span> within the standard (30 minutes) · Served`) {
		t.Error("the English board lacks the service time")
	}
	// One duration and no respondents: nothing, until the unit's month
	// is shown.
	if ktk := get("/tv/PKM-KTK"); strings.Contains(ktk, `id="speed"`) || strings.Contains(ktk, "5 <small>") {
		t.Error("/tv/PKM-KTK shows one measured service under the threshold")
	}
	ctx := context.Background()
	for i := range 5 {
		day := time.Date(2026, 11, 2+i, 0, 0, 0, 0, time.UTC)
		if err := h.DB.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: "PKM-KTK", Day: day, Answers: bottest.NineAnswers(3)}); err != nil {
			t.Fatal(err)
		}
	}
	h.Now = h.Now.Add(time.Hour) // past the site's cache of the month
	if ktk := get("/tv/PKM-KTK"); !strings.Contains(ktk, `<div class="fig median">5 <small>menit</small></div>`) {
		t.Error("/tv/PKM-KTK with its month shown lacks its one measured service")
	}
	if strings.Contains(get("/tv/BKPSDM"), `id="speed"`) {
		t.Error("a unit without durations shows a service time")
	}
}
