package report

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func TestTextsHaveBothLanguages(t *testing.T) {
	for _, prefix := range []string{"rpt.", "audit.", "err."} {
		bottest.CheckTexts(t, prefix)
	}
}

// Without a bot (the command line), the services work and the digest job
// says it cannot send.
func TestServicesWithoutABot(t *testing.T) {
	f := newReportFixture(t, Config{Digest: true})
	f.Msg.Files["ph1"] = []byte("foto")
	f.submit(tgBudi, f.ikiPasien, "2", "lp:d:0", "Pelayanan", bottest.Photo(tgBudi, "ph1"))
	offline := New(bot.Deps{Store: f.DB, Now: f.Clock(), Location: wib}, Config{Digest: true})
	ctx := context.Background()
	kinds := offline.Exports()
	if len(kinds) != 1 || kinds[0].Name != "reports" || kinds[0].Label != "ekspor.kind_reports" {
		t.Fatalf("export kinds %+v", kinds)
	}
	sheets, err := kinds[0].Build(ctx, kinerja.Period{Kind: kinerja.Yearly, Year: 2026})
	if err != nil || len(sheets) != 1 || sheets[0].Name != "Laporan 2026" || len(sheets[0].Rows) != 1 ||
		strings.Join(sheets[0].Header, ",") != strings.Join(ReportColumns, ",") || sheets[0].Rows[0][4] != "IKI-1" {
		t.Fatalf("export %+v %v", sheets, err)
	}
	jobs := offline.Jobs()
	if len(jobs) != 1 || jobs[0].Name != "report-digest" || jobs[0].Spec != DefaultDigestSchedule || !jobs[0].On() {
		t.Fatalf("jobs %+v", jobs)
	}
	if _, err := jobs[0].Run(ctx, f.Now); err == nil || !strings.Contains(err.Error(), "not connected to Telegram") {
		t.Fatalf("offline digest: %v", err)
	}
	if New(bot.Deps{}, Config{DigestSchedule: "0 8 * * *"}).Jobs()[0].On() {
		t.Fatal("digest job on without reports.digest")
	}
	// The one digest form: at most 30 lines, then how many more.
	many := make([]Pending, 32)
	for i := range many {
		many[i] = Pending{ID: int64(i + 1), Author: "Budi", Code: "IKI-1", Quantity: 1, Unit: "pasien", WorkDate: "2026-11-10"}
	}
	text, buttons := PendingDigest(kinerja.LangEN, many...)
	if !strings.Contains(text, "32 reports") || !strings.Contains(text, "… and 2 more.") || buttons[0][0].Data != "apv:p:0" {
		t.Fatalf("digest %q %+v", text, buttons)
	}
}

// Random presses, commands and messages from staff, assessors, an admin
// and a stranger never crash a handler or break the audit chain.
func TestRandomInputKeepsTheAuditChain(t *testing.T) {
	f := newReportFixture(t, Config{PageSize: 2})
	f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan")
	f.RandomInput(300, []int64{tgBudi, bottest.TGSari, tgHead, tgAdmin, tgOtherBos, 4242})
	if v, err := kinerja.VerifyAudit(context.Background(), f.DB); err != nil || !v.OK() {
		t.Fatalf("audit after random input: %+v %v", v, err)
	}
}

// TestMonthsCloseAfterTheGraceDays: the lock rule that the reports and the
// evaluation card share.
func TestMonthsCloseAfterTheGraceDays(t *testing.T) {
	nov, _ := kinerja.ParsePeriod("2026-11")
	wib := bottest.WIB
	for _, tc := range []struct {
		days     int
		now      time.Time
		locked   bool
		lastOpen time.Time
	}{
		{0, time.Date(2026, 12, 5, 23, 59, 0, 0, wib), false, kinerja.Date(2026, 12, 5, wib)},
		{0, time.Date(2026, 12, 6, 0, 0, 0, 0, wib), true, kinerja.Date(2026, 12, 5, wib)},
		{10, time.Date(2026, 12, 8, 9, 0, 0, 0, wib), false, kinerja.Date(2026, 12, 10, wib)},
		{-1, time.Date(2026, 11, 30, 23, 0, 0, 0, wib), false, kinerja.Date(2026, 11, 30, wib)},
		{-1, time.Date(2026, 12, 1, 0, 0, 0, 0, wib), true, kinerja.Date(2026, 11, 30, wib)},
	} {
		f := New(bot.Deps{Location: wib}, Config{LockAfterDays: tc.days})
		if got := f.MonthLocked(nov, tc.now); got != tc.locked {
			t.Errorf("lock_after_days %d at %v: locked %v, want %v", tc.days, tc.now, got, tc.locked)
		}
		if got := f.LastOpenDay(nov); !got.Equal(tc.lastOpen) {
			t.Errorf("lock_after_days %d: last open day %v, want %v", tc.days, got, tc.lastOpen)
		}
	}
}
