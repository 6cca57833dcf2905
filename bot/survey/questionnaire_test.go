package survey

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The embedded questionnaire is the regulation's (DOMAIN.md §6): nine
// unsur U1…U9 in order, each with a name, a question and four answers in
// both languages.
func TestDefaultQuestionnaireIsTheRegulations(t *testing.T) {
	q := DefaultQuestionnaire()
	if got, want := q.Codes(), []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}; !slices.Equal(got, want) {
		t.Fatalf("codes = %v, want %v", got, want)
	}
	u := q.Unsur
	// Spot checks where wording is easiest to get wrong.
	tests := []struct {
		name      string
		got, want string
	}{
		{"U2 name", u[1].Name.ID, "Sistem, mekanisme, dan prosedur"},
		{"U4 answer 1", u[3].Answers[0].ID, "Sangat mahal"},
		{"U4 answer 4", u[3].Answers[3].ID, "Gratis"},
		{"U5 name", u[4].Name.ID, "Produk spesifikasi jenis pelayanan"},
		{"U7 answer 4", u[6].Answers[3].ID, "Sangat sopan dan ramah"},
		{"U8 name", u[7].Name.ID, "Penanganan pengaduan, saran dan masukan"},
		{"U8 answer 2", u[7].Answers[1].ID, "Ada tetapi tidak berfungsi"},
		{"U8 answer 3", u[7].Answers[2].ID, "Berfungsi kurang maksimal"},
		{"U9 answer 2", u[8].Answers[1].ID, "Cukup"},
		{"U1 question", u[0].Question.ID, "Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?"},
		{"U9 question in English", u[8].Question.EN, "How good are the facilities and infrastructure?"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestQuestionnaireMistakesAreRefused(t *testing.T) {
	for name, text := range map[string]string{
		"no unsur":        `{"unsur": []}`,
		"three answers":   `{"unsur": [{"code": "A", "name": {"id": "a", "en": "a"}, "question": {"id": "q", "en": "q"}, "answers": [{"id": "1", "en": "1"}, {"id": "2", "en": "2"}, {"id": "3", "en": "3"}]}]}`,
		"code twice":      `{"unsur": [` + unsurJSON("A") + `, ` + unsurJSON("A") + `]}`,
		"code with ':'":   `{"unsur": [` + unsurJSON("A:1") + `]}`,
		"missing en":      `{"unsur": [{"code": "A", "name": {"id": "a"}, "question": {"id": "q", "en": "q"}, "answers": []}]}`,
		"unknown key":     `{"unsur": [], "extra": 1}`,
		"not json at all": `unsur:`,
	} {
		if _, err := ParseQuestionnaire([]byte(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// unsurJSON is a well-formed unsur with code.
func unsurJSON(code string) string {
	u := Unsur{Code: code, Name: Text{"Nama " + code, "Name " + code}, Question: Text{"Tanya " + code + "?", "Ask " + code + "?"},
		Answers: []Text{{"Buruk", "Poor"}, {"Cukup", "Fair"}, {"Baik", "Good"}, {"Sangat baik", "Very good"}}}
	b, _ := json.Marshal(u)
	return string(b)
}

// A tenth question added in configuration (the questionnaire is data) is
// asked in the dialogue, gets its column in the IKM export, and weighs
// 1/10 in the IKM, with no code change.
func TestTenthQuestionFromConfiguration(t *testing.T) {
	// The configuration: the default nine and one more, as an operator
	// would write it in the survey.questionnaire file.
	def, err := json.Marshal(DefaultQuestionnaire())
	if err != nil {
		t.Fatal(err)
	}
	text := strings.TrimSuffix(strings.TrimSpace(string(def)), "]}") + `, {"code": "U10", "name": {"id": "Kebersihan", "en": "Cleanliness"},
		"question": {"id": "Bagaimana kebersihan ruang layanan?", "en": "How clean is the service room?"},
		"answers": [{"id": "Kotor", "en": "Dirty"}, {"id": "Kurang bersih", "en": "Less clean"}, {"id": "Bersih", "en": "Clean"}, {"id": "Sangat bersih", "en": "Very clean"}]}]}`
	q, err := ParseQuestionnaire([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	h := newSurveyHarness(t, Config{Questionnaire: q})
	payload := h.newLink("PKM-TGR", "")

	// The dialogue asks ten questions, the tenth with its own words.
	start := h.Text(700, "/start "+payload)
	mustSay(t, start, "10 pertanyaan singkat")
	mustSay(t, start, "1/10", "Persyaratan")
	msgs := h.answerAll(700, start, all(4))
	tenth := mustSay(t, msgs, "10/10", "Kebersihan", "Bagaimana kebersihan ruang layanan?")
	if got := tenth.Buttons[0][0].Text; got != "1 · Kotor" {
		t.Fatalf("answer 1 of the tenth = %q, want 1 · Kotor", got)
	}
	msgs = h.pressSurvey(700, msgs, "1")
	mustSay(t, msgs, "Saran")
	mustSay(t, h.pressSurvey(700, msgs, "skip"), "Terima kasih")
	if tot := h.totals("PKM-TGR"); tot.Answered["U10"] != 1 || tot.Sums["U10"] != 1 {
		t.Fatalf("the tenth answer was not stored: %+v", tot)
	}

	// The export has a column for it, and the IKM weighs each unsur 1/10:
	// NRR 4 for nine unsur and 1 for the tenth, Σ 37, IKM 37 × 25/10 = 92.50.
	rows, err := h.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if got, want := len(header), 4+10+5+3; got != want || header[13] != "nrr_u10" || header[14] != "ikm" {
		t.Fatalf("header = %v, want nrr_u1 … nrr_u10 then ikm", header)
	}
	if len(rows) != 2 {
		t.Fatalf("rows = %v", rows)
	}
	row := rows[1]
	if row[4] != "4.0000" || row[13] != "1.0000" || row[14] != "92.50" || row[15] != "A" {
		t.Fatalf("row = %v, want NRR 4 … 1 and IKM 92.50 A", row)
	}

}
