package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// chatStateSQL reads an update's sender's account and staff record and its
// chat's session in one statement (three lookups by key, each LEFT JOINed
// to a single row so that any of them may be missing).
const chatStateSQL = `SELECT a.telegram_id, a.lang, a.unreachable, a.updated_at,
	s.nip, s.name, s.position, s.unit_code, s.superior_nip, s.admin,
	se.flow, se.step, se.data, se.message_id, se.updated_at
	FROM (SELECT CAST(? AS BIGINT) AS uid, CAST(? AS BIGINT) AS cid) AS o
	LEFT JOIN accounts a ON a.telegram_id = o.uid
	LEFT JOIN staff s ON s.telegram_id = o.uid
	LEFT JOIN sessions se ON se.chat_id = o.cid`

// ChatState returns the account and staff record of Telegram user userID
// and the session of chatID, each nil when missing.
func (c *conn) ChatState(ctx context.Context, userID, chatID int64) (kinerja.ChatState, error) {
	var (
		out                           kinerja.ChatState
		accID, accUnreach, accUpdated sql.NullInt64
		lang                          sql.NullString
		nip, name, pos, unit, sup     sql.NullString
		admin                         sql.NullInt64
		flow, step, data              sql.NullString
		msgID, sesUpdated             sql.NullInt64
	)
	err := c.queryRow(ctx, chatStateSQL, userID, chatID).Scan(&accID, &lang, &accUnreach, &accUpdated,
		&nip, &name, &pos, &unit, &sup, &admin, &flow, &step, &data, &msgID, &sesUpdated)
	if err != nil {
		return out, err
	}
	if accID.Valid {
		out.Account = &kinerja.Account{TelegramID: accID.Int64, Lang: kinerja.Lang(lang.String),
			Unreachable: accUnreach.Int64 != 0, UpdatedAt: time.UnixMilli(accUpdated.Int64).UTC()}
	}
	if nip.Valid {
		out.Staff = &kinerja.Staff{NIP: nip.String, Name: name.String, Position: pos.String, UnitCode: unit.String,
			SuperiorNIP: sup.String, Admin: admin.Int64 != 0, TelegramID: userID}
	}
	if flow.Valid {
		se := &kinerja.Session{ChatID: chatID, Flow: flow.String, Step: step.String,
			MessageID: int(msgID.Int64), UpdatedAt: time.UnixMilli(sesUpdated.Int64).UTC()}
		if err := json.Unmarshal([]byte(data.String), &se.Data); err != nil {
			return out, fmt.Errorf("session %d: %w", chatID, err)
		}
		out.Session = se
	}
	return out, nil
}
