package jobs

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Telegram ids of the harness roster in these tests.
const (
	jtHead   = 501
	jtBudi   = 502
	jtSari   = 503
	jtAdmin  = 504
	jtYus    = 505
	jtFitri  = 506
	nipYus   = "197511202000121002"
	nipFitri = "198807082012121001"
	nipNoTG  = "196905121994031004" // an assessor who never linked Telegram
)

// fakeSources answers the jobs' data questions from fixed values.
type fakeSources struct {
	pending    []PendingApprovals
	last       map[string]time.Time
	activity   map[string]UnitActivity
	ikm        func(from, to time.Time) map[string]scoring.IKMResult
	unfinished []UnfinishedEvaluations
	predikat   map[string]map[kinerja.Predikat]int
	speeds     map[string]kinerja.ServiceSpeed
}

func (f *fakeSources) ServiceSpeed(_ context.Context, _ kinerja.Tx, unit string, _ kinerja.Period) (kinerja.ServiceSpeed, bool, error) {
	sp, ok := f.speeds[unit]
	return sp, ok, nil
}

func (f *fakeSources) PendingApprovals(context.Context, kinerja.Tx) ([]PendingApprovals, error) {
	return append([]PendingApprovals(nil), f.pending...), nil
}
func (f *fakeSources) LastReports(context.Context, kinerja.Tx, time.Time) (map[string]time.Time, error) {
	return f.last, nil
}
func (f *fakeSources) UnitActivity(context.Context, kinerja.Tx, time.Time, time.Time) (map[string]UnitActivity, error) {
	return f.activity, nil
}
func (f *fakeSources) UnitIKM(_ context.Context, _ kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error) {
	return f.ikm(from, to), nil
}
func (f *fakeSources) SampleNeeded(unit string, p kinerja.Period) int {
	if unit == "PKM-TGR" {
		return scoring.SampleSize(100 * len(p.Months()))
	}
	return scoring.SampleSize(1_000_000)
}
func (f *fakeSources) Unfinished(context.Context, kinerja.Tx, kinerja.Period) ([]UnfinishedEvaluations, error) {
	return append([]UnfinishedEvaluations(nil), f.unfinished...), nil
}
func (f *fakeSources) PredikatCounts(context.Context, kinerja.Tx, kinerja.Period) (map[string]map[kinerja.Predikat]int, error) {
	return f.predikat, nil
}

// jobsHarness is the shared harness with a second unit, linked people, and
// the scheduled jobs over fake data sources, registered as the feature of
// the reminders' buttons.
type jobsHarness struct {
	*bottest.Harness
	src  *fakeSources
	jobs *Service
}

func newJobsHarness(t *testing.T) *jobsHarness {
	t.Helper()
	src := &fakeSources{}
	return newJobsHarnessWith(t, func(bot.Deps) (Sources, []bot.Feature) {
		return Sources{Approvals: src, Reporting: src, Activity: src, Survey: src, Evaluation: src}, nil
	}, src)
}

// newJobsHarnessWith is the harness whose jobs read the sources wire
// returns, with wire's features registered beside the jobs' own.
func newJobsHarnessWith(t *testing.T, wire func(deps bot.Deps) (Sources, []bot.Feature), src *fakeSources) *jobsHarness {
	t.Helper()
	h := &jobsHarness{Harness: bottest.New(t, bot.Config{}), src: src}
	h.Seed()
	ctx := context.Background()
	if _, err := h.DB.PutUnit(ctx, &kinerja.Unit{Code: "DUKCAPIL", Name: "Dinas Kependudukan dan Pencatatan Sipil", HeadNIP: nipYus, GroupChatID: -2002}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*kinerja.Staff{
		{NIP: nipYus, Name: "Yusnaldi", Position: "Kepala Dinas", UnitCode: "DUKCAPIL"},
		{NIP: nipFitri, Name: "Fitri Handayani", Position: "Pengadministrasi", UnitCode: "DUKCAPIL", SuperiorNIP: nipYus},
		{NIP: nipNoTG, Name: "H. Syafrizal", Position: "Sekretaris Daerah", UnitCode: "BKPSDM"},
	} {
		if _, err := h.DB.PutStaff(ctx, s, h.Now.AddDate(0, -2, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for nip, id := range map[string]int64{bottest.NIPHead: jtHead, bottest.NIPBudi: jtBudi, bottest.NIPSari: jtSari, bottest.NIPAdmin: jtAdmin, nipYus: jtYus, nipFitri: jtFitri} {
		h.Link(nip, id)
	}
	cal := kinerja.NewCalendar(bottest.WIB, []kinerja.Holiday{
		{Day: "2026-12-24", Name: "Cuti bersama Natal", CutiBersama: true},
		{Day: "2026-12-25", Name: "Kelahiran Yesus Kristus"},
	})
	deps := bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB}
	sources, features := wire(deps)
	h.jobs = New(deps, Config{Calendar: cal, UnitGroups: map[string]int64{"PKM-TGR": -1001}, PublicChannel: -3003,
		Sources: sources})
	h.Features = append(features, h.jobs)
	h.Restart()
	return h
}

// at is an instant in WIB.
func at(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, bottest.WIB)
}

func (h *jobsHarness) run(name string, t time.Time) *Result {
	h.T.Helper()
	res, err := h.jobs.RunAt(context.Background(), name, t)
	if err != nil {
		h.T.Fatalf("%s at %v: %v", name, t, err)
	}
	return res
}

// chats returns the chat ids of messages, in order.
func chats(msgs []*kinerja.OutboxMessage) []int64 {
	var out []int64
	for _, m := range msgs {
		out = append(out, m.ChatID)
	}
	return out
}

func (h *jobsHarness) pendingCount() int {
	h.T.Helper()
	c, err := h.DB.OutboxCounts(context.Background())
	if err != nil {
		h.T.Fatal(err)
	}
	return c[kinerja.OutboxPending]
}

func TestRemindApprovalsOneDigestPerAssessorOnce(t *testing.T) {
	h := newJobsHarness(t)
	h.src.pending = []PendingApprovals{
		{AssessorNIP: bottest.NIPHead, Count: 3, Oldest: at(2026, 11, 6, 15, 0)},
		{AssessorNIP: nipYus, Count: 0}, // nothing pending: no digest
		{AssessorNIP: nipNoTG, Count: 2, Oldest: at(2026, 11, 9, 9, 0)},
	}
	res := h.run(RemindApprovals, at(2026, 11, 10, 8, 0)) // Tuesday
	if !res.Queued || res.Slot != "2026-11-10" {
		t.Fatalf("result %+v", res)
	}
	if got := chats(res.Messages); len(got) != 1 || got[0] != jtHead {
		t.Fatalf("digests went to %v; want only the head (%d)", got, jtHead)
	}
	m := res.Messages[0]
	for _, want := range []string{"3 laporan kerja", "4 hari", "Jumat, 6 November 2026"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.Buttons) != 2 || m.Buttons[0][0].Data != "run:persetujuan" || m.Buttons[1][0].Data != "snooze:{id}:h" || m.Buttons[1][1].Data != "snooze:{id}:m" {
		t.Errorf("buttons %+v; want /persetujuan, then the two snooze buttons", m.Buttons)
	}
	if got := res.Left[leftNotLinked]; len(got) != 1 || !strings.Contains(got[0], nipNoTG) {
		t.Errorf("left out %v; want the unlinked assessor reported", res.Left)
	}

	again := h.run(RemindApprovals, at(2026, 11, 10, 8, 30))
	if again.Queued || again.Previous == nil || len(again.Messages) != 0 || h.pendingCount() != 1 {
		t.Fatalf("second run of the day: %+v, %d pending; want nothing new", again, h.pendingCount())
	}
	if next := h.run(RemindApprovals, at(2026, 11, 11, 8, 0)); !next.Queued || len(next.Messages) != 1 {
		t.Fatalf("next day: %+v", next)
	}
}

func TestRemindersRespectDaysOffLeaveAndBlockedUsers(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	h.src.pending = []PendingApprovals{
		{AssessorNIP: bottest.NIPHead, Count: 1, Oldest: at(2026, 12, 20, 9, 0)},
		{AssessorNIP: nipYus, Count: 1, Oldest: at(2026, 12, 20, 9, 0)},
	}
	for _, tc := range []struct {
		name string
		at   time.Time
		why  string
	}{
		{"national holiday", at(2026, 12, 25, 8, 0), "holiday (Kelahiran Yesus Kristus)"},
		{"cuti bersama", at(2026, 12, 24, 8, 0), "holiday (Cuti bersama Natal)"},
		{"Saturday", at(2026, 12, 26, 8, 0), "Saturday"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := h.run(RemindApprovals, tc.at)
			if res.Queued || !strings.Contains(res.Skipped, tc.why) {
				t.Fatalf("result %+v; want skipped for %q", res, tc.why)
			}
			if _, err := h.DB.JobRun(ctx, RemindApprovals, res.Slot); kinerja.ErrorCode(err) != kinerja.ENotFound {
				t.Fatalf("a skipped day was recorded as run: %v", err)
			}
		})
	}
	t.Run("on leave and blocked", func(t *testing.T) {
		if err := h.DB.AddLeave(ctx, &kinerja.Leave{NIP: bottest.NIPHead, From: "2026-12-21", To: "2026-12-23", CreatedAt: h.Now}); err != nil {
			t.Fatal(err)
		}
		if err := h.DB.PutAccount(ctx, &kinerja.Account{TelegramID: jtYus, Unreachable: true, UpdatedAt: at(2026, 12, 21, 15, 0)}); err != nil {
			t.Fatal(err)
		}
		res := h.run(RemindApprovals, at(2026, 12, 22, 8, 0))
		if res.Queued || len(res.Messages) != 0 || !strings.Contains(res.Skipped, "nobody to send to") {
			t.Fatalf("queued %v (%q); want nobody", chats(res.Messages), res.Skipped)
		}
		// Nobody to send to records nothing: the day can still run once
		// someone can be reminded.
		if _, err := h.DB.JobRun(ctx, RemindApprovals, res.Slot); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("a run with nobody to send to was recorded: %v", err)
		}
		if len(res.Left[leftOnLeave]) != 1 || len(res.Left[leftUnreachable]) != 1 {
			t.Fatalf("left out %v", res.Left)
		}
		// The day after the leave, the head is reminded again.
		if res := h.run(RemindApprovals, at(2026, 12, 28, 8, 0)); len(res.Messages) != 1 || res.Messages[0].ChatID != jtHead {
			t.Fatalf("after the leave: %v", chats(res.Messages))
		}
		// A week after being marked, the blocked user is tried again.
		if res := h.run(RemindApprovals, at(2026, 12, 29, 8, 0).Add(unreachableRetry)); len(res.Messages) != 2 {
			t.Fatalf("a week later: %v; want both assessors", chats(res.Messages))
		}
	})
}

func TestRemindReportingOnlyThoseWithoutAReport(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	// Friday 13 November, N = 5: the window is Mon 9 – Fri 13 November.
	h.src.last = map[string]time.Time{
		bottest.NIPBudi: at(2026, 11, 12, 10, 0), // reported this week
		bottest.NIPSari: at(2026, 11, 5, 10, 0),  // before the window, but she was on leave 9–12
		nipFitri:        at(2026, 11, 6, 16, 0),  // before the window
		nipYus:          at(2026, 11, 13, 9, 0),  // this morning
	}
	if err := h.DB.AddLeave(ctx, &kinerja.Leave{NIP: bottest.NIPSari, From: "2026-11-09", To: "2026-11-12", CreatedAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	res := h.run(RemindReporting, at(2026, 11, 13, 14, 0))
	got := map[int64]string{}
	for _, m := range res.Messages {
		got[m.ChatID] = m.Text
	}
	want := []int64{jtHead, jtAdmin, jtFitri}
	if len(got) != len(want) {
		t.Fatalf("reminded %v; want %v", chats(res.Messages), want)
	}
	for _, id := range want {
		if !strings.Contains(got[id], "5 hari kerja") || !strings.Contains(got[id], "Senin, 9 November 2026") {
			t.Errorf("reminder to %d: %q", id, got[id])
		}
	}
}

func TestRemindEvaluationWindowAndAdminCopy(t *testing.T) {
	h := newJobsHarness(t)
	h.src.unfinished = []UnfinishedEvaluations{{AssessorNIP: bottest.NIPHead, Count: 2}, {AssessorNIP: nipNoTG, Count: 4}}
	first := h.run(RemindEvaluation, at(2026, 12, 1, 9, 0))
	if got := chats(first.Messages); len(got) != 1 || got[0] != jtHead {
		t.Fatalf("1 December: %v; want the head only", got)
	}
	if m := first.Messages[0].Text; !strings.Contains(m, "November 2026") || !strings.Contains(m, "Sabtu, 5 Desember 2026") ||
		strings.Contains(m, "terakhir") {
		t.Fatalf("reminder %q", m)
	}
	// 5 December 2026 is a Saturday: Friday the 4th is the last working day.
	last := h.run(RemindEvaluation, at(2026, 12, 4, 9, 0))
	if got := chats(last.Messages); len(got) != 2 || got[0] != jtHead || got[1] != jtAdmin {
		t.Fatalf("4 December: %v; want the head, then the admin's copy", got)
	}
	if !strings.Contains(last.Messages[0].Text, "hari kerja terakhir") {
		t.Errorf("last-day reminder %q", last.Messages[0].Text)
	}
	admin := last.Messages[1].Text
	for _, want := range []string{"dr. Rina Marlina", "2 pegawai", "H. Syafrizal", "4 pegawai", "belum menautkan Telegram"} {
		if !strings.Contains(admin, want) {
			t.Errorf("admin copy lacks %q:\n%s", want, admin)
		}
	}
	if after := h.run(RemindEvaluation, at(2026, 12, 7, 9, 0)); after.Queued || !strings.Contains(after.Skipped, "after the evaluation deadline") {
		t.Fatalf("7 December: %+v", after)
	}
}

func TestJobsWithoutDataSourceSayNoDataSourceYet(t *testing.T) {
	h := newJobsHarness(t)
	h.jobs.cfg.Sources = Sources{}
	for _, name := range []string{RemindApprovals, RemindEvaluation, RemindReporting, SummaryWeekly, SummaryMonthly} {
		res := h.run(name, at(2026, 12, 1, 9, 0))
		if res.Queued || !strings.Contains(res.Skipped, "no data source yet") {
			t.Errorf("%s: %+v", name, res)
		}
	}
	if h.pendingCount() != 0 {
		t.Fatal("something was queued without data")
	}
}

func TestSameJobStartedTwiceAtOnceQueuesOnce(t *testing.T) {
	h := newJobsHarness(t)
	h.src.pending = []PendingApprovals{{AssessorNIP: bottest.NIPHead, Count: 1, Oldest: at(2026, 11, 9, 9, 0)}, {AssessorNIP: nipYus, Count: 5, Oldest: at(2026, 11, 2, 9, 0)}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	queued := 0
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res, err := h.jobs.RunAt(context.Background(), RemindApprovals, at(2026, 11, 10, 8, 0))
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			if res.Queued {
				queued++
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	if queued != 1 || h.pendingCount() != 2 {
		t.Fatalf("%d runs queued, %d messages; want 1 run of 2 digests", queued, h.pendingCount())
	}
}

func TestDryRunShowsTheMessagesAndLeavesTheSlotOpen(t *testing.T) {
	h := newJobsHarness(t)
	h.src.pending = []PendingApprovals{{AssessorNIP: bottest.NIPHead, Count: 2, Oldest: at(2026, 11, 9, 9, 0)}}
	dry, err := h.jobs.DryRun(context.Background(), RemindApprovals, at(2026, 11, 10, 8, 0))
	if err != nil || !dry.DryRun || dry.Queued || len(dry.Messages) != 1 || dry.Messages[0].ChatID != jtHead {
		t.Fatalf("dry run = %+v, %v", dry, err)
	}
	if n := h.pendingCount(); n != 0 {
		t.Fatalf("a dry run queued %d messages", n)
	}
	res := h.run(RemindApprovals, at(2026, 11, 10, 8, 0))
	if !res.Queued || len(res.Messages) != 1 || res.Previous != nil {
		t.Fatalf("the real run after a dry run: %+v", res)
	}
	if res.Messages[0].Text != dry.Messages[0].Text {
		t.Fatalf("the dry run showed %q, the run queued %q", dry.Messages[0].Text, res.Messages[0].Text)
	}
}
