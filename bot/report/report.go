// Package report is the work reports feature: staff report completed work
// against their indicators (/lapor) with evidence, follow and correct their
// reports (/laporan), see their achievement (/capaian); assessors approve,
// reject or return them (/persetujuan, the decision messages, a digest).
// Its services (the export rows, the digest) work without a chat.
package report

import (
	"context"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Feature is the work reports feature. It implements bot.Feature,
// export.Source and jobs.Provider.
type Feature struct {
	given bot.Deps // as cmd gave them; Register fills the gaps from the bot
	deps  bot.Deps
	cfg   Config
	// bot sends what goes out outside an update (the digest). It is set by
	// Register; nil on the command line, where nothing can be sent.
	bot *bot.Bot
}

// New returns the feature over deps with the local policy cfg (zero
// fields take their defaults).
func New(deps bot.Deps, cfg Config) *Feature {
	return &Feature{given: deps, deps: deps.WithDefaults(), cfg: cfg.withDefaults()}
}

// The buttons of the feature; their data layouts are those of the first
// release, so buttons left in chats keep working.
var (
	// lpButtons are the /lapor dialogue's: "lp:t:<target>", "lp:d:<0|1>",
	// "lp:f:<field>", "lp:ev", "lp:evc", "lp:ok", "lp:ed", "lp:x".
	lpButtons = bot.Buttons{Prefix: "lp"}
	// myButtons are /laporan's: "lpn:e:<id>", "lpn:w:<id>",
	// "lpn:y:<id>:<version>", "lpn:n".
	myButtons = bot.Buttons{Prefix: "lpn"}
	// rptButtons are a report's decision buttons: "rpt:<a|r|k|f|v>:<id>:<version>".
	rptButtons = bot.Buttons{Prefix: "rpt"}
	// apvButtons are /persetujuan's: "apv:p:<page>[:<nip>]",
	// "apv:all:<page>[:<nip>]", "apv:y", "apv:n".
	apvButtons = bot.Buttons{Prefix: "apv"}
)

// The dialogues of the feature, by their session flow names.
const (
	flowLapor      = "lapor"
	flowReason     = "alasan"
	flowApproveAll = "setujui_semua"
)

// Register adds the commands, buttons and dialogues to the bot, and takes
// from it what cmd did not give (the store, clock, zone, language) and the
// means to send messages outside an update.
func (f *Feature) Register(b *bot.Bot) {
	d := f.given
	if d.Store == nil {
		d.Store = b.Store()
	}
	if d.Now == nil {
		d.Now = b.Now
	}
	if d.Location == nil {
		d.Location = b.Location()
	}
	if d.DefaultLang == "" {
		d.DefaultLang = b.DefaultLang()
	}
	if d.Log == nil {
		d.Log = b.Log()
	}
	f.deps, f.bot = d.WithDefaults(), b

	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Command(bot.CommandSpec{Name: "lapor", Roles: staff, Help: "rpt.cmd_lapor", Example: "rpt.ex_lapor", Handle: f.cmdLapor})
	b.Command(bot.CommandSpec{Name: "laporan", Roles: staff, Help: "rpt.cmd_laporan", Handle: f.cmdLaporan})
	b.Command(bot.CommandSpec{Name: "capaian", Roles: staff, Help: "rpt.cmd_capaian", Example: "rpt.ex_capaian", Handle: f.cmdCapaian})
	b.Command(bot.CommandSpec{Name: "persetujuan", Roles: []kinerja.Role{kinerja.RoleAssessor, kinerja.RoleAdmin},
		Help: "rpt.cmd_persetujuan", Handle: f.cmdPersetujuan})
	f.registerLapor(b)
	f.registerMyReports(b)
	f.registerDecisions(b)
	f.registerApprovals(b)
}

// Audit actions on reports. The evaluation feature appends its own.
const (
	auditReportCreate   = "report.create"
	auditReportEdit     = "report.edit"
	auditReportResubmit = "report.resubmit"
	auditReportWithdraw = "report.withdraw"
	auditReportApprove  = "report.approve"
	auditReportReject   = "report.reject"
	auditReportReturn   = "report.return"
	auditEvidenceHash   = "evidence.hash"
)

// auditReport appends an audit entry for a report change, in the request's
// transaction: the change and its record commit or roll back together.
func auditReport(r *bot.Request, action, before string, rep *kinerja.Report) error {
	actor := ""
	if r.Staff != nil {
		actor = r.Staff.NIP
	}
	return r.Tx.AppendAudit(r.Ctx, &kinerja.AuditEntry{At: r.Now, ActorNIP: actor, Action: action,
		Entity: "report", EntityID: strconv.FormatInt(rep.ID, 10), Before: before, After: rep.AuditJSON()})
}

// refuseWith answers a refused press (or message) with a toast and a message.
func refuseWith(r *bot.Request, key string, args ...any) {
	text := r.T(key, args...)
	if r.Callback != nil {
		r.Answer(text)
	}
	r.Reply(text)
}

// refuse tells the user a refusal carried by a user error, as refuseWith.
func refuse(r *bot.Request, err error) {
	key, args := kinerja.ErrorKey(err)
	refuseWith(r, key, args...)
}

// langOf returns the language a Telegram user chose, or the default.
func (f *Feature) langOf(ctx context.Context, s kinerja.AccountStore, userID int64) kinerja.Lang {
	if a, err := s.Account(ctx, userID); err == nil && a.Lang != "" {
		return a.Lang
	}
	return f.deps.DefaultLang
}

// cachedTarget reads a target once per request.
func cachedTarget(ctx context.Context, s targetReader, cache map[int64]*kinerja.Target, id int64) (*kinerja.Target, error) {
	if t, ok := cache[id]; ok {
		return t, nil
	}
	t, err := s.Target(ctx, id)
	if err != nil {
		return nil, err
	}
	cache[id] = t
	return t, nil
}

// errOr returns err when set, otherwise other.
func errOr(err, other error) error {
	if err != nil {
		return err
	}
	return other
}
