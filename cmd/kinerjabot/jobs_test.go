package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// demoSekd is the demo roster's regional secretary, the heads' assessor
// (demoRina and demoYus are declared with the reports tests).
const demoSekd = "196905121994031004"

// stubSources answers the jobs from fixed data.
type stubSources struct {
	pending []jobs.PendingApprovals
	ikm     map[string]scoring.IKMResult
}

func (s stubSources) PendingApprovals(context.Context, kinerja.Tx) ([]jobs.PendingApprovals, error) {
	return s.pending, nil
}
func (s stubSources) SampleNeeded(string, kinerja.Period) int { return scoring.SampleSize(1_000_000) }
func (s stubSources) UnitIKM(context.Context, kinerja.Tx, time.Time, time.Time) (map[string]scoring.IKMResult, error) {
	return s.ikm, nil
}

// withSources makes the jobs of this test read stub data.
func withSources(t *testing.T, s jobs.Sources) {
	saved := jobSources
	jobSources = func(jobs.Sources) jobs.Sources { return s }
	t.Cleanup(func() { jobSources = saved })
}

func writeConfig(t *testing.T, yaml string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "k.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJobsListShowsNextRunsInJakarta(t *testing.T) {
	cfg, err := LoadConfig(writeConfig(t, "schedules:\n  summary-weekly: \"off\"\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	now := time.Date(2026, 11, 26, 17, 33, 0, 0, time.UTC) // Friday 27 November, 00:33 WIB
	a := &app{cfg: cfg, stdout: &out, stderr: &out, now: func() time.Time { return now }}
	if code := listJobs(t.Context(), a, nil); code != exitOK {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	got := out.String()
	for _, want := range []string{
		"times in Asia/Jakarta, now Fri 2026-11-27 00:33 WIB",
		"remind-approvals     0 8 * * 1-5    Fri 2026-11-27 08:00 WIB | Mon 2026-11-30 08:00 WIB | Tue 2026-12-01 08:00 WIB",
		"remind-reporting     0 14 * * 5     Fri 2026-11-27 14:00 WIB | Fri 2026-12-04 14:00 WIB | Fri 2026-12-11 14:00 WIB",
		"summary-monthly      0 8 1 * *      Tue 2026-12-01 08:00 WIB | Fri 2027-01-01 08:00 WIB | Mon 2027-02-01 08:00 WIB",
		"summary-weekly       off            (switched off in the configuration)",
		"No holidays_file configured",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("jobs list lacks %q:\n%s", want, got)
		}
	}
}

func TestBadSchedulesStopTheStartWithTheKey(t *testing.T) {
	for name, tc := range map[string]struct{ yaml, want string }{
		"six fields":   {"schedules:\n  remind-approvals: \"0 0 8 * * 1-5\"\n", `schedules.remind-approvals: "0 0 8 * * 1-5" has 6 fields`},
		"own zone":     {"schedules:\n  summary-weekly: \"TZ=Asia/Padang 30 7 * * 1\"\n", "cannot name its own time zone"},
		"descriptor":   {"schedules:\n  summary-monthly: \"@monthly\"\n", "descriptors such as @daily are not accepted"},
		"out of range": {"schedules:\n  remind-reporting: \"0 25 * * 5\"\n", "schedules.remind-reporting"},
		"unknown job":  {"schedules:\n  remind-everyone: \"0 8 * * *\"\n", "no job has this name; the jobs are expire-sessions, prune-updates, heartbeat, report-digest, remind-approvals"},
		"window":       {"reminders:\n  reporting_working_days: 31\n", "reminders.reporting_working_days"},
		"holidays":     {"holidays_file: nowhere-*.yaml\n", "holidays_file (KINERJA_HOLIDAYS): no file matches"},
	} {
		t.Run(name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Main(context.Background(), []string{"--config", writeConfig(t, tc.yaml), "jobs", "list"}, nil, &out, &errOut, env(nil))
			if code != exitUsage || !strings.Contains(errOut.String(), tc.want) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut.String(), tc.want)
			}
		})
	}
	var errOut bytes.Buffer
	code := Main(context.Background(), []string{"jobs", "list"}, nil, &errOut, &errOut, env(map[string]string{"KINERJA_TIMEZONE": "Asia/Padang"}))
	if code != exitUsage || !strings.Contains(errOut.String(), "KINERJA_TIMEZONE") {
		t.Fatalf("wrong zone: exit %d, %q", code, errOut.String())
	}
}

func TestShippedHolidaysLoad(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Jakarta")
	hs, err := loadHolidays(filepath.Join("..", "..", "configs", "holidays-*.yaml"), loc)
	if err != nil {
		t.Fatal(err)
	}
	cuti := 0
	for _, h := range hs {
		if h.CutiBersama {
			cuti++
		}
	}
	// SKB 3 Menteri 2026: 17 national holidays and 8 days of cuti bersama.
	if len(hs)-cuti != 17 || cuti != 8 {
		t.Fatalf("%d holidays and %d cuti bersama; want 17 and 8", len(hs)-cuti, cuti)
	}
	cal := kinerja.NewCalendar(loc, hs)
	for day, working := range map[string]bool{"2026-03-20": false, "2026-03-25": true, "2026-08-17": false, "2026-12-24": false} {
		d, _ := time.ParseInLocation(kinerja.DayLayout, day, loc)
		if cal.WorkingDay(d) != working {
			t.Errorf("%s working = %v, want %v", day, !working, working)
		}
	}
	bad := writeConfig(t, "holidays:\n  - {date: \"2026-02-30\", name: x}\n")
	if _, err := loadHolidays(bad, loc); err == nil || !strings.Contains(err.Error(), "not YYYY-MM-DD") {
		t.Fatalf("bad date: %v", err)
	}
	dup := writeConfig(t, "holidays:\n  - {date: \"2026-01-01\", name: a}\n  - {date: \"2026-01-01\", name: b}\n")
	if _, err := loadHolidays(dup, loc); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Fatalf("duplicate: %v", err)
	}
}

// linkDemo links Telegram ids to demo NIPs in the database at path.
func linkDemo(t *testing.T, path string, ids map[string]int64) {
	t.Helper()
	db := storagetest.MustOpenPath(t, path)
	for nip, id := range ids {
		if err := db.LinkTelegram(context.Background(), nip, id); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
}

func TestJobsRunQueuesOneDigestPerAssessorOncePerSlot(t *testing.T) {
	path := seedFile(t)
	linkDemo(t, path, map[string]int64{demoRina: 7001, demoYus: 7002, demoBudi: 7003})
	// Reports as the report store holds them: three pending for dr. Rina
	// (two of Budi's, one of Sari's), one pending for the regional secretary
	// (who never linked Telegram), and Dukcapil's only report already approved.
	db := storagetest.MustOpenPath(t, path)
	ctx := context.Background()
	sent := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.FixedZone("WIB", 7*3600)) }
	for i, r := range []struct {
		nip, assessor string
		day           int
		status        kinerja.ReportStatus
	}{
		{demoBudi, demoRina, 6, kinerja.ReportPending},
		{demoBudi, demoRina, 9, kinerja.ReportPending},
		{"199003032015032003", demoRina, 9, kinerja.ReportPending},
		{demoRina, demoSekd, 9, kinerja.ReportPending},
		{"198807082012121001", demoYus, 9, kinerja.ReportApproved},
	} {
		tgt := &kinerja.Target{NIP: r.nip, Period: "2026-11", Code: fmt.Sprintf("K-%d", i), Name: "Pekerjaan", Unit: "dokumen",
			Target: 10, Direction: kinerja.HigherIsBetter}
		if _, err := db.PutTarget(ctx, tgt); err != nil {
			t.Fatal(err)
		}
		if err := db.CreateReport(ctx, &kinerja.Report{NIP: r.nip, TargetID: tgt.ID, WorkDate: kinerja.DayString(sent(r.day), time.UTC),
			Quantity: 1, Description: "pekerjaan", Status: r.status, AssessorNIP: r.assessor, CreatedAt: sent(r.day), UpdatedAt: sent(r.day)}); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	run := func(at string) (int, string) {
		var out, errOut bytes.Buffer
		code := Main(ctx, []string{"jobs", "run", "remind-approvals", "--at", at}, nil, &out, &errOut,
			env(map[string]string{"KINERJA_DB": path}))
		return code, out.String() + errOut.String()
	}
	code, out := run("2026-11-10T08:00:00+07:00")
	if code != exitOK || !strings.Contains(out, "slot 2026-11-10 (as of Tue 2026-11-10 08:00 WIB)") ||
		!strings.Contains(out, "queued 1 message(s)") ||
		!strings.Contains(out, "→ chat 7001, dr. Rina Marlina ("+demoRina+"): 📋 Pengingat persetujuan laporan Ada 3 laporan kerja") ||
		!strings.Contains(out, "not linked to Telegram: H. Syafrizal") || strings.Contains(out, "7002") {
		t.Fatalf("first run (exit %d):\n%s", code, out)
	}
	code, out = run("2026-11-10T08:45")
	if code != exitOK || !strings.Contains(out, "nothing queued: this slot already ran (as of Tue 2026-11-10 08:00 WIB, 1 messages)") {
		t.Fatalf("second run (exit %d):\n%s", code, out)
	}
	db = storagetest.MustOpenPath(t, path)
	if c, _ := db.OutboxCounts(ctx); c[kinerja.OutboxPending] != 1 {
		t.Fatalf("outbox %v; want the one digest", c)
	}
	if batch, _ := db.NextBatch(ctx, time.Now(), 5); len(batch) != 1 || !strings.Contains(batch[0].Text, "4 hari (sejak Jumat, 6 November 2026)") {
		t.Fatalf("queued digest %+v", batch)
	}
	if code, out = run("yesterday"); code != exitUsage || !strings.Contains(out, "use RFC3339") {
		t.Fatalf("bad --at: exit %d %s", code, out)
	}
}

// TestEndToEndMonthlySummaryThroughTheEmulator queues the monthly summary
// with "jobs run" while the bot runs against the emulator: the text and
// chart arrive in the unit's group; where the emulator refuses pictures,
// the text still arrives and the admin is told the chart was refused.
func TestEndToEndMonthlySummaryThroughTheEmulator(t *testing.T) {
	withSources(t, jobs.Sources{Survey: stubSources{ikm: map[string]scoring.IKMResult{
		"PKM-TGR": ikmOf(90, 4), "DUKCAPIL": ikmOf(60, 3),
	}}})
	for _, refusePictures := range []bool{false, true} {
		fake := fakeapi.New(fakeapi.Options{})
		defer fake.Close()
		if refusePictures {
			fake.Refuse("sendPhoto")
		}
		path := seedFile(t)
		linkDemo(t, path, map[string]int64{"198103102006041001": 8004}) // Andi, the admin
		db := storagetest.MustOpenPath(t, path)
		for code, chat := range map[string]int64{"PKM-TGR": -100111, "DUKCAPIL": -100222} {
			u, _ := db.Unit(context.Background(), code)
			u.GroupChatID = chat
			if _, err := db.PutUnit(context.Background(), u); err != nil {
				t.Fatal(err)
			}
		}
		db.Close()
		r := startBot(t, fake, path)
		var out bytes.Buffer
		if code := Main(context.Background(), []string{"jobs", "run", "summary-monthly", "--at", "2026-12-01T08:00:00+07:00"},
			nil, &out, &out, env(map[string]string{"KINERJA_DB": path})); code != exitOK {
			t.Fatalf("jobs run: %s", out.String())
		}
		if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool {
			return len(f.Messages(-100111)) > 0 && len(f.Messages(-100222)) > 0 &&
				(refusePictures || len(f.Messages(-100111)) == 2 && len(f.Messages(-100222)) == 2)
		}) {
			t.Fatalf("summary did not arrive (refuse pictures %v); queued:\n%s\nlogs:\n%s", refusePictures, out.String(), r.logs)
		}
		msgs := fake.Messages(-100111)
		if !strings.Contains(msgs[0].Text, "Ringkasan bulanan kinerja — November 2026") ||
			!strings.Contains(msgs[0].Text, "▶ Puskesmas Tanah Garam: 100,00 — mutu A") {
			t.Fatalf("text: %q", msgs[0].Text)
		}
		if !refusePictures && (!msgs[1].Photo || msgs[1].FileName != "ikm-2026-11.png") {
			t.Fatalf("chart: %+v", msgs[1])
		}
		if refusePictures {
			// The refusal is final at once (a 400), and the admin hears of it.
			if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool {
				m, ok := f.LastMessage(8004)
				return ok && strings.Contains(m.Text, "ditolak Telegram")
			}) {
				t.Fatalf("admin not told of the refused chart; logs:\n%s", r.logs)
			}
			if n := len(fake.Messages(-100111)); n != 1 {
				t.Fatalf("group has %d messages; want the text only", n)
			}
		}
		if status, took := r.stop(); status != 0 || took > 5*time.Second {
			t.Fatalf("shutdown: %d after %v", status, took)
		}
	}
}

// ikmOf makes an IKM result from n respondents all answering a.
func ikmOf(n, a int) scoring.IKMResult {
	answered, sums := make([]int, 9), make([]int, 9)
	for i := range answered {
		answered[i], sums[i] = n, n*a
	}
	return scoring.IKMFromTotals(n, answered, sums)
}

// TestEndToEndBroadcastSurvivesARestart stops the bot (as SIGTERM would)
// in the middle of a broadcast and starts it again: every chat gets its
// message exactly once, and the fake's flood limits are never exceeded.
func TestEndToEndBroadcastSurvivesARestart(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(true)
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	var msgs []*kinerja.OutboxMessage
	for i := range 60 {
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: int64(20000 + i), Text: "Pengumuman"})
	}
	if _, err := db.EnqueueRun(context.Background(), &kinerja.JobRun{Job: "broadcast", Slot: "1", At: time.Now()}, msgs); err != nil {
		t.Fatal(err)
	}
	db.Close()
	r := startBot(t, fake, path)
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return len(f.CallsTo("sendMessage")) >= 15 }) {
		t.Fatalf("broadcast did not start; logs:\n%s", r.logs)
	}
	if status, took := r.stop(); status != 0 || took > 5*time.Second {
		t.Fatalf("shutdown in a broadcast: %d after %v", status, took)
	}
	if n := len(fake.CallsTo("sendMessage")); n >= len(msgs) {
		t.Fatalf("the broadcast finished (%d sent) before the stop; the test needs more messages", n)
	}
	r2 := startBot(t, fake, path)
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return len(f.Chats()) == len(msgs) }) {
		t.Fatalf("broadcast not resumed: %d of %d chats; logs:\n%s", len(fake.Chats()), len(msgs), r2.logs)
	}
	r2.stop()
	for _, m := range msgs {
		if n := len(fake.Messages(m.ChatID)); n != 1 {
			t.Errorf("chat %d got %d messages, want exactly 1", m.ChatID, n)
		}
	}
	if n := fake.TooMany(); n != 0 {
		t.Errorf("%d sends refused with 429", n)
	}
}

// TestMonthlySummaryWaitsForItsGroup: run before any unit has a group, the
// monthly summary has nobody to send to and records nothing; a dry run
// records nothing either; once a group is configured the slot still runs.
func TestMonthlySummaryWaitsForItsGroup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	if code, _, errOut := run(t, path, "roster", "import", writeFile(t, "r.csv", goodRoster)); code != exitOK {
		t.Fatal(errOut)
	}
	db := storagetest.MustOpenPath(t, path)
	if err := db.AddSurveyResponse(context.Background(), &kinerja.SurveyResponse{UnitCode: "PKM-TGR",
		Day: time.Date(2026, 11, 12, 0, 0, 0, 0, time.FixedZone("WIB", 7*3600)), Answers: bottest.NineAnswers(3)}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	jobsRun := func(cfg string, extra ...string) string {
		var out, errOut bytes.Buffer
		args := append([]string{"jobs", "run", "summary-monthly", "--at", "2026-12-01T08:00:00+07:00"}, extra...)
		if cfg != "" {
			args = append(args, "--config", cfg)
		}
		if code := Main(t.Context(), args, nil, &out, &errOut, env(map[string]string{"KINERJA_DB": path})); code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	if out := jobsRun(""); !strings.Contains(out, "nothing queued: nobody to send to; the slot stays open") {
		t.Fatalf("without a group:\n%s", out)
	}
	group := writeConfig(t, "units:\n  PKM-TGR:\n    group_chat_id: -100123\n")
	if out := jobsRun(group, "--dry-run"); !strings.Contains(out, "dry run: would queue") || !strings.Contains(out, "→ chat -100123") {
		t.Fatalf("dry run:\n%s", out)
	}
	if out := jobsRun(group); !strings.Contains(out, "queued") || !strings.Contains(out, "→ chat -100123") || strings.Contains(out, "already ran") {
		t.Fatalf("with the group:\n%s", out)
	}
}
