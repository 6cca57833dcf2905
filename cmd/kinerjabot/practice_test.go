package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/practice"
)

// practiceRig is the real bot with every feature, its practice sandbox
// and the router in front of both, as serve wires them, over the seeded
// roster with a recording messenger.
type practiceRig struct {
	*bottest.Harness
	t       *testing.T
	sb      *sandbox
	router  *practiceRouter
	feature *practice.Feature
	nextID  int64
}

func newPracticeRig(t *testing.T) *practiceRig {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	c, err := LoadConfig("", env(map[string]string{"KINERJA_DB": h.Path}))
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: c, now: h.Clock(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	cfg := h.Cfg
	cfg.Location = c.Location()
	sb := newSandbox(a, h.DB, h.Msg, cfg)
	deps := a.deps(h.DB)
	deps.Username = h.Cfg.BotUsername
	fs, _, err := a.features(deps)
	if err != nil {
		t.Fatal(err)
	}
	h.Features = fs
	h.Restart()
	h.Seed()
	h.LinkAll()
	rig := &practiceRig{Harness: h, t: t, sb: sb, router: &practiceRouter{main: h.Bot, db: h.DB, sb: sb, msg: h.Msg}}
	for _, f := range fs {
		if p, ok := f.(*practice.Feature); ok {
			rig.feature = p
		}
	}
	t.Cleanup(func() { sb.Wait(context.Background()); sb.close() })
	return rig
}

// send feeds one update through the router and returns what was sent.
func (r *practiceRig) send(u bot.Update) []bot.OutMessage {
	r.t.Helper()
	r.nextID++
	u.ID = r.nextID
	if err := r.router.HandleBatch(context.Background(), []bot.Update{u}); err != nil {
		r.t.Fatalf("HandleBatch: %v", err)
	}
	r.Bot.Wait(context.Background())
	r.sb.Wait(context.Background())
	return r.Msg.Take()
}

func (r *practiceRig) text(from int64, text string) []bot.OutMessage {
	return r.send(bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from}, Kind: bot.KindText, Text: text})
}

func (r *practiceRig) press(from int64, msgID int, data string) []bot.OutMessage {
	return r.send(bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from},
		Callback: &bot.Callback{ID: "cb" + data, Data: data, MessageID: msgID}})
}

// marked fails unless every message begins with the practice banner.
func marked(t *testing.T, msgs []bot.OutMessage) []bot.OutMessage {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("nothing sent")
	}
	for _, m := range msgs {
		if !strings.HasPrefix(m.Text, practice.Banner) {
			t.Fatalf("practice message to %d not marked: %.120q", m.ChatID, m.Text)
		}
	}
	return msgs
}

// mainCounts are what the main database holds of reports and audit entries.
func (r *practiceRig) mainReports() int {
	r.t.Helper()
	n, err := r.DB.CountReports(context.Background(), kinerja.ReportFilter{})
	if err != nil {
		r.t.Fatal(err)
	}
	return n
}

func TestPracticeReportAndApprovalNeverReachTheMainDatabase(t *testing.T) {
	r := newPracticeRig(t)
	ctx := context.Background()
	_, auditBefore, _ := runLang(t, r.Path, "en", "audit", "verify")

	// Budi (staff; his assessor is the unit head) enters practice.
	hello := marked(t, r.text(bottest.TGBudi, "/latihan"))
	bottest.MustSay(t, hello, "mode latihan", "/lapor", "dr. Rina Marlina")
	if _, err := os.Stat(r.sb.path); err != nil {
		t.Fatalf("no sandbox database: %v", err)
	}

	// He files a practice report with a photo as evidence.
	start := bottest.MustSay(t, marked(t, r.text(bottest.TGBudi, "/lapor")), "Pilih indikator")
	target := bottest.ButtonData(t, []bot.OutMessage{start}, "lp:t:")
	bottest.MustSay(t, marked(t, r.press(bottest.TGBudi, 1, target)), "LATIHAN-1")
	bottest.MustSay(t, marked(t, r.text(bottest.TGBudi, "3")), "Kapan pekerjaan")
	bottest.MustSay(t, marked(t, r.press(bottest.TGBudi, 1, "lp:d:0")), "uraian singkat")
	bottest.MustSay(t, marked(t, r.text(bottest.TGBudi, "Latihan melapor kegiatan")), "foto atau dokumen")
	bottest.MustSay(t, marked(t, r.send(bottest.Photo(bottest.TGBudi, "ph1"))), "diterima")
	bottest.MustSay(t, marked(t, r.press(bottest.TGBudi, 1, "lp:ev")), "Periksa")
	sent := r.press(bottest.TGBudi, 1, "lp:ok")
	bottest.MustSay(t, marked(t, sent), "terkirim")
	if got := bottest.To(bottest.TGHead, sent); len(got) != 0 {
		t.Fatalf("the head, not practising, was told about a practice report: %q", bottest.Texts(got))
	}
	if n := r.mainReports(); n != 0 {
		t.Fatalf("main database has %d reports after a practice report", n)
	}

	// The head enters practice: Budi's practice report and the invented
	// subordinate's two wait for her.
	bottest.MustSay(t, marked(t, r.text(bottest.TGHead, "/latihan")), "Pegawai Latihan", "/persetujuan")
	list := marked(t, r.text(bottest.TGHead, "/persetujuan"))
	bottest.MustSay(t, list, "Budi Santoso")
	bottest.MustSay(t, list, "Pegawai Latihan")
	sb, err := r.sb.Store(ctx)
	if err != nil {
		t.Fatal(err)
	}
	reps, err := sb.ListReports(ctx, kinerja.ReportFilter{NIP: bottest.NIPBudi})
	if err != nil || len(reps) != 1 || len(reps[0].Evidence) != 1 {
		t.Fatalf("Budi's practice report: %+v %v", reps, err)
	}
	bottest.ButtonData(t, list, "rpt:a:") // decisions offered
	approve := "rpt:a:" + itoa(reps[0].ID) + ":" + itoa(int64(reps[0].Version))
	msgID := len(list) // some practice message of hers
	decided := r.press(bottest.TGHead, msgID, approve)
	bottest.MustSay(t, marked(t, decided), "disetujui")
	if len(bottest.To(bottest.TGBudi, decided)) == 0 {
		t.Fatalf("Budi, practising, was not told of the approval: %q", bottest.Texts(decided))
	}
	if rep, err := sb.Report(ctx, reps[0].ID); err != nil || rep.Status != kinerja.ReportApproved {
		t.Fatalf("practice report after approval: %+v %v", rep, err)
	}

	// None of it is in the main database, its exports or its audit chain.
	if n := r.mainReports(); n != 0 {
		t.Fatalf("main database has %d reports", n)
	}
	code, out, errOut := runLang(t, r.Path, "en", "export", "--what", "reports", "--period", "2026-11")
	if code != exitOK || strings.Contains(out, "Latihan melapor") || strings.Count(strings.TrimSpace(out), "\n") != 0 {
		t.Fatalf("reports export: %d %q %q", code, out, errOut)
	}
	if _, auditAfter, _ := runLang(t, r.Path, "en", "audit", "verify"); auditAfter != auditBefore {
		t.Fatalf("audit verify changed: %q → %q", auditBefore, auditAfter)
	}

	// The head ends practice; Budi still practises, so the sandbox stays.
	ended := r.text(bottest.TGHead, "/latihan selesai")
	bottest.MustSay(t, ended, "Latihan selesai", "sudah mencoba")
	if strings.HasPrefix(ended[0].Text, practice.Banner) {
		t.Fatal("the end of practice is marked as practice")
	}
	// Back to real: /persetujuan has nothing (no real reports), unmarked.
	for _, m := range r.text(bottest.TGHead, "/persetujuan") {
		if strings.HasPrefix(m.Text, practice.Banner) || strings.Contains(m.Text, "Pegawai Latihan") {
			t.Fatalf("after practice the head still sees practice: %q", m.Text)
		}
	}
	// A button pressed on an old practice message is not taken for real.
	if got := r.press(bottest.TGHead, msgID, approve); len(got) != 0 {
		t.Fatalf("a stale practice button was handled: %q", bottest.Texts(got))
	}
	if a := r.Msg.Answer("cb" + approve); !strings.Contains(a, "latihan yang sudah selesai") {
		t.Fatalf("stale practice button answered %q", a)
	}
	if _, err := os.Stat(r.sb.path); err != nil {
		t.Fatalf("sandbox gone while Budi practises: %v", err)
	}

	// Budi ends practice: nobody practises, the sandbox file is deleted.
	bottest.MustSay(t, r.text(bottest.TGBudi, "/practice done"), "Latihan selesai", "sudah mencoba")
	if _, err := os.Stat(r.sb.path); !os.IsNotExist(err) {
		t.Fatalf("sandbox not deleted: %v", err)
	}
	if active, _ := practice.Active(ctx, r.DB); len(active) != 0 {
		t.Fatalf("still practising: %v", active)
	}

	// The onboarding export counts both as having practised.
	code, out, errOut = runLang(t, r.Path, "en", "export", "--what", "onboarding", "--period", "2026-11")
	if code != exitOK {
		t.Fatalf("onboarding export: %d %q", code, errOut)
	}
	if !strings.Contains(out, "latihan") {
		t.Fatalf("onboarding export has no latihan column: %q", out)
	}
	found := false
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "PKM-TGR,") {
			found = true
			if !strings.HasSuffix(line, ",2") {
				t.Fatalf("PKM-TGR practised: %q, want 2", line)
			}
		}
	}
	if !found {
		t.Fatalf("no PKM-TGR row in %q", out)
	}
}

func TestPracticeOlderThanADayIsEndedByTheJob(t *testing.T) {
	r := newPracticeRig(t)
	ctx := context.Background()
	marked(t, r.text(bottest.TGSari, "/latihan"))
	marked(t, r.text(bottest.TGSari, "/lapor"))

	// Not yet a day: nothing ends.
	r.Now = r.Now.Add(23 * time.Hour)
	if n, err := r.feature.Expire(ctx, r.Now); err != nil || n != 0 {
		t.Fatalf("expire after 23 h: %d %v", n, err)
	}
	r.Now = r.Now.Add(2 * time.Hour)
	var job func(context.Context, time.Time) error
	for _, j := range r.feature.Jobs() {
		if j.Name == practice.JobExpire {
			job = func(ctx context.Context, at time.Time) error { _, err := j.Run(ctx, at); return err }
		}
	}
	if err := job(ctx, r.Now); err != nil {
		t.Fatal(err)
	}
	if active, _ := practice.Active(ctx, r.DB); len(active) != 0 {
		t.Fatalf("still practising after a day: %v", active)
	}
	if _, err := os.Stat(r.sb.path); !os.IsNotExist(err) {
		t.Fatalf("sandbox not deleted: %v", err)
	}
	// She is told, through the real outbox.
	due, err := r.DB.NextBatch(ctx, r.Now, 10)
	if err != nil || len(due) != 1 || due[0].ChatID != bottest.TGSari || !strings.Contains(due[0].Text, "berakhir otomatis") {
		t.Fatalf("outbox: %+v %v", due, err)
	}
	// Her next message is real again, and unmarked.
	for _, m := range r.text(bottest.TGSari, "/lapor") {
		if strings.HasPrefix(m.Text, practice.Banner) {
			t.Fatalf("after expiry still marked: %q", m.Text)
		}
	}
}

// TestOverlappingPracticesCannotKeepPracticeDataAlive: people practising
// one after another keep the sandbox in use, so once it is two days old
// everyone's practice ends and the sandbox, with every practice report in
// it, is deleted.
func TestOverlappingPracticesCannotKeepPracticeDataAlive(t *testing.T) {
	r := newPracticeRig(t)
	ctx := context.Background()
	t0 := r.Now
	marked(t, r.text(bottest.TGSari, "/latihan"))
	r.Now = t0.Add(20 * time.Hour)
	marked(t, r.text(bottest.TGHead, "/latihan"))
	r.Now = t0.Add(25 * time.Hour)
	if n, err := r.feature.Expire(ctx, r.Now); err != nil || n != 1 {
		t.Fatalf("after 25 h: ended %d, %v; want Sari's only", n, err)
	}
	if _, err := os.Stat(r.sb.path); err != nil {
		t.Fatalf("the sandbox went while the head practises: %v", err)
	}
	r.Now = t0.Add(40 * time.Hour)
	marked(t, r.text(bottest.TGBudi, "/latihan"))
	r.Now = t0.Add(48 * time.Hour)
	if n, err := r.feature.Expire(ctx, r.Now); err != nil || n != 2 {
		t.Fatalf("a two-day-old sandbox: ended %d, %v; want the head's and Budi's", n, err)
	}
	if active, _ := practice.Active(ctx, r.DB); len(active) != 0 {
		t.Fatalf("still practising: %v", active)
	}
	if _, err := os.Stat(r.sb.path); !os.IsNotExist(err) {
		t.Fatalf("sandbox not deleted: %v", err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
