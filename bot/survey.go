package bot

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The citizen satisfaction survey (SKM, PermenPANRB 14/2017): a citizen
// scans the QR code at a counter, the deep link opens this dialogue, and
// the nine unsur are answered with buttons on one message edited in place.
//
// State lives in the chat's session (flow "survey"), so a restart resumes:
//
//	unit, uname     unit code and name (names kept so a press needs no lookup)
//	officer, oname  officer NIP and name, "" when the link names none
//	sid             a random id of this survey; buttons carry it, so a button
//	                of a survey that was replaced is recognised
//	ans             one character per answered step: '1'–'4' for an unsur,
//	                '0'–'9' (0 = skipped) for a profile question
//
// Buttons carry "svy:<sid>:<step>:<value>". The step is the one the button
// was drawn for: a press for any other step is stale and changes nothing.

const surveyFlow = "survey"

// profileQuestion is one optional respondent profile question; options are
// the stored codes, labelled by text key "<key>.<code>".
type profileQuestion struct {
	key     string
	options []string
}

// surveyProfile lists the profile questions SKM reports usually collect.
var surveyProfile = []profileQuestion{
	{"svy.p_gender", []string{"L", "P"}},
	{"svy.p_age", []string{"lt20", "20-29", "30-39", "40-49", "50+"}},
	{"svy.p_edu", []string{"sd", "smp", "sma", "d3", "s1", "s2"}},
	{"svy.p_job", []string{"asn", "swasta", "wira", "pelajar", "lain"}},
}

// surveySecretKey names the setting that holds the HMAC secret of the
// duplicate keys, generated at first use.
const surveySecretKey = "survey.hmac_secret"

// registerSurvey adds the survey: deep links, the dialogue, /ikm and /qr.
func (b *Bot) registerSurvey() {
	b.cfg.Survey = b.cfg.Survey.withDefaults()
	b.onPayload(kinerja.SurveyPayloadPrefix, b.startSurvey)
	b.onCallback("svy", b.cbSurvey)
	b.onFlow(surveyFlow, b.surveyMessage)
	b.flowExpiry[surveyFlow] = "svy.expired"
	b.registerIKM()
	b.registerSurveyQR()
}

// steps returns how many button steps the survey has: the nine unsur, then
// the profile questions when configured. The suggestion comes after them.
func (b *Bot) steps() int {
	if b.cfg.Survey.Profile {
		return scoring.NumUnsur + len(surveyProfile)
	}
	return scoring.NumUnsur
}

// startSurvey opens the survey of a deep link's unit.
func (b *Bot) startSurvey(r *Request) error {
	link, err := r.Tx.SurveyLink(r.Ctx, r.Text)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.Reply(r.T("svy.link_invalid"))
		return nil
	} else if err != nil {
		return err
	}
	if link.Revoked() {
		r.Reply(r.T("svy.link_revoked"))
		return nil
	}
	unit, err := r.Tx.Unit(r.Ctx, link.UnitCode)
	if err != nil {
		return err
	}
	if r.Staff != nil && r.Staff.UnitCode == unit.Code {
		r.Reply(r.T("svy.own_unit", r.Staff.Name, unit.Name))
		return nil
	}
	officerName := ""
	if link.OfficerNIP != "" {
		// An officer who has left the roster no longer shows; the unit does.
		if st, err := r.Tx.Staff(r.Ctx, link.OfficerNIP); err == nil {
			officerName = st.Name
		} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
			return err
		}
	}
	// Tell a repeat straight away rather than after nine questions; the
	// check is repeated at the end, where the unique key makes it race-safe.
	key, err := b.surveyDupKey(r, unit.Code)
	if err != nil {
		return err
	}
	if counted, err := r.Tx.SurveyCounted(r.Ctx, key); err != nil {
		return err
	} else if counted {
		r.Reply(r.T("svy.already_counted", unit.Name))
		return nil
	}
	// One session per chat: opening a link while a survey is open replaces
	// it (routeCommand already ended it); the old message's buttons carry
	// the old sid and are refused.
	r.StartFlow(surveyFlow, "0", map[string]string{
		"unit": unit.Code, "uname": unit.Name, "sid": newSurveyID(), "ans": "",
	})
	if officerName != "" {
		r.Session.Data["officer"], r.Session.Data["oname"] = link.OfficerNIP, officerName
		r.Reply(r.T("svy.greeting_officer", unit.Name, officerName, scoring.NumUnsur))
	} else {
		r.Reply(r.T("svy.greeting", unit.Name, scoring.NumUnsur))
	}
	if err := r.SaveSession(); err != nil {
		return err
	}
	text, buttons := b.surveyStep(r)
	r.Reply(text, buttons...)
	return nil
}

// newSurveyID returns a short random id for one survey instance. It only
// tells one survey's buttons from another's; it protects nothing.
func newSurveyID() string {
	var raw [6]byte
	_, _ = rand.Read(raw[:])
	return base64.RawURLEncoding.EncodeToString(raw[:])
}

// surveyStep renders the current step of the session's survey: an unsur
// question, a profile question or the suggestion prompt.
func (b *Bot) surveyStep(r *Request) (string, [][]Button) {
	d := r.Session.Data
	step, n := len(d["ans"]), b.steps()
	data := func(v string) string { return "svy:" + d["sid"] + ":" + strconv.Itoa(step) + ":" + v }
	nav := []Button{{Text: r.T("svy.btn_cancel"), Data: data("x")}}
	if step > 0 {
		nav = append([]Button{{Text: r.T("svy.btn_back"), Data: data("back")}}, nav...)
	}
	var rows [][]Button
	var text string
	switch {
	case step < scoring.NumUnsur:
		u := scoring.Unsur[step]
		name, labels := u.Name, u.Labels
		if r.Lang == kinerja.LangEN {
			name, labels = u.NameEN, u.LabelsEN
		}
		text = r.T("svy.question", d["uname"], step+1, scoring.NumUnsur, name, r.T("svy.q"+strconv.Itoa(step+1)))
		// One answer per row, 1 to 4 in order: the full wording stays
		// readable on a phone.
		for k, l := range labels {
			rows = append(rows, []Button{{Text: strconv.Itoa(k+1) + " · " + l, Data: data(strconv.Itoa(k + 1))}})
		}
	case step < n:
		q := surveyProfile[step-scoring.NumUnsur]
		text = r.T("svy.profile_question", d["uname"], step-scoring.NumUnsur+1, len(surveyProfile), r.T(q.key))
		for k, code := range q.options {
			rows = append(rows, []Button{{Text: r.T(q.key + "." + code), Data: data(strconv.Itoa(k + 1))}})
		}
		rows = append(rows, []Button{{Text: r.T("svy.p_skip"), Data: data("0")}})
	default:
		text = r.T("svy.saran_prompt", d["uname"], b.cfg.Survey.SuggestionMax)
		rows = append(rows, []Button{{Text: r.T("svy.btn_skip"), Data: data("skip")}})
	}
	return text, append(rows, nav)
}

// cbSurvey handles a press on a survey button. Nothing in the data is
// trusted: the survey id and step must match the open session, and the
// value must be one the step offers.
func (b *Bot) cbSurvey(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	s := r.Session
	if s == nil || s.Flow != surveyFlow {
		// Expired, cancelled or finished: say so and take the buttons away.
		r.Answer(r.T("svy.not_running"))
		r.ReplyEdit(r.T("svy.not_running"))
		return nil
	}
	if len(args) != 3 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	if args[0] != s.Data["sid"] {
		r.Answer(r.T("svy.replaced"))
		r.ReplyEdit(r.T("svy.replaced"))
		return nil
	}
	// The message pressed is the one to edit from now on, also when the
	// citizen types instead of pressing.
	s.MessageID = r.Callback.MessageID
	ans := s.Data["ans"]
	step, err := strconv.Atoi(args[1])
	if err != nil || step != len(ans) {
		if err == nil && step >= 0 && step < len(ans) {
			r.Answer(r.T("svy.answered_before"))
		} else {
			r.Answer(r.T("core.stale_button"))
		}
		// Show the current step again on the pressed message.
		text, buttons := b.surveyStep(r)
		r.ReplyEdit(text, buttons...)
		return r.SaveSession()
	}
	switch v := args[2]; {
	case v == "x":
		if err := r.EndFlow(); err != nil {
			return err
		}
		r.ReplyEdit(r.T("svy.cancelled"))
		return nil
	case v == "back":
		if step == 0 {
			r.Answer(r.T("svy.first_question"))
			return nil
		}
		s.Data["ans"] = ans[:step-1]
	case v == "skip" && step == b.steps():
		return b.completeSurvey(r, "")
	case b.validStepValue(step, v):
		s.Data["ans"] = ans + v
	default:
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	s.Step = strconv.Itoa(len(s.Data["ans"]))
	if err := r.SaveSession(); err != nil {
		return err
	}
	text, buttons := b.surveyStep(r)
	r.ReplyEdit(text, buttons...)
	return nil
}

// validStepValue reports whether v is an answer the step offers.
func (b *Bot) validStepValue(step int, v string) bool {
	if len(v) != 1 || v[0] < '0' || v[0] > '9' {
		return false
	}
	k := int(v[0] - '0')
	switch {
	case step < scoring.NumUnsur:
		return k >= 1 && k <= 4
	case step < b.steps():
		return k <= len(surveyProfile[step-scoring.NumUnsur].options)
	}
	return false
}

// surveyMessage handles what a citizen sends inside the survey: the
// suggestion at its step, and a gentle pointer to the buttons elsewhere.
func (b *Bot) surveyMessage(r *Request) error {
	step := len(r.Session.Data["ans"])
	if step < b.steps() {
		r.Reply(r.T("svy.use_buttons"))
		text, buttons := b.surveyStep(r)
		r.Reply(text, buttons...)
		return r.SaveSession()
	}
	skip := [][]Button{{{Text: r.T("svy.btn_skip"), Data: "svy:" + r.Session.Data["sid"] + ":" + strconv.Itoa(step) + ":skip"}}}
	if r.Kind != KindText {
		r.Reply(r.T("svy.saran_text_only"), skip...)
		return r.SaveSession()
	}
	text := strings.TrimSpace(r.Text)
	if n := utf8.RuneCountInString(text); n > b.cfg.Survey.SuggestionMax {
		r.Reply(r.T("svy.saran_too_long", n, b.cfg.Survey.SuggestionMax), skip...)
		return r.SaveSession()
	} else if n == 0 {
		r.Reply(r.T("svy.saran_empty"), skip...)
		return r.SaveSession()
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return b.completeSurvey(r, text)
}

// completeSurvey stores the response, thanks the citizen and alerts the
// unit head. A repeat (same account, unit and day) is thanked and not
// counted: the unique duplicate key decides, so two racing completions
// cannot both count.
func (b *Bot) completeSurvey(r *Request, suggestion string) error {
	d := r.Session.Data
	unitName := d["uname"]
	resp := &kinerja.SurveyResponse{
		UnitCode: d["unit"], OfficerNIP: d["officer"], Suggestion: suggestion, Day: r.Today(),
	}
	ans := d["ans"]
	for i := range scoring.NumUnsur {
		resp.Answers[i] = int(ans[i] - '0')
	}
	if b.cfg.Survey.Profile {
		codes := make([]string, len(surveyProfile))
		for i, q := range surveyProfile {
			if k := int(ans[scoring.NumUnsur+i] - '0'); k > 0 {
				codes[i] = q.options[k-1]
			}
		}
		resp.Profile = kinerja.SurveyProfile{Gender: codes[0], AgeBand: codes[1], Education: codes[2], Occupation: codes[3]}
	}
	if err := (scoring.Response{Answers: resp.Answers}).Validate(); err != nil {
		return err
	}
	promptID := r.Session.MessageID
	if err := r.EndFlow(); err != nil {
		return err
	}
	// Linked to the unit's staff since the survey began: still not counted.
	if r.Staff != nil && r.Staff.UnitCode == resp.UnitCode {
		b.surveyEnd(r, promptID, r.T("svy.own_unit", r.Staff.Name, unitName))
		return nil
	}
	key, err := b.surveyDupKey(r, resp.UnitCode)
	if err != nil {
		return err
	}
	resp.DupKey = key
	err = r.Tx.AddSurveyResponse(r.Ctx, resp)
	if kinerja.ErrorCode(err) == kinerja.EConflict {
		b.surveyEnd(r, promptID, r.T("svy.already_counted", unitName))
		return nil
	} else if err != nil {
		return err
	}
	b.surveyEnd(r, promptID, r.T("svy.thanks", unitName))
	return b.surveyAlert(r, resp, unitName)
}

// surveyEnd says the final word. A press edits the survey message into it;
// after a typed suggestion the prompt (the message last pressed on) is
// edited to acknowledge it, and the final word follows as a new message,
// under the citizen's own.
func (b *Bot) surveyEnd(r *Request, promptID int, text string) {
	if r.Callback != nil {
		r.ReplyEdit(text)
		return
	}
	if promptID != 0 {
		r.Send(OutMessage{ChatID: r.ChatID, Text: r.T("svy.saran_received"), EditID: promptID})
	}
	r.Reply(text)
}

// surveyDupKey is the keyed hash of account, unit and local day that lets
// one account count once per unit per day without storing who it is. ""
// when the configuration counts every response.
func (b *Bot) surveyDupKey(r *Request, unit string) (string, error) {
	if b.cfg.Survey.OncePer == OncePerNone {
		return "", nil
	}
	secret, err := b.surveySecret(r)
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, secret)
	mac.Write([]byte(strconv.FormatInt(r.From.ID, 10) + "|" + unit + "|" + r.Today().Format("2006-01-02")))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// surveySecret returns the server's HMAC secret, generating it at first
// use inside the request's transaction, so it is stored exactly when the
// first key made with it is. It is read each time (one primary-key lookup
// at the start and end of a survey) rather than cached, so two instances
// sharing a PostgreSQL database that raced at the very first start agree
// again at once.
func (b *Bot) surveySecret(r *Request) ([]byte, error) {
	v, ok, err := r.Tx.Setting(r.Ctx, surveySecretKey)
	if err != nil {
		return nil, err
	}
	if ok {
		return hex.DecodeString(v)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return nil, err
	}
	if err := r.Tx.PutSetting(r.Ctx, surveySecretKey, hex.EncodeToString(secret)); err != nil {
		return nil, err
	}
	return secret, nil
}
