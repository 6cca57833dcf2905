package survey

import (
	"context"
	"fmt"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// press presses the newest button whose data starts with prefix.
func (h *surveyHarness) press(from int64, msgs []bot.OutMessage, prefix string) []bot.OutMessage {
	h.t.Helper()
	return h.Press(from, 77, bottest.ButtonData(h.t, msgs, prefix))
}

// auditActions returns the actions of the audit log about suggestion id.
func (h *surveyHarness) auditActions(id int64) []string {
	h.t.Helper()
	var out []string
	rows, err := copyDatabase(h.t, h).Query(`SELECT action FROM audit_log WHERE entity = 'survey_suggestion' AND entity_id = ? ORDER BY seq`, fmt.Sprint(id))
	if err != nil {
		h.t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

// The unit head publishes a suggestion with its response using buttons:
// the action typed, the wording edited (personal details refused), a
// preview, publish; then unpublishes it. Each step is in the audit log.
func TestHeadPublishesAndUnpublishesAFollowUp(t *testing.T) {
	h := newSurveyHarness(t, Config{NoAlerts: true})
	h.LinkAll()
	ctx := context.Background()
	payload := h.newLink("PKM-TGR", "")
	h.suggest(4001, payload, "Antrean lama, hubungi saya 0812 3456 7890")
	list, _, _ := h.DB.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-TGR"})
	id := list[0].ID

	msgs := h.Text(bottest.TGHead, "/saran")
	msgs = h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:p:%d", id))
	mustSay(t, msgs, "Publikasikan dengan tanggapan", "Tuliskan tindakan")
	msgs = h.Text(bottest.TGHead, "Loket kedua dibuka setiap pagi")
	mustSay(t, msgs, "Teks saran yang akan tampil")
	// The original holds a phone number: refused.
	mustSay(t, h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:po:%d", id)), "data pribadi")
	mustSay(t, h.Text(bottest.TGHead, "Antrean lama, telepon @budi"), "nomor telepon, alamat e-mail atau nama pengguna")
	preview := h.Text(bottest.TGHead, "Antrean lama")
	mustSay(t, preview, "Pratinjau", "Anda berkata:</b> Antrean lama", "Kami lakukan:</b> Loket kedua dibuka setiap pagi (10 November 2026)")
	// Change the wording once more from the preview.
	msgs = h.press(bottest.TGHead, preview, fmt.Sprintf("saran:pe:%d", id))
	mustSay(t, msgs, "Teks saran yang akan tampil")
	preview = h.Text(bottest.TGHead, "Antrean terlalu lama di pagi hari")
	if got, _ := h.DB.SurveySuggestion(ctx, id); got.Published() {
		t.Fatal("published before the head pressed Publish")
	}
	done := h.press(bottest.TGHead, preview, fmt.Sprintf("saran:pp:%d", id))
	mustSay(t, done, "Dipublikasikan", "Antrean terlalu lama di pagi hari")
	got, _ := h.DB.SurveySuggestion(ctx, id)
	if !got.Published() || got.PublicText != "Antrean terlalu lama di pagi hari" || got.Action != "Loket kedua dibuka setiap pagi" ||
		got.PublishedBy != nipHead || got.Text != "Antrean lama, hubungi saya 0812 3456 7890" {
		t.Fatalf("stored %+v", got)
	}
	rows, err := h.f.SuggestionsTable(ctx, nov2026, "PKM-TGR")
	if err != nil || len(rows) != 2 || rows[1][9] != "Antrean terlalu lama di pagi hari" || rows[1][10] != "2026-11-10" {
		t.Fatalf("export %q %v", rows, err)
	}
	// A second press of Publish changes nothing.
	h.press(bottest.TGHead, preview, fmt.Sprintf("saran:pp:%d", id))
	if a := h.auditActions(id); strings.Join(a, ",") != "survey.follow_up,survey.suggestion_publish" {
		t.Fatalf("audit %v", a)
	}
	// /saran shows it published, with a button to take it off.
	msgs = h.Text(bottest.TGHead, "/saran")
	mustSay(t, msgs, "Dipublikasikan 10 November 2026 sebagai: «Antrean terlalu lama di pagi hari»")
	// Another unit's head cannot unpublish it.
	h.Link(bottest.NIPOtherBos, 4999)
	h.Press(4999, 1, fmt.Sprintf("saran:u:%d", id))
	if got, _ := h.DB.SurveySuggestion(ctx, id); !got.Published() {
		t.Fatal("another unit's head unpublished it")
	}
	mustSay(t, h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:u:%d", id)), "ditarik dari situs publik")
	if got, _ := h.DB.SurveySuggestion(ctx, id); got.Published() || got.Action == "" {
		t.Fatalf("after unpublishing: %+v", got)
	}
	if a := h.auditActions(id); strings.Join(a, ",") != "survey.follow_up,survey.suggestion_publish,survey.suggestion_unpublish" {
		t.Fatalf("audit %v", a)
	}
}

// /cancel ends the publishing dialogue and nothing is published; its
// buttons no longer act.
func TestPublishingCanBeCancelled(t *testing.T) {
	h := newSurveyHarness(t, Config{NoAlerts: true})
	h.LinkAll()
	ctx := context.Background()
	h.suggest(4001, h.newLink("PKM-TGR", ""), "Ruang tunggu panas")
	list, _, _ := h.DB.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-TGR"})
	id := list[0].ID
	if err := h.DB.FollowUpSurveySuggestion(ctx, id, "Kipas angin dipasang", nipHead, h.Now); err != nil {
		t.Fatal(err)
	}
	msgs := h.press(bottest.TGHead, h.Text(bottest.TGHead, "/saran"), fmt.Sprintf("saran:p:%d", id))
	mustSay(t, msgs, "Tindak lanjut tercatat: «Kipas angin dipasang»")
	msgs = h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:pa:%d", id))
	preview := h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:po:%d", id))
	mustSay(t, preview, "Anda berkata:</b> Ruang tunggu panas", "Kami lakukan:</b> Kipas angin dipasang")
	mustSay(t, h.Text(bottest.TGHead, "/cancel"), "dibatalkan")
	h.press(bottest.TGHead, preview, fmt.Sprintf("saran:pp:%d", id))
	if got, _ := h.DB.SurveySuggestion(ctx, id); got.Published() {
		t.Fatal("published after /cancel")
	}
	if a := h.auditActions(id); len(a) != 0 {
		t.Fatalf("audit %v", a)
	}
	// The cancel button works the same.
	msgs = h.press(bottest.TGHead, h.Text(bottest.TGHead, "/saran"), fmt.Sprintf("saran:p:%d", id))
	mustSay(t, h.press(bottest.TGHead, msgs, fmt.Sprintf("saran:px:%d", id)), "dibatalkan")
	if got, _ := h.DB.SurveySuggestion(ctx, id); got.Published() {
		t.Fatal("published after Batal")
	}
}

func TestPublishableWording(t *testing.T) {
	for text, want := range map[string]bool{
		"Antrean lama":                        true,
		"Buka jam 07.30-16.00, bukan 08.00":   true,
		"Sejak 10.11.2026 loket sepi":         true,
		"Hubungi 0812 3456 7890":              false,
		"NIK 1371011234567890 saya ditolak":   false,
		"kirim ke budi@example.com":           false,
		"tanya @budisantoso":                  false,
		"Hubungi 0812-3456-789 setelah jam 4": false,
	} {
		if got := publishable(text); got != want {
			t.Errorf("publishable(%q) = %v, want %v", text, got, want)
		}
	}
}
