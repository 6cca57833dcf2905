package bot_test

import (
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// FuzzParseDay: a typed day is either refused or local midnight of
// a day between 2000 and 2100, and the day written as ISO or as
// "D-M-YYYY" reads back as the same day.
func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"5-12-2026", "05/12/2026", "5.12.26", "2026-12-05", "5 Desember 2026", "5 des", "17 Agustus",
		"5-12", "besok", "Hari ini", "31-11-2026", "5-13-2026", "5 Brumaire 2026", "kemarin", "", "0001-01-01",
		"5 d", "5 é", "5 12 2026 x", "-5-12"} {
		f.Add(s)
	}
	today := time.Date(2026, 11, 10, 0, 0, 0, 0, bottest.WIB)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := bot.ParseDay(s, today)
		if !ok {
			return
		}
		if d.Location() != today.Location() || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("bot.ParseDay(%q) = %v: not local midnight", s, d)
		}
		if d.Year() < 2000 || d.Year() > 2100 {
			t.Fatalf("bot.ParseDay(%q) = %v: year out of bounds", s, d)
		}
		for _, form := range []string{kinerja.DayString(d, today.Location()), d.Format("2-1-2006")} {
			if back, ok := bot.ParseDay(form, today); !ok || !back.Equal(d) {
				t.Fatalf("bot.ParseDay(%q) = %v, but %q reads back as %v, %v", s, d, form, back, ok)
			}
		}
	})
}
