package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/atomicfile"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	commands["export"] = subcommand{"export results for a period as CSV or XLSX (for e-Kinerja and reports)", runExport}
}

// exportRegistry returns the one export registry, the /ekspor dialogue's,
// built from the features wired to db; db is nil when only the kinds'
// names and descriptions are needed (the help).
func (a *app) exportRegistry(db *storage.DB) (*export.Registry, error) {
	var store kinerja.Store
	if db != nil {
		store = db
	}
	_, reg, err := a.features(a.deps(store))
	return reg, err
}

// runExport writes one export: CSV (the first table) to standard output by
// default, or XLSX with one sheet per table.
func runExport(ctx context.Context, a *app, args []string) int {
	reg, err := a.exportRegistry(nil)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	var kinds []string
	for _, k := range reg.Kinds() {
		kinds = append(kinds, fmt.Sprintf("  %-12s %s", k.Name, k.About))
	}
	sort.Strings(kinds)
	fs := newFlags(a, "export", "--what KIND --period PERIOD [--unit CODE] [--format csv|xlsx|pdf] [--out FILE]",
		"Exports results. KIND is one of:\n"+strings.Join(kinds, "\n")+
			"\nPERIOD is YYYY-MM (a month) or YYYY (a year). CSV goes to standard output unless --out is given.\n"+
			"--unit and --format pdf are for the kinds that offer them (skm-report).")
	what := fs.String("what", "", "what to export (see above)")
	period := fs.String("period", "", "the `PERIOD`, YYYY-MM or YYYY")
	format := fs.String("format", "csv", "csv, xlsx or pdf")
	unit := fs.String("unit", "", "only the unit with this `CODE` (skm-report)")
	out := fs.String("out", "", "write to `FILE` instead of standard output")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if _, ok := reg.Lookup(*what); !ok {
		fmt.Fprintf(a.stderr, "kinerjabot export: --what %q is not known; use one of:\n%s\n", *what, strings.Join(kinds, "\n"))
		return exitUsage
	}
	p, err := kinerja.ParsePeriod(*period)
	if err != nil || (p.Kind != kinerja.Monthly && p.Kind != kinerja.Yearly) {
		fmt.Fprintf(a.stderr, "kinerjabot export: --period %q: use YYYY-MM (a month) or YYYY (a year)\n", *period)
		return exitUsage
	}
	if k, _ := reg.Lookup(*what); *unit != "" && k.ForUnit == nil {
		fmt.Fprintf(a.stderr, "kinerjabot export: --what %s does not take --unit\n", *what)
		return exitUsage
	} else if *format == "pdf" && k.PDF == nil {
		fmt.Fprintf(a.stderr, "kinerjabot export: --what %s has no PDF; use csv or xlsx\n", *what)
		return exitUsage
	} else if *format != "pdf" && !a.validFormat(*format) {
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	// The same kinds again, now reading db.
	if reg, err = a.exportRegistry(db); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	kind, _ := reg.Lookup(*what)
	if *format == "pdf" {
		doc, err := kind.PDF(ctx, p, *unit)
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			return exitFailed
		}
		if err := a.writeBinary(*out, doc); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", err)
			return exitFailed
		}
		return exitOK
	}
	build := kind.Build
	if *unit != "" {
		build = func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) { return kind.ForUnit(ctx, p, *unit) }
	}
	sheets, err := build(ctx, p)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	if err := a.writeSheets(*out, *format, sheets); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	return exitOK
}

// writeSheets writes tables as CSV (the first table) or XLSX (every table
// a sheet) to path, or to standard output when path is "". XLSX is binary,
// so it is refused on a terminal. A file is written atomically: when
// anything fails (a full disk, say), the previous file at path is left as
// it was and the error is returned.
func (a *app) writeSheets(path, format string, sheets []sheet.Sheet) error {
	if len(sheets) == 0 {
		return fmt.Errorf("nothing to export")
	}
	write := func(w io.Writer) error {
		if format == "xlsx" {
			return sheet.WriteXLSX(w, sheets)
		}
		return sheet.WriteCSV(w, sheets[0].Header, sheets[0].Rows)
	}
	if path != "" {
		if err := atomicfile.Write(path, 0o644, write); err != nil {
			return fmt.Errorf("%w; the previous file, if any, is unchanged", err)
		}
		return nil
	}
	if format == "xlsx" {
		if f, ok := a.stdout.(*os.File); ok {
			if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
				return fmt.Errorf("XLSX is binary: give --out FILE")
			}
		}
	}
	return write(a.stdout)
}

// writeBinary writes a finished document to path atomically, or to
// standard output when it is not a terminal.
func (a *app) writeBinary(path string, data []byte) error {
	write := func(w io.Writer) error { _, err := w.Write(data); return err }
	if path != "" {
		if err := atomicfile.Write(path, 0o644, write); err != nil {
			return fmt.Errorf("%w; the previous file, if any, is unchanged", err)
		}
		return nil
	}
	if f, ok := a.stdout.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return fmt.Errorf("PDF is binary: give --out FILE")
		}
	}
	return write(a.stdout)
}
