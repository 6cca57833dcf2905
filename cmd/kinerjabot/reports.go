package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// ReportSettings is the reports: block of the configuration (work reports
// and their approval). Every key is optional; zero means the default.
type ReportSettings struct {
	// LockAfterDays keeps last month open for reports until this day of the
	// current month (default 5); -1 locks a month as soon as it ends.
	LockAfterDays int `yaml:"lock_after_days"`
	// QuantityFactor bounds one report at this many times the target
	// (default 10), and MaxQuantity bounds it absolutely (default 100000).
	QuantityFactor float64 `yaml:"quantity_factor"`
	MaxQuantity    float64 `yaml:"max_quantity"`
	// Digest sends assessors a digest on DigestSchedule instead of one
	// message per report.
	Digest         bool   `yaml:"digest"`
	DigestSchedule string `yaml:"digest_schedule"`
	// PageSize is how many reports /persetujuan shows at once (default 5).
	PageSize int `yaml:"page_size"`
	// MaxFileMB refuses larger evidence files (default 20, the Bot API's
	// download limit); MaxEvidence caps the files per report (default 10).
	MaxFileMB   int `yaml:"max_file_mb"`
	MaxEvidence int `yaml:"max_evidence"`
}

// check validates the report settings.
func (s ReportSettings) check() error {
	switch {
	case s.LockAfterDays < -1 || s.LockAfterDays > 28:
		return &ConfigError{Key: "reports.lock_after_days", Msg: "must be between -1 (lock at month end) and 28 (0 = the default, 5)"}
	case s.QuantityFactor < 0:
		return &ConfigError{Key: "reports.quantity_factor", Msg: "must be zero (the default, 10) or more"}
	case s.MaxQuantity < 0:
		return &ConfigError{Key: "reports.max_quantity", Msg: "must be zero (the default, 100000) or more"}
	case s.PageSize < 0 || s.PageSize > 10:
		return &ConfigError{Key: "reports.page_size", Msg: "must be between 1 and 10 (0 = the default, 5)"}
	case s.MaxFileMB < 0 || s.MaxFileMB > 20:
		return &ConfigError{Key: "reports.max_file_mb", Msg: "must be between 1 and 20, Telegram's download limit for bots (0 = the default, 20)"}
	case s.MaxEvidence < 0 || s.MaxEvidence > 50:
		return &ConfigError{Key: "reports.max_evidence", Msg: "must be between 1 and 50 (0 = the default, 10)"}
	}
	if _, err := cron.ParseStandard(s.digestSchedule()); err != nil {
		return &ConfigError{Key: "reports.digest_schedule", Msg: fmt.Sprintf("%q is not a five-field cron schedule: %v", s.DigestSchedule, err)}
	}
	return nil
}

// digestSchedule is the configured schedule or the default.
func (s ReportSettings) digestSchedule() string {
	if s.DigestSchedule == "" {
		return report.DefaultDigestSchedule
	}
	return s.DigestSchedule
}

// reportsConfig turns the configuration into the report feature's policy.
func (a *app) reportsConfig() report.Config {
	s := a.cfg.Reports
	return report.Config{
		LockAfterDays: s.LockAfterDays, QuantityFactor: s.QuantityFactor, MaxQuantity: s.MaxQuantity,
		Digest: s.Digest, DigestSchedule: s.digestSchedule(), PageSize: s.PageSize,
		MaxFileSize: int64(s.MaxFileMB) << 20, MaxEvidence: s.MaxEvidence,
		Targets: a.targetPolicy(), // /capaian compares as the evaluations do
	}
}

func init() {
	commands["targets"] = subcommand{"import indicators and targets (targets import FILE)", runTargets}
	commands["audit"] = subcommand{"check the tamper-evident audit log (audit verify)", runAudit}
}

// runTargets dispatches "targets import".
func runTargets(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 || args[0] != "import" {
		fmt.Fprintln(a.stderr, "Usage:\n  kinerjabot targets import FILE [--skip-invalid]")
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			return exitOK
		}
		return exitUsage
	}
	return runSheetImport(ctx, a, args[1:], "targets import",
		"Imports indicators and targets from a .csv or .xlsx file with the columns\n"+
			"NIP, Periode, Kode Indikator, Indikator, Satuan, Target, Arah and optional Bobot,\n"+
			"Agregasi, Target Min, Target Maks, Target TW1..TW4 and Kumulatif.\n"+
			"Periode is YYYY-MM (a month), YYYY-Qn (a quarter) or YYYY (the whole year); Arah is\n"+
			"naik (higher is better), turun (lower is better) or rentang (within Target Min and\n"+
			"Target Maks); Agregasi is jumlah (the default), rata-rata or terakhir; Target TW1..TW4\n"+
			"are the quarterly targets of a yearly row; an empty Bobot means equal weights.\n"+
			"The whole file is checked first; by default nothing is written when any row is bad.\n"+
			"See configs/targets.example.csv.",
		"targets.nothing_written",
		func(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skip bool) (fmt.Stringer, []importer.Problem, error) {
			sum, probs, err := importer.ImportTargets(ctx, db, t, at, skip)
			return summaryText{a.cfg.lang, sum}, probs, err
		})
}

// runAudit runs "audit verify": it walks the hash chain and names the first
// entry that was altered, removed or reordered; with --head it also
// requires the chain to reach a head kept elsewhere (as the monthly summary
// publishes it); and it checks that every decision in the tables has its
// audit entry. Exit 1 on any finding, 0 with the entry count and head hash.
func runAudit(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 || args[0] != "verify" {
		fmt.Fprintln(a.stderr, "Usage:\n  kinerjabot audit verify [--head HASH]")
		if len(args) > 0 && (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
			return exitOK
		}
		return exitUsage
	}
	fs := newFlags(a, "audit verify", "[--head HASH]", "Walks the audit log's hash chain from the first entry to the last, and checks that every\n"+
		"report, confirmed evaluation and objection in the tables has its audit entry.\n"+
		"Exit status 0 with the entry count and head hash when intact; 1 naming the first\n"+
		"entry that was altered, removed or reordered, a head not reached, or the records\n"+
		"without an audit entry.")
	head := fs.String("head", "", fmt.Sprintf("require the chain to reach this head `HASH`, kept from an earlier audit verify or a monthly summary (its first %d digits or more)", kinerja.AuditShortHead))
	if code, ok := parseFlags(fs, args[1:]); !ok {
		return code
	}
	lang := a.cfg.lang
	if h := strings.ToLower(strings.TrimSpace(*head)); *head != "" && !kinerja.ValidAnchor(h) {
		fmt.Fprintln(a.stderr, "kinerjabot:", bot.T(lang, "audit.head_bad", bot.Raw(*head), kinerja.AuditShortHead))
		return exitUsage
	}
	db, err := a.openExisting(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	v, err := kinerja.VerifyAuditTo(ctx, db, *head)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", a.userMessage(err))
		return exitFailed
	}
	gaps, err := kinerja.CheckAuditCoverage(ctx, db)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	switch {
	case v.BrokenSeq != 0:
		what := ""
		if e, err := db.AuditEntries(ctx, v.BrokenSeq-1, 1); err == nil && len(e) == 1 && e[0].Seq == v.BrokenSeq {
			what = bot.T(lang, "audit.entry", e[0].Action, e[0].Entity, e[0].EntityID,
				e[0].At.In(a.cfg.Location()).Format("2006-01-02 15:04:05"))
		}
		fmt.Fprintln(a.stdout, bot.T(lang, "audit."+v.Problem, v.BrokenSeq, what, v.Count))
	case v.AnchorMissing():
		fmt.Fprintln(a.stdout, bot.T(lang, "audit.head_missing", v.Anchor, v.Count, kinerja.ShortHead(v.HeadHash)))
	}
	for _, g := range gaps {
		fmt.Fprintln(a.stdout, bot.T(lang, "audit.uncovered", g.Uncovered, g.Records,
			bot.T(lang, "audit.kind_"+g.Rule.Kind), strings.Join(g.Rule.Actions, ", ")))
	}
	if !v.OK() || len(gaps) > 0 {
		return exitFailed
	}
	fmt.Fprintln(a.stdout, bot.T(lang, "audit.ok", v.Count, v.HeadHash))
	if v.Anchor != "" {
		fmt.Fprintln(a.stdout, bot.T(lang, "audit.head_ok", v.Anchor, v.AnchorSeq))
	}
	return exitOK
}
