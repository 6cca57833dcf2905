package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The admin's part of evaluations: each unit's own predicate for a period
// (SE MenPANRB 3/2023), and correcting a locked result with a reason.

// flowCorrection is the session flow of the reason for a correction.
const flowCorrection = "koreksi"

// registerEvalAdmin adds /predikatunit and /koreksi.
func (b *Bot) registerEvalAdmin() {
	b.Command(CommandSpec{Name: "predikatunit", Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "upred.cmd", Example: "upred.ex", Handle: b.cmdUnitPredicate})
	b.onCallback("upr", b.cbUnitPredicate)
	b.Command(CommandSpec{Name: "koreksi", Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "corr.cmd", Example: "corr.ex", Handle: b.cmdCorrection})
	b.onCallback("kor", b.cbCorrection)
	b.onFlow(flowCorrection, b.flowCorrection)
}

// cmdUnitPredicate takes "[UNIT] [PERIOD]" in any order. Without a unit it
// shows the units as buttons; the period defaults to the one just ended.
func (b *Bot) cmdUnitPredicate(r *Request) error {
	p, code := defaultPeriod(r), ""
	for _, f := range strings.Fields(r.Text) {
		if q, err := kinerja.ParsePeriod(f); err == nil {
			p = q
		} else {
			code = strings.ToUpper(f)
		}
	}
	if code == "" {
		return b.unitPicker(r, p, 0, false)
	}
	u, err := r.Tx.Unit(r.Ctx, code)
	if err != nil {
		return err
	}
	text, buttons, err := b.unitPredicateCard(r, u, p)
	if err != nil {
		return err
	}
	r.Reply(text, buttons...)
	return nil
}

// unitPicker lists units as buttons "upr:u:<code>:<period>", twenty a page.
func (b *Bot) unitPicker(r *Request, p kinerja.Period, page int, edit bool) error {
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil {
		return err
	}
	const perPage = 20
	if page < 0 || page*perPage >= len(units) {
		page = 0
	}
	end := min(len(units), (page+1)*perPage)
	var rows [][]Button
	for i := page * perPage; i < end; i++ {
		data := "upr:u:" + units[i].Code + ":" + p.String()
		if len(data) > 64 {
			continue // a code too long for a button; it can be typed
		}
		if i%2 == 0 || len(rows) == 0 {
			rows = append(rows, nil)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], Button{Text: units[i].Name, Data: data})
	}
	var nav []Button
	if page > 0 {
		nav = append(nav, Button{Text: "◀️", Data: "upr:pg:" + p.String() + ":" + strconv.Itoa(page-1)})
	}
	if end < len(units) {
		nav = append(nav, Button{Text: "▶️", Data: "upr:pg:" + p.String() + ":" + strconv.Itoa(page+1)})
	}
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	text := r.T("upred.choose_unit", periodLabel(r.Lang, p))
	if edit {
		r.ReplyEdit(text, rows...)
	} else {
		r.Reply(text, rows...)
	}
	return nil
}

// unitPredicateCard shows a unit's predicate for a period and the five
// choices.
func (b *Bot) unitPredicateCard(r *Request, u *kinerja.Unit, p kinerja.Period) (string, [][]Button, error) {
	cur := r.T("upred.unset")
	up, err := r.Tx.UnitPredicate(r.Ctx, u.Code, p.String())
	switch {
	case err == nil:
		cur = string(up.Predikat)
	case kinerja.ErrorCode(err) != kinerja.ENotFound:
		return "", nil, err
	}
	var rows [][]Button
	for i, op := range kinerja.OrgPredikats {
		label := string(op)
		if up != nil && up.Predikat == op {
			label = "• " + label
		}
		data := "upr:s:" + u.Code + ":" + p.String() + ":" + strconv.Itoa(i)
		if len(data) <= 64 {
			rows = append(rows, []Button{{Text: label, Data: data}})
		}
	}
	return r.T("upred.card", u.Name, u.Code, periodLabel(r.Lang, p), cur), rows, nil
}

// cbUnitPredicate handles "upr:u:<code>:<period>", "upr:pg:<period>:<n>"
// and "upr:s:<code>:<period>:<index>". Only an admin may press them.
func (b *Bot) cbUnitPredicate(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if !r.IsAdmin() {
		return kinerja.Errorf(kinerja.EForbidden, "err.admin_only")
	}
	if len(args) < 3 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	if args[0] == "pg" {
		p, err := parseEvalPeriod(args[1])
		if err != nil {
			return err
		}
		page, _ := strconv.Atoi(args[2])
		return b.unitPicker(r, p, page, true)
	}
	u, err := r.Tx.Unit(r.Ctx, args[1])
	if err != nil {
		return err
	}
	p, err := parseEvalPeriod(args[2])
	if err != nil {
		return err
	}
	switch {
	case args[0] == "u" && len(args) == 3:
		text, buttons, err := b.unitPredicateCard(r, u, p)
		if err != nil {
			return err
		}
		r.ReplyEdit(text, buttons...)
		return nil
	case args[0] == "s" && len(args) == 4:
		i, err := strconv.Atoi(args[3])
		if err != nil || i < 0 || i >= len(kinerja.OrgPredikats) {
			r.Answer(r.T("core.stale_button"))
			return nil
		}
		d, err := b.setUnitPredicate(r.Ctx, r.Tx, u, p, kinerja.OrgPredikats[i], r.Staff.NIP, r.Now)
		if err != nil {
			return err
		}
		r.ReplyEdit(b.unitPredicateSet(r.Lang, u, p, kinerja.OrgPredikats[i], d))
		return nil
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// unitPredicateSet describes a newly set predicate: the rules it brings and
// how the unit's confirmed results stand against them now.
func (b *Bot) unitPredicateSet(lang kinerja.Lang, u *kinerja.Unit, p kinerja.Period, op kinerja.OrgPredikat, d distResult) string {
	var sb strings.Builder
	sb.WriteString(T(lang, "upred.set", u.Name, periodLabel(lang, p), string(op)))
	for _, rule := range scoring.DistributionRules(op) {
		sb.WriteString("\n• " + ruleText(lang, rule))
	}
	switch {
	case d.total == 0:
		sb.WriteString("\n\n" + T(lang, "upred.no_results"))
	case len(d.breaches) == 0:
		sb.WriteString("\n\n" + T(lang, "upred.results_ok", d.total))
	default:
		sb.WriteString("\n\n" + T(lang, "upred.results_breach", d.total, Raw(breachLines(lang, d.breaches))))
	}
	return sb.String()
}

// ruleText describes a distribution rule ("at most 70% Sangat Baik").
func ruleText(lang kinerja.Lang, rule scoring.DistributionRule) string {
	key := "distrule." + strings.TrimPrefix(rule.Key, "dist.")
	if verbCount(catalogue[key][0]) == 0 {
		return T(lang, key)
	}
	return T(lang, key, rule.Percent)
}

// setUnitPredicate stores a unit's predicate and checks the unit's
// confirmed results against it; by is the admin's NIP ("" from the command
// line).
func (b *Bot) setUnitPredicate(ctx context.Context, tx kinerja.Tx, u *kinerja.Unit, p kinerja.Period,
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
	if err := b.auditTx(ctx, tx, now, by, "unit_predicate.set", "unit_predicate", u.Code+"/"+p.String(), before, up.AuditJSON()); err != nil {
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
// command line (kinerjabot unit-predicate) and returns a description of the
// rules and of the unit's confirmed results against them, in the default
// language. No staff predicate is changed.
func (b *Bot) SetUnitPredicate(ctx context.Context, unitCode, period, predikat string) (string, error) {
	op, err := kinerja.ParseOrgPredikat(predikat)
	if err != nil {
		return "", err
	}
	p, err := kinerja.ParsePeriod(period)
	if err != nil {
		return "", err
	}
	var text string
	err = b.store.InTx(ctx, func(tx kinerja.Tx) error {
		u, err := tx.Unit(ctx, strings.ToUpper(unitCode))
		if err != nil {
			return err
		}
		d, err := b.setUnitPredicate(ctx, tx, u, p, op, "", b.now())
		if err != nil {
			return err
		}
		text = b.unitPredicateSet(b.cfg.DefaultLang, u, p, op, d)
		return nil
	})
	return text, err
}
