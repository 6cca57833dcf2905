package report

import (
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// TestTargetBasisText: each derivation said in both languages; strings
// stored before monthly shares existed read as they always did.
func TestTargetBasisText(t *testing.T) {
	tests := []struct {
		name      string
		basis     string
		period    string
		target    float64
		id, en    string
		aggregate kinerja.Aggregation
	}{
		{"a whole month of a yearly target", "monthly 1/12", "2026", 10,
			"target tahunan 120 (2026) × 1/12 bulan; realisasi = jumlah laporan",
			"yearly target 120 (2026) × 1/12 months; realisation = sum of reports", ""},
		{"a month of a quarterly target", "monthly 1/3", "2026-Q2", 10,
			"target triwulan 30 (2026-Q2) × 1/3 bulan; realisasi = jumlah laporan",
			"quarterly target 30 (2026-Q2) × 1/3 months; realisation = sum of reports", ""},
		{"a month of a quarter's TW target", "quarterly_monthly 1/3", "2026", 40.0 / 3,
			"target triwulan 40 (2026) × 1/3 bulan; realisasi = jumlah laporan",
			"quarterly target 40 (2026) × 1/3 months; realisation = sum of reports", ""},
		{"a month with leave", "monthly 0/12 +17/20 leave 3", "2026", 8.5,
			"target tahunan 120 (2026) × 1/12 bulan × 17/20 hari kerja, dikurangi 3 hari kerja cuti; realisasi = jumlah laporan",
			"yearly target 120 (2026) × 1/12 month × 17/20 working days, less 3 working days of leave; realisation = sum of reports", ""},
		{"a monthly target with leave", "monthly 0/1 +17/20 leave 3", "2026-02", 8.5,
			"target bulanan 10 (2026-02) × 17/20 hari kerja, dikurangi 3 hari kerja cuti; realisasi = jumlah laporan",
			"monthly target 10 (2026-02) × 17/20 working days, less 3 working days of leave; realisation = sum of reports", ""},
		{"a year of TW targets with leave", "quarterly_monthly 11/12 +17/20 leave 3", "2026", 117.8,
			"target triwulan (TW) dari target tahunan 2026, tiap bulan 1/3 triwulannya: 11 bulan penuh + 17/20 hari kerja, dikurangi 3 hari kerja cuti; realisasi = jumlah laporan",
			"the quarterly (TW) targets of the yearly target 2026, each month 1/3 of its quarter's: 11 whole months + 17/20 working days, less 3 working days of leave; realisation = sum of reports", ""},
		{"cumulative to March", "monthly 3/12 cumulative", "2026", 30,
			"target tahunan 120 (2026) × 3/12 bulan, kumulatif sejak awal periode target; realisasi = jumlah laporan",
			"yearly target 120 (2026) × 3/12 months, cumulative from the start of the target's period; realisation = sum of reports", ""},
		{"an old snapshot by working days", "prorated 22/261 leave 3", "2026", 120 * 22.0 / 261,
			"target 120 (2026) × 22/261 hari kerja, dikurangi 3 hari kerja cuti; realisasi = jumlah laporan",
			"target 120 (2026) × 22/261 working days, less 3 working days of leave; realisation = sum of reports", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := kinerja.IndicatorResult{TargetBasis: tt.basis, TargetPeriod: tt.period, Target: tt.target, Aggregation: tt.aggregate.Or()}
			if got := TargetBasisText(kinerja.LangID, in); got != tt.id {
				t.Errorf("id:\n got %s\nwant %s", got, tt.id)
			}
			if got := TargetBasisText(kinerja.LangEN, in); got != tt.en {
				t.Errorf("en:\n got %s\nwant %s", got, tt.en)
			}
		})
	}
}
