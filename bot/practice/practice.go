// Package practice is practice mode (/latihan, /practice): a person
// switches into a sandbox where everything works as usual — reporting
// with evidence, approving, evaluating, the survey — on practice data
// kept in a database of its own, so none of it counts, reaches an export,
// a summary or the audit chain. cmd serves the sandbox with a second bot
// whose every message is marked, and routes the updates of people in
// practice to it (cmd/kinerjabot/practice.go). This package enters and
// ends practice, seeds the sandbox, keeps who is practising in the main
// database's settings, and ends practice older than a day (practice-expire).
package practice

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// MaxAge is how long a practice lasts before the job ends it.
const MaxAge = 24 * time.Hour

// Banner marks every practice message, at the top of its text or caption.
const Banner = "🧪 <b>LATIHAN / PRACTICE</b>"

// Sandbox is the practice database, managed by cmd.
type Sandbox interface {
	// Serves reports whether practising people's updates reach a bot on
	// the sandbox; practice cannot begin otherwise (their updates would be
	// handled for real).
	Serves() bool
	// Store returns the sandbox database, creating it when there is none.
	Store(ctx context.Context) (kinerja.Store, error)
	// Discard deletes the sandbox database and everything in it; the next
	// Store starts afresh. It is called when nobody practises any more.
	Discard(ctx context.Context) error
}

// Config wires practice to its sandbox; a nil Sandbox switches /latihan
// off (it says so).
type Config struct {
	Sandbox Sandbox
}

// buttons are practice's inline buttons: "ltn:end" ends practice.
var buttons = bot.Buttons{Prefix: "ltn"}

// Feature is practice mode.
type Feature struct {
	deps bot.Deps
	cfg  Config
}

// New returns practice mode over deps (the main database) and the sandbox.
func New(deps bot.Deps, cfg Config) *Feature {
	return &Feature{deps: deps.WithDefaults(), cfg: cfg}
}

// Register adds /latihan (alias /practice) and its button.
func (f *Feature) Register(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: Commands[0], Aliases: Commands[1:], Roles: []kinerja.Role{kinerja.RoleStaff},
		Help: "ltn.cmd", Example: "ltn.example", KeepsFlow: false, Handle: f.cmdPractice})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "end", Roles: []kinerja.Role{kinerja.RoleStaff}, Handle: f.pressEnd})
}

// endWords end practice as the argument of /latihan.
var endWords = map[string]bool{"selesai": true, "stop": true, "end": true, "done": true, "keluar": true, "exit": true}

// cmdPractice enters practice, shows it, or ends it (/latihan selesai).
func (f *Feature) cmdPractice(r *bot.Request) error {
	if r.ChatType != bot.ChatPrivate {
		r.Reply(r.T("ltn.private_only"))
		return nil
	}
	arg := strings.ToLower(strings.TrimSpace(r.Text))
	active, err := Active(r.Ctx, r.Tx)
	if err != nil {
		return err
	}
	e, on := active[r.From.ID]
	switch {
	case endWords[arg] && on:
		return f.endByUser(r, active, e)
	case endWords[arg]:
		r.Reply(r.T("ltn.not_on"))
	case arg != "":
		r.Reply(r.T("ltn.usage"))
	case on:
		r.Reply(Banner+"\n"+r.T("ltn.status", bot.Raw(e.Started().In(f.deps.Location).Format("02-01-2006 15:04")),
			bot.Raw(e.Started().Add(MaxAge).In(f.deps.Location).Format("02-01-2006 15:04"))),
			[]bot.Button{buttons.Button(r.T("ltn.end_button"), "end")})
	default:
		return f.enter(r, active)
	}
	return nil
}

// pressEnd ends practice from its button.
func (f *Feature) pressEnd(r *bot.Request) error {
	active, err := Active(r.Ctx, r.Tx)
	if err != nil {
		return err
	}
	e, on := active[r.From.ID]
	if !on {
		r.Answer(r.T("ltn.not_on"))
		return nil
	}
	r.Answer(r.T("ltn.ended_answer"))
	return f.endByUser(r, active, e)
}

// enter seeds the sandbox with the sender and switches them into practice.
func (f *Feature) enter(r *bot.Request, active map[int64]Entry) error {
	if f.cfg.Sandbox == nil || !f.cfg.Sandbox.Serves() {
		r.Reply(r.T("ltn.unavailable"))
		return nil
	}
	sb, err := f.cfg.Sandbox.Store(r.Ctx)
	if err != nil {
		return err
	}
	var s seeded
	err = sb.InTx(r.Ctx, func(tx kinerja.Tx) error {
		s, err = f.seed(r.Ctx, r.Tx, tx, r.Staff, r.From.ID, r.Now)
		return err
	})
	if err != nil {
		return err
	}
	if len(active) == 0 {
		// A new sandbox: practice data lives at most SandboxMaxAge from now.
		if err := r.Tx.PutSetting(r.Ctx, settingSince, strconv.FormatInt(r.Now.UnixMilli(), 10)); err != nil {
			return err
		}
	}
	active[r.From.ID] = Entry{NIP: r.Staff.NIP, Start: r.Now.UnixMilli(), First: r.MessageID, Last: r.MessageID}
	if err := putActive(r.Ctx, r.Tx, active); err != nil {
		return err
	}
	var sb2 strings.Builder
	sb2.WriteString(Banner + "\n" + r.T("ltn.welcome"))
	sb2.WriteString("\n\n" + r.T("ltn.try_staff"))
	if s.superiorSim {
		sb2.WriteString("\n" + r.T("ltn.superior_invented", s.superior))
	} else {
		sb2.WriteString("\n" + r.T("ltn.superior_real", s.superior))
	}
	if s.assessor {
		sb2.WriteString("\n\n" + r.T("ltn.try_assessor"))
	}
	sb2.WriteString("\n\n" + r.T("ltn.how_to_end"))
	r.Reply(sb2.String(), []bot.Button{buttons.Button(r.T("ltn.end_button"), "end")})
	return nil
}

// endByUser ends the sender's practice and says whether it counted.
func (f *Feature) endByUser(r *bot.Request, active map[int64]Entry, e Entry) error {
	last := e.Last
	if r.MessageID > last && r.Callback == nil {
		last = r.MessageID
	}
	e.Last = last
	done, err := f.end(r.Ctx, r.Tx, active, r.From.ID, e, r.Now)
	if err != nil {
		return err
	}
	if len(active) == 0 {
		r.After(f.discard)
	}
	text := r.T("ltn.ended")
	if done {
		text += "\n" + r.T("ltn.ended_done")
	}
	r.Reply(text)
	return nil
}

// end ends one person's practice in the main database (tx): it records
// whether they completed a practice report or decision, keeps the chat's
// practice message ids, and unlinks them in the sandbox so nothing more
// reaches them from it. The caller discards the sandbox when active is
// left empty.
func (f *Feature) end(ctx context.Context, tx settingStore, active map[int64]Entry, tid int64, e Entry, now time.Time) (done bool, err error) {
	if f.cfg.Sandbox != nil {
		sb, err := f.cfg.Sandbox.Store(ctx)
		if err != nil {
			return false, err
		}
		if done, err = progress(ctx, sb, e.NIP); err != nil {
			return false, err
		}
		err = sb.InTx(ctx, func(stx kinerja.Tx) error {
			if err := stx.LinkTelegram(ctx, e.NIP, 0); err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
				return err
			}
			return stx.DeleteSession(ctx, tid)
		})
		if err != nil {
			return false, err
		}
	}
	if done {
		if err := markDone(ctx, tx, e.NIP, now); err != nil {
			return false, err
		}
	}
	delete(active, tid)
	if err := putActive(ctx, tx, active); err != nil {
		return false, err
	}
	return done, addEnded(ctx, tx, tid, e.First, e.Last)
}

// discard deletes the sandbox once nobody practises (after the commit that
// ended the last practice).
func (f *Feature) discard(ctx context.Context) {
	if f.cfg.Sandbox == nil {
		return
	}
	// Someone may have started practising since; the sandbox is theirs.
	if active, err := Active(ctx, f.deps.Store); err != nil || len(active) > 0 {
		return
	}
	if err := f.cfg.Sandbox.Discard(ctx); err != nil {
		f.deps.Log.Error("practice: discarding the sandbox failed", "err", err)
	}
}

// progress reports whether nip sent a practice report or decided one.
func progress(ctx context.Context, sb kinerja.Store, nip string) (bool, error) {
	sent, err := sb.CountReports(ctx, kinerja.ReportFilter{NIP: nip})
	if err != nil || sent > 0 {
		return sent > 0, err
	}
	decided, err := sb.ListReports(ctx, kinerja.ReportFilter{AssessorNIP: nip,
		Statuses: []kinerja.ReportStatus{kinerja.ReportApproved, kinerja.ReportRejected, kinerja.ReportReturned}})
	if err != nil {
		return false, err
	}
	for _, rep := range decided {
		if rep.DecidedBy == nip {
			return true, nil
		}
	}
	return false, nil
}
