package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const outboxColumns = `id, job, slot, seq, chat_id, nip, label, body, buttons, photo, document, file_name,
	status, attempts, not_before, next_attempt_at, sent_at, last_error, created_at`

func scanOutbox(row interface{ Scan(...any) error }) (*kinerja.OutboxMessage, error) {
	var m kinerja.OutboxMessage
	var buttons, status string
	var notBefore, next, created int64
	var sent sql.NullInt64
	if err := row.Scan(&m.ID, &m.JobName, &m.Slot, &m.Seq, &m.ChatID, &m.NIP, &m.Label, &m.Text, &buttons,
		&m.Photo, &m.Document, &m.FileName, &status, &m.Attempts, &notBefore, &next, &sent, &m.Error, &created); err != nil {
		return nil, err
	}
	if buttons != "" {
		if err := json.Unmarshal([]byte(buttons), &m.Buttons); err != nil {
			return nil, fmt.Errorf("outbox message %d: buttons: %w", m.ID, err)
		}
	}
	m.Status = kinerja.OutboxStatus(status)
	m.NotBefore, m.NextAttemptAt = time.UnixMilli(notBefore).UTC(), time.UnixMilli(next).UTC()
	m.SentAt, m.CreatedAt = fromMS(sent), time.UnixMilli(created).UTC()
	return &m, nil
}

// EnqueueRun records the run and queues its messages in one transaction.
// On DB it opens that transaction; inside InTx it joins the caller's.
func (db *DB) EnqueueRun(ctx context.Context, run *kinerja.JobRun, msgs []*kinerja.OutboxMessage) (bool, error) {
	var queued bool
	err := db.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		queued, err = tx.EnqueueRun(ctx, run, msgs)
		return err
	})
	return queued, err
}

// EnqueueRun records the run and queues its messages. ON CONFLICT DO
// NOTHING makes a second run of the same slot a no-op in both engines; in
// PostgreSQL a concurrent second insert waits for the first transaction and
// then does nothing, so two processes starting the same job queue once.
func (c *conn) EnqueueRun(ctx context.Context, run *kinerja.JobRun, msgs []*kinerja.OutboxMessage) (bool, error) {
	var runID int64
	err := c.queryRow(ctx, `INSERT INTO job_runs (job, slot, run_at, messages) VALUES (?, ?, ?, ?)
		ON CONFLICT (job, slot) DO NOTHING RETURNING id`,
		run.Job, run.Slot, run.At.UnixMilli(), len(msgs)).Scan(&runID)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("job run %s/%s: %w", run.Job, run.Slot, err)
	}
	run.Messages = len(msgs)
	for i, m := range msgs {
		m.JobName, m.Slot, m.Seq, m.Status, m.Attempts = run.Job, run.Slot, i+1, kinerja.OutboxPending, 0
		if m.NotBefore.IsZero() {
			m.NotBefore = run.At
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = run.At
		}
		m.NextAttemptAt = m.NotBefore
		buttons := ""
		if len(m.Buttons) > 0 {
			b, err := json.Marshal(m.Buttons)
			if err != nil {
				return false, err
			}
			buttons = string(b)
		}
		err := c.queryRow(ctx, `INSERT INTO outbox (job, slot, seq, chat_id, nip, label, body, buttons, photo, document,
			file_name, status, attempts, not_before, next_attempt_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`,
			m.JobName, m.Slot, m.Seq, m.ChatID, m.NIP, m.Label, m.Text, buttons, nilIfEmpty(m.Photo), nilIfEmpty(m.Document),
			m.FileName, string(m.Status), m.NotBefore.UnixMilli(), m.NextAttemptAt.UnixMilli(), m.CreatedAt.UnixMilli()).Scan(&m.ID)
		if err != nil {
			return false, fmt.Errorf("queue message %d of %s/%s: %w", m.Seq, run.Job, run.Slot, err)
		}
	}
	return true, nil
}

// nilIfEmpty stores an absent file as NULL rather than an empty blob.
func nilIfEmpty(b []byte) any {
	if len(b) == 0 {
		return nil
	}
	return b
}

// JobRun returns the run of job for slot.
func (c *conn) JobRun(ctx context.Context, job, slot string) (*kinerja.JobRun, error) {
	r := kinerja.JobRun{Job: job, Slot: slot}
	var at int64
	err := c.queryRow(ctx, `SELECT run_at, messages FROM job_runs WHERE job = ? AND slot = ?`, job, slot).Scan(&at, &r.Messages)
	if err != nil {
		return nil, notFound(err, "err.job_run_not_found", job, slot)
	}
	r.At = time.UnixMilli(at).UTC()
	return &r, nil
}

// OutboxMessage returns one queued message.
func (c *conn) OutboxMessage(ctx context.Context, id int64) (*kinerja.OutboxMessage, error) {
	m, err := scanOutbox(c.queryRow(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE id = ?`, id))
	if err != nil {
		return nil, notFound(err, "err.outbox_not_found")
	}
	return m, nil
}

// PruneOutbox deletes messages that ended before the instant.
func (c *conn) PruneOutbox(ctx context.Context, before time.Time) (int64, error) {
	res, err := c.exec(ctx, `DELETE FROM outbox WHERE status <> ? AND created_at < ?`,
		string(kinerja.OutboxPending), before.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// NextBatch returns the due head message of each chat. The head of a chat
// is its first pending message by (not_before, id) among those already
// released (not_before <= now); a head waiting for a retry holds back the
// rest of its chat, which is what keeps each chat in order.
func (c *conn) NextBatch(ctx context.Context, now time.Time, limit int) ([]*kinerja.OutboxMessage, error) {
	at := now.UnixMilli()
	rows, err := c.query(ctx, `SELECT `+outboxColumns+` FROM outbox o
		WHERE o.status = ? AND o.next_attempt_at <= ? AND o.not_before <= ?
		AND o.id = (SELECT p.id FROM outbox p WHERE p.chat_id = o.chat_id AND p.status = ? AND p.not_before <= ?
			ORDER BY p.not_before, p.id LIMIT 1)
		ORDER BY o.not_before, o.id LIMIT ?`,
		string(kinerja.OutboxPending), at, at, string(kinerja.OutboxPending), at, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox batch: %w", err)
	}
	return scanOutboxRows(rows)
}

func scanOutboxRows(rows *sql.Rows) ([]*kinerja.OutboxMessage, error) {
	defer rows.Close()
	var out []*kinerja.OutboxMessage
	for rows.Next() {
		m, err := scanOutbox(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// MarkSent records that Telegram accepted the message.
func (c *conn) MarkSent(ctx context.Context, id int64, at time.Time) error {
	return c.markOne(ctx, id, `UPDATE outbox SET status = ?, sent_at = ?, attempts = attempts + 1, last_error = ''
		WHERE id = ? AND status = ?`, string(kinerja.OutboxSent), at.UnixMilli(), id, string(kinerja.OutboxPending))
}

// MarkRetry counts a failed attempt and sets the next one.
func (c *conn) MarkRetry(ctx context.Context, id int64, next time.Time, errText string) error {
	return c.markOne(ctx, id, `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
		WHERE id = ? AND status = ?`, next.UnixMilli(), clip(errText), id, string(kinerja.OutboxPending))
}

// MarkFinal ends a message that will not be sent.
func (c *conn) MarkFinal(ctx context.Context, id int64, status kinerja.OutboxStatus, errText string, at time.Time) error {
	switch status {
	case kinerja.OutboxFailed, kinerja.OutboxUnreachable, kinerja.OutboxGone:
	default:
		return fmt.Errorf("outbox: %q is not a final failure status", status)
	}
	return c.markOne(ctx, id, `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?
		WHERE id = ? AND status = ?`, string(status), clip(errText), at.UnixMilli(), id, string(kinerja.OutboxPending))
}

// markOne runs an update of one pending message; a message that is not
// pending (already settled by someone else) is an EConflict.
func (c *conn) markOne(ctx context.Context, id int64, q string, args ...any) error {
	res, err := c.exec(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("outbox message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.EConflict, "err.outbox_settled", id)
	}
	return nil
}

// clip keeps stored error texts short.
func clip(s string) string {
	if len(s) > 500 {
		return s[:500]
	}
	return s
}

// UnreportedFailures returns failed messages the admins were not told about.
func (c *conn) UnreportedFailures(ctx context.Context, limit int) ([]*kinerja.OutboxMessage, error) {
	rows, err := c.query(ctx, `SELECT `+outboxColumns+` FROM outbox WHERE reported = 0 AND status IN (?, ?, ?)
		ORDER BY id LIMIT ?`, string(kinerja.OutboxFailed), string(kinerja.OutboxUnreachable), string(kinerja.OutboxGone), limit)
	if err != nil {
		return nil, fmt.Errorf("outbox failures: %w", err)
	}
	return scanOutboxRows(rows)
}

// MarkReported records that the admins were told about these messages.
func (c *conn) MarkReported(ctx context.Context, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	_, err := c.exec(ctx, `UPDATE outbox SET reported = 1 WHERE id IN (`+marks+`)`, args...)
	return err
}

// OutboxCounts returns how many messages are in each status.
func (c *conn) OutboxCounts(ctx context.Context) (map[kinerja.OutboxStatus]int, error) {
	rows, err := c.query(ctx, `SELECT status, COUNT(*) FROM outbox GROUP BY status`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[kinerja.OutboxStatus]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[kinerja.OutboxStatus(s)] = n
	}
	return out, rows.Err()
}
