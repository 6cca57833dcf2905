package report

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// The digest: with Config.Digest set, assessors are not told of each new
// report but get, on a schedule, one message listing the pending reports
// sent or changed since the last digest.

// digestLines keeps a digest within one Telegram message.
const digestLines = 30

// settingDigestAt remembers when the last digest went out.
const settingDigestAt = "reports.digest_at"

// JobDigest is the name of the digest job.
const JobDigest = "report-digest"

// errNotConnected is the digest job's failure on the command line, where
// no message can be sent.
var errNotConnected = errors.New("not connected to Telegram")

// Jobs returns the digest job; it is switched on by Config.Digest.
func (f *Feature) Jobs() []jobs.Job {
	return []jobs.Job{{
		Name:    JobDigest,
		Spec:    f.cfg.DigestSchedule,
		About:   "sends each assessor one message listing the pending reports sent or changed since the last digest (when reports.digest is on)",
		Enabled: func() bool { return f.cfg.Digest },
		Run: func(ctx context.Context, at time.Time) (*jobs.Result, error) {
			if f.bot == nil {
				return nil, errNotConnected
			}
			if err := f.sendDigests(ctx, f.bot, at); err != nil {
				return nil, err
			}
			return &jobs.Result{Job: JobDigest, At: at}, nil
		},
	}}
}

// SendDigests sends each assessor one message listing the pending reports
// sent or changed since the last digest, with a button to the approval
// list, through n (the bot).
func (f *Feature) SendDigests(ctx context.Context, n Notifier) error {
	return f.sendDigests(ctx, n, f.deps.Now())
}

// sendDigests is SendDigests at instant now.
func (f *Feature) sendDigests(ctx context.Context, n Notifier, now time.Time) error {
	var msgs []bot.OutMessage
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		msgs, err = f.digests(ctx, tx, now)
		return err
	})
	if err != nil {
		return err
	}
	sendAll(ctx, n, msgs)
	return nil
}

// digests builds the digests due at now and records that they went out.
func (f *Feature) digests(ctx context.Context, s digestStore, now time.Time) ([]bot.OutMessage, error) {
	filter := kinerja.ReportFilter{Statuses: []kinerja.ReportStatus{kinerja.ReportPending}}
	if last, ok, err := s.Setting(ctx, settingDigestAt); err != nil {
		return nil, err
	} else if ms, perr := strconv.ParseInt(last, 10, 64); ok && perr == nil {
		filter.ChangedSince = time.UnixMilli(ms)
	}
	reps, err := s.ListReports(ctx, filter)
	if err != nil {
		return nil, err
	}
	byAssessor := map[string][]*kinerja.Report{}
	var order []string
	for _, rep := range reps {
		to, err := recipient(ctx, s, rep.AssessorNIP, now, f.deps.Location)
		if err != nil {
			return nil, err
		}
		if _, ok := byAssessor[to]; !ok {
			order = append(order, to)
		}
		byAssessor[to] = append(byAssessor[to], rep)
	}
	var msgs []bot.OutMessage
	for _, nip := range order {
		boss, err := s.Staff(ctx, nip)
		if err != nil || !boss.Linked() {
			continue
		}
		var pending []Pending
		for _, rep := range byAssessor[nip] {
			p, err := pendingLine(ctx, s, rep)
			if err != nil {
				return nil, err
			}
			pending = append(pending, p)
		}
		text, buttons := PendingDigest(f.langOf(ctx, s, boss.TelegramID), pending...)
		msgs = append(msgs, bot.OutMessage{ChatID: boss.TelegramID, Text: text, Buttons: buttons})
	}
	// The next digest starts just after this one's instant: what was listed
	// now is not listed again.
	return msgs, s.PutSetting(ctx, settingDigestAt, strconv.FormatInt(now.UnixMilli()+1, 10))
}

// Pending is one report awaiting its assessor's decision, as a digest
// lists it.
type Pending struct {
	ID       int64
	Author   string  // the staff member's name
	Code     string  // the indicator's code
	Quantity float64 // in Unit
	Unit     string
	WorkDate string // YYYY-MM-DD
}

// pendingLine describes rep for a digest.
func pendingLine(ctx context.Context, s rowStore, rep *kinerja.Report) (Pending, error) {
	who, err := s.Staff(ctx, rep.NIP)
	if err != nil {
		return Pending{}, err
	}
	t, err := s.Target(ctx, rep.TargetID)
	if err != nil {
		return Pending{}, err
	}
	return Pending{ID: rep.ID, Author: who.Name, Code: t.Code, Quantity: rep.Quantity, Unit: t.Unit, WorkDate: rep.WorkDate}, nil
}

// PendingDigest is an assessor's digest of pending approvals in lang: how
// many reports wait, one line for each (PendingLines), and the button that
// opens the approval list (/persetujuan).
func PendingDigest(lang kinerja.Lang, pending ...Pending) (string, [][]bot.Button) {
	text := bot.T(lang, "rpt.digest_head", len(pending)) + "\n" + PendingLines(lang, pending...)
	return text, [][]bot.Button{{apvButtons.Button(bot.T(lang, "rpt.btn_open_apv"), "p", 0)}}
}

// PendingLines lists pending reports in lang, one line each, at most 30
// and then how many more. It is the one form of the list, for the digest
// of new reports and the daily approvals reminder alike.
func PendingLines(lang kinerja.Lang, pending ...Pending) string {
	var lines []string
	list := pending
	if len(list) > digestLines {
		list = list[:digestLines]
	}
	for _, p := range list {
		lines = append(lines, bot.T(lang, "rpt.digest_line", p.ID, p.Author, p.Code, reportNum(lang, p.Quantity),
			p.Unit, reportShortDay(p.WorkDate)))
	}
	if more := len(pending) - len(list); more > 0 {
		lines = append(lines, bot.T(lang, "rpt.digest_more", more))
	}
	return strings.Join(lines, "\n")
}
