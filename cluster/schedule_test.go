package cluster

import (
	"testing"
	"time"
)

// daily8 is due at 08:00 UTC every day.
type daily8 struct{}

func (daily8) Next(t time.Time) time.Time {
	d := time.Date(t.Year(), t.Month(), t.Day(), 8, 0, 0, 0, time.UTC)
	if !d.After(t) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

func TestLastDue(t *testing.T) {
	slot := time.Date(2026, 11, 10, 8, 0, 0, 0, time.UTC)
	for name, tc := range map[string]struct {
		at   time.Time
		want time.Time
	}{
		"River inserts 100 ms early": {slot.Add(-100 * time.Millisecond).Add(enqueueMargin), slot},
		"on time":                    {slot.Add(enqueueMargin), slot},
		"new leader 40 s late":       {slot.Add(40 * time.Second), slot},
		"beyond the catch-up":        {slot.Add(catchUp + time.Second), time.Time{}},
		"before the slot":            {slot.Add(-time.Minute), time.Time{}},
	} {
		t.Run(name, func(t *testing.T) {
			if got := lastDue(daily8{}, tc.at, catchUp); !got.Equal(tc.want) {
				t.Fatalf("lastDue(%s) = %s, want %s", tc.at.Format(time.TimeOnly), got, tc.want)
			}
		})
	}
}
