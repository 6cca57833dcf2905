package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// CreateInvite stores a new invite code.
func (c *conn) CreateInvite(ctx context.Context, inv *kinerja.Invite) error {
	_, err := c.exec(ctx, `INSERT INTO invites (code, nip, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		inv.Code, inv.NIP, inv.CreatedAt.UnixMilli(), inv.ExpiresAt.UnixMilli())
	if isUniqueViolation(err) {
		return kinerja.Errorf(kinerja.EConflict, "err.invite_exists")
	}
	return err
}

// Invite returns the invite with that code.
func (c *conn) Invite(ctx context.Context, code string) (*kinerja.Invite, error) {
	var inv kinerja.Invite
	var created, expires int64
	var usedAt, usedBy sql.NullInt64
	err := c.queryRow(ctx, `SELECT code, nip, created_at, expires_at, used_at, used_by FROM invites WHERE code = ?`, code).
		Scan(&inv.Code, &inv.NIP, &created, &expires, &usedAt, &usedBy)
	if err != nil {
		return nil, notFound(err, "err.invite_invalid")
	}
	inv.CreatedAt, inv.ExpiresAt = time.UnixMilli(created).UTC(), time.UnixMilli(expires).UTC()
	inv.UsedAt, inv.UsedBy = fromMS(usedAt), usedBy.Int64
	return &inv, nil
}

// MarkInviteUsed records a redemption; a code already used is a conflict.
func (c *conn) MarkInviteUsed(ctx context.Context, code string, telegramID int64, at time.Time) error {
	res, err := c.exec(ctx, `UPDATE invites SET used_at = ?, used_by = ? WHERE code = ? AND used_at IS NULL`,
		at.UnixMilli(), telegramID, code)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.EConflict, "err.invite_used")
	}
	return nil
}

// RevokeInvites ends the unused, unexpired invites of nip at instant at.
func (c *conn) RevokeInvites(ctx context.Context, nip string, at time.Time) (int64, error) {
	res, err := c.exec(ctx, `UPDATE invites SET expires_at = ? WHERE nip = ? AND used_at IS NULL AND expires_at > ?`,
		at.UnixMilli(), nip, at.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Account returns what the bot remembers of a Telegram user.
func (c *conn) Account(ctx context.Context, telegramID int64) (*kinerja.Account, error) {
	var a kinerja.Account
	var lang string
	var unreachable int
	var updated int64
	err := c.queryRow(ctx, `SELECT telegram_id, lang, unreachable, updated_at FROM accounts WHERE telegram_id = ?`,
		telegramID).Scan(&a.TelegramID, &lang, &unreachable, &updated)
	if err != nil {
		return nil, notFound(err, "err.account_not_found")
	}
	a.Lang, a.Unreachable, a.UpdatedAt = kinerja.Lang(lang), unreachable != 0, time.UnixMilli(updated).UTC()
	return &a, nil
}

// PutAccount inserts or replaces an account.
func (c *conn) PutAccount(ctx context.Context, a *kinerja.Account) error {
	_, err := c.exec(ctx, `INSERT INTO accounts (telegram_id, lang, unreachable, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (telegram_id) DO UPDATE SET lang = excluded.lang, unreachable = excluded.unreachable,
		updated_at = excluded.updated_at`,
		a.TelegramID, string(a.Lang), boolInt(a.Unreachable), a.UpdatedAt.UnixMilli())
	return err
}

// Session returns the chat's dialogue session.
func (c *conn) Session(ctx context.Context, chatID int64) (*kinerja.Session, error) {
	var s kinerja.Session
	var data string
	var msgID, updated int64
	err := c.queryRow(ctx, `SELECT chat_id, flow, step, data, message_id, updated_at FROM sessions WHERE chat_id = ?`,
		chatID).Scan(&s.ChatID, &s.Flow, &s.Step, &data, &msgID, &updated)
	if err != nil {
		return nil, notFound(err, "err.no_session")
	}
	if err := json.Unmarshal([]byte(data), &s.Data); err != nil {
		return nil, fmt.Errorf("session %d: %w", chatID, err)
	}
	s.MessageID, s.UpdatedAt = int(msgID), time.UnixMilli(updated).UTC()
	return &s, nil
}

// PutSession inserts or replaces a session.
func (c *conn) PutSession(ctx context.Context, s *kinerja.Session) error {
	data, err := json.Marshal(s.Data)
	if err != nil {
		return err
	}
	_, err = c.exec(ctx, `INSERT INTO sessions (chat_id, flow, step, data, message_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (chat_id) DO UPDATE SET flow = excluded.flow, step = excluded.step, data = excluded.data,
		message_id = excluded.message_id, updated_at = excluded.updated_at`,
		s.ChatID, s.Flow, s.Step, string(data), s.MessageID, s.UpdatedAt.UnixMilli())
	return err
}

// IdleSessions returns the sessions last updated before the instant.
func (c *conn) IdleSessions(ctx context.Context, before time.Time) ([]*kinerja.Session, error) {
	rows, err := c.query(ctx, `SELECT chat_id FROM sessions WHERE updated_at < ? ORDER BY chat_id`, before.UnixMilli())
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*kinerja.Session, 0, len(ids))
	for _, id := range ids {
		s, err := c.Session(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// DeleteSession removes the chat's session, if any.
func (c *conn) DeleteSession(ctx context.Context, chatID int64) error {
	_, err := c.exec(ctx, `DELETE FROM sessions WHERE chat_id = ?`, chatID)
	return err
}

// UpdateSeen reports whether the update was already handled.
func (c *conn) UpdateSeen(ctx context.Context, updateID int64) (bool, error) {
	var n int
	err := c.queryRow(ctx, `SELECT COUNT(*) FROM processed_updates WHERE update_id = ?`, updateID).Scan(&n)
	return n > 0, err
}

// MarkUpdate records the update as handled.
func (c *conn) MarkUpdate(ctx context.Context, updateID int64, at time.Time) error {
	_, err := c.exec(ctx, `INSERT INTO processed_updates (update_id, handled_at) VALUES (?, ?)
		ON CONFLICT (update_id) DO NOTHING`, updateID, at.UnixMilli())
	return err
}

// PruneUpdates forgets updates handled before the instant.
func (c *conn) PruneUpdates(ctx context.Context, before time.Time) (int64, error) {
	res, err := c.exec(ctx, `DELETE FROM processed_updates WHERE handled_at < ?`, before.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// Setting returns a stored setting.
func (c *conn) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := c.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	return v, err == nil, err
}

// PutSetting stores a setting.
func (c *conn) PutSetting(ctx context.Context, key, value string) error {
	_, err := c.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	return err
}
