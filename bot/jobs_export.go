package bot

import (
	"bytes"
	"context"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// /ekspor: an admin picks a period and what to export, and gets an XLSX
// workbook as a document in the chat. The tables come from the features
// that own the data (work reports, the survey, evaluations), each through
// an exportKind it registers.

// exportKind is one kind of table /ekspor offers.
type exportKind struct {
	key   string // in callback data; short
	label string // text key of its button
	// build returns the sheets for period p, reading through tx.
	build func(b *Bot, ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]sheet.Sheet, error)
}

// exportKinds are the kinds on offer, in button order.
var exportKinds []exportKind

// registerExportKind adds a kind of export; features call it from init.
func registerExportKind(k exportKind) { exportKinds = append(exportKinds, k) }

// The kinds on offer: the tables of work reports, the survey and the
// evaluations, the same as "kinerjabot export" writes.
func init() {
	registerExportKind(exportKind{key: "ikm", label: "ekspor.kind_ikm", build: ikmSheets})
	registerExportKind(exportKind{key: "nilai", label: "ekspor.kind_evaluations", build: evaluationSheets})
}

// evaluationSheets is the confirmed evaluations of p and their indicators
// (the same as "kinerjabot export --what evaluations", and "indicators").
func evaluationSheets(b *Bot, ctx context.Context, _ kinerja.Tx, p kinerja.Period) ([]sheet.Sheet, error) {
	evs, err := b.EvaluationTable(ctx, p)
	if err != nil {
		return nil, err
	}
	ind, err := b.IndicatorTable(ctx, p)
	if err != nil {
		return nil, err
	}
	return []sheet.Sheet{
		{Name: "Penilaian " + p.String(), Header: evs[0], Rows: evs[1:]},
		{Name: "Indikator " + p.String(), Header: ind[0], Rows: ind[1:]},
	}, nil
}

// ikmSheets is the survey's IKM table (the same as "kinerjabot export
// --what ikm") as one sheet.
func ikmSheets(b *Bot, ctx context.Context, _ kinerja.Tx, p kinerja.Period) ([]sheet.Sheet, error) {
	rows, err := b.IKMTable(ctx, p)
	if err != nil {
		return nil, err
	}
	return []sheet.Sheet{{Name: "IKM " + p.String(), Header: rows[0], Rows: rows[1:]}}, nil
}

func (b *Bot) registerExport() {
	b.Command(CommandSpec{Name: "ekspor", Aliases: []string{"export"}, Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "ekspor.cmd", Handle: b.cmdExport})
	b.onCallback("ekspor", b.cbExport)
}

// cmdExport offers the periods.
func (b *Bot) cmdExport(r *Request) error {
	if len(exportKinds) == 0 {
		r.Reply(r.T("ekspor.nothing"))
		return nil
	}
	this := kinerja.MonthOf(r.Now, r.Loc())
	year := kinerja.Period{Kind: kinerja.Yearly, Year: this.Year}
	r.Reply(r.T("ekspor.ask_period"),
		[]Button{{Text: r.T("ekspor.this_month", jobMonth(r.Lang, this)), Data: "ekspor:p:" + this.String()}},
		[]Button{{Text: r.T("ekspor.last_month", jobMonth(r.Lang, this.Prev())), Data: "ekspor:p:" + this.Prev().String()}},
		[]Button{{Text: r.T("ekspor.this_year", year.String()), Data: "ekspor:p:" + year.String()}})
	return nil
}

// cbExport takes the period ("p:PERIOD") and then the kind ("k:PERIOD:KIND").
func (b *Bot) cbExport(r *Request) error {
	if !r.IsAdmin() {
		r.Answer(r.T("core.not_allowed", "/ekspor"))
		return nil
	}
	args := callbackArgs(r.Callback.Data)
	if len(args) < 2 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	p, err := kinerja.ParsePeriod(args[1])
	if err != nil || (p.Kind != kinerja.Monthly && p.Kind != kinerja.Yearly) {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	name := jobMonth(r.Lang, p)
	switch {
	case args[0] == "p" && len(args) == 2:
		var rows [][]Button
		for _, k := range exportKinds {
			rows = append(rows, []Button{{Text: r.T(k.label), Data: "ekspor:k:" + p.String() + ":" + k.key}})
		}
		if len(exportKinds) > 1 {
			rows = append(rows, []Button{{Text: r.T("ekspor.kind_all"), Data: "ekspor:k:" + p.String() + ":all"}})
		}
		r.ReplyEdit(r.T("ekspor.ask_kind", name), rows...)
		return nil
	case args[0] == "k" && len(args) == 3:
		var kinds []exportKind
		for _, k := range exportKinds {
			if args[2] == "all" || args[2] == k.key {
				kinds = append(kinds, k)
			}
		}
		if len(kinds) == 0 {
			r.Answer(r.T("core.stale_button"))
			return nil
		}
		r.ReplyEdit(r.T("ekspor.preparing", name))
		chat, lang := r.ChatID, r.Lang
		// The workbook is built after the commit, outside the transaction:
		// a year of data must not hold the database's write lock.
		r.After(func(ctx context.Context) { b.sendExport(ctx, chat, lang, p, kinds) })
		return nil
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// sendExport builds the workbook and sends it as a document.
func (b *Bot) sendExport(ctx context.Context, chat int64, lang kinerja.Lang, p kinerja.Period, kinds []exportKind) {
	var sheets []sheet.Sheet
	var names []string
	for _, k := range kinds {
		s, err := k.build(b, ctx, b.store, p)
		if err != nil {
			b.log.Error("export failed", "kind", k.key, "period", p.String(), "err", err)
			b.sendOrLog(ctx, OutMessage{ChatID: chat, Text: T(lang, "ekspor.failed")})
			return
		}
		sheets = append(sheets, s...)
		names = append(names, T(lang, k.label))
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, sheets); err != nil {
		b.log.Error("export failed", "period", p.String(), "err", err)
		b.sendOrLog(ctx, OutMessage{ChatID: chat, Text: T(lang, "ekspor.failed")})
		return
	}
	file := "kinerja-" + p.String() + ".xlsx"
	if len(kinds) == 1 {
		file = "kinerja-" + kinds[0].key + "-" + p.String() + ".xlsx"
	}
	b.sendOrLog(ctx, OutMessage{ChatID: chat, Document: buf.Bytes(), FileName: file,
		Text: T(lang, "ekspor.caption", strings.Join(names, ", "), jobMonth(lang, p))})
}

// sendOrLog sends an interactive message, recording an unreachable user.
func (b *Bot) sendOrLog(ctx context.Context, m OutMessage) {
	if _, err := b.msg.Send(ctx, m); err != nil {
		b.sendFailed(ctx, m.ChatID, err)
	}
}
