package survey

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The dialogue: a citizen scans the QR code at a counter, the deep link
// opens it, and the questionnaire's unsur are answered with buttons on one
// message edited in place.
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
// Buttons carry "svy:a:<sid>:<step>:<value>". The step is the one the
// button was drawn for: a press for any other step is stale and changes
// nothing.

const surveyFlow = "survey"

// The dialogue's buttons are "svy:<survey id>:<step>:<value>": the
// survey id comes first, where other features put an action, so they are
// registered by value (the layout of earlier releases, which citizens in
// the middle of a survey during an upgrade still have on screen).

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

// steps returns how many button steps the survey has: the unsur, then the
// profile questions when configured. The suggestion comes after them.
func (f *Feature) steps() int {
	if f.cfg.Profile {
		return len(f.q.Unsur) + len(surveyProfile)
	}
	return len(f.q.Unsur)
}

// openLink resolves a survey link's payload and its unit. A link that
// does not exist or was revoked is answered here, and link is nil.
func openLink(r *bot.Request, payload string) (*kinerja.SurveyLink, *kinerja.Unit, error) {
	link, err := r.Tx.SurveyLink(r.Ctx, payload)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.Reply(r.T("svy.link_invalid"))
		return nil, nil, nil
	} else if err != nil {
		return nil, nil, err
	}
	if link.Revoked() {
		r.Reply(r.T("svy.link_revoked"))
		return nil, nil, nil
	}
	unit, err := r.Tx.Unit(r.Ctx, link.UnitCode)
	if err != nil {
		return nil, nil, err
	}
	return link, unit, nil
}

// startSurvey opens the survey of a deep link's unit.
func (f *Feature) startSurvey(r *bot.Request) error {
	link, unit, err := openLink(r, r.Text)
	if link == nil || err != nil {
		return err
	}
	if r.Staff != nil && r.Staff.UnitCode == unit.Code {
		r.Reply(r.T("svy.own_unit", r.Staff.Name, unit.Name))
		return nil
	}
	// The service began at the account's "Mulai layanan" scan, if any.
	if err := f.recordServiceTime(r, unit.Code, link.ServiceCode); err != nil {
		return err
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
	// A link that names a service: the greeting names it, and every step
	// shows it beside the unit.
	unitName, serviceLine := unit.Name, ""
	if link.ServiceCode != "" {
		svc, err := f.Service(r.Ctx, r.Tx, unit.Code, link.ServiceCode)
		if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
			return err
		}
		name := link.ServiceCode
		if err == nil {
			name = svc.Name
		}
		unitName, serviceLine = unit.Name+" · "+name, "\n"+r.T("svy.greeting_service", name)
	}
	// Tell a repeat straight away rather than after all the questions; the
	// check is repeated at the end, where the unique key makes it race-safe.
	key, err := f.surveyDupKey(r, unit.Code)
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
	// it (the router already ended it); the old message's buttons carry
	// the old sid and are refused.
	r.StartFlow(surveyFlow, "0", map[string]string{
		"unit": unit.Code, "uname": unitName, "sid": newSurveyID(), "ans": "", "svc": link.ServiceCode,
	})
	if officerName != "" {
		r.Session.Data["officer"], r.Session.Data["oname"] = link.OfficerNIP, officerName
		r.Reply(r.T("svy.greeting_officer", unit.Name, officerName, len(f.q.Unsur)) + serviceLine)
	} else {
		r.Reply(r.T("svy.greeting", unit.Name, len(f.q.Unsur)) + serviceLine)
	}
	if err := r.SaveSession(); err != nil {
		return err
	}
	text, buttons := f.surveyStep(r)
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
func (f *Feature) surveyStep(r *bot.Request) (string, [][]bot.Button) {
	d := r.Session.Data
	step, n, nu := len(d["ans"]), f.steps(), len(f.q.Unsur)
	button := func(text, v string) bot.Button { return svyButtons.Button(text, d["sid"], step, v) }
	nav := []bot.Button{button(r.T("svy.btn_cancel"), "x")}
	if step > 0 {
		nav = append([]bot.Button{button(r.T("svy.btn_back"), "back")}, nav...)
	}
	var rows [][]bot.Button
	var text string
	switch {
	case step < nu:
		u := f.q.Unsur[step]
		text = r.T("svy.question", d["uname"], step+1, nu, u.Name.In(r.Lang), u.Question.In(r.Lang))
		// One answer per row, 1 to 4 in order: the full wording stays
		// readable on a phone.
		for k, l := range u.Answers {
			rows = append(rows, []bot.Button{button(strconv.Itoa(k+1)+" · "+l.In(r.Lang), strconv.Itoa(k+1))})
		}
	case step < n:
		q := surveyProfile[step-nu]
		text = r.T("svy.profile_question", d["uname"], step-nu+1, len(surveyProfile), r.T(q.key))
		for k, code := range q.options {
			rows = append(rows, []bot.Button{button(r.T(q.key+"."+code), strconv.Itoa(k+1))})
		}
		rows = append(rows, []bot.Button{button(r.T("svy.p_skip"), "0")})
	default:
		text = r.T("svy.saran_prompt", d["uname"], f.cfg.SuggestionMax)
		rows = append(rows, []bot.Button{button(r.T("svy.btn_skip"), "skip")})
	}
	return text, append(rows, nav)
}

// pressSurvey handles a press "svy:a:<sid>:<step>:<value>". Nothing in the
// data is trusted: the survey id and step must match the open session, and
// the value must be one the step offers.
func (f *Feature) pressSurvey(r *bot.Request) error {
	s := r.Session
	if s == nil || s.Flow != surveyFlow {
		// Expired, cancelled or finished: say so and take the buttons away.
		r.Answer(r.T("svy.not_running"))
		r.ReplyEdit(r.T("svy.not_running"))
		return nil
	}
	if r.Args[0] != s.Data["sid"] {
		r.Answer(r.T("svy.replaced"))
		r.ReplyEdit(r.T("svy.replaced"))
		return nil
	}
	// The message pressed is the one to edit from now on, also when the
	// citizen types instead of pressing.
	s.MessageID = r.Callback.MessageID
	ans := s.Data["ans"]
	step, err := strconv.Atoi(r.Args[1])
	if err != nil || step != len(ans) {
		if err == nil && step >= 0 && step < len(ans) {
			r.Answer(r.T("svy.answered_before"))
		} else {
			r.Answer(r.T("core.stale_button"))
		}
		// Show the current step again on the pressed message.
		text, buttons := f.surveyStep(r)
		r.ReplyEdit(text, buttons...)
		return r.SaveSession()
	}
	switch v := r.Args[2]; {
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
	case v == "skip" && step == f.steps():
		return f.completeSurvey(r, "")
	case f.validStepValue(step, v):
		s.Data["ans"] = ans + v
	default:
		return r.Stale()
	}
	s.Step = strconv.Itoa(len(s.Data["ans"]))
	if err := r.SaveSession(); err != nil {
		return err
	}
	text, buttons := f.surveyStep(r)
	r.ReplyEdit(text, buttons...)
	return nil
}

// validStepValue reports whether v is an answer the step offers.
func (f *Feature) validStepValue(step int, v string) bool {
	if len(v) != 1 || v[0] < '0' || v[0] > '9' {
		return false
	}
	k, nu := int(v[0]-'0'), len(f.q.Unsur)
	switch {
	case step < nu:
		return k >= 1 && k <= 4
	case step < f.steps():
		return k <= len(surveyProfile[step-nu].options)
	}
	return false
}

// surveyMessage handles what a citizen sends inside the survey: the
// suggestion at its step, and a gentle pointer to the buttons elsewhere.
func (f *Feature) surveyMessage(r *bot.Request) error {
	step := len(r.Session.Data["ans"])
	if step < f.steps() {
		r.Reply(r.T("svy.use_buttons"))
		text, buttons := f.surveyStep(r)
		r.Reply(text, buttons...)
		return r.SaveSession()
	}
	skip := [][]bot.Button{{svyButtons.Button(r.T("svy.btn_skip"), r.Session.Data["sid"], step, "skip")}}
	if r.Kind != bot.KindText {
		r.Reply(r.T("svy.saran_text_only"), skip...)
		return r.SaveSession()
	}
	text := strings.TrimSpace(r.Text)
	if n := utf8.RuneCountInString(text); n > f.cfg.SuggestionMax {
		r.Reply(r.T("svy.saran_too_long", n, f.cfg.SuggestionMax), skip...)
		return r.SaveSession()
	} else if n == 0 {
		r.Reply(r.T("svy.saran_empty"), skip...)
		return r.SaveSession()
	}
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	return f.completeSurvey(r, text)
}

// completeSurvey stores the response, thanks the citizen and alerts the
// unit head. A repeat (same account, unit and day) is thanked and not
// counted: the unique duplicate key decides, so two racing completions
// cannot both count.
func (f *Feature) completeSurvey(r *bot.Request, suggestion string) error {
	d := r.Session.Data
	unitName := d["uname"]
	resp := &kinerja.SurveyResponse{
		UnitCode: d["unit"], OfficerNIP: d["officer"], ServiceCode: d["svc"], Suggestion: suggestion, Day: r.Today(),
		Answers: map[string]int{},
	}
	ans, nu := d["ans"], len(f.q.Unsur)
	answers := make([]int, nu)
	for i, u := range f.q.Unsur {
		answers[i] = int(ans[i] - '0')
		resp.Answers[u.Code] = answers[i]
	}
	if f.cfg.Profile {
		codes := make([]string, len(surveyProfile))
		for i, q := range surveyProfile {
			if k := int(ans[nu+i] - '0'); k > 0 {
				codes[i] = q.options[k-1]
			}
		}
		resp.Profile = kinerja.SurveyProfile{Gender: codes[0], AgeBand: codes[1], Education: codes[2], Occupation: codes[3]}
	}
	if err := (scoring.Response{Answers: answers}).Validate(f.q.Codes()); err != nil {
		return err
	}
	promptID := r.Session.MessageID
	if err := r.EndFlow(); err != nil {
		return err
	}
	// Linked to the unit's staff since the survey began: still not counted.
	if r.Staff != nil && r.Staff.UnitCode == resp.UnitCode {
		surveyEnd(r, promptID, r.T("svy.own_unit", r.Staff.Name, unitName))
		return nil
	}
	key, err := f.surveyDupKey(r, resp.UnitCode)
	if err != nil {
		return err
	}
	resp.DupKey = key
	err = r.Tx.AddSurveyResponse(r.Ctx, resp)
	if kinerja.ErrorCode(err) == kinerja.EConflict {
		surveyEnd(r, promptID, r.T("svy.already_counted", unitName))
		return nil
	} else if err != nil {
		return err
	}
	surveyEnd(r, promptID, r.T("svy.thanks", unitName))
	// Flags never stop a citizen: they are recorded for the admins.
	if err := f.flagResponse(r.Ctx, r.Tx, resp, r.Now); err != nil {
		return err
	}
	return f.surveyAlert(r, resp, unitName)
}

// surveyEnd says the final word. A press edits the survey message into it;
// after a typed suggestion the prompt (the message last pressed on) is
// edited to acknowledge it, and the final word follows as a new message,
// under the citizen's own.
func surveyEnd(r *bot.Request, promptID int, text string) {
	if r.Callback != nil {
		r.ReplyEdit(text)
		return
	}
	if promptID != 0 {
		r.Send(bot.OutMessage{ChatID: r.ChatID, Text: r.T("svy.saran_received"), EditID: promptID})
	}
	r.Reply(text)
}

// surveyDupKey is the keyed hash of account, unit and local day that lets
// one account count once per unit per day without storing who it is. The
// key is the day's random key (dayKeys), which never enters the database.
// "" when the configuration counts every response.
func (f *Feature) surveyDupKey(r *bot.Request, unit string) (string, error) {
	if f.cfg.OncePer == OncePerNone {
		return "", nil
	}
	day := r.Today()
	key, err := f.keys.key(day.Format(time.DateOnly))
	if err != nil {
		return "", err
	}
	return dupKeyOf(key, r.From.ID, unit, day), nil
}

// dupKeyOf is the HMAC of account, unit and local day under the day's key.
func dupKeyOf(key []byte, account int64, unit string, day time.Time) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(strconv.FormatInt(account, 10) + "|" + unit + "|" + day.Format(time.DateOnly)))
	return hex.EncodeToString(mac.Sum(nil))
}
