package storage

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ReserveSend reserves the next slot of the shared limit key, which lets
// one message through every interval with bursts of up to tolerance/interval
// extra ones (GCRA, as a reservation): it returns how long the caller must
// wait before sending, 0 when the limit has room now. Every replica on the
// database shares the limit, and the database's clock is the only one
// read, so replicas whose clocks differ still pace as one. A reservation
// is one statement; a caller that gives up its slot leaves a gap, never an
// excess. PostgreSQL only: a process on SQLite paces in memory.
func (db *DB) ReserveSend(ctx context.Context, key string, interval, tolerance time.Duration) (time.Duration, error) {
	if db.engine != postgresEngine {
		return 0, errors.New("storage: a shared flood limit needs PostgreSQL")
	}
	iv := interval.Microseconds()
	var tat, now int64
	err := db.sql.QueryRowContext(ctx, db.rebind(`WITH now AS (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::BIGINT AS us)
		INSERT INTO flood_limits AS f (key, tat) SELECT ?, now.us + ? FROM now
		ON CONFLICT (key) DO UPDATE SET tat = GREATEST(f.tat, (SELECT us FROM now)) + ?
		RETURNING f.tat, (SELECT us FROM now)`), key, iv, iv).Scan(&tat, &now)
	if err != nil {
		return 0, fmt.Errorf("flood limit %s: %w", key, err)
	}
	// The slot is the new arrival time less one interval; bursts may run
	// ahead of it by tolerance.
	wait := time.Duration(tat-iv-now)*time.Microsecond - tolerance
	return max(wait, 0), nil
}
