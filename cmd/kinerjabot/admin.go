package main

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

func init() {
	commands["invite"] = subcommand{"print one-time invitation links for NIPs or a whole unit", runInvite}
	commands["unlink"] = subcommand{"remove the Telegram link of a NIP", runUnlink}
}

// runInvite prints "NIP<TAB>name<TAB>code<TAB>link" for each person.
func runInvite(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "invite", "[--unit CODE] [NIP…]",
		"Creates a one-time invitation code for each person and prints it with its deep link,\n"+
			"tab-separated: NIP, name, code, link. The person opens the link in Telegram to link\n"+
			"their account. Codes expire after invite_ttl_days (default 14). A new code ends the\n"+
			"person's earlier unused codes, unless --keep-earlier.")
	unit := fs.String("unit", "", "invite every person of the unit with this `CODE`")
	keep := fs.Bool("keep-earlier", false, "keep the earlier unused codes valid beside the new one")
	skipLinked := fs.Bool("skip-linked", true, "with --unit, skip people whose account is already linked")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	nips := fs.Args()
	if *unit == "" && len(nips) == 0 {
		fs.Usage()
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	if *unit != "" {
		staff, ok := a.unitStaff(ctx, db, *unit)
		if !ok {
			return exitFailed
		}
		for _, s := range staff {
			if !(*skipLinked && s.Linked()) {
				nips = append(nips, s.NIP)
			}
		}
	}
	// The unit is checked above, before the username: a mistyped unit is
	// the first thing to fix.
	username, err := a.username(ctx, db)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	status := exitOK
	for _, nip := range nips {
		nip = strings.TrimSpace(nip)
		if !kinerja.ValidNIP(nip) {
			fmt.Fprintf(a.stderr, "kinerjabot: %q is not a NIP (18 digits)\n", nip)
			status = exitFailed
			continue
		}
		st, err := db.Staff(ctx, nip)
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			status = exitFailed
			continue
		}
		var code string
		var revoked int64
		err = db.InTx(ctx, func(tx kinerja.Tx) error {
			code, revoked, err = bot.Invite(ctx, tx, nip, a.now(), a.botConfig().InviteTTL, *keep)
			return err
		})
		if err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			status = exitFailed
			continue
		}
		if revoked > 0 {
			fmt.Fprintf(a.stderr, "kinerjabot: %s: %d earlier unused code(s) no longer valid\n", nip, revoked)
		}
		fmt.Fprintf(a.stdout, "%s\t%s\t%s\t%s\n", nip, st.Name, code, bot.DeepLink(username, code))
	}
	return status
}

// runUnlink removes a NIP's Telegram link.
func runUnlink(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "unlink", "NIP…", "Removes the Telegram link of each NIP. History is kept; the person\nneeds a new invitation to link again.")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	status := exitOK
	for _, nip := range fs.Args() {
		if err := bot.Unlink(ctx, db, nip); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
			status = exitFailed
			continue
		}
		fmt.Fprintf(a.stdout, "%s\tunlinked\n", nip)
	}
	return status
}
