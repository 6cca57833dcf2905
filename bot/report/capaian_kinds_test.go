package report

import (
	"context"
	"math"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// TestCapaianComparesAMonthWithItsShareOfTheYear: a yearly count target
// is pro-rated to the month, by default as 1/12 of it (10 of 120 is 100%),
// with evaluation.prorate working_days by working days (November 2026 has
// 21 of the year's 261, weekends only), shown with how it was derived; a
// lower-is-better count takes 0 as a report, a count to be raised does not.
func TestCapaianComparesAMonthWithItsShareOfTheYear(t *testing.T) {
	for _, tt := range []struct {
		prorate string
		want    []string
	}{
		{"", []string{
			"Realisasi 10 / target 10 pasien → capaian <b>100,00%</b>",
			"Target dipakai: target tahunan 120 (2026) × 1/12 bulan; realisasi = jumlah laporan",
			"Realisasi 0 / target 1 kasus → capaian <b>120,00%</b> (capaian 200,00% dibatasi 120%)",
		}},
		{scoring.ProrateWorkingDays, []string{
			"Realisasi 10 / target 9,66 pasien → capaian <b>103,57%</b>",
			"Target dipakai: target 120 (2026) × 21/261 hari kerja; realisasi = jumlah laporan",
			"Realisasi 0 / target 0,97 kasus → capaian <b>120,00%</b> (capaian 200,00% dibatasi 120%)",
		}},
	} {
		t.Run("prorate "+tt.prorate, func(t *testing.T) { capaianOfAMonth(t, tt.prorate, tt.want) })
	}
}

func capaianOfAMonth(t *testing.T, prorate string, want []string) {
	f := newReportFixture(t, Config{Targets: TargetPolicy{Prorate: prorate}})
	ctx := context.Background()
	pas := &kinerja.Target{NIP: nipBudi, Period: "2026", Code: "PAS", Name: "Pasien setahun", Unit: "pasien",
		Target: 120, Direction: kinerja.HigherIsBetter}
	kel := &kinerja.Target{NIP: nipBudi, Period: "2026", Code: "KEL", Name: "Keluhan", Unit: "kasus",
		Target: 12, Direction: kinerja.LowerIsBetter}
	for _, tg := range []*kinerja.Target{pas, kel} {
		if _, err := f.DB.PutTarget(ctx, tg); err != nil {
			t.Fatal(err)
		}
	}
	f.Text(tgBudi, "/lapor")
	f.Press(tgBudi, 1, tid(f.ikiPasien))
	bottest.MustSay(t, f.Text(tgBudi, "0"), "lebih dari nol")
	f.Text(tgBudi, "/cancel")

	f.submit(tgBudi, pas, "10", "lp:d:0", "Poli umum")
	f.submit(tgBudi, kel, "0", "lp:d:0", "Tidak ada keluhan")
	f.approvePending(t)
	msg := bottest.MustSay(t, f.Text(tgBudi, "/capaian"), "PAS", "KEL")
	for _, want := range want {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("/capaian lacks %q:\n%s", want, msg.Text)
		}
	}
}

// TestCapaianTakesLeaveOutOfTheTarget: five working days of leave leave 16
// of November's 21 working days, and /capaian says so: by default 16/21 of
// the month's 1/12, with working_days 16 of the year's 261.
func TestCapaianTakesLeaveOutOfTheTarget(t *testing.T) {
	for _, tt := range []struct {
		prorate string
		want    string
		target  float64
	}{
		{"", "target tahunan 120 (2026) × 1/12 bulan × 16/21 hari kerja, dikurangi 5 hari kerja cuti", 120.0 / 12 * 16 / 21},
		{scoring.ProrateWorkingDays, "target 120 (2026) × 16/261 hari kerja, dikurangi 5 hari kerja cuti", 120 * 16.0 / 261},
	} {
		t.Run("prorate "+tt.prorate, func(t *testing.T) { leaveInAMonth(t, tt.prorate, tt.want, tt.target) })
	}
}

func leaveInAMonth(t *testing.T, prorate, want string, target float64) {
	f := newReportFixture(t, Config{Targets: TargetPolicy{LeaveAdjusts: true, MinLeaveDays: 3, Prorate: prorate}})
	ctx := context.Background()
	pas := &kinerja.Target{NIP: nipBudi, Period: "2026", Code: "PAS", Name: "Pasien setahun", Unit: "pasien",
		Target: 120, Direction: kinerja.HigherIsBetter}
	if _, err := f.DB.PutTarget(ctx, pas); err != nil {
		t.Fatal(err)
	}
	if err := f.DB.AddLeave(ctx, &kinerja.Leave{NIP: nipBudi, From: "2026-11-16", To: "2026-11-22", SetBy: nipBudi,
		CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	msg := bottest.MustSay(t, f.Text(tgBudi, "/capaian"), "PAS")
	if !strings.Contains(msg.Text, want) {
		t.Errorf("/capaian lacks %q:\n%s", want, msg.Text)
	}
	ms, _, _, err := f.feat.Achievement(ctx, f.DB, nipBudi, kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Code == "PAS" && (m.Derived.LeaveDays != 5 || math.Abs(m.IndicatorResult.Target-target) > 1e-9) {
			t.Errorf("PAS derived %+v target %v", m.Derived, m.IndicatorResult.Target)
		}
	}
}
