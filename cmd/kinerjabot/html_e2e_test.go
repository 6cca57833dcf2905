package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// The regressions of issue 16: texts full of quotes, markup-like text and
// maximum-length input reach people through the fake Bot API, which
// refuses invalid HTML and over-long messages as Telegram does.

// startBotWithConfig is startBot with a configuration file.
func startBotWithConfig(t *testing.T, fake *fakeapi.Fake, dbPath, config string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, fake: fake, dbPath: dbPath, logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": dbPath, "KINERJA_LOG_LEVEL": "debug",
	})
	go func() {
		r.done <- Main(ctx, []string{"--config", config, "run"}, strings.NewReader(""), r.logs, r.logs, getenv)
	}()
	if !waitLog(r, "kinerjabot is running") {
		t.Fatalf("bot never started; logs:\n%s", r.logs)
	}
	t.Cleanup(func() { r.stop() })
	return r
}

func waitLog(r *running, s string) bool {
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.logs.String(), s) {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(10 * time.Millisecond)
	}
	return true
}

// allAccepted fails for every message-carrying call the fake refused, and
// checks what it stored on its own: valid, and within the limits.
func allAccepted(t *testing.T, fake *fakeapi.Fake, chats ...int64) {
	t.Helper()
	n := 0
	for _, c := range fake.Calls() {
		switch strings.ToLower(c.Method) {
		case "sendmessage", "editmessagetext", "sendphoto", "senddocument":
			n++
			if c.Status != 200 {
				t.Errorf("%s to %d refused (%d %s): %.200q", c.Method, c.ChatID, c.Status, c.Error, c.Text)
			}
		}
	}
	for _, chat := range chats {
		for _, m := range fake.Messages(chat) {
			if err := tghtml.Validate(m.Text); err != nil || tghtml.Len(m.Text) > 4096 {
				t.Errorf("stored message %d in %d: %v, %d units", m.ID, chat, err, tghtml.Len(m.Text))
			}
		}
	}
	if n == 0 {
		t.Fatal("no message was sent at all")
	}
}

// pressButton presses the newest button whose text or data matches and
// waits for the bot to answer it.
func pressButton(t *testing.T, fake *fakeapi.Fake, from fakeapi.User, match func(fakeapi.Button) bool) {
	t.Helper()
	msgs := fake.Messages(from.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if match(b) {
					id := fake.Press(from, msgs[i].ID, b.Data)
					if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return f.RepliedAfterAnswer(id, from.ID) }) {
						t.Fatalf("press %q not answered", b.Data)
					}
					return
				}
			}
		}
	}
	t.Fatalf("no such button in chat %d", from.ID)
}

// visibleTexts is what the user reads in chat, entities decoded.
func visibleTexts(fake *fakeapi.Fake, chat int64) string {
	var b strings.Builder
	for _, m := range fake.Messages(chat) {
		v, _ := tghtml.Visible(m.Text)
		b.WriteString(v + "\n")
	}
	return b.String()
}

// quoteHeavy is a description of n characters, many lines of quotes,
// markup-like text and emoji: as long as a report allows.
func quoteHeavy(n int) string {
	line := `"Rapat" 'koordinasi' <i>"lintas" & "sektor"</i> 😀` + "\n"
	s := strings.Repeat(line, n/len([]rune(line))+1)
	return string([]rune(s)[:n])
}

func TestQuoteHeavyApprovalPageReachesTheAssessor(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	p := kinerja.MonthOf(time.Now(), mustZone(t))
	db := storagetest.MustOpenPath(t, path)
	ctx := context.Background()
	rina := fakeapi.User{ID: 9203, FirstName: "Rina"}
	if err := db.LinkTelegram(ctx, evDemoRina, rina.ID); err != nil {
		t.Fatal(err)
	}
	tg := &kinerja.Target{NIP: evDemoBudi, Period: p.String(), Code: "K1", Name: `Layanan "prima" <24 jam>`, Unit: `"pasien"`,
		Target: 100, Direction: kinerja.HigherIsBetter}
	if _, err := db.PutTarget(ctx, tg); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		rep := &kinerja.Report{NIP: evDemoBudi, TargetID: tg.ID, WorkDate: p.Start(mustZone(t)).Format(time.DateOnly),
			Quantity: float64(i + 1), Description: fmt.Sprintf("%d %s", i+1, quoteHeavy(995)), Status: kinerja.ReportPending,
			AssessorNIP: evDemoRina, CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if err := db.CreateReport(ctx, rep); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	startBotWithConfig(t, fake, path, writeFile(t, "k.yaml", "reports:\n  page_size: 10\n"))

	page := reply(t, fake, rina, "/persetujuan")
	if v, _ := tghtml.Visible(page); !strings.Contains(v, `"Rapat" 'koordinasi' <i>"lintas" & "sektor"</i>`) {
		t.Fatalf("page does not show the descriptions as typed: %.300q", v)
	}
	// Every report opened in full: 1,000 characters of quotes each.
	pageMsg, _ := fake.LastMessage(rina.ID)
	opened := 0
	for _, row := range pageMsg.Buttons {
		for _, b := range row {
			if b.Text != "🔎" {
				continue
			}
			id := fake.Press(rina, pageMsg.ID, b.Data)
			if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return f.RepliedAfterAnswer(id, rina.ID) }) {
				t.Fatalf("press %q not answered", b.Data)
			}
			opened++
		}
	}
	vis := visibleTexts(fake, rina.ID)
	if opened != 10 || !strings.Contains(vis, "10 "+quoteHeavy(300)) || !strings.Contains(vis, "1 "+quoteHeavy(300)) {
		t.Errorf("%d reports opened; the full descriptions did not all arrive as typed", opened)
	}
	allAccepted(t, fake, rina.ID)
}

func TestMaximumQuoteReasonReachesNilaiSkorAndTheNotice(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	rina, budi := fakeapi.User{ID: 9303, FirstName: "Rina"}, fakeapi.User{ID: 9302, FirstName: "Budi"}
	path, p := seedEvalCase(t, rina, budi)
	startBot(t, fake, path)

	reply(t, fake, rina, "/nilai")
	k := evDemoBudi + ":" + p.String()
	evPressData(t, fake, rina, "nil:s:"+k)
	evPressData(t, fake, rina, "nil:hc:"+k+":3")
	reason := strings.Repeat(`"`, 500) + strings.Repeat(`'"`, 250) // 1,000 characters, the maximum
	if got := reply(t, fake, rina, reason); !strings.Contains(got, "Alasan tersimpan") {
		t.Fatalf("reason of 1,000 quotes: %q", got)
	}
	for i := range 7 {
		evPressData(t, fake, rina, fmt.Sprintf("nil:b:%s:%d:2", k, i))
	}
	evPressData(t, fake, rina, "nil:pa:"+k)
	evPressData(t, fake, rina, "nil:ok:"+k)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return strings.Contains(evLastText(f, budi.ID), "Predikat") }) {
		t.Fatalf("no result notice for Budi: %q", evLastText(fake, budi.ID))
	}
	notice, _ := fake.LastMessage(budi.ID)
	if len(notice.Buttons) == 0 {
		t.Error("the result notice lost its objection button")
	}
	reply(t, fake, rina, "/nilai")
	reply(t, fake, budi, "/skor")
	pressButton(t, fake, budi, func(b fakeapi.Button) bool { return strings.HasPrefix(b.Data, "skor:") })
	reply(t, fake, rina, "/skor "+evDemoBudi)
	if !strings.Contains(visibleTexts(fake, budi.ID), reason[:200]) {
		t.Errorf("Budi never read the reason; he got:\n%.600s", visibleTexts(fake, budi.ID))
	}
	allAccepted(t, fake, rina.ID, budi.ID)
}

func TestCutiWithAHugeArgumentIsAnswered(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	budi, admin := fakeapi.User{ID: 9402, FirstName: "Budi"}, fakeapi.User{ID: 9404, FirstName: "Andi"}
	for nip, u := range map[string]fakeapi.User{evDemoBudi: budi, "198103102006041001": admin} {
		if err := db.LinkTelegram(context.Background(), nip, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	startBot(t, fake, path)

	word := strings.Repeat(`"<b>&'`, 667)[:4000]
	for _, tc := range []struct {
		from fakeapi.User
		text string
	}{
		{budi, "/cuti " + word},
		{budi, "/cuti " + word[:1999] + " " + word[:2000]},
		{budi, "/cuti " + strings.Repeat(`"x" `, 1000)},
		{admin, "/cuti " + evDemoBudi + " " + word},
	} {
		if got := reply(t, fake, tc.from, tc.text); got == "" {
			t.Errorf("%.30q: empty reply", tc.text)
		}
	}
	// The typed value is echoed by its start, as typed, with an ellipsis.
	if !strings.Contains(visibleTexts(fake, budi.ID), `Tanggal ""<b>&'"<b>&'"<b>&'"`) ||
		!strings.Contains(visibleTexts(fake, budi.ID), `"…" tidak dikenali`) {
		t.Errorf("the start of the typed date is not echoed: %.400s", visibleTexts(fake, budi.ID))
	}
	allAccepted(t, fake, budi.ID, admin.ID)
}
