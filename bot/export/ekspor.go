package export

import (
	"bytes"
	"context"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// /ekspor: an admin picks a period and what to export, and gets an XLSX
// workbook as a document in the chat. The tables are the registry's kinds
// that have a Label, the same the export command writes.

// buttons are /ekspor's inline buttons: "ekspor:p:PERIOD" (the period
// chosen) and "ekspor:k:PERIOD:NAME" (the kind, or "all").
var buttons = bot.Buttons{Prefix: "ekspor"}

// allKinds is the kind name of the "everything" button.
const allKinds = "all"

// feature is the admin's /ekspor dialogue over a registry.
type feature struct {
	reg *Registry
}

// NewFeature returns /ekspor offering the kinds of reg. Build it after the
// features whose kinds reg holds. It takes deps like every feature's
// constructor; the kinds' builders already carry theirs.
func NewFeature(reg *Registry, _ bot.Deps) bot.Feature {
	if reg == nil {
		reg = &Registry{byName: map[string]Kind{}}
	}
	return &feature{reg: reg}
}

// Register adds /ekspor and its buttons to b.
func (f *feature) Register(b *bot.Bot) {
	admin := []kinerja.Role{kinerja.RoleAdmin}
	b.Command(bot.CommandSpec{Name: "ekspor", Aliases: []string{"export"}, Roles: admin,
		Help: "ekspor.cmd", Handle: f.cmdExport})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "p", Args: 1, Roles: admin, Handle: f.pressPeriod})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "k", Args: 2, Roles: admin, Handle: f.pressKind})
}

// chatKinds are the kinds offered in the chat: those with a label, in
// registration order.
func (f *feature) chatKinds() []Kind {
	var out []Kind
	for _, k := range f.reg.Kinds() {
		if k.Label != "" {
			out = append(out, k)
		}
	}
	return out
}

// cmdExport offers the periods.
func (f *feature) cmdExport(r *bot.Request) error {
	if len(f.chatKinds()) == 0 {
		r.Reply(r.T("ekspor.nothing"))
		return nil
	}
	this := kinerja.MonthOf(r.Now, r.Loc())
	year := kinerja.Period{Kind: kinerja.Yearly, Year: this.Year}
	r.Reply(r.T("ekspor.ask_period"),
		[]bot.Button{buttons.Button(r.T("ekspor.this_month", bot.MonthLabel(r.Lang, this)), "p", this)},
		[]bot.Button{buttons.Button(r.T("ekspor.last_month", bot.MonthLabel(r.Lang, this.Prev())), "p", this.Prev())},
		[]bot.Button{buttons.Button(r.T("ekspor.this_year", year.String()), "p", year)})
	return nil
}

// period reads the period argument: a month or a year, or ok is false.
func period(s string) (p kinerja.Period, ok bool) {
	p, err := kinerja.ParsePeriod(s)
	return p, err == nil && (p.Kind == kinerja.Monthly || p.Kind == kinerja.Yearly)
}

// pressPeriod offers the kinds for the period chosen.
func (f *feature) pressPeriod(r *bot.Request) error {
	p, ok := period(r.Args[0])
	if !ok {
		return r.Stale()
	}
	kinds := f.chatKinds()
	var rows [][]bot.Button
	for _, k := range kinds {
		rows = append(rows, []bot.Button{buttons.Button(r.T(k.Label), "k", p, k.Name)})
	}
	if len(kinds) > 1 {
		rows = append(rows, []bot.Button{buttons.Button(r.T("ekspor.kind_all"), "k", p, allKinds)})
	}
	r.ReplyEdit(r.T("ekspor.ask_kind", bot.MonthLabel(r.Lang, p)), rows...)
	return nil
}

// pressKind sends the workbook of the kind (or all kinds) chosen.
func (f *feature) pressKind(r *bot.Request) error {
	p, ok := period(r.Args[0])
	if !ok {
		return r.Stale()
	}
	var kinds []Kind
	for _, k := range f.chatKinds() {
		if r.Args[1] == allKinds || r.Args[1] == k.Name {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) == 0 {
		return r.Stale()
	}
	r.ReplyEdit(r.T("ekspor.preparing", bot.MonthLabel(r.Lang, p)))
	b, chat, lang := r.Bot(), r.ChatID, r.Lang
	// The workbook is built after the commit, outside the transaction:
	// a year of data must not hold the database's write lock.
	r.After(func(ctx context.Context) { send(ctx, b, chat, lang, p, kinds) })
	return nil
}

// send builds the workbook and sends it as a document, or says it failed.
func send(ctx context.Context, b *bot.Bot, chat int64, lang kinerja.Lang, p kinerja.Period, kinds []Kind) {
	failed := bot.OutMessage{ChatID: chat, Text: bot.T(lang, "ekspor.failed")}
	var sheets []sheet.Sheet
	var names []string
	for _, k := range kinds {
		s, err := k.Build(ctx, p)
		if err != nil {
			b.Log().Error("export failed", "kind", k.Name, "period", p.String(), "err", err)
			b.Notify(ctx, failed)
			return
		}
		sheets = append(sheets, s...)
		names = append(names, bot.T(lang, k.Label))
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, sheets); err != nil {
		b.Log().Error("export failed", "period", p.String(), "err", err)
		b.Notify(ctx, failed)
		return
	}
	file := "kinerja-" + p.String() + ".xlsx"
	if len(kinds) == 1 {
		file = "kinerja-" + kinds[0].Name + "-" + p.String() + ".xlsx"
	}
	b.Notify(ctx, bot.OutMessage{ChatID: chat, Document: buf.Bytes(), FileName: file,
		Text: bot.T(lang, "ekspor.caption", strings.Join(names, ", "), bot.MonthLabel(lang, p))})
}
