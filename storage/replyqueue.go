package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// replyInsertSQL[n] inserts n replies: a batch's replies are a statement
// or two, each compiled once per row count and then reused (stmtCache).
var replyInsertSQL = inSQL(`INSERT INTO reply_queue (update_id, queue_chat, chat_id, body, buttons, edit_id, photo, document,
	file_name, owner, lease_until, created_at) VALUES `, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ", ", "")

const replyColumns = `id, update_id, queue_chat, chat_id, body, buttons, edit_id, photo, document, file_name,
	owner, lease_until, created_at`

// JournalReplies records the replies a transaction's updates owe, a few
// multi-row INSERTs for the whole batch.
func (c *conn) JournalReplies(ctx context.Context, owner string, leaseUntil time.Time, rs []kinerja.PendingReply) error {
	type row struct {
		r       *kinerja.PendingReply
		buttons string // as JSON, "" for none
	}
	rows := make([]row, len(rs))
	for i := range rs {
		rows[i].r = &rs[i]
		if len(rs[i].Buttons) > 0 {
			b, err := json.Marshal(rs[i].Buttons)
			if err != nil {
				return err
			}
			rows[i].buttons = string(b)
		}
	}
	lease := leaseUntil.UnixMilli()
	err := chunked(rows, &replyInsertSQL, func(a []any, w row) []any {
		r := w.r
		return append(a, r.UpdateID, r.QueueChat, r.ChatID, r.Text, w.buttons, r.EditID, r.Photo, r.Document,
			r.FileName, owner, lease, r.CreatedAt.UnixMilli())
	}, func(q string, args []any) error {
		_, err := c.exec(ctx, q, args...)
		return err
	})
	if err != nil {
		return fmt.Errorf("journal replies: %w", err)
	}
	return nil
}

// ClaimReplies takes over the replies whose lease ended (and owner's own
// when own is set) and returns them in journal order. In PostgreSQL two
// replicas claiming at once each get distinct rows: the second UPDATE
// re-checks the lease of a row the first changed and skips it.
//
// An edit whose message a newer edit has changed since (sent, as
// reply_edits remembers, or queued) is returned Superseded: a replica
// killed just after Telegram accepted an edit finds it unsent while the
// chat has gone on with another replica, and resending it would turn the
// message back to an old step.
func (c *conn) ClaimReplies(ctx context.Context, owner string, own bool, now, leaseUntil time.Time) ([]kinerja.PendingReply, error) {
	cond := `lease_until < ? AND owner <> ?`
	if own {
		cond = `(lease_until < ? OR owner = ?)`
	}
	if _, err := c.exec(ctx, `DELETE FROM reply_edits WHERE at < ?`, now.Add(-replyEditsKept).UnixMilli()); err != nil {
		return nil, fmt.Errorf("claim replies: %w", err)
	}
	rows, err := c.query(ctx, `UPDATE reply_queue SET owner = ?, lease_until = ? WHERE `+cond+` RETURNING `+replyColumns,
		owner, leaseUntil.UnixMilli(), now.UnixMilli(), owner)
	if err != nil {
		return nil, fmt.Errorf("claim replies: %w", err)
	}
	out, err := collect(rows, scanReply)
	if err != nil {
		return nil, fmt.Errorf("claim replies: %w", err)
	}
	// RETURNING promises no order; journal order is ID order.
	slices.SortFunc(out, func(a, b kinerja.PendingReply) int { return cmp.Compare(a.ID, b.ID) })
	if !slices.ContainsFunc(out, func(r kinerja.PendingReply) bool { return r.EditID != 0 }) {
		return out, nil
	}
	old, err := c.query(ctx, `SELECT q.id FROM reply_queue q WHERE q.owner = ? AND q.lease_until = ? AND q.edit_id <> 0 AND (
		EXISTS (SELECT 1 FROM reply_edits e WHERE e.chat_id = q.chat_id AND e.message_id = q.edit_id AND e.last_id > q.id)
		OR EXISTS (SELECT 1 FROM reply_queue n WHERE n.chat_id = q.chat_id AND n.edit_id = q.edit_id AND n.id > q.id))`,
		owner, leaseUntil.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("claim replies: newer edits: %w", err)
	}
	ids, err := collect(old, func(row interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, row.Scan(&id)
	})
	if err != nil {
		return nil, fmt.Errorf("claim replies: newer edits: %w", err)
	}
	replaced := make(map[int64]bool, len(ids))
	for _, id := range ids {
		replaced[id] = true
	}
	for i := range out {
		out[i].Superseded = replaced[out[i].ID]
	}
	return out, nil
}

// replyEditsKept is how long the newest sent edit of a message is
// remembered: far longer than a lease, after which another replica takes
// over a dead one's replies.
const replyEditsKept = time.Hour

func scanReply(row interface{ Scan(...any) error }) (kinerja.PendingReply, error) {
	var r kinerja.PendingReply
	var buttons string
	var edit, lease, created int64
	if err := row.Scan(&r.ID, &r.UpdateID, &r.QueueChat, &r.ChatID, &r.Text, &buttons, &edit, &r.Photo,
		&r.Document, &r.FileName, &r.Owner, &lease, &created); err != nil {
		return r, err
	}
	if buttons != "" {
		if err := json.Unmarshal([]byte(buttons), &r.Buttons); err != nil {
			return r, fmt.Errorf("reply %d: buttons: %w", r.ID, err)
		}
	}
	r.EditID = int(edit)
	r.LeaseUntil, r.CreatedAt = time.UnixMilli(lease).UTC(), time.UnixMilli(created).UTC()
	return r, nil
}

// RenewReplies extends the lease of owner's replies.
func (c *conn) RenewReplies(ctx context.Context, owner string, leaseUntil time.Time) error {
	_, err := c.exec(ctx, `UPDATE reply_queue SET lease_until = ? WHERE owner = ?`, leaseUntil.UnixMilli(), owner)
	return err
}

// DeleteReplies forgets the replies of updates once they are sent, and
// remembers the newest sent edit of each message they edited (see
// ClaimReplies).
func (c *conn) DeleteReplies(ctx context.Context, updateIDs []int64) error {
	for len(updateIDs) > 0 {
		n := min(len(updateIDs), 256)
		args := make([]any, n)
		for i, id := range updateIDs[:n] {
			args[i] = id
		}
		// Not through the statement cache: the list's length varies.
		in := `(?` + strings.Repeat(", ?", n-1) + `)`
		q := c.rebind(`INSERT INTO reply_edits (chat_id, message_id, last_id, at)
			SELECT chat_id, edit_id, MAX(id), MAX(created_at) FROM reply_queue WHERE edit_id <> 0 AND update_id IN ` + in + `
			GROUP BY chat_id, edit_id
			ON CONFLICT (chat_id, message_id) DO UPDATE SET at = excluded.at,
				last_id = CASE WHEN excluded.last_id > reply_edits.last_id THEN excluded.last_id ELSE reply_edits.last_id END`)
		if _, err := c.q.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("delete replies: newest edits: %w", err)
		}
		q = c.rebind(`DELETE FROM reply_queue WHERE update_id IN ` + in)
		if _, err := c.q.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("delete replies: %w", err)
		}
		updateIDs = updateIDs[n:]
	}
	return nil
}
