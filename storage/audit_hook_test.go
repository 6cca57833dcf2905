package storage

import "context"

// ExecRaw runs SQL behind the store's back (placeholders rebound per engine),
// so contract tests can tamper with the audit log as an intruder would.
func (db *DB) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := db.exec(ctx, q, args...)
	return err
}
