package kinerja_test

import (
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// FuzzParsePeriod: any text either parses to a period within bounds whose
// canonical form parses back to it, or is refused with the user error
// err.period_format (never an internal error, never a panic).
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2026-11", "2026-Q4", "2026-S1", "2026", " 2026-q2 ", "2026-13", "2026-Q5", "2026-S3",
		"1999-01", "2101", "2026-+1", "2026-Q+1", "2026-1", "26-11", "", "2026-", "2026-Q", "٢٠٢٦-11"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := kinerja.ParsePeriod(s)
		if err != nil {
			if key, _ := kinerja.ErrorKey(err); key != "err.period_format" || kinerja.ErrorCode(err) != kinerja.EInvalid {
				t.Fatalf("ParsePeriod(%q) refused with %v (key %q), want a user error err.period_format", s, err, key)
			}
			return
		}
		max := map[kinerja.PeriodKind]int{kinerja.Monthly: 12, kinerja.Quarterly: 4, kinerja.Semester: 2, kinerja.Yearly: 0}
		m, known := max[p.Kind]
		low := 1
		if p.Kind == kinerja.Yearly {
			low = 0
		}
		if !known || p.Year < 2000 || p.Year > 2100 || p.Index < low || p.Index > m {
			t.Fatalf("ParsePeriod(%q) = %+v: out of bounds", s, p)
		}
		back, err := kinerja.ParsePeriod(p.String())
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) = %+v, but its form %q parses to %+v, %v", s, p, p.String(), back, err)
		}
		if loc := time.UTC; !p.Start(loc).Before(p.End(loc)) || !p.Contains(p.Start(loc), loc) {
			t.Fatalf("%+v: empty or inconsistent span", p)
		}
	})
}

// FuzzValidNIP: a NIP is accepted exactly when it is 18 ASCII digits.
func FuzzValidNIP(f *testing.F) {
	for _, s := range []string{"198502022010012002", "19850202201001200", "1985020220100120021", "19850202 201001 2 002",
		"1.99508302020121E+17", "١٩٨٥٠٢٠٢٢٠١٠٠١٢٠٠٢", "198502022010012002\n", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := len(s) == 18
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				want = false
			}
		}
		if got := kinerja.ValidNIP(s); got != want {
			t.Fatalf("ValidNIP(%q) = %v, want %v", s, got, want)
		}
	})
}
