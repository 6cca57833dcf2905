package report

import (
	"math"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// FuzzParseQuantity: a typed quantity is either a positive finite number
// that the bot writes back in a form read as the same number (or asked
// about as ambiguous, "1,234"), or refused with a text key the user can
// read in both languages.
func FuzzParseQuantity(f *testing.F) {
	for _, s := range []string{"2,5", "2.5", "50", "1,5", "0", "-5", "2.500", "2,500", "abc", "", " 4 ", "1e3", "0x10",
		"99999999999", "1,2,3", "٣", "0,001", "1" + strings.Repeat("0", 400), "NaN", "Inf"} {
		f.Add(s)
	}
	refusals := map[string]bool{"rpt.qty_not_number": true, "rpt.qty_not_positive": true, "rpt.qty_ambiguous": true}
	f.Fuzz(func(t *testing.T, s string) {
		v, key := parseQuantity(s)
		if key != "" {
			if !refusals[key] || v != 0 {
				t.Fatalf("parseQuantity(%q) = %v, %q: not a known refusal", s, v, key)
			}
			for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
				if bot.T(lang, key) == key {
					t.Fatalf("refusal %q has no text", key)
				}
			}
			return
		}
		if !(v > 0) || math.IsInf(v, 0) || math.IsNaN(v) {
			t.Fatalf("parseQuantity(%q) = %v: accepted a number that is not positive and finite", s, v)
		}
		if v < 0.01 {
			return // shown with two decimals when long: "0,00"
		}
		for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
			shown := reportNum(lang, v)
			back, key := parseQuantity(shown)
			if key == "rpt.qty_ambiguous" {
				continue
			}
			if key != "" || math.Abs(back-v) > 0.005+1e-12*v {
				t.Fatalf("parseQuantity(%q) = %v, shown as %q, read back as %v %q", s, v, shown, back, key)
			}
		}
	})
}

// FuzzParseWorkDate: a typed work date is either refused or local midnight
// of a day between 2000 and 2100 (or today and yesterday), and the day
// written as ISO or as "D/M/YYYY" reads back as the same day.
func FuzzParseWorkDate(f *testing.F) {
	for _, s := range []string{"hari ini", "kemarin", "today", "7", "7/11", "7-11-2026", "7 November 2026", "2026-11-07",
		"31 Oktober 2026", "2026-11-03", "31/6", "0", "32", "7/13", "7 Brumaire", "7-11-99", "7.11.26", "", "1/1/1999",
		"29/2/2028", "29/2/2027", "7 nov 2026 x", "+7/+11"} {
		f.Add(s)
	}
	today := time.Date(2026, 11, 10, 0, 0, 0, 0, bottest.WIB)
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseWorkDate(s, today)
		if !ok {
			return
		}
		if d.Location() != today.Location() || d.Hour() != 0 || d.Minute() != 0 || d.Second() != 0 || d.Nanosecond() != 0 {
			t.Fatalf("parseWorkDate(%q) = %v: not local midnight", s, d)
		}
		if d.Year() < 2000 || d.Year() > 2100 {
			t.Fatalf("parseWorkDate(%q) = %v: year out of bounds", s, d)
		}
		for _, form := range []string{kinerja.DayString(d, today.Location()), d.Format("2/1/2006")} {
			if back, ok := parseWorkDate(form, today); !ok || !back.Equal(d) {
				t.Fatalf("parseWorkDate(%q) = %v, but %q reads back as %v, %v", s, d, form, back, ok)
			}
		}
	})
}
