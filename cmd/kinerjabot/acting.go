package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/acting"
)

func init() {
	commands["acting"] = subcommand{"acting assessors, Plt/Plh (acting --for NIP --by NIP --from DAY --to DAY [--kind plt|plh] | acting list | acting end ID)", runActing}
}

// runActing records, lists and ends acting assignments: while one holds,
// what would go to the absent assessor goes to the acting one.
func runActing(ctx context.Context, a *app, args []string) int {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return runActingList(ctx, a, args[1:])
		case "end":
			return runActingEnd(ctx, a, args[1:])
		case "help", "-h", "--help":
			fmt.Fprintln(a.stderr, "Usage:\n  kinerjabot acting --for NIP --by NIP --from YYYY-MM-DD --to YYYY-MM-DD [--kind plt|plh]\n  kinerjabot acting list [--all]\n  kinerjabot acting end ID")
			return exitOK
		}
	}
	fs := newFlags(a, "acting", "--for NIP --by NIP --from YYYY-MM-DD --to YYYY-MM-DD [--kind plt|plh]",
		"Records that --by acts as assessor in the post of --for over the days given (inclusive):\n"+
			"reports, reminders, evaluations and objections that would go to --for go to --by,\n"+
			"and every decision records both.")
	forNIP := fs.String("for", "", "the absent assessor's `NIP`")
	byNIP := fs.String("by", "", "the acting assessor's `NIP`")
	from := fs.String("from", "", "first `day`, YYYY-MM-DD")
	to := fs.String("to", "", "last `day`, YYYY-MM-DD")
	kind := fs.String("kind", "plh", "plt (pelaksana tugas) or plh (pelaksana harian)")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *forNIP == "" || *byNIP == "" || *from == "" || *to == "" {
		fs.Usage()
		return exitUsage
	}
	act, err := newActing(*forNIP, *byNIP, *from, *to, *kind, a.now())
	if err == nil {
		err = a.withStore(ctx, func(db kinerja.Store) error {
			return db.InTx(ctx, func(tx kinerja.Tx) error {
				if err := acting.Create(ctx, tx, act, ""); err != nil {
					return err
				}
				return a.tellActing(ctx, tx, act, false)
			})
		})
	}
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "%d\t%s\n", act.ID, actingLine(act))
	return exitOK
}

// newActing checks the arguments of an assignment (kinerja.Acting.Check,
// the same checks as in chat).
func newActing(forNIP, byNIP, from, to, kind string, now time.Time) (*kinerja.Acting, error) {
	a := &kinerja.Acting{ForNIP: forNIP, ByNIP: byNIP, Kind: kinerja.ActingKind(strings.ToLower(kind)), From: from, To: to,
		CreatedAt: now, CreatedBy: "cli"}
	if err := a.Check(); err != nil {
		return nil, err
	}
	return a, nil
}

// actingLine describes an assignment for an operator.
func actingLine(a *kinerja.Acting) string {
	s := fmt.Sprintf("%s\t%s acts for %s\t%s..%s", strings.ToUpper(string(a.Kind)), a.ByNIP, a.ForNIP, a.From, a.To)
	if !a.EndedAt.IsZero() {
		s += "\tended " + a.EndedAt.Format(time.RFC3339)
	}
	return s
}

// runActingList prints the assignments in force (with --all, also ended ones).
func runActingList(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "acting list", "[--all]", "Lists acting assignments, by first day.")
	all := fs.Bool("all", false, "include assignments ended early")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	var list []*kinerja.Acting
	err := a.withStore(ctx, func(db kinerja.Store) error {
		var err error
		list, err = db.ListActing(ctx, kinerja.ActingFilter{WithEnded: *all})
		return err
	})
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	for _, x := range list {
		fmt.Fprintf(a.stdout, "%d\t%s\n", x.ID, actingLine(x))
	}
	return exitOK
}

// runActingEnd ends an assignment now.
func runActingEnd(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "acting end", "ID", "Ends an acting assignment now.")
	id, rest := splitPositional(args)
	if code, ok := parseFlags(fs, rest); !ok {
		return code
	}
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil {
		fs.Usage()
		return exitUsage
	}
	var ended *kinerja.Acting
	err = a.withStore(ctx, func(db kinerja.Store) error {
		return db.InTx(ctx, func(tx kinerja.Tx) error {
			var err error
			if ended, err = acting.End(ctx, tx, n, a.now(), ""); err != nil {
				return err
			}
			return a.tellActing(ctx, tx, ended, true)
		})
	})
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	fmt.Fprintf(a.stdout, "%d\t%s\n", ended.ID, actingLine(ended))
	return exitOK
}

// tellActing queues, as the chat's /plt does, the notice of an assignment
// recorded or ended to both people; the running bot sends it.
func (a *app) tellActing(ctx context.Context, tx kinerja.Tx, act *kinerja.Acting, ended bool) error {
	now := a.now()
	msgs, err := acting.Notices(ctx, tx, act, ended, a.cfg.Location(), a.cfg.lang, now)
	if err != nil || len(msgs) == 0 {
		return err
	}
	slot := fmt.Sprintf("%d/new", act.ID)
	if ended {
		slot = fmt.Sprintf("%d/ended", act.ID)
	}
	_, err = tx.EnqueueRun(ctx, &kinerja.JobRun{Job: "acting", Slot: slot, At: now}, msgs)
	return err
}

// withStore opens the existing database for fn and closes it.
func (a *app) withStore(ctx context.Context, fn func(db kinerja.Store) error) error {
	db, err := a.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}
