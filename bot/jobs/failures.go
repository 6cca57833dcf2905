package jobs

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// undeliveredDigest is the job name of the admins' digest of undelivered messages.
const undeliveredDigest = "undelivered"

// maxFailureLines bounds the digest; the rest is counted, not listed.
const maxFailureLines = 40

// ReportFailures tells the admins, in one digest queued through the outbox
// itself, who could not be reached: people who blocked the bot or never
// started it, groups the bot was removed from, messages Telegram refused.
// Each failure is reported once: the digest and the marks commit together.
// The sender calls it when messages fail; the scheduler also runs it now
// and then in case the process stopped before it could.
func (s *Service) ReportFailures(ctx context.Context) error {
	at := s.deps.Now()
	return s.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		fails, err := tx.UnreportedFailures(ctx, 500)
		if err != nil || len(fails) == 0 {
			return err
		}
		ids := make([]int64, len(fails))
		type entry struct {
			label  string
			status kinerja.OutboxStatus
			err    string
		}
		var entries []entry
		seen := map[string]bool{}
		for i, f := range fails {
			ids[i] = f.ID
			if f.JobName == undeliveredDigest {
				continue // a digest that failed is not reported in another digest
			}
			key := fmt.Sprintf("%d/%s", f.ChatID, f.Status)
			if seen[key] {
				continue // one line per recipient, however many messages failed
			}
			seen[key] = true
			label := f.Label
			if f.NIP != "" {
				label += " (" + f.NIP + ")"
			}
			if label == "" {
				label = fmt.Sprintf("chat %d", f.ChatID)
			}
			entries = append(entries, entry{label, f.Status, f.Error})
		}
		r := &jobRun{ctx: ctx, tx: tx, at: at, res: &Result{}}
		if r.leaves, err = s.leavesOn(ctx, tx, at); err != nil {
			return err
		}
		var msgs []*kinerja.OutboxMessage
		if len(entries) > 0 {
			admins, langs, err := s.admins(r)
			if err != nil {
				return err
			}
			for i, a := range admins {
				lang := langs[i]
				var sb strings.Builder
				sb.WriteString(bot.T(lang, "jobs.failures_head", len(entries)))
				for k, e := range entries {
					if k == maxFailureLines {
						sb.WriteString("\n" + bot.T(lang, "jobs.failures_more", len(entries)-k))
						break
					}
					sb.WriteString("\n• " + bot.Esc(e.label) + " — " + failureReason(lang, e.status, e.err))
				}
				sb.WriteString("\n\n" + bot.T(lang, "jobs.failures_tail"))
				msgs = append(msgs, message(a, sb.String()))
			}
			if len(admins) == 0 {
				s.deps.Log.Warn("undelivered messages, and no reachable admin to tell", "count", len(entries))
			}
		}
		slot := fmt.Sprintf("%d-%d", ids[0], ids[len(ids)-1])
		if _, err := tx.EnqueueRun(ctx, &kinerja.JobRun{Job: undeliveredDigest, Slot: slot, At: at}, msgs); err != nil {
			return err
		}
		return tx.MarkReported(ctx, ids)
	})
}

// failureReason explains a failure to an admin.
func failureReason(lang kinerja.Lang, status kinerja.OutboxStatus, errText string) string {
	switch status {
	case kinerja.OutboxUnreachable:
		return bot.T(lang, "jobs.failure_unreachable")
	case kinerja.OutboxGone:
		return bot.T(lang, "jobs.failure_gone")
	}
	if r := []rune(errText); len(r) > 120 {
		errText = string(r[:120]) + "…"
	}
	return bot.T(lang, "jobs.failure_refused", errText)
}
