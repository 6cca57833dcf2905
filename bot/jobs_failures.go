package bot

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// JobFailures is the job name of the admins' digest of undelivered messages.
const JobFailures = "undelivered"

// maxFailureLines bounds the digest; the rest is counted, not listed.
const maxFailureLines = 40

// ReportFailures tells the admins, in one digest queued through the outbox
// itself, who could not be reached: people who blocked the bot or never
// started it, groups the bot was removed from, messages Telegram refused.
// Each failure is reported once: the digest and the marks commit together.
// The sender calls it when messages fail; the scheduler also runs it now
// and then in case the process stopped before it could.
func (j *Jobs) ReportFailures(ctx context.Context) error {
	at := j.b.now()
	return j.b.store.InTx(ctx, func(tx kinerja.Tx) error {
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
			if f.JobName == JobFailures {
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
		r := &jobRun{ctx: ctx, tx: tx, at: at, res: &JobResult{}}
		if r.leaves, err = j.leavesOn(ctx, tx, at); err != nil {
			return err
		}
		var msgs []*kinerja.OutboxMessage
		if len(entries) > 0 {
			admins, langs, err := j.admins(r)
			if err != nil {
				return err
			}
			for i, a := range admins {
				lang := langs[i]
				var sb strings.Builder
				sb.WriteString(T(lang, "jobs.failures_head", len(entries)))
				for k, e := range entries {
					if k == maxFailureLines {
						sb.WriteString("\n" + T(lang, "jobs.failures_more", len(entries)-k))
						break
					}
					sb.WriteString("\n• " + Esc(e.label) + " — " + failureReason(lang, e.status, e.err))
				}
				sb.WriteString("\n\n" + T(lang, "jobs.failures_tail"))
				msgs = append(msgs, jobMessage(a, sb.String()))
			}
			if len(admins) == 0 {
				j.b.log.Warn("undelivered messages, and no reachable admin to tell", "count", len(entries))
			}
		}
		slot := fmt.Sprintf("%d-%d", ids[0], ids[len(ids)-1])
		if _, err := tx.EnqueueRun(ctx, &kinerja.JobRun{Job: JobFailures, Slot: slot, At: at}, msgs); err != nil {
			return err
		}
		return tx.MarkReported(ctx, ids)
	})
}

// failureReason explains a failure to an admin.
func failureReason(lang kinerja.Lang, status kinerja.OutboxStatus, errText string) string {
	switch status {
	case kinerja.OutboxUnreachable:
		return T(lang, "jobs.failure_unreachable")
	case kinerja.OutboxGone:
		return T(lang, "jobs.failure_gone")
	}
	if r := []rune(errText); len(r) > 120 {
		errText = string(r[:120]) + "…"
	}
	return T(lang, "jobs.failure_refused", errText)
}
