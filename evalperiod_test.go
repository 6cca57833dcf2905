package kinerja

import (
	"testing"
	"time"
)

func TestJustEndedAndLastEnded(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	at := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 9, 0, 0, 0, loc) }
	tests := []struct {
		kind     PeriodKind
		t        time.Time
		just     string // "" when none ended at the start of the month
		lastDone string
	}{
		{Monthly, at(2026, 12, 1), "2026-11", "2026-11"},
		{Monthly, at(2026, 1, 3), "2025-12", "2025-12"},
		{Quarterly, at(2026, 10, 2), "2026-Q3", "2026-Q3"},
		{Quarterly, at(2026, 11, 10), "", "2026-Q3"},
		{Quarterly, at(2026, 12, 31), "", "2026-Q3"},
		{Quarterly, at(2027, 1, 1), "2026-Q4", "2026-Q4"},
		{Semester, at(2026, 7, 1), "2026-S1", "2026-S1"},
		{Semester, at(2026, 9, 1), "", "2026-S1"},
		{Semester, at(2026, 3, 1), "", "2025-S2"},
	}
	for _, tt := range tests {
		p, ok := JustEnded(tt.kind, tt.t, loc)
		if got := map[bool]string{true: p.String(), false: ""}[ok]; got != tt.just {
			t.Errorf("JustEnded(%s, %s) = %q, want %q", tt.kind, tt.t.Format("2006-01-02"), got, tt.just)
		}
		if got := LastEnded(tt.kind, tt.t, loc).String(); got != tt.lastDone {
			t.Errorf("LastEnded(%s, %s) = %s, want %s", tt.kind, tt.t.Format("2006-01-02"), got, tt.lastDone)
		}
	}
}
