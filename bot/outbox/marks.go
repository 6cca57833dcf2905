package outbox

import (
	"context"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// A message Telegram accepted is marked sent in the database right after,
// in a transaction of its own: a few milliseconds on a quiet database,
// tens when it is busy. A process killed in between sends the message
// again after restart (or another replica does once the claim lapses).
// Marked narrows that window to one write to a local file, as the bot's
// durable replies do (bot.SentLog): the note is taken the moment the send
// returns, before the database is asked, and RecoverMarks applies the
// notes a killed process left, at its next start, before another replica
// may take the messages over (their claims last Lease, 30 s).

// trimEvery is how many settled marks the log collects before it is cut
// back to the ones still being written to the database.
const trimEvery = 512

// Marked is a Store whose MarkSent notes the message in Log first.
type Marked struct {
	Store
	Log bot.SentLog

	mu      sync.Mutex
	pending map[int64]bool // noted, not yet marked in the database
	settled int            // marks written since the last trim
}

// MarkSent notes id in the log, then marks it sent in the database.
func (m *Marked) MarkSent(ctx context.Context, id int64, at time.Time) error {
	m.mu.Lock()
	if m.pending == nil {
		m.pending = map[int64]bool{}
	}
	m.pending[id] = true
	_ = m.Log.Mark(id) // a failed note costs only the narrower window
	m.mu.Unlock()
	err := m.Store.MarkSent(ctx, id, at)
	m.mu.Lock()
	defer m.mu.Unlock()
	if err == nil || kinerja.ErrorCode(err) == kinerja.EConflict {
		delete(m.pending, id)
		m.settled++
	}
	if m.settled >= trimEvery {
		keep := make([]int64, 0, len(m.pending))
		for id := range m.pending {
			keep = append(keep, id)
		}
		if m.Log.Reset(keep, nil) == nil {
			m.settled = 0
		}
	}
	return err
}

// RecoverMarks marks sent, in store, the messages noted in log that a
// killed process sent without marking, then empties the log. It returns
// how many it marked (the others were marked already). Call it at start,
// before this process sends anything.
func RecoverMarks(ctx context.Context, store kinerja.OutboxQueue, log bot.SentLog, now time.Time) (int, error) {
	ids, err := log.Marked()
	if err != nil {
		return 0, err
	}
	n := 0
	for id := range ids {
		switch err := store.MarkSent(ctx, id, now); {
		case err == nil:
			n++
		case kinerja.ErrorCode(err) == kinerja.EConflict:
			// marked before the kill, or settled otherwise
		default:
			return n, err
		}
	}
	return n, log.Reset(nil, nil)
}
