package evaluation

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The admin's part of evaluations: each unit's own predicate for a period
// (SE MenPANRB 3/2023), against which the unit's staff predicates are
// checked (and only checked: no predicate is ever changed by it).

// registerUnitPredicate adds /predikatunit and its buttons.
func (f *Feature) registerUnitPredicate(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "predikatunit", Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "upred.cmd", Example: "upred.ex", Handle: f.cmdUnitPredicate})
	b.Button(bot.ButtonSpec{Buttons: unitPredButtons, Action: "u", Args: 2, Handle: f.pressUnit})
	b.Button(bot.ButtonSpec{Buttons: unitPredButtons, Action: "pg", Args: 2, Handle: f.pressUnitPage})
	b.Button(bot.ButtonSpec{Buttons: unitPredButtons, Action: "s", Args: 3, Handle: f.pressUnitPredicate})
}

// cmdUnitPredicate takes "[UNIT] [PERIOD]" in any order. Without a unit it
// shows the units as buttons; the period defaults to the one just ended.
func (f *Feature) cmdUnitPredicate(r *bot.Request) error {
	p, code := f.defaultPeriod(r), ""
	for _, f := range strings.Fields(r.Text) {
		if q, err := kinerja.ParsePeriod(f); err == nil {
			p = q
		} else {
			code = strings.ToUpper(f)
		}
	}
	if code == "" {
		return f.unitPicker(r, p, 0, false)
	}
	u, err := r.Tx.Unit(r.Ctx, code)
	if err != nil {
		return err
	}
	text, buttons, err := f.unitPredicateCard(r, u, p)
	if err != nil {
		return err
	}
	r.Reply(text, buttons...)
	return nil
}

// unitPicker lists units as buttons "upr:u:<code>:<period>", twenty a page.
func (f *Feature) unitPicker(r *bot.Request, p kinerja.Period, page int, edit bool) error {
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil {
		return err
	}
	const perPage = 20
	if page < 0 || page*perPage >= len(units) {
		page = 0
	}
	end := min(len(units), (page+1)*perPage)
	var rows [][]bot.Button
	for i := page * perPage; i < end; i++ {
		btn := unitPredButtons.Button(units[i].Name, "u", units[i].Code, p)
		if len(btn.Data) > 64 {
			continue // a code too long for a button; it can be typed
		}
		if i%2 == 0 || len(rows) == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], btn)
	}
	var nav []bot.Button
	if page > 0 {
		nav = append(nav, unitPredButtons.Button("◀️", "pg", p, page-1))
	}
	if end < len(units) {
		nav = append(nav, unitPredButtons.Button("▶️", "pg", p, page+1))
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	text := r.T("upred.choose_unit", bot.PeriodLabel(r.Lang, p))
	if edit {
		r.ReplyEdit(text, rows...)
	} else {
		r.Reply(text, rows...)
	}
	return nil
}

// unitPredicateCard shows a unit's predicate for a period and the five
// choices.
func (f *Feature) unitPredicateCard(r *bot.Request, u *kinerja.Unit, p kinerja.Period) (string, [][]bot.Button, error) {
	cur := r.T("upred.unset")
	up, err := r.Tx.UnitPredicate(r.Ctx, u.Code, p.String())
	switch {
	case err == nil:
		cur = string(up.Predikat)
	case kinerja.ErrorCode(err) != kinerja.ENotFound:
		return "", nil, err
	}
	var rows [][]bot.Button
	for i, op := range kinerja.OrgPredikats {
		label := string(op)
		if up != nil && up.Predikat == op {
			label = "• " + label
		}
		if btn := unitPredButtons.Button(label, "s", u.Code, p, i); len(btn.Data) <= 64 {
			rows = append(rows, []bot.Button{btn})
		}
	}
	return r.T("upred.card", u.Name, u.Code, bot.PeriodLabel(r.Lang, p), cur), rows, nil
}

// pressUnitPage turns the page of the unit picker: "upr:pg:<period>:<n>".
// Only an admin may press the unit predicate's buttons.
func (f *Feature) pressUnitPage(r *bot.Request) error {
	if !r.IsAdmin() {
		return kinerja.Errorf(kinerja.EForbidden, "err.admin_only")
	}
	p, err := parseEvalPeriod(r.Args[0])
	if err != nil {
		return err
	}
	page, _ := strconv.Atoi(r.Args[1])
	return f.unitPicker(r, p, page, true)
}

// pressUnit shows a unit's card: "upr:u:<code>:<period>".
func (f *Feature) pressUnit(r *bot.Request) error {
	u, p, err := unitArgs(r)
	if err != nil {
		return err
	}
	text, buttons, err := f.unitPredicateCard(r, u, p)
	if err != nil {
		return err
	}
	r.ReplyEdit(text, buttons...)
	return nil
}

// pressUnitPredicate sets a unit's predicate:
// "upr:s:<code>:<period>:<index>".
func (f *Feature) pressUnitPredicate(r *bot.Request) error {
	u, p, err := unitArgs(r)
	if err != nil {
		return err
	}
	i, ok := r.ArgInt(2)
	if !ok || i < 0 || int(i) >= len(kinerja.OrgPredikats) {
		return r.Stale()
	}
	op := kinerja.OrgPredikats[i]
	d, err := setUnitPredicate(r.Ctx, r.Tx, u, p, op, r.Staff.NIP, r.Now)
	if err != nil {
		return err
	}
	r.ReplyEdit(unitPredicateSet(r.Lang, u, p, op, d))
	return nil
}

// unitArgs checks that the presser is an admin and reads the unit and the
// period of a unit predicate's button.
func unitArgs(r *bot.Request) (*kinerja.Unit, kinerja.Period, error) {
	if !r.IsAdmin() {
		return nil, kinerja.Period{}, kinerja.Errorf(kinerja.EForbidden, "err.admin_only")
	}
	u, err := r.Tx.Unit(r.Ctx, r.Args[0])
	if err != nil {
		return nil, kinerja.Period{}, err
	}
	p, err := parseEvalPeriod(r.Args[1])
	return u, p, err
}

// unitPredicateSet describes a newly set predicate: the rules it brings and
// how the unit's confirmed results stand against them now.
func unitPredicateSet(lang kinerja.Lang, u *kinerja.Unit, p kinerja.Period, op kinerja.OrgPredikat, d distResult) string {
	var sb strings.Builder
	sb.WriteString(bot.T(lang, "upred.set", u.Name, bot.PeriodLabel(lang, p), string(op)))
	for _, rule := range scoring.DistributionRules(op) {
		sb.WriteString("\n• " + ruleText(lang, rule))
	}
	switch {
	case d.total == 0:
		sb.WriteString("\n\n" + bot.T(lang, "upred.no_results"))
	case len(d.breaches) == 0:
		sb.WriteString("\n\n" + bot.T(lang, "upred.results_ok", d.total))
	default:
		sb.WriteString("\n\n" + bot.T(lang, "upred.results_breach", d.total, bot.Raw(breachLines(lang, d.breaches))))
	}
	return sb.String()
}

// ruleText describes a distribution rule ("at most 70% Sangat Baik").
func ruleText(lang kinerja.Lang, rule scoring.DistributionRule) string {
	key := "distrule." + strings.TrimPrefix(rule.Key, "dist.")
	if !strings.Contains(strings.ReplaceAll(bot.T(kinerja.LangID, key), "%%", ""), "%") {
		return bot.T(lang, key)
	}
	return bot.T(lang, key, rule.Percent)
}

// setUnitPredicate stores a unit's predicate and checks the unit's
// confirmed results against it; by is the admin's NIP ("" from the command
// line).
func setUnitPredicate(ctx context.Context, tx unitPredicateStore, u *kinerja.Unit, p kinerja.Period,
	op kinerja.OrgPredikat, by string, now time.Time) (distResult, error) {
	d := distResult{unit: u.Name, org: op}
	before := ""
	if old, err := tx.UnitPredicate(ctx, u.Code, p.String()); err == nil {
		before = old.AuditJSON()
	} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return d, err
	}
	up := &kinerja.UnitPredicate{UnitCode: u.Code, Period: p.String(), Predikat: op, SetBy: by, SetAt: now}
	if err := tx.PutUnitPredicate(ctx, up); err != nil {
		return d, err
	}
	if err := auditTx(ctx, tx, now, by, "unit_predicate.set", "unit_predicate", u.Code+"/"+p.String(), before, up.AuditJSON()); err != nil {
		return d, err
	}
	finals, err := tx.ListEvaluations(ctx, kinerja.EvaluationFilter{Period: p.String(), UnitCode: u.Code, Status: kinerja.EvalFinal})
	if err != nil {
		return d, err
	}
	counts := map[kinerja.Predikat]int{}
	for _, e := range finals {
		counts[e.Predikat]++
	}
	d.total = len(finals)
	d.breaches = scoring.CheckDistribution(op, counts)
	return d, nil
}

// SetUnitPredicate sets a unit's own predicate for a period from the
// command line (kinerjabot unit-predicate), as /predikatunit does in the
// chat, and returns a description of the rules and of the unit's confirmed
// results against them, in the default language. No staff predicate is
// changed.
func (f *Feature) SetUnitPredicate(ctx context.Context, unitCode, period, predikat string) (string, error) {
	op, err := kinerja.ParseOrgPredikat(predikat)
	if err != nil {
		return "", err
	}
	p, err := kinerja.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	var text string
	err = f.inTx(ctx, func(tx kinerja.Tx) error {
		u, err := tx.Unit(ctx, strings.ToUpper(unitCode))
		if err != nil {
			return err
		}
		d, err := setUnitPredicate(ctx, tx, u, p, op, "", f.deps.Now())
		if err != nil {
			return err
		}
		text = unitPredicateSet(f.deps.DefaultLang, u, p, op, d)
		return nil
	})
	return text, err
}
