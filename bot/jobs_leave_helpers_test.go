package bot

import (
	"testing"
	"time"
)

// Telegram ids of the roster in the leave and export tests (the jobs'
// tests that declared them moved to bot/jobs).
const (
	jtHead  = 501
	jtBudi  = 502
	jtSari  = 503
	jtAdmin = 504
)

// newJobsHarness is the harness with the roster linked, for /cuti and /ekspor.
func newJobsHarness(t *testing.T) *harness {
	t.Helper()
	h := newHarness(t)
	h.seed()
	for nip, id := range map[string]int64{nipHead: jtHead, nipBudi: jtBudi, nipSari: jtSari, nipAdmin: jtAdmin} {
		h.link(nip, id)
	}
	return h
}

// at is an instant in WIB.
func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, wib) }
