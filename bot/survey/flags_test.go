package survey

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// flagsOf returns the flags of November 2026 by kind.
func (h *surveyHarness) flagsOf(unit string) map[string][]*kinerja.SurveyFlag {
	h.t.Helper()
	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	list, err := h.DB.SurveyFlags(context.Background(), unit, nov.Start(wib), nov.End(wib))
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string][]*kinerja.SurveyFlag{}
	for _, f := range list {
		out[f.Kind] = append(out[f.Kind], f)
	}
	return out
}

// Thirty responses in two minutes at 02:00 raise a burst and an
// outside-opening-hours flag; every citizen is still thanked and counted;
// the flags show beside the IKM for the head and the admin, and the admin
// marks one reviewed.
func TestBurstAtNightRaisesBothFlags(t *testing.T) {
	oh, err := ParseOpeningHours("07:30-16:00")
	if err != nil {
		t.Fatal(err)
	}
	h := newSurveyHarness(t, Config{OpeningHours: map[string]OpeningHours{"PKM-TGR": oh}, NoAlerts: true})
	h.LinkAll()
	payload := h.newLink("PKM-TGR", "")
	h.Now = time.Date(2026, 11, 10, 2, 0, 0, 0, wib)
	for i := range 30 {
		h.Now = h.Now.Add(4 * time.Second) // 30 in two minutes
		mustSay(t, h.complete(int64(5001+i), payload, all(4)), "Terima kasih")
	}
	if got := h.totals("PKM-TGR").Respondents; got != 30 {
		t.Fatalf("counted %d, want all 30", got)
	}
	flags := h.flagsOf("PKM-TGR")
	if b := flags[kinerja.FlagBurst]; len(b) != 1 || b[0].Responses != 30 || !strings.Contains(b[0].Detail, "antara pukul 02:00 dan 02:02") {
		t.Fatalf("burst: %+v", b)
	}
	if o := flags[kinerja.FlagOffHours]; len(o) != 1 || o[0].Responses != 30 || !strings.Contains(o[0].Detail, "07:30–16:00") {
		t.Fatalf("off hours: %+v", o)
	}
	// In opening hours, a few responses raise nothing new.
	h.Now = time.Date(2026, 11, 11, 9, 0, 0, 0, wib)
	for i := range 3 {
		h.Now = h.Now.Add(10 * time.Minute)
		h.complete(int64(5101+i), payload, all(3))
	}
	if got := h.flagsOf("PKM-TGR"); len(got[kinerja.FlagBurst]) != 1 || len(got[kinerja.FlagOffHours]) != 1 {
		t.Fatalf("flags in the day: %+v", got)
	}

	mustSay(t, h.Text(bottest.TGHead, "/ikm"), "tanda belum ditinjau", "lonjakan penilaian", "di luar jam layanan",
		"30 respons antara pukul 02:00 dan 02:02") // what was seen, in Indonesian
	admin := h.Text(bottest.TGAdmin, "/ikm")
	view := mustSay(t, h.Press(bottest.TGAdmin, 1, "ikm:u:PKM-TGR"), "3 tanda belum ditinjau", "pola jawaban berulang")
	var review string
	for _, row := range view.Buttons {
		if strings.HasPrefix(row[0].Data, "ikm:rv:") && review == "" {
			review = row[0].Data
		}
	}
	if review == "" {
		t.Fatalf("no review button for the admin: %+v %+v", view.Buttons, admin)
	}
	if head := mustSay(t, h.Text(bottest.TGHead, "/ikm"), "tanda"); strings.Contains(fmt.Sprint(head.Buttons), "ikm:rv:") {
		t.Fatal("the head may not mark a flag reviewed")
	}
	mustSay(t, h.Press(bottest.TGAdmin, 1, review), "2 tanda belum ditinjau")
	rows, err := h.f.FlagsTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}, "PKM-TGR")
	if err != nil || len(rows) != 4 || !strings.Contains(fmt.Sprint(rows), bottest.NIPAdmin) {
		t.Fatalf("flags export: %q %v", rows, err)
	}
}

// An officer whose ratings are far from the rest of the unit is flagged
// only with enough respondents on both sides; an answer pattern making up
// most of the unit's responses is flagged too.
func TestOfficerOutlierAndRepeatedPattern(t *testing.T) {
	h := newSurveyHarness(t, Config{Flags: FlagConfig{OfficerMinSample: 10, BurstCount: 1000}})
	ctx := context.Background()
	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	budi, sari := h.newLink("PKM-TGR", nipBudi), h.newLink("PKM-TGR", nipSari)
	for i := range 9 {
		h.complete(int64(6001+i), budi, all(4))
		h.complete(int64(6101+i), sari, nine(2, 3, 2, 3, 2, 3, 2, 3, 2))
	}
	if err := h.f.CheckFlags(ctx, h.DB, nov); err != nil {
		t.Fatal(err)
	}
	if got := h.flagsOf("PKM-TGR")[kinerja.FlagOfficer]; len(got) != 0 {
		t.Fatalf("flagged below the minimum sample: %+v", got)
	}
	h.complete(6010, budi, all(4))
	h.complete(6110, sari, nine(2, 2, 2, 3, 3, 3, 2, 3, 2))
	if err := h.f.CheckFlags(ctx, h.DB, nov); err != nil {
		t.Fatal(err)
	}
	off := h.flagsOf("PKM-TGR")[kinerja.FlagOfficer]
	if len(off) != 2 || !strings.Contains(off[0].Detail, "n=10") {
		t.Fatalf("officer flags: %+v", off)
	}
	// Budi's ten all-4 answers are half of the twenty: a repeated pattern.
	pat := h.flagsOf("PKM-TGR")[kinerja.FlagPattern]
	if len(pat) != 1 || pat[0].Responses != 10 || !strings.Contains(pat[0].Detail, "444444444") {
		t.Fatalf("pattern flags: %+v", pat)
	}
	// Checking again raises nothing new.
	if err := h.f.CheckFlags(ctx, h.DB, nov); err != nil {
		t.Fatal(err)
	}
	if got := h.flagsOf("PKM-TGR"); len(got[kinerja.FlagOfficer]) != 2 || len(got[kinerja.FlagPattern]) != 1 {
		t.Fatalf("flags doubled: %+v", got)
	}
}

func TestWelchZ(t *testing.T) {
	st := func(vals ...float64) kinerja.SurveyScoreStats {
		s := kinerja.SurveyScoreStats{N: len(vals)}
		for _, v := range vals {
			s.Sum += v
			s.SumSq += v * v
		}
		return s
	}
	// Means 3 and 2, variances 2/3 and 2/3 over 4 each: se = sqrt(1/3), z = √3.
	if z := welchZ(st(2, 3, 3, 4), st(1, 2, 2, 3)); z < 1.73 || z > 1.74 {
		t.Fatalf("z = %v, want 1.732", z)
	}
	if z := welchZ(st(3, 3), st(3, 3)); z != 0 {
		t.Fatalf("equal without spread: %v", z)
	}
}
