package main

import (
	"context"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// runRosterHistory prints where a person was and who assessed them, and
// from when: the spans a roster import records for every move (Tanggal
// Efektif), so an officer can check a move landed on the day meant.
func runRosterHistory(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "roster history", "NIP",
		"Prints a person's units and assessors with the days they held (tab-separated:\n"+
			"unit|superior, code or NIP, from, to; \"-\" while it holds).")
	nip, rest := splitPositional(args)
	if code, ok := parseFlags(fs, rest); !ok {
		return code
	}
	if nip == "" {
		fs.Usage()
		return exitUsage
	}
	loc := a.cfg.Location()
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return kinerja.DayOf(t, loc)
	}
	err := a.withStore(ctx, func(db kinerja.Store) error {
		if _, err := db.Staff(ctx, nip); err != nil {
			return err
		}
		units, err := db.UnitHistory(ctx, nip)
		if err != nil {
			return err
		}
		sups, err := db.SuperiorHistory(ctx, nip)
		if err != nil {
			return err
		}
		for _, u := range units {
			fmt.Fprintf(a.stdout, "unit\t%s\t%s\t%s\n", u.UnitCode, day(u.From), day(u.To))
		}
		for _, s := range sups {
			sup := s.SuperiorNIP
			if sup == "" {
				sup = "-"
			}
			fmt.Fprintf(a.stdout, "superior\t%s\t%s\t%s\n", sup, day(s.From), day(s.To))
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	return exitOK
}
