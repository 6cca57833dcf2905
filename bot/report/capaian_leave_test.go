package report

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// TestCapaianOfAQuarterAndAYearTakesLeaveOut: /capaian of a quarter and of
// a year shows the quarterly (TW) and yearly targets less the leave: by
// default February's third of TW1 by its working days, with working_days
// the quarter's working days.
func TestCapaianOfAQuarterAndAYearTakesLeaveOut(t *testing.T) {
	for _, tt := range []struct{ prorate, want string }{
		{"", "target triwulan 40 (2026) × 2/3 bulan + 1/3 bulan × 17/20 hari kerja, dikurangi 3 hari kerja cuti"},
		{scoring.ProrateWorkingDays, "target triwulan 40 (2026) × 61/64 hari kerja, dikurangi 3 hari kerja cuti"},
	} {
		t.Run("prorate "+tt.prorate, func(t *testing.T) { leaveInAQuarter(t, tt.prorate, tt.want) })
	}
}

func leaveInAQuarter(t *testing.T, prorate, want string) {
	f := newReportFixture(t, Config{Targets: TargetPolicy{LeaveAdjusts: true, MinLeaveDays: 3, Prorate: prorate}})
	ctx := context.Background()
	tw := &kinerja.Target{NIP: nipBudi, Period: "2026", Code: "TW", Name: "Kunjungan rumah", Unit: "kunjungan",
		Target: 120, Direction: kinerja.HigherIsBetter, Quarterly: [4]float64{40, 30, 30, 20}}
	if _, err := f.DB.PutTarget(ctx, tw); err != nil {
		t.Fatal(err)
	}
	// Monday 2 to Wednesday 4 February: three working days.
	if err := f.DB.AddLeave(ctx, &kinerja.Leave{NIP: nipBudi, From: "2026-02-02", To: "2026-02-04", SetBy: nipBudi, CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	msg := bottest.MustSay(t, f.Text(tgBudi, "/capaian 2026-Q1"), "Capaian Triwulan I 2026")
	if !strings.Contains(msg.Text, want) {
		t.Errorf("/capaian 2026-Q1 lacks %q:\n%s", want, msg.Text)
	}
	msg = bottest.MustSay(t, f.Text(tgBudi, "/capaian 2026"), "Capaian Tahun 2026")
	if want := "dikurangi 3 hari kerja cuti"; !strings.Contains(msg.Text, want) {
		t.Errorf("/capaian 2026 lacks %q:\n%s", want, msg.Text)
	}
	// The second quarter has no leave: its TW target is used whole.
	msg = bottest.MustSay(t, f.Text(tgBudi, "/capaian 2026-Q2"), "Triwulan II 2026")
	if strings.Contains(msg.Text, "cuti") {
		t.Errorf("Q2 shows leave:\n%s", msg.Text)
	}
}
