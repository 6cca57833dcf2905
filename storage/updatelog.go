package storage

import (
	"context"
	"strings"
	"time"
)

// updateChunk is how many ids or keys one batch statement names; a batch
// from getUpdates is at most a few dozen, so it is one statement, compiled
// once per id count and then reused (stmtCache).
const updateChunk = 64

// settingsSQL[n] selects the settings of n keys.
var settingsSQL = func() (q [updateChunk + 1]string) {
	for n := 1; n <= updateChunk; n++ {
		q[n] = `SELECT key, value FROM settings WHERE key IN (` + strings.Repeat("?, ", n-1) + `?)`
	}
	return q
}()

// Settings returns the values of those keys that exist.
func (c *conn) Settings(ctx context.Context, keys []string) (map[string]string, error) {
	out := make(map[string]string, len(keys))
	args := make([]any, 0, min(len(keys), updateChunk))
	for len(keys) > 0 {
		n := min(len(keys), updateChunk)
		args = args[:0]
		for _, k := range keys[:n] {
			args = append(args, k)
		}
		rows, err := c.query(ctx, settingsSQL[n], args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				rows.Close()
				return nil, err
			}
			out[k] = v
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		keys = keys[n:]
	}
	return out, nil
}

// updatesSeenSQL[n] selects which of n update ids were handled;
// markUpdatesSQL[n] records n of them.
var updatesSeenSQL, markUpdatesSQL = func() (seen, mark [updateChunk + 1]string) {
	for n := 1; n <= updateChunk; n++ {
		seen[n] = `SELECT update_id FROM processed_updates WHERE update_id IN (` +
			strings.Repeat("?, ", n-1) + `?)`
		mark[n] = `INSERT INTO processed_updates (update_id, handled_at) VALUES ` +
			strings.Repeat("(?, ?), ", n-1) + `(?, ?) ON CONFLICT (update_id) DO NOTHING`
	}
	return seen, mark
}()

// UpdatesSeen returns which of ids were already handled.
func (c *conn) UpdatesSeen(ctx context.Context, ids []int64) (map[int64]bool, error) {
	seen := make(map[int64]bool, len(ids))
	args := make([]any, 0, min(len(ids), updateChunk))
	for len(ids) > 0 {
		n := min(len(ids), updateChunk)
		args = args[:0]
		for _, id := range ids[:n] {
			args = append(args, id)
		}
		rows, err := c.query(ctx, updatesSeenSQL[n], args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			seen[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return seen, nil
}

// MarkUpdates records ids as handled at the instant; an id already
// recorded keeps its first instant.
func (c *conn) MarkUpdates(ctx context.Context, ids []int64, at time.Time) error {
	ms := at.UnixMilli()
	args := make([]any, 0, 2*min(len(ids), updateChunk))
	for len(ids) > 0 {
		n := min(len(ids), updateChunk)
		args = args[:0]
		for _, id := range ids[:n] {
			args = append(args, id, ms)
		}
		if _, err := c.exec(ctx, markUpdatesSQL[n], args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}
