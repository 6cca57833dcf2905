package storage

import (
	"context"
	"strings"
	"time"
)

// inChunk is how many ids, keys or rows one batch statement names; a batch from
// getUpdates is at most a few dozen, so it is one statement, compiled once
// per count and then reused (stmtCache).
const inChunk = 64

// inSQL returns, for n = 1…inChunk, the query with n placeholders after
// head and before tail.
func inSQL(head, row, sep, tail string) (q [inChunk + 1]string) {
	for n := 1; n <= inChunk; n++ {
		q[n] = head + strings.Repeat(row+sep, n-1) + row + tail
	}
	return q
}

var (
	// settingsSQL[n] selects the settings of n keys.
	settingsSQL = inSQL(`SELECT key, value FROM settings WHERE key IN (`, "?", ", ", `)`)
	// updatesSeenSQL[n] selects which of n update ids were handled.
	updatesSeenSQL = inSQL(`SELECT update_id FROM processed_updates WHERE update_id IN (`, "?", ", ", `)`)
	// markUpdatesSQL[n] records n update ids as handled.
	markUpdatesSQL = inSQL(`INSERT INTO processed_updates (update_id, handled_at) VALUES `, "(?, ?)", ", ",
		` ON CONFLICT (update_id) DO NOTHING`)
)

// chunked runs run over keys inChunk at a time, with each chunk's
// arguments (add appends a key's) and the statement for its size.
func chunked[K any](keys []K, sqls *[inChunk + 1]string, add func([]any, K) []any, run func(q string, args []any) error) error {
	var buf []any
	for len(keys) > 0 {
		n := min(len(keys), inChunk)
		buf = buf[:0]
		for _, k := range keys[:n] {
			buf = add(buf, k)
		}
		if err := run(sqls[n], buf); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// queryEach runs q and calls scan for each row.
func (c *conn) queryEach(ctx context.Context, q string, args []any, scan func(func(...any) error) error) error {
	rows, err := c.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Settings returns the values of those keys that exist.
func (c *conn) Settings(ctx context.Context, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	err := chunked(keys, &settingsSQL, func(a []any, k string) []any { return append(a, k) }, func(q string, args []any) error {
		return c.queryEach(ctx, q, args, func(scan func(...any) error) error {
			var k, v string
			err := scan(&k, &v)
			out[k] = v
			return err
		})
	})
	return out, err
}

// UpdatesSeen returns which of ids were already handled.
func (c *conn) UpdatesSeen(ctx context.Context, ids []int64) (map[int64]bool, error) {
	seen := make(map[int64]bool, len(ids))
	err := chunked(ids, &updatesSeenSQL, func(a []any, id int64) []any { return append(a, id) }, func(q string, args []any) error {
		return c.queryEach(ctx, q, args, func(scan func(...any) error) error {
			var id int64
			err := scan(&id)
			seen[id] = true
			return err
		})
	})
	return seen, err
}

// MarkUpdates records ids as handled at the instant; an id already
// recorded keeps its first instant.
func (c *conn) MarkUpdates(ctx context.Context, ids []int64, at time.Time) error {
	ms := at.UnixMilli()
	return chunked(ids, &markUpdatesSQL, func(a []any, id int64) []any { return append(a, id, ms) }, func(q string, args []any) error {
		_, err := c.exec(ctx, q, args...)
		return err
	})
}
