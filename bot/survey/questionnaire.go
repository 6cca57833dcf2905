package survey

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// defaultQuestionnaire is the questionnaire of PermenPANRB 14/2017: the
// nine unsur (DOMAIN.md §6), their questions and the regulation's four
// answer words, with our English translations.
//
//go:embed questionnaire.json
var defaultQuestionnaire []byte

// Text is a wording in both languages of the bot.
type Text struct {
	ID string `json:"id" yaml:"id"`
	EN string `json:"en" yaml:"en"`
}

// In returns the wording in lang (Indonesian unless lang is English).
func (t Text) In(lang kinerja.Lang) string {
	if lang == kinerja.LangEN {
		return t.EN
	}
	return t.ID
}

// Unsur is one element the survey measures: one question answered on the
// regulation's 1–4 scale. Answers[k] is the wording of answer k+1.
type Unsur struct {
	Code     string `json:"code" yaml:"code"` // "U1"…: the key answers are stored under
	Name     Text   `json:"name" yaml:"name"`
	Question Text   `json:"question" yaml:"question"`
	Answers  []Text `json:"answers" yaml:"answers"`
}

// Questionnaire is the survey's questions, in the order they are asked.
// It is data: the default is embedded, a deployment may configure another
// (survey.questionnaire), and every unsur weighs the same in the IKM, 1/n.
type Questionnaire struct {
	Unsur []Unsur `json:"unsur" yaml:"unsur"`
}

// DefaultQuestionnaire returns the regulation's nine unsur.
func DefaultQuestionnaire() Questionnaire {
	q, err := ParseQuestionnaire(defaultQuestionnaire)
	if err != nil {
		panic("survey: embedded questionnaire: " + err.Error())
	}
	return q
}

// ParseQuestionnaire reads a questionnaire written as JSON and checks it.
func ParseQuestionnaire(data []byte) (Questionnaire, error) {
	var q Questionnaire
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q); err != nil {
		return Questionnaire{}, fmt.Errorf("questionnaire: %w", err)
	}
	return q, q.Check()
}

// maxUnsur bounds the questionnaire so a survey stays short enough to be
// answered at the counter (and its step fits the button data).
const maxUnsur = 30

// Check reports the first mistake of a questionnaire: none or too many
// unsur, a missing or repeated code, an empty wording, or other than four
// answers (the regulation's scale is 1–4).
func (q Questionnaire) Check() error {
	if len(q.Unsur) == 0 || len(q.Unsur) > maxUnsur {
		return fmt.Errorf("questionnaire: %d unsur; give 1 to %d", len(q.Unsur), maxUnsur)
	}
	seen := map[string]bool{}
	for i, u := range q.Unsur {
		switch {
		case u.Code == "" || len(u.Code) > 16 || strings.ContainsAny(u.Code, ": \t\n"):
			return fmt.Errorf("questionnaire: unsur %d: code %q must be 1–16 characters without spaces or ':'", i+1, u.Code)
		case seen[u.Code]:
			return fmt.Errorf("questionnaire: unsur code %q is used twice", u.Code)
		case u.Name.ID == "" || u.Name.EN == "" || u.Question.ID == "" || u.Question.EN == "":
			return fmt.Errorf("questionnaire: unsur %s: name and question need both id and en", u.Code)
		case len(u.Answers) != 4:
			return fmt.Errorf("questionnaire: unsur %s: %d answers; the scale has four (1–4)", u.Code, len(u.Answers))
		}
		for k, a := range u.Answers {
			if a.ID == "" || a.EN == "" {
				return fmt.Errorf("questionnaire: unsur %s: answer %d needs both id and en", u.Code, k+1)
			}
		}
		seen[u.Code] = true
	}
	return nil
}

// Codes returns the unsur codes in order.
func (q Questionnaire) Codes() []string {
	out := make([]string, len(q.Unsur))
	for i, u := range q.Unsur {
		out[i] = u.Code
	}
	return out
}

// Result turns totals stored by unsur code into the IKM over this
// questionnaire's unsur, in its order. Codes answered under an older
// questionnaire and no longer asked do not count.
func (q Questionnaire) Result(t kinerja.SurveyTotals) scoring.IKMResult {
	answered, sums := make([]int, len(q.Unsur)), make([]int, len(q.Unsur))
	for i, u := range q.Unsur {
		answered[i], sums[i] = t.Answered[u.Code], t.Sums[u.Code]
	}
	return scoring.IKMFromTotals(t.Respondents, answered, sums)
}
