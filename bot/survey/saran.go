package survey

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// /saran: the suggestions citizens left, for the unit head (their units)
// and admins (every unit), newest first, five a page, each with a button
// to record its follow-up (tindak lanjut): what was done, by whom, when.

// saranButtons: "saran:pg:<unit|->:<page>" a page, "saran:f:<id>" the
// follow-up of one suggestion.
var saranButtons = bot.Buttons{Prefix: "saran"}

// saranFlow is the dialogue of a follow-up being typed.
const saranFlow = "saran"

// saranPage is how many suggestions one message shows.
const saranPage = 5

// allUnits stands for "every unit" in /saran's buttons (admins).
const allUnits = "-"

// registerSaran adds /saran, its buttons and the follow-up dialogue.
func (f *Feature) registerSaran(b *bot.Bot) {
	roles := []kinerja.Role{kinerja.RoleAdmin, kinerja.RoleAssessor}
	b.Command(bot.CommandSpec{Name: "saran", Roles: roles, Help: "svy.cmd_saran", Handle: f.cmdSaran})
	b.Button(bot.ButtonSpec{Buttons: saranButtons, Action: "pg", Args: 2, Handle: f.pressSaranPage})
	b.Button(bot.ButtonSpec{Buttons: saranButtons, Action: "f", Args: 1, Handle: f.pressFollowUp})
	b.Flow(bot.FlowSpec{Name: saranFlow, Handle: f.followUpMessage})
	f.registerPublish(b)
}

// saranUnit reports whether the sender may read unit's suggestions
// (allUnits: only an admin).
func saranAllowed(r *bot.Request, unit string) (bool, error) {
	if r.IsAdmin() {
		return true, nil
	}
	if unit == allUnits {
		return false, nil
	}
	units, err := ikmUnits(r)
	for _, u := range units {
		if u.Code == unit {
			return true, err
		}
	}
	return false, err
}

// cmdSaran shows the first page: every unit for an admin, the one unit a
// head heads, or a choice of the units they head.
func (f *Feature) cmdSaran(r *bot.Request) error {
	if r.IsAdmin() {
		return f.saranReply(r, allUnits, 0, false)
	}
	units, err := ikmUnits(r)
	if err != nil {
		return err
	}
	switch len(units) {
	case 0:
		r.Reply(r.T("svy.saran_not_head"))
		return nil
	case 1:
		return f.saranReply(r, units[0].Code, 0, false)
	}
	var rows [][]bot.Button
	for _, u := range units {
		rows = append(rows, []bot.Button{saranButtons.Button(u.Name, "pg", u.Code, 0)})
	}
	r.Reply(r.T("svy.ikm_choose_unit"), rows...)
	return nil
}

// pressSaranPage handles "saran:pg:<unit>:<page>".
func (f *Feature) pressSaranPage(r *bot.Request) error {
	page, ok := r.ArgInt(1)
	if !ok || page < 0 {
		return r.Stale()
	}
	if allowed, err := saranAllowed(r, r.Args[0]); err != nil || !allowed {
		if err != nil {
			return err
		}
		return r.Stale()
	}
	return f.saranReply(r, r.Args[0], int(page), true)
}

// saranReply renders one page of a unit's (or every unit's) suggestions.
func (f *Feature) saranReply(r *bot.Request, unit string, page int, edit bool) error {
	filter := kinerja.SuggestionFilter{UnitCode: unit, Offset: page * saranPage, Limit: saranPage}
	if unit == allUnits {
		filter.UnitCode = ""
	}
	list, total, err := r.Tx.SurveySuggestions(r.Ctx, filter)
	if err != nil {
		return err
	}
	services, err := f.Services(r.Ctx, r.Tx, filter.UnitCode)
	if err != nil {
		return err
	}
	var sb strings.Builder
	sb.WriteString(r.T("svy.saran_head", total))
	var rows [][]bot.Button
	for i, s := range list {
		n := page*saranPage + i + 1
		where := s.UnitCode
		if s.ServiceCode != "" {
			where += " · " + serviceName(services, s.UnitCode, s.ServiceCode)
		}
		sb.WriteString("\n\n" + r.T("svy.saran_item", n, bot.DateLabel(r.Lang, s.Day.In(r.Loc())), where, s.Text))
		if s.Action != "" {
			sb.WriteString("\n" + r.T("svy.saran_action", s.Action, bot.DateLabel(r.Lang, s.ActionAt.In(r.Loc()))))
		}
		row := []bot.Button{saranButtons.Button(r.T("svy.saran_follow_btn", n), "f", s.ID)}
		// Published on the site ("Anda berkata, kami lakukan"), or not yet.
		if s.Published() {
			sb.WriteString("\n" + r.T("svy.saran_published", bot.DateLabel(r.Lang, s.PublishedAt.In(r.Loc())), s.PublicText))
			row = append(row, saranButtons.Button(r.T("svy.saran_unpublish_btn", n), "u", s.ID))
		} else {
			row = append(row, saranButtons.Button(r.T("svy.saran_publish_btn", n), "p", s.ID))
		}
		rows = append(rows, row)
	}
	if total == 0 {
		sb.WriteString("\n\n" + r.T("svy.saran_none"))
	}
	var nav []bot.Button
	if page > 0 {
		nav = append(nav, saranButtons.Button(r.T("svy.page_prev"), "pg", unit, page-1))
	}
	if (page+1)*saranPage < total {
		nav = append(nav, saranButtons.Button(r.T("svy.page_next"), "pg", unit, page+1))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	if edit {
		r.ReplyEdit(sb.String(), rows...)
	} else {
		r.Reply(sb.String(), rows...)
	}
	return nil
}

// pressFollowUp handles "saran:f:<id>": asks for the follow-up's text.
func (f *Feature) pressFollowUp(r *bot.Request) error {
	id, ok := r.ArgInt(0)
	if !ok {
		return r.Stale()
	}
	s, err := r.Tx.SurveySuggestion(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	if allowed, err := saranAllowed(r, s.UnitCode); err != nil || !allowed {
		if err != nil {
			return err
		}
		return r.Stale()
	}
	r.StartFlow(saranFlow, "0", map[string]string{"id": strconv.FormatInt(id, 10)})
	if err := r.SaveSession(); err != nil {
		return err
	}
	r.Answer("")
	r.Reply(r.T("svy.saran_follow_ask", s.Text))
	return nil
}

// followUpMaxLen is the longest follow-up accepted, in characters.
const followUpMaxLen = 1000

// followUpMessage records the typed follow-up.
func (f *Feature) followUpMessage(r *bot.Request) error {
	text := strings.TrimSpace(r.Text)
	if r.Kind != bot.KindText || text == "" || utf8.RuneCountInString(text) > followUpMaxLen {
		r.Reply(r.T("svy.saran_follow_bad", followUpMaxLen))
		return nil
	}
	id, err := strconv.ParseInt(r.Session.Data["id"], 10, 64)
	if err != nil {
		return r.EndFlow()
	}
	if err := f.FollowUp(r.Ctx, r.Tx, id, text, r.Staff.NIP, r.Now); err != nil {
		return r.EndFlowWith(err)
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	r.Reply(r.T("svy.saran_follow_done"))
	return nil
}

// followUpStore is what recording a follow-up uses.
type followUpStore interface {
	FollowUpSurveySuggestion(ctx context.Context, id int64, action, by string, at time.Time) error
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}

// FollowUp records what was done about a suggestion, by whom and when,
// with its entry in the audit log.
func (f *Feature) FollowUp(ctx context.Context, s followUpStore, id int64, action, by string, at time.Time) error {
	if err := s.FollowUpSurveySuggestion(ctx, id, action, by, at); err != nil {
		return err
	}
	after, err := json.Marshal(struct {
		Action string `json:"action"`
	}{action})
	if err != nil {
		return err
	}
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: by, Action: "survey.follow_up",
		Entity: "survey_suggestion", EntityID: strconv.FormatInt(id, 10), After: string(after)})
}

// SuggestionsHeader is the header of the suggestions export.
var SuggestionsHeader = []string{"unit_code", "unit_name", "service_code", "service_name", "date", "suggestion",
	"follow_up", "follow_up_by", "follow_up_date", "published_text", "published_date"}

// SuggestionsTable returns the suggestions of period p (of unit, "" for
// all), newest first, with their follow-ups.
func (f *Feature) SuggestionsTable(ctx context.Context, p kinerja.Period, unit string) ([][]string, error) {
	loc, store := f.deps.Location, f.deps.Store
	list, _, err := store.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: unit, From: p.Start(loc), To: p.End(loc)})
	if err != nil {
		return nil, err
	}
	services, err := f.Services(ctx, store, unit)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	rows := [][]string{SuggestionsHeader}
	for _, s := range list {
		if _, ok := names[s.UnitCode]; !ok {
			names[s.UnitCode] = s.UnitCode
			if u, err := store.Unit(ctx, s.UnitCode); err == nil {
				names[s.UnitCode] = u.Name
			}
		}
		svcName, actionDate, publishedDate := "", "", ""
		if s.ServiceCode != "" {
			svcName = serviceName(services, s.UnitCode, s.ServiceCode)
		}
		if !s.ActionAt.IsZero() {
			actionDate = s.ActionAt.In(loc).Format(time.DateOnly)
		}
		if s.Published() {
			publishedDate = s.PublishedAt.In(loc).Format(time.DateOnly)
		}
		rows = append(rows, []string{s.UnitCode, names[s.UnitCode], s.ServiceCode, svcName,
			s.Day.In(loc).Format(time.DateOnly), s.Text, s.Action, s.ActionBy, actionDate, s.PublicText, publishedDate})
	}
	return rows, nil
}

// suggestionsSheet is the suggestions export as a sheet.
func (f *Feature) suggestionsSheet(ctx context.Context, p kinerja.Period, unit string) (sheet.Sheet, error) {
	rows, err := f.SuggestionsTable(ctx, p, unit)
	if err != nil {
		return sheet.Sheet{}, err
	}
	return sheet.Sheet{Name: "Saran " + p.String(), Header: rows[0], Rows: rows[1:]}, nil
}
