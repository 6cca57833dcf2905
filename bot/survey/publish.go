package survey

import (
	"context"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Publishing a follow-up ("Anda berkata, kami lakukan"): from /saran the
// unit head marks a suggestion to publish with its response, writes (or
// keeps) the action taken, may reword the suggestion for the public, sees
// a preview and publishes it with a button; the public site lists it on
// the unit's page. Publishing and unpublishing are in the audit log.
//
// The dialogue (flow "saranpub") keeps in its session:
//
//	id   the suggestion
//	act  the action taken, once written or kept
//	pub  the public wording, once written or kept
//
// Its steps are "act", "text" and "preview"; the buttons
// "saran:<pa|po|pe|pp|px>:<id>" act on the open dialogue of that id only.

const publishFlow = "saranpub"

// registerPublish adds the publishing buttons and dialogue.
func (f *Feature) registerPublish(b *bot.Bot) {
	for action, h := range map[string]bot.Handler{
		"p": f.pressPublish, "pa": f.pressPublishKeepAction, "po": f.pressPublishOriginal,
		"pe": f.pressPublishEdit, "pp": f.pressPublishConfirm, "px": f.pressPublishCancel, "u": f.pressUnpublish,
	} {
		b.Button(bot.ButtonSpec{Buttons: saranButtons, Action: action, Args: 1, Handle: h})
	}
	b.Flow(bot.FlowSpec{Name: publishFlow, Handle: f.publishMessage})
}

// personalPattern finds what must not reach the public site: a phone or
// identity number (ten digits or more, spaces, dots or dashes between
// them: times and dates are shorter), an e-mail address or a @username.
// Names cannot be found this way: the head reads the wording in the preview.
var personalPattern = regexp.MustCompile(`(?:[0-9][ .-]?){9,}[0-9]|@\w|\w@\w`)

// publishable reports whether text may be published as it stands.
func publishable(text string) bool { return !personalPattern.MatchString(text) }

// publishSuggestion loads the suggestion of button argument 0 when the
// sender may publish it; nil (and a stale answer) otherwise.
func (f *Feature) publishSuggestion(r *bot.Request) (*kinerja.SurveySuggestion, error) {
	id, ok := r.ArgInt(0)
	if !ok {
		return nil, r.Stale()
	}
	s, err := r.Tx.SurveySuggestion(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, r.Stale()
	} else if err != nil {
		return nil, err
	}
	if allowed, err := saranAllowed(r, s.UnitCode); err != nil || !allowed {
		if err != nil {
			return nil, err
		}
		return nil, r.Stale()
	}
	return s, nil
}

// openPublish is publishSuggestion for a press inside the dialogue of
// that suggestion: nil when no such dialogue is open.
func (f *Feature) openPublish(r *bot.Request) (*kinerja.SurveySuggestion, error) {
	if r.Session == nil || r.Session.Flow != publishFlow || r.Session.Data["id"] != r.Args[0] {
		r.Answer(r.T("svy.pub_not_open"))
		return nil, nil
	}
	return f.publishSuggestion(r)
}

// pressPublish handles "saran:p:<id>": the dialogue begins with the action.
func (f *Feature) pressPublish(r *bot.Request) error {
	s, err := f.publishSuggestion(r)
	if s == nil {
		return err
	}
	r.StartFlow(publishFlow, "act", map[string]string{"id": strconv.FormatInt(s.ID, 10)})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Answer("")
	rows := [][]bot.Button{}
	if s.Action != "" {
		rows = append(rows, []bot.Button{saranButtons.Button(r.T("svy.pub_keep_action"), "pa", s.ID)})
	}
	rows = append(rows, []bot.Button{saranButtons.Button(r.T("svy.pub_cancel_btn"), "px", s.ID)})
	text := r.T("svy.pub_ask_action", s.Text)
	if s.Action != "" {
		text += "\n\n" + r.T("svy.pub_current_action", s.Action)
	}
	r.Reply(text, rows...)
	return nil
}

// pressPublishKeepAction handles "saran:pa:<id>": the recorded follow-up
// is the action published.
func (f *Feature) pressPublishKeepAction(r *bot.Request) error {
	s, err := f.openPublish(r)
	if s == nil || err != nil {
		return err
	}
	if s.Action == "" || r.Session.Step != "act" {
		return r.Stale()
	}
	r.Session.Data["act"], r.Session.Step = s.Action, "text"
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Answer("")
	f.askPublicText(r, s, true)
	return nil
}

// askPublicText asks for the suggestion's public wording.
func (f *Feature) askPublicText(r *bot.Request, s *kinerja.SurveySuggestion, edit bool) {
	text := r.T("svy.pub_ask_text", s.Text)
	rows := [][]bot.Button{
		{saranButtons.Button(r.T("svy.pub_original_btn"), "po", s.ID)},
		{saranButtons.Button(r.T("svy.pub_cancel_btn"), "px", s.ID)},
	}
	if edit {
		r.ReplyEdit(text, rows...)
	} else {
		r.Reply(text, rows...)
	}
}

// pressPublishOriginal handles "saran:po:<id>": the suggestion is
// published as the citizen wrote it, unless it holds personal details.
func (f *Feature) pressPublishOriginal(r *bot.Request) error {
	s, err := f.openPublish(r)
	if s == nil || err != nil {
		return err
	}
	if r.Session.Step != "text" {
		return r.Stale()
	}
	if !publishable(s.Text) {
		r.Answer(r.T("svy.pub_personal_short"))
		r.Reply(r.T("svy.pub_personal"))
		return nil
	}
	r.Session.Data["pub"], r.Session.Step = s.Text, "preview"
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Answer("")
	f.preview(r, s, true)
	return nil
}

// pressPublishEdit handles "saran:pe:<id>": back to the public wording.
func (f *Feature) pressPublishEdit(r *bot.Request) error {
	s, err := f.openPublish(r)
	if s == nil || err != nil {
		return err
	}
	if r.Session.Step != "preview" {
		return r.Stale()
	}
	r.Session.Step = "text"
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Answer("")
	f.askPublicText(r, s, true)
	return nil
}

// preview shows the suggestion as the public site will.
func (f *Feature) preview(r *bot.Request, s *kinerja.SurveySuggestion, edit bool) {
	d := r.Session.Data
	text := r.T("svy.pub_preview", d["pub"], d["act"], bot.DateLabel(r.Lang, r.Now.In(r.Loc())))
	rows := [][]bot.Button{
		{saranButtons.Button(r.T("svy.pub_publish_btn"), "pp", s.ID)},
		{saranButtons.Button(r.T("svy.pub_edit_btn"), "pe", s.ID), saranButtons.Button(r.T("svy.pub_cancel_btn"), "px", s.ID)},
	}
	if edit {
		r.ReplyEdit(text, rows...)
	} else {
		r.Reply(text, rows...)
	}
}

// publishMessage takes the typed action and public wording.
func (f *Feature) publishMessage(r *bot.Request) error {
	id, err := strconv.ParseInt(r.Session.Data["id"], 10, 64)
	if err != nil {
		return r.EndFlow()
	}
	s, err := r.Tx.SurveySuggestion(r.Ctx, id)
	if err != nil {
		return r.EndFlowWith(err)
	}
	text := strings.TrimSpace(r.Text)
	switch r.Session.Step {
	case "act":
		if r.Kind != bot.KindText || text == "" || utf8.RuneCountInString(text) > followUpMaxLen {
			r.Reply(r.T("svy.saran_follow_bad", followUpMaxLen))
			return nil
		}
		r.Session.Data["act"], r.Session.Step = text, "text"
		if err := r.SaveSession(); err != nil {
			return err
		}
		f.askPublicText(r, s, false)
	case "text":
		if r.Kind != bot.KindText || text == "" || utf8.RuneCountInString(text) > f.cfg.SuggestionMax {
			r.Reply(r.T("svy.pub_text_bad", f.cfg.SuggestionMax))
			return nil
		}
		if !publishable(text) {
			r.Reply(r.T("svy.pub_personal"))
			return nil
		}
		r.Session.Data["pub"], r.Session.Step = text, "preview"
		if err := r.SaveSession(); err != nil {
			return err
		}
		f.preview(r, s, false)
	default:
		r.Reply(r.T("svy.pub_use_buttons"))
		f.preview(r, s, false)
	}
	return nil
}

// pressPublishConfirm handles "saran:pp:<id>": publishes.
func (f *Feature) pressPublishConfirm(r *bot.Request) error {
	s, err := f.openPublish(r)
	if s == nil || err != nil {
		return err
	}
	d := r.Session.Data
	if r.Session.Step != "preview" || d["pub"] == "" || d["act"] == "" {
		return r.Stale()
	}
	if err := f.PublishSuggestion(r.Ctx, r.Tx, s, d["pub"], d["act"], r.Staff.NIP, r.Now); err != nil {
		return r.EndFlowWith(err)
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	r.Answer(r.T("svy.pub_done_short"))
	r.ReplyEdit(r.T("svy.pub_done", d["pub"], d["act"]),
		[]bot.Button{saranButtons.Button(r.T("svy.pub_unpublish_btn"), "u", s.ID)})
	return nil
}

// pressPublishCancel handles "saran:px:<id>": nothing is published.
func (f *Feature) pressPublishCancel(r *bot.Request) error {
	if r.Session == nil || r.Session.Flow != publishFlow || r.Session.Data["id"] != r.Args[0] {
		return r.Stale()
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	r.Answer("")
	r.ReplyEdit(r.T("core.cancelled"))
	return nil
}

// pressUnpublish handles "saran:u:<id>": takes it off the public site.
func (f *Feature) pressUnpublish(r *bot.Request) error {
	s, err := f.publishSuggestion(r)
	if s == nil || err != nil {
		return err
	}
	if !s.Published() {
		return r.Stale()
	}
	if err := f.UnpublishSuggestion(r.Ctx, r.Tx, s, r.Staff.NIP, r.Now); err != nil {
		return err
	}
	r.Answer(r.T("svy.pub_unpublished_short"))
	r.Reply(r.T("svy.pub_unpublished", s.PublicText),
		[]bot.Button{saranButtons.Button(r.T("svy.pub_again_btn"), "p", s.ID)})
	return nil
}

// publishStore is what publishing a suggestion uses.
type publishStore interface {
	followUpStore
	PublishSurveySuggestion(ctx context.Context, id int64, publicText, by string, at time.Time) error
	UnpublishSurveySuggestion(ctx context.Context, id int64) error
}

// published is the audit log's record of a published suggestion.
type published struct {
	PublicText string `json:"public_text"`
	Action     string `json:"action,omitempty"`
}

// PublishSuggestion publishes a suggestion in its public wording with the
// action taken (recorded as its follow-up when it changed), with its
// entry in the audit log.
func (f *Feature) PublishSuggestion(ctx context.Context, s publishStore, sg *kinerja.SurveySuggestion, publicText, action, by string, at time.Time) error {
	if !publishable(publicText) {
		return kinerja.Errorf(kinerja.EInvalid, "svy.pub_personal")
	}
	if action != sg.Action {
		if err := f.FollowUp(ctx, s, sg.ID, action, by, at); err != nil {
			return err
		}
	}
	if err := s.PublishSurveySuggestion(ctx, sg.ID, publicText, by, at); err != nil {
		return err
	}
	before := ""
	if sg.Published() {
		b, err := json.Marshal(published{PublicText: sg.PublicText, Action: sg.Action})
		if err != nil {
			return err
		}
		before = string(b)
	}
	after, err := json.Marshal(published{PublicText: publicText, Action: action})
	if err != nil {
		return err
	}
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: by, Action: "survey.suggestion_publish",
		Entity: "survey_suggestion", EntityID: strconv.FormatInt(sg.ID, 10), Before: before, After: string(after)})
}

// UnpublishSuggestion takes a suggestion off the public site, with its
// entry in the audit log.
func (f *Feature) UnpublishSuggestion(ctx context.Context, s publishStore, sg *kinerja.SurveySuggestion, by string, at time.Time) error {
	if err := s.UnpublishSurveySuggestion(ctx, sg.ID); err != nil {
		return err
	}
	before, err := json.Marshal(published{PublicText: sg.PublicText, Action: sg.Action})
	if err != nil {
		return err
	}
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: by, Action: "survey.suggestion_unpublish",
		Entity: "survey_suggestion", EntityID: strconv.FormatInt(sg.ID, 10), Before: string(before)})
}
