package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

const staffColumns = `nip, name, position, unit_code, superior_nip, admin, telegram_id`

func scanStaff(row interface{ Scan(...any) error }) (*kinerja.Staff, error) {
	var s kinerja.Staff
	var admin int
	var tg sql.NullInt64
	if err := row.Scan(&s.NIP, &s.Name, &s.Position, &s.UnitCode, &s.SuperiorNIP, &admin, &tg); err != nil {
		return nil, err
	}
	s.Admin = admin != 0
	s.TelegramID = tg.Int64
	return &s, nil
}

// Staff returns the person with that NIP.
func (c *conn) Staff(ctx context.Context, nip string) (*kinerja.Staff, error) {
	s, err := scanStaff(c.queryRow(ctx, `SELECT `+staffColumns+` FROM staff WHERE nip = ?`, nip))
	if err != nil {
		return nil, notFound(err, "err.staff_not_found", nip)
	}
	return s, nil
}

// StaffByTelegram returns the person linked to a Telegram account.
func (c *conn) StaffByTelegram(ctx context.Context, telegramID int64) (*kinerja.Staff, error) {
	s, err := scanStaff(c.queryRow(ctx, `SELECT `+staffColumns+` FROM staff WHERE telegram_id = ?`, telegramID))
	if err != nil {
		return nil, notFound(err, "err.not_linked")
	}
	return s, nil
}

// ListStaff returns the people matching f, ordered by unit then name.
func (c *conn) ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error) {
	var where []string
	var args []any
	if f.UnitCode != "" {
		where = append(where, "unit_code = ?")
		args = append(args, f.UnitCode)
	}
	if f.SuperiorNIP != "" {
		where = append(where, "superior_nip = ?")
		args = append(args, f.SuperiorNIP)
	}
	if f.LinkedOnly {
		where = append(where, "telegram_id IS NOT NULL")
	}
	q := `SELECT ` + staffColumns + ` FROM staff`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := c.query(ctx, q+" ORDER BY unit_code, name, nip", args...)
	if err != nil {
		return nil, fmt.Errorf("list staff: %w", err)
	}
	return collect(rows, scanStaff)
}

// PutStaff inserts or updates a person's roster fields. A new or changed
// superior or unit closes the open span and opens a new one at instant at,
// so the history of who assessed whom, and where, survives every re-import.
func (c *conn) PutStaff(ctx context.Context, s *kinerja.Staff, at time.Time) (bool, error) {
	return c.MoveStaff(ctx, s, at, at)
}

// MoveStaff is PutStaff with the spans of a changed superior or unit
// starting at effective instead of at (see kinerja.StaffStore).
func (c *conn) MoveStaff(ctx context.Context, s *kinerja.Staff, at, effective time.Time) (bool, error) {
	if effective.IsZero() || effective.After(at) {
		effective = at
	}
	old, err := c.Staff(ctx, s.NIP)
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		_, err = c.exec(ctx, `INSERT INTO staff (nip, name, position, unit_code, superior_nip, admin, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			s.NIP, s.Name, s.Position, s.UnitCode, s.SuperiorNIP, boolInt(s.Admin), at.UnixMilli(), at.UnixMilli())
		if err != nil {
			return false, fmt.Errorf("insert staff %s: %w", s.NIP, err)
		}
		if err := c.moveSpan(ctx, superiorSpans, s.NIP, s.SuperiorNIP, effective); err != nil {
			return false, err
		}
		return true, c.moveSpan(ctx, unitSpans, s.NIP, s.UnitCode, effective)
	case err != nil:
		return false, err
	}
	if old.Name == s.Name && old.Position == s.Position && old.UnitCode == s.UnitCode &&
		old.SuperiorNIP == s.SuperiorNIP && old.Admin == s.Admin {
		return false, nil
	}
	_, err = c.exec(ctx, `UPDATE staff SET name = ?, position = ?, unit_code = ?, superior_nip = ?, admin = ?, updated_at = ?
		WHERE nip = ?`, s.Name, s.Position, s.UnitCode, s.SuperiorNIP, boolInt(s.Admin), at.UnixMilli(), s.NIP)
	if err != nil {
		return false, fmt.Errorf("update staff %s: %w", s.NIP, err)
	}
	if old.SuperiorNIP != s.SuperiorNIP {
		if err := c.moveSpan(ctx, superiorSpans, s.NIP, s.SuperiorNIP, effective); err != nil {
			return false, err
		}
	}
	if old.UnitCode != s.UnitCode {
		if err := c.moveSpan(ctx, unitSpans, s.NIP, s.UnitCode, effective); err != nil {
			return false, err
		}
	}
	return true, nil
}

// spanTable names a history table and its value column; both are
// constants, never user input.
type spanTable struct{ table, column string }

var (
	superiorSpans = spanTable{"superior_spans", "superior_nip"}
	unitSpans     = spanTable{"unit_spans", "unit_code"}
)

// moveSpan closes the person's open span in t (if any) and opens one with
// value from instant from. A move dated before the open span began (a
// correction of the last import) starts where that span began instead, so
// spans never run backwards.
func (c *conn) moveSpan(ctx context.Context, t spanTable, nip, value string, from time.Time) error {
	var start int64
	err := c.queryRow(ctx, `SELECT valid_from FROM `+t.table+` WHERE nip = ? AND valid_to IS NULL
		ORDER BY valid_from DESC, id DESC LIMIT 1`, nip).Scan(&start)
	switch {
	case err == sql.ErrNoRows:
	case err != nil:
		return fmt.Errorf("read %s of %s: %w", t.table, nip, err)
	default:
		if from.UnixMilli() < start {
			from = time.UnixMilli(start)
		}
		if _, err := c.exec(ctx, `UPDATE `+t.table+` SET valid_to = ? WHERE nip = ? AND valid_to IS NULL`,
			from.UnixMilli(), nip); err != nil {
			return fmt.Errorf("close %s of %s: %w", t.table, nip, err)
		}
	}
	_, err = c.exec(ctx, `INSERT INTO `+t.table+` (nip, `+t.column+`, valid_from) VALUES (?, ?, ?)`,
		nip, value, from.UnixMilli())
	return err
}

// SuperiorAt returns the person's assessor at instant t. Before the first
// recorded span (work done before the roster was first imported) the first
// known assessor is used.
func (c *conn) SuperiorAt(ctx context.Context, nip string, t time.Time) (string, error) {
	var sup string
	err := c.queryRow(ctx, `SELECT superior_nip FROM superior_spans
		WHERE nip = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)
		ORDER BY valid_from DESC, id DESC LIMIT 1`, nip, t.UnixMilli(), t.UnixMilli()).Scan(&sup)
	if err == sql.ErrNoRows {
		err = c.queryRow(ctx, `SELECT superior_nip FROM superior_spans WHERE nip = ?
			ORDER BY valid_from, id LIMIT 1`, nip).Scan(&sup)
	}
	if err != nil {
		return "", notFound(err, "err.staff_not_found", nip)
	}
	return sup, nil
}

// SuperiorHistory returns the spans of a person's assessors, oldest first.
func (c *conn) SuperiorHistory(ctx context.Context, nip string) ([]kinerja.SuperiorSpan, error) {
	rows, err := c.query(ctx, `SELECT nip, superior_nip, valid_from, valid_to FROM superior_spans
		WHERE nip = ? ORDER BY valid_from, id`, nip)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []kinerja.SuperiorSpan
	for rows.Next() {
		var sp kinerja.SuperiorSpan
		var from int64
		var to sql.NullInt64
		if err := rows.Scan(&sp.NIP, &sp.SuperiorNIP, &from, &to); err != nil {
			return nil, err
		}
		sp.From, sp.To = time.UnixMilli(from).UTC(), fromMS(to)
		out = append(out, sp)
	}
	return out, rows.Err()
}

// SuperiorSpansDuring returns the superior spans overlapping [from, to),
// of the given superiors or of anyone, ordered by person and start.
func (c *conn) SuperiorSpansDuring(ctx context.Context, from, to time.Time, superiors ...string) ([]kinerja.SuperiorSpan, error) {
	q := `SELECT nip, superior_nip, valid_from, valid_to FROM superior_spans
		WHERE valid_from < ? AND (valid_to IS NULL OR valid_to > ?)`
	args := []any{to.UnixMilli(), from.UnixMilli()}
	if len(superiors) > 0 {
		q += ` AND superior_nip IN (` + placeholders(len(superiors)) + `)`
		for _, s := range superiors {
			args = append(args, s)
		}
	}
	rows, err := c.query(ctx, q+` ORDER BY nip, valid_from, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("superior spans during %s–%s: %w", from, to, err)
	}
	return collect(rows, scanSuperiorSpan)
}

// scanSuperiorSpan reads nip, superior_nip, valid_from, valid_to.
func scanSuperiorSpan(row interface{ Scan(...any) error }) (kinerja.SuperiorSpan, error) {
	var sp kinerja.SuperiorSpan
	var from int64
	var to sql.NullInt64
	if err := row.Scan(&sp.NIP, &sp.SuperiorNIP, &from, &to); err != nil {
		return sp, err
	}
	sp.From, sp.To = time.UnixMilli(from).UTC(), fromMS(to)
	return sp, nil
}

// LinkTelegram links (or, with 0, unlinks) a Telegram account to a NIP.
func (c *conn) LinkTelegram(ctx context.Context, nip string, telegramID int64) error {
	var id any
	if telegramID != 0 {
		id = telegramID
	}
	res, err := c.exec(ctx, `UPDATE staff SET telegram_id = ? WHERE nip = ?`, id, nip)
	if isUniqueViolation(err) {
		return kinerja.Errorf(kinerja.EConflict, "err.account_linked_elsewhere")
	}
	if err != nil {
		return fmt.Errorf("link %s: %w", nip, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return kinerja.Errorf(kinerja.ENotFound, "err.staff_not_found", nip)
	}
	return nil
}

// Unit returns the unit with that code.
func (c *conn) Unit(ctx context.Context, code string) (*kinerja.Unit, error) {
	var u kinerja.Unit
	err := c.queryRow(ctx, `SELECT code, name, head_nip, group_chat_id FROM units WHERE code = ?`, code).
		Scan(&u.Code, &u.Name, &u.HeadNIP, &u.GroupChatID)
	if err != nil {
		return nil, notFound(err, "err.unit_not_found", code)
	}
	return &u, nil
}

// ListUnits returns every unit ordered by code.
func (c *conn) ListUnits(ctx context.Context) ([]*kinerja.Unit, error) {
	rows, err := c.query(ctx, `SELECT code, name, head_nip, group_chat_id FROM units ORDER BY code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*kinerja.Unit
	for rows.Next() {
		var u kinerja.Unit
		if err := rows.Scan(&u.Code, &u.Name, &u.HeadNIP, &u.GroupChatID); err != nil {
			return nil, err
		}
		out = append(out, &u)
	}
	return out, rows.Err()
}

// PutUnit inserts or updates a unit and reports whether anything changed.
func (c *conn) PutUnit(ctx context.Context, u *kinerja.Unit) (bool, error) {
	old, err := c.Unit(ctx, u.Code)
	switch {
	case kinerja.ErrorCode(err) == kinerja.ENotFound:
		_, err = c.exec(ctx, `INSERT INTO units (code, name, head_nip, group_chat_id) VALUES (?, ?, ?, ?)`,
			u.Code, u.Name, u.HeadNIP, u.GroupChatID)
		return err == nil, err
	case err != nil:
		return false, err
	case *old == *u:
		return false, nil
	}
	_, err = c.exec(ctx, `UPDATE units SET name = ?, head_nip = ?, group_chat_id = ? WHERE code = ?`,
		u.Name, u.HeadNIP, u.GroupChatID, u.Code)
	return err == nil, err
}
