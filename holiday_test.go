package kinerja_test

import (
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

var wib = time.FixedZone("WIB", 7*3600)

func cal() *kinerja.Calendar {
	return kinerja.NewCalendar(wib, []kinerja.Holiday{
		{Day: "2026-12-24", Name: "Cuti bersama Natal", CutiBersama: true},
		{Day: "2026-12-25", Name: "Kelahiran Yesus Kristus"},
	})
}

func TestWorkingDay(t *testing.T) {
	c := cal()
	for _, tc := range []struct {
		name string
		at   time.Time
		want bool
	}{
		{"an ordinary Wednesday", time.Date(2026, 12, 23, 9, 0, 0, 0, wib), true},
		{"cuti bersama", time.Date(2026, 12, 24, 9, 0, 0, 0, wib), false},
		{"national holiday", time.Date(2026, 12, 25, 9, 0, 0, 0, wib), false},
		{"Saturday", time.Date(2026, 12, 26, 9, 0, 0, 0, wib), false},
		{"Sunday", time.Date(2026, 12, 27, 9, 0, 0, 0, wib), false},
		// 23 Dec 20:00 UTC is already Thursday 24 Dec 03:00 in Jakarta.
		{"the local day counts, not UTC", time.Date(2026, 12, 23, 20, 0, 0, 0, time.UTC), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.WorkingDay(tc.at); got != tc.want {
				t.Fatalf("WorkingDay(%v) = %v, want %v", tc.at, got, tc.want)
			}
		})
	}
	var none *kinerja.Calendar
	if !none.WorkingDay(time.Date(2026, 12, 25, 9, 0, 0, 0, time.UTC)) {
		t.Fatal("a nil calendar should know weekends only")
	}
	if h, ok := c.Holiday(time.Date(2026, 12, 24, 12, 0, 0, 0, wib)); !ok || !h.CutiBersama {
		t.Fatalf("Holiday(24 Dec) = %+v, %v", h, ok)
	}
	if !c.Knows(2026) || c.Knows(2027) {
		t.Fatal("Knows should report the configured years only")
	}
}

func TestWorkingDaysBefore(t *testing.T) {
	c := cal()
	// Monday 28 Dec: back over the weekend and both holidays.
	got := c.WorkingDaysBefore(time.Date(2026, 12, 28, 14, 0, 0, 0, wib), 3, nil)
	want := []string{"2026-12-23", "2026-12-22", "2026-12-21"}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if s := kinerja.DayString(got[i], wib); s != want[i] {
			t.Fatalf("day %d = %s, want %s", i, s, want[i])
		}
	}
	onLeave := func(d time.Time) bool { return kinerja.DayString(d, wib) == "2026-12-22" }
	got = c.WorkingDaysBefore(time.Date(2026, 12, 28, 14, 0, 0, 0, wib), 2, onLeave)
	if kinerja.DayString(got[1], wib) != "2026-12-21" {
		t.Fatalf("a leave day should be skipped: %v", got)
	}
	always := func(time.Time) bool { return true }
	if got := c.WorkingDaysBefore(time.Date(2026, 12, 28, 14, 0, 0, 0, wib), 2, always); len(got) != 0 {
		t.Fatalf("on leave all year: %v, want none", got)
	}
}

func TestLastWorkingDayUpTo(t *testing.T) {
	c := cal()
	from := time.Date(2026, 12, 1, 0, 0, 0, 0, wib)
	// Sunday 27 Dec → Wednesday 23 Dec (24, 25 are holidays, 26 Saturday).
	d, ok := c.LastWorkingDayUpTo(from, time.Date(2026, 12, 27, 9, 0, 0, 0, wib))
	if !ok || kinerja.DayString(d, wib) != "2026-12-23" {
		t.Fatalf("got %v %v", d, ok)
	}
	// A window that is all weekend has none.
	if _, ok := c.LastWorkingDayUpTo(time.Date(2026, 12, 26, 0, 0, 0, 0, wib), time.Date(2026, 12, 27, 9, 0, 0, 0, wib)); ok {
		t.Fatal("a weekend-only window should have no working day")
	}
}
