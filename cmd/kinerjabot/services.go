package main

import (
	"context"
	"fmt"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

func init() {
	commands["services"] = subcommand{"import or list the units' services for the satisfaction survey (services import FILE | services list)", runServices}
}

// runServices dispatches "services import FILE" and "services list".
func runServices(ctx context.Context, a *app, args []string) int {
	return dispatch(ctx, a, "services", "Usage:\n  kinerjabot services import FILE\n  kinerjabot services list [--unit CODE]",
		args, map[string]func(context.Context, *app, []string) int{"import": runServicesImport, "list": runServicesList})
}

// runServicesImport checks the whole file and imports it, or lists every
// bad row and writes nothing.
func runServicesImport(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "services import", "FILE",
		"Imports the units' services (jenis layanan) from a .csv or .xlsx file with the columns\n"+
			"Kode Unit, Kode Layanan, Nama Layanan and optional Standar Waktu (menit). The whole file\n"+
			"is checked first; nothing is written when any row is bad. Importing again updates in place.")
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
	tab, err := sheet.Read(file)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", importer.ErrorText(a.cfg.lang, err))
		return exitFailed
	}
	list, probs := survey.ParseServices(tab)
	for _, p := range probs {
		fmt.Fprintf(a.stderr, "%d: %s\n", p.Row, bot.T(a.cfg.lang, p.Key, p.Args...))
	}
	if len(probs) > 0 {
		fmt.Fprintf(a.stderr, "kinerjabot: %d problem(s); nothing was written\n", len(probs))
		return exitFailed
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	f := survey.New(a.deps(db), a.surveyConfig()) // no links printed: no username needed
	n, err := f.ImportServices(ctx, list)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "%d services imported\n", n)
	return exitOK
}

// runServicesList prints "unit<TAB>code<TAB>name<TAB>minutes", configured
// and imported together.
func runServicesList(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "services list", "[--unit CODE]", "Prints the units' services, configured and imported.")
	unit := fs.String("unit", "", "only the unit with this `CODE`")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	f := survey.New(a.deps(db), a.surveyConfig()) // no links printed: no username needed
	list, err := f.Services(ctx, db, *unit)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	for _, s := range list {
		fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%d\n", s.UnitCode, s.Code, s.Name, s.StandardMinutes)
	}
	return exitOK
}
