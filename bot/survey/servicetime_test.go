package survey

import (
	"bytes"
	"context"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

var nov2026 = kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}

// scanStart opens the "Mulai layanan" link of a survey payload.
func (h *surveyHarness) scanStart(from int64, payload string) {
	h.t.Helper()
	start := kinerja.ServiceStartPayloadPrefix + strings.TrimPrefix(payload, kinerja.SurveyPayloadPrefix)
	mustSay(h.t, h.Text(from, "/start "+start), "Waktu mulai layanan", "Puskesmas Tanah Garam")
}

func (h *surveyHarness) durations() []kinerja.ServiceDuration {
	h.t.Helper()
	list, err := h.DB.ServiceDurations(context.Background(), kinerja.ServiceDurationFilter{})
	if err != nil {
		h.t.Fatal(err)
	}
	return list
}

func TestServiceTimeIsMeasuredFromStartToSurvey(t *testing.T) {
	h := newSurveyHarness(t, Config{ServiceStandard: map[string]float64{"PKM-TGR": 30}})
	payload := h.newLink("PKM-TGR", "")
	h.scanStart(9001, payload)
	h.scanStart(9001, payload) // a second scan keeps the first instant
	h.Now = h.Now.Add(20 * time.Minute)
	h.complete(9001, payload, all(4))
	got := h.durations()
	if len(got) != 1 || got[0].Minutes != 20 || got[0].UnitCode != "PKM-TGR" || got[0].Month != "2026-11" {
		t.Fatalf("durations %+v, want one of 20 minutes", got)
	}
	// Opening the survey again that day measures nothing more.
	h.Now = h.Now.Add(time.Hour)
	h.Text(9001, "/start "+payload)
	if n := len(h.durations()); n != 1 {
		t.Fatalf("%d durations after a second opening", n)
	}
	speed, ok, err := h.f.ServiceSpeed(context.Background(), h.DB, "PKM-TGR", nov2026)
	if err != nil || !ok || speed.Count != 1 || speed.MedianMinutes != 20 || speed.P90Minutes != 20 ||
		speed.StandardMinutes != 30 || speed.WithinStandard != 1 {
		t.Fatalf("speed %+v %v %v", speed, ok, err)
	}
	if _, ok, err := h.f.ServiceSpeed(context.Background(), h.DB, "PKM-KTK", nov2026); ok || err != nil {
		t.Fatalf("a unit without durations: %v %v", ok, err)
	}
}

func TestServiceTimeDiscardsWhatIsNotAService(t *testing.T) {
	h := newSurveyHarness(t, Config{ServiceMaxMinutes: 60})
	payload := h.newLink("PKM-TGR", "")
	for i, wait := range []time.Duration{30 * time.Second, 61 * time.Minute} {
		from := int64(9100 + i)
		h.Now = time.Date(2026, 11, 10, 8, 0, 0, 0, wib)
		h.scanStart(from, payload)
		h.Now = h.Now.Add(wait)
		h.Text(from, "/start "+payload)
	}
	// A scan yesterday does not start today's service, and its mark is
	// gone once the clean-up ran.
	h.Now = time.Date(2026, 11, 10, 15, 0, 0, 0, wib)
	h.scanStart(9200, payload)
	h.Now = time.Date(2026, 11, 11, 8, 0, 0, 0, wib)
	if _, err := h.f.Forget(context.Background(), h.Now); err != nil {
		t.Fatal(err)
	}
	h.Now = h.Now.Add(10 * time.Minute)
	h.Text(9200, "/start "+payload)
	if got := h.durations(); len(got) != 0 {
		t.Fatalf("kept %+v", got)
	}
	var n int
	if err := copyDatabase(t, h).QueryRow(`SELECT COUNT(*) FROM service_starts`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d start marks outlived their day", n)
	}
}

func TestServiceTimeOwnStaffAndRevokedLinks(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.LinkAll()
	payload := h.newLink("PKM-TGR", "")
	start := kinerja.ServiceStartPayloadPrefix + strings.TrimPrefix(payload, kinerja.SurveyPayloadPrefix)
	mustSay(t, h.Text(bottest.TGBudi, "/start "+start), "tidak diukur")
	if err := h.f.RevokeSurveyLink(context.Background(), payload); err != nil {
		t.Fatal(err)
	}
	mustSay(t, h.Text(9300, "/start "+start), "sudah tidak berlaku")
	mustSay(t, h.Text(9300, "/start m_nothere"), "tidak dikenali")
}

func TestServiceSpeedsPerServiceAgainstTheirStandards(t *testing.T) {
	h := newSurveyHarness(t, Config{
		ServiceStandard: map[string]float64{"PKM-TGR": 60},
		Services:        map[string][]kinerja.SurveyService{"PKM-TGR": {{Code: "KIA", Name: "KIA", StandardMinutes: 15}}},
	})
	ctx := context.Background()
	for _, d := range []kinerja.ServiceDuration{
		{UnitCode: "PKM-TGR", ServiceCode: "KIA", Month: "2026-11", Minutes: 10},
		{UnitCode: "PKM-TGR", ServiceCode: "KIA", Month: "2026-11", Minutes: 20},
		{UnitCode: "PKM-TGR", ServiceCode: "", Month: "2026-11", Minutes: 50},
		{UnitCode: "PKM-TGR", ServiceCode: "", Month: "2026-11", Minutes: 70},
		{UnitCode: "PKM-TGR", ServiceCode: "", Month: "2026-10", Minutes: 5},
	} {
		if err := h.DB.AddServiceDuration(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
	list, err := h.f.ServiceSpeeds(ctx, h.DB, "PKM-TGR", nov2026)
	if err != nil || len(list) != 2 {
		t.Fatalf("%+v %v", list, err)
	}
	unit, kia := list[0], list[1]
	// 10, 20, 50, 70: median 35, p90 at rank 2.7 → 50 + 0.7×20 = 64;
	// within: 10 (≤15), 50 (≤60) of four.
	if unit.ServiceCode != "" || unit.Count != 4 || unit.MedianMinutes != 35 || math.Abs(unit.P90Minutes-64) > 1e-9 ||
		unit.StandardMinutes != 60 || unit.WithinStandard != 0.5 {
		t.Fatalf("unit %+v", unit)
	}
	if kia.ServiceCode != "KIA" || kia.Count != 2 || kia.MedianMinutes != 15 || kia.StandardMinutes != 15 || kia.WithinStandard != 0.5 {
		t.Fatalf("KIA %+v", kia)
	}
	rows, err := h.f.ServiceTimesTable(ctx, kinerja.Period{Kind: kinerja.Quarterly, Year: 2026, Index: 4})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(rows))
	for i, r := range rows {
		got[i] = strings.Join(r, ",")
	}
	want := []string{
		"unit_code,service_code,month,count,median_minutes,p90_minutes,standard_minutes,within_standard_pct",
		"PKM-TGR,,2026-10,1,5,5,60,100.0",
		"PKM-TGR,,2026-11,4,35,64,60,50.0",
		"PKM-TGR,KIA,2026-11,2,15,19,15,50.0",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("table:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestAdminGetsTheStartQRBesideTheSurveyQR(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.Link(nipAdmin, 1600)
	got := h.Press(1600, 9, "qr:u:PKM-TGR")
	data := bottest.ButtonData(t, got, "qr:m:")
	start := h.Press(1600, 9, data)
	var doc bot.OutMessage
	for _, m := range start {
		if m.Document != nil {
			doc = m
		}
	}
	if doc.FileName != "mulai-PKM-TGR.png" || !strings.Contains(doc.Text, "start=m_") || !strings.Contains(doc.Text, "Mulai layanan") {
		t.Fatalf("start QR: name %q caption %q", doc.FileName, doc.Text)
	}
	if _, err := png.Decode(bytes.NewReader(doc.Document)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	// The start code is the survey link's: the same random part.
	links, _, err := h.f.SurveyLinks(context.Background(), "PKM-TGR")
	if err != nil || len(links) != 1 || !strings.Contains(doc.Text, startPayload(links[0])) {
		t.Fatalf("links %+v %v, caption %q", links, err, doc.Text)
	}
}
