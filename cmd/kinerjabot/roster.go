package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

func init() {
	commands["roster"] = subcommand{"import or list the roster (roster import FILE | roster list | roster history NIP)", runRoster}
}

func runRoster(ctx context.Context, a *app, args []string) int {
	return dispatch(ctx, a, "roster", "Usage:\n  kinerjabot roster import FILE [--skip-invalid]\n  kinerjabot roster list [--unit CODE] [--format csv|xlsx] [--out FILE]\n  kinerjabot roster history NIP",
		args, map[string]func(context.Context, *app, []string) int{"import": runRosterImport, "list": runRosterList, "history": runRosterHistory})
}

// runRosterImport checks the whole file, lists every bad row, and writes
// nothing when any row is bad unless --skip-invalid is given.
func runRosterImport(ctx context.Context, a *app, args []string) int {
	return runSheetImport(ctx, a, args, "roster import",
		"Imports the roster from a .csv or .xlsx file with the columns\n"+
			"NIP, Nama, Jabatan, Kode Unit, Nama Unit and optional NIP Atasan, Peran (admin)\n"+
			"and Tanggal Efektif (the day a changed unit or superior took effect; default today).\n"+
			"Any number of people may have no NIP Atasan (tops); the summary names them.\n"+
			"The whole file is checked first; by default nothing is written when any row is bad.\n"+
			"Importing again updates in place; a changed unit or superior keeps its history (roster history NIP).",
		"roster.nothing_written",
		func(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skip bool) (fmt.Stringer, []importer.Problem, error) {
			sum, probs, err := importer.ImportRoster(ctx, db, t, at.In(a.cfg.Location()), skip)
			if tr := a.cfg.Evaluation.TopReviewer; tr.NIP == "" && tr.Name == "" && hasNote(sum.Notes, "roster.tops") {
				sum.Notes = append(sum.Notes, importer.Problem{Key: "roster.tops_no_reviewer"})
			}
			return summaryText{a.cfg.lang, sum}, probs, err
		})
}

// hasNote reports whether notes hold one with key.
func hasNote(notes []importer.Problem, key string) bool {
	for _, n := range notes {
		if n.Key == key {
			return true
		}
	}
	return false
}

// summaryText renders an import summary in the configured language.
type summaryText struct {
	lang kinerja.Lang
	sum  interface{ Text(kinerja.Lang) string }
}

func (s summaryText) String() string { return s.sum.Text(s.lang) }

// sheetImport checks and writes one file in one transaction.
type sheetImport func(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skipInvalid bool) (fmt.Stringer, []importer.Problem, error)

// runSheetImport is the shared shape of the file imports (roster, targets):
// read the file, check it whole, list every bad row in the configured
// language, and write nothing (exit 1) unless --skip-invalid is given.
func runSheetImport(ctx context.Context, a *app, args []string, name, about, nothingKey string, run sheetImport) int {
	fs := newFlags(a, name, "FILE [--skip-invalid]", about)
	skip := fs.Bool("skip-invalid", false, "write the good rows and still list the bad ones")
	file, rest := splitPositional(args)
	if code, ok := parseFlags(fs, rest); !ok {
		return code
	}
	if file == "" && fs.NArg() > 0 {
		file = fs.Arg(0)
	}
	if file == "" {
		fs.Usage()
		return exitUsage
	}
	lang := a.cfg.lang
	tab, err := sheet.Read(file)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", importer.ErrorText(lang, err))
		return exitFailed
	}
	db, discard, err := a.openCreating(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	sum, probs, err := run(ctx, db, tab, a.now(), *skip)
	for _, p := range probs {
		fmt.Fprintln(a.stderr, p.Text(lang))
	}
	if err != nil {
		discard() // nothing was written: a database created for it goes
		fmt.Fprintln(a.stderr, "kinerjabot:", importer.ErrorText(lang, err))
		return exitFailed
	}
	if len(probs) > 0 && !*skip {
		discard()
		fmt.Fprintln(a.stderr, importer.Message(lang, nothingKey, len(probs)))
		return exitFailed
	}
	fmt.Fprintln(a.stdout, sum)
	return exitOK
}

// runRosterList prints the roster in the import's own columns, so a listing
// can be edited and imported again.
func runRosterList(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "roster list", "[--unit CODE] [--format csv|xlsx] [--out FILE]", "Prints the roster (CSV to standard output by default).")
	unit := fs.String("unit", "", "only the unit with this `CODE`")
	format := fs.String("format", "csv", "csv or xlsx")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if !a.validFormat(*format) {
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	staff, ok := a.unitStaff(ctx, db, *unit)
	if !ok {
		return exitFailed
	}
	units, err := db.ListUnits(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	header, rows := importer.RosterTable(staff, units)
	if err := a.writeTable(*out, *format, "Pegawai", header, rows); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	return exitOK
}

// writeTable writes one table as CSV or XLSX (see writeSheets).
func (a *app) writeTable(path, format, sheetName string, header []string, rows [][]string) error {
	return a.writeSheets(path, format, []sheet.Sheet{{Name: sheetName, Header: header, Rows: rows}})
}

// splitPositional takes a leading positional argument (a file name written
// before the flags, as in "roster import FILE --skip-invalid").
func splitPositional(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}
