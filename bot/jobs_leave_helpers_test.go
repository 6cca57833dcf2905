package bot

import "time"

// at is an instant in WIB, for the leave tests (the jobs' tests that
// declared it moved to bot/jobs).
func at(y int, m time.Month, d, hh, mm int) time.Time { return time.Date(y, m, d, hh, mm, 0, 0, wib) }
