package kinerja

import "testing"

func TestParseAndFormatRupiah(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"1.250.000.000", 1.25e9, true}, {"Rp. 2.500", 2500, true}, {"Rp2.500,75", 2500.75, true},
		{".5", 0, false}, {"2.500.", 0, false}, {"1 000", 1000, true},
	} {
		if got, ok := ParseRupiah(tt.in); ok != tt.ok || got != tt.want {
			t.Errorf("ParseRupiah(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
	for v, want := range map[float64]string{0: "Rp 0", 999: "Rp 999", 1000: "Rp 1.000", 1.25e9: "Rp 1.250.000.000",
		1250.5: "Rp 1.250,50", 99.999: "Rp 100"} {
		if got := FormatRupiah(v); got != want {
			t.Errorf("FormatRupiah(%v) = %q, want %q", v, got, want)
		}
	}
}

func FuzzParseRupiah(f *testing.F) {
	for _, s := range []string{"1.250.000.000", "1,250,000.50", "Rp 5", "12,5", "1.000,000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := ParseRupiah(s)
		if ok && (v < 0 || v != v) {
			t.Fatalf("ParseRupiah(%q) = %v", s, v)
		}
		if ok {
			// What is written back reads the same (to the cent).
			back, ok2 := ParseRupiah(FormatRupiah(v))
			if !ok2 || back-v > 0.005 || v-back > 0.005 {
				t.Fatalf("round trip of %q: %v → %q → %v, %v", s, v, FormatRupiah(v), back, ok2)
			}
		}
	})
}
