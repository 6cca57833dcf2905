package survey

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// surveyAlert forwards a response with an answer of 1 (the lowest) or a
// suggestion to the unit head at once, so a bad experience is heard the
// same day. It carries the answers and the suggestion only: nothing about
// who answered, and not the officer named by the link either: per-officer
// results reach the assessor only in aggregate, once enough responses exist
// (DOMAIN.md §7), and an alert one by one would defeat that. No head, or a
// head without Telegram, means no alert.
func (f *Feature) surveyAlert(r *bot.Request, resp *kinerja.SurveyResponse, unitName string) error {
	if f.cfg.NoAlerts {
		return nil
	}
	var low []Unsur
	for _, u := range f.q.Unsur {
		if resp.Answers[u.Code] == 1 {
			low = append(low, u)
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
	lang := r.Bot().LangOf(r.Ctx, r.Tx, head.TelegramID)
	var body []string
	if len(low) > 0 {
		body = append(body, bot.T(lang, "svy.alert_low"))
		for _, u := range low {
			body = append(body, "• "+bot.Esc(u.Code+" "+u.Name.In(lang))+": "+bot.Esc(u.Answers[0].In(lang)))
		}
	}
	if resp.Suggestion != "" {
		if len(body) > 0 {
			body = append(body, "")
		}
		body = append(body, bot.T(lang, "svy.alert_saran", resp.Suggestion))
	}
	r.Send(bot.OutMessage{ChatID: head.TelegramID, Text: bot.T(lang, "svy.alert", unitName, bot.Raw(strings.Join(body, "\n")))})
	return nil
}
