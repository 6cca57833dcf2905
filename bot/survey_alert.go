package bot

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// surveyAlert forwards a response with an answer of 1 (the lowest) or a
// suggestion to the unit head at once, so a bad experience is heard the
// same day. It carries the answers and the suggestion only: nothing about
// who answered, and not the officer named by the link either: per-officer
// results reach the assessor only in aggregate, once enough responses exist
// (DOMAIN.md §7), and an alert one by one would defeat that. No head, or a
// head without Telegram, means no alert.
func (b *Bot) surveyAlert(r *Request, resp *kinerja.SurveyResponse, unitName string) error {
	if b.cfg.Survey.NoAlerts {
		return nil
	}
	var low []int
	for i, a := range resp.Answers {
		if a == 1 {
			low = append(low, i)
		}
	}
	if len(low) == 0 && resp.Suggestion == "" {
		return nil
	}
	unit, err := r.Tx.Unit(r.Ctx, resp.UnitCode)
	if err != nil || unit.HeadNIP == "" {
		return err
	}
	head, err := r.Tx.Staff(r.Ctx, unit.HeadNIP)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	if !head.Linked() {
		return nil
	}
	lang := b.langOf(r.Ctx, r.Tx, head.TelegramID)
	var body []string
	if len(low) > 0 {
		body = append(body, T(lang, "svy.alert_low"))
		for _, i := range low {
			u := scoring.Unsur[i]
			name, label := u.Name, u.Labels[0]
			if lang == kinerja.LangEN {
				name, label = u.NameEN, u.LabelsEN[0]
			}
			body = append(body, "• "+Esc(u.Code+" "+name)+": "+Esc(label))
		}
	}
	if resp.Suggestion != "" {
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, T(lang, "svy.alert_saran", resp.Suggestion))
	}
	r.Send(OutMessage{ChatID: head.TelegramID, Text: T(lang, "svy.alert", unitName, Raw(strings.Join(body, "\n")))})
	return nil
}
