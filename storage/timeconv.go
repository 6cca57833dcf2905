package storage

import (
	"database/sql"
	"time"
)

// Instants are stored as Unix milliseconds (UTC), portable across engines.

// ms returns t as Unix milliseconds, or nil (SQL NULL) for the zero time.
func ms(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// fromMS turns a nullable millisecond column back into a time (zero for NULL).
func fromMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64).UTC()
}

// boolInt stores a bool as 0 or 1 in both engines.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
