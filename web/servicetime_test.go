package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

// speedSite serves a seeded database with the anonymity threshold min;
// PKM-TGR's service standard is 30 minutes, its service KIA's 15.
func speedSite(t *testing.T, min int, durations ...kinerja.ServiceDuration) (*bottest.Harness, func(path string) string) {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	h.Seed()
	f := survey.New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB, Username: "KinerjaSolokBot"},
		survey.Config{KeyDir: filepath.Join(t.TempDir(), "keys"), ServiceStandard: map[string]float64{"PKM-TGR": 30},
			Services: map[string][]kinerja.SurveyService{"PKM-TGR": {{Code: "KIA", Name: "Kesehatan Ibu dan Anak", StandardMinutes: 15}}}})
	for _, d := range durations {
		if err := h.DB.AddServiceDuration(context.Background(), &d); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(web.New(web.Config{Survey: f, Store: h.DB, Now: h.Clock(), Location: bottest.WIB, MinRespondents: min}).Handler())
	t.Cleanup(srv.Close)
	return h, func(path string) string {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d\n%s", path, res.StatusCode, b)
		}
		return string(b)
	}
}

func nov(unit, service string, minutes float64) kinerja.ServiceDuration {
	return kinerja.ServiceDuration{UnitCode: unit, ServiceCode: service, Month: "2026-11", Minutes: minutes}
}

func TestUnitPageShowsMeasuredServiceTimesAgainstTheStandard(t *testing.T) {
	_, get := speedSite(t, 5, nov("PKM-TGR", "", 20), nov("PKM-TGR", "", 25), nov("PKM-TGR", "", 40),
		nov("PKM-TGR", "KIA", 10), nov("PKM-TGR", "KIA", 12.5), nov("PKM-KTK", "", 5))
	page := get("/unit/PKM-TGR")
	// Five services: median 20, p90 at rank 3.6 → 25 + 0.6×15 = 34; within
	// 20, 25 (≤30), 10, 12.5 (≤15): 4 of 5.
	for _, want := range []string{
		`<h2 id="service-times">Waktu layanan terukur</h2>`,
		`<td>Semua layanan</td><td class="n count">5</td><td class="n median">20 menit</td><td class="n p90">34 menit</td><td class="n std">30 menit</td><td class="n within">80%</td>`,
		// KIA has two: under the threshold, no figure at all.
		`<tr data-service="KIA"><td>Kesehatan Ibu dan Anak</td><td class="n count">&lt; 5</td><td class="n median"><span class="mute">—</span></td><td class="n p90"></td><td class="n std"></td><td class="n within"></td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("unit page lacks %s", want)
		}
	}
	en := get("/unit/PKM-TGR?lang=en")
	if !strings.Contains(en, "Measured service times") || !strings.Contains(en, `<td class="n median">20 minutes</td>`) {
		t.Error("English page lacks the service times")
	}
	if strings.Contains(get("/unit/PKM-KTK"), "service-times") == false {
		t.Error("a unit with one duration lists its row (without a figure)")
	}
	if ktk := get("/unit/PKM-KTK"); strings.Contains(ktk, "5 menit") {
		t.Error("a figure under the threshold is shown")
	}
	if strings.Contains(get("/unit/BKPSDM"), "service-times") {
		t.Error("a unit without durations shows a service-times section")
	}
	// Another month has none.
	if strings.Contains(get("/unit/PKM-TGR?period=2026-10"), "service-times") {
		t.Error("October shows November's service times")
	}
}

func TestUnitPageListsPublishedFollowUpsWithoutTheTypedText(t *testing.T) {
	h, get := speedSite(t, 5)
	ctx := context.Background()
	day := time.Date(2026, 11, 3, 0, 0, 0, 0, bottest.WIB)
	for _, text := range []string{"Antrean lama sekali, kata saya Budi 0812", "Toilet kotor"} {
		if err := h.DB.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: day, Answers: bottest.NineAnswers(3), Suggestion: text}); err != nil {
			t.Fatal(err)
		}
	}
	list, _, err := h.DB.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-TGR"})
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	var queue int64
	for _, s := range list {
		if strings.HasPrefix(s.Text, "Antrean") {
			queue = s.ID
		}
	}
	at := time.Date(2026, 11, 8, 10, 0, 0, 0, bottest.WIB)
	if err := h.DB.FollowUpSurveySuggestion(ctx, queue, "Loket kedua dibuka setiap pagi", bottest.NIPHead, at); err != nil {
		t.Fatal(err)
	}
	if err := h.DB.PublishSurveySuggestion(ctx, queue, "Antrean lama sekali", bottest.NIPHead, at); err != nil {
		t.Fatal(err)
	}
	page := get("/unit/PKM-TGR")
	for _, want := range []string{"Anda berkata, kami lakukan", "<strong>Anda berkata:</strong> Antrean lama sekali</p>",
		"<strong>Kami lakukan:</strong> Loket kedua dibuka setiap pagi <span class=\"mute\">(8 November 2026)</span>"} {
		if !strings.Contains(page, want) {
			t.Errorf("unit page lacks %s", want)
		}
	}
	for _, never := range []string{"Budi", "0812", "Toilet kotor"} {
		if strings.Contains(page, never) {
			t.Errorf("unit page shows %q", never)
		}
	}
	if err := h.DB.UnpublishSurveySuggestion(ctx, queue); err != nil {
		t.Fatal(err)
	}
	h.Now = h.Now.Add(2 * time.Minute) // past the cache
	if strings.Contains(get("/unit/PKM-TGR"), "Anda berkata") {
		t.Error("an unpublished suggestion is still listed")
	}
}

// A unit whose month is shown (at least the threshold of respondents)
// shows its measured service times even when fewer durations were
// measured: the check of issue 14 seeds a month of responses, then one
// citizen's 20-minute service.
func TestOneMeasuredServiceShowsWhenTheUnitsMonthIsShown(t *testing.T) {
	h, get := speedSite(t, 5, nov("PKM-TGR", "", 20))
	row := `<td>Semua layanan</td><td class="n count">1</td><td class="n median">20 menit</td>`
	if strings.Contains(get("/unit/PKM-TGR"), row) {
		t.Fatal("one service shown while the unit has no respondents")
	}
	ctx := context.Background()
	for i := range 5 {
		day := time.Date(2026, 11, 2+i, 0, 0, 0, 0, time.UTC)
		if err := h.DB.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: day, Answers: bottest.NineAnswers(3)}); err != nil {
			t.Fatal(err)
		}
	}
	h.Now = h.Now.Add(time.Hour) // past the site's cache of the month
	if page := get("/unit/PKM-TGR"); !strings.Contains(page, row) {
		t.Fatalf("unit page with 5 respondents lacks %s", row)
	}
}
