package survey

import (
	"context"
	"fmt"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// suggest has a citizen complete a survey with a typed suggestion.
func (h *surveyHarness) suggest(from int64, payload, text string) {
	h.t.Helper()
	h.answerAll(from, h.Text(from, "/start "+payload), all(3))
	mustSay(h.t, h.Text(from, text), "Terima kasih")
}

// Suggestions are kept with unit, service and day, listed for the unit
// head newest first five a page, answered with a follow-up, and exported.
func TestSaranListFollowUpAndExport(t *testing.T) {
	h := newSurveyHarness(t, Config{Services: servicesConfig, NoAlerts: true})
	h.LinkAll()
	ctx := context.Background()
	kia, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "KIA"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 6 {
		h.suggest(int64(4001+i), kia.Payload, fmt.Sprintf("saran nomor %d", i+1))
		h.Now = h.Now.AddDate(0, 0, 1)
	}
	// The response keeps no suggestion: the text is not linked to answers.
	var n int
	if err := copyDatabase(t, h).QueryRow(`SELECT COUNT(*) FROM survey_responses WHERE suggestion <> ''`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("responses with their suggestion: %d %v", n, err)
	}

	first := mustSay(t, h.Text(bottest.TGHead, "/saran"), "Saran masyarakat</b> (6", "saran nomor 6", "Kesehatan Ibu dan Anak")
	if strings.Contains(first.Text, "saran nomor 1") || strings.Index(first.Text, "nomor 6") > strings.Index(first.Text, "nomor 5") {
		t.Fatalf("page 1 not newest first, five: %q", first.Text)
	}
	mustSay(t, h.Press(bottest.TGHead, 1, "saran:pg:PKM-TGR:1"), "saran nomor 1")
	// Another unit's head may not page through it.
	h.Link(bottest.NIPOtherBos, 4999)
	if out := h.Press(4999, 1, "saran:pg:PKM-TGR:0"); len(out) > 0 && strings.Contains(out[0].Text, "saran nomor") {
		t.Fatalf("another unit's head read the suggestions: %q", out[0].Text)
	}

	list, _, _ := h.DB.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-TGR", Limit: 1})
	id := list[0].ID
	mustSay(t, h.Press(bottest.TGHead, 1, fmt.Sprintf("saran:f:%d", id)), "Tulis tindak lanjut", "saran nomor 6")
	mustSay(t, h.Text(bottest.TGHead, "Loket KIA ditambah satu"), "Tindak lanjut dicatat")
	got, _ := h.DB.SurveySuggestion(ctx, id)
	if got.Action != "Loket KIA ditambah satu" || got.ActionBy != nipHead || !got.ActionAt.Equal(h.Now) {
		t.Fatalf("follow-up: %+v", got)
	}
	mustSay(t, h.Text(bottest.TGHead, "/saran"), "Tindak lanjut: Loket KIA ditambah satu")

	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	rows, err := h.f.SuggestionsTable(ctx, nov, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 7 || rows[1][0] != "PKM-TGR" || rows[1][3] != "Kesehatan Ibu dan Anak" || rows[1][5] != "saran nomor 6" ||
		rows[1][6] != "Loket KIA ditambah satu" || rows[1][7] != nipHead || rows[1][8] == "" || rows[6][6] != "" {
		t.Fatalf("export: %q", rows)
	}
}
