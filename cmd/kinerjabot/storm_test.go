package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// The fault storm (issue 16, part 6): the fake Bot API answers 429 with
// retry_after, 500 and 502, and holds calls past the client's timeout, in
// the middle of a survey burst (citizens answering the SKM survey through
// the real transport, bot and SQLite) and of a broadcast drained by the
// outbox sender, both through the one client, as in production. Afterwards
// every reply and every broadcast message was accepted exactly once, in
// order per chat, every callback was answered, and the same poller and
// sender (never restarted) serve a newcomer at normal speed.
//
// The short storm CI runs lasts 5 s with the client's timeouts scaled down
// (a 1 s long poll, 2 s per request, where production has a 50 s long poll,
// 65 s for its request and 20 s for any other call) and
// fails every other call of each method, so that the bot keeps making calls
// of every kind during it: long polls, sends, edits, callback answers. (In a
// total outage the poller waits for the batch in hand, whose replies are
// being retried, and a 5-second storm meets only sends; for the same reason
// the storm goes on, up to twice its length, until long polls, edits and
// callback answers have all met it.) The issue's
// 30-second total outage runs with
//
//	KINERJA_STORM=30s go test -run TestFaultStorm -timeout 20m ./cmd/kinerjabot/
//
// (any duration; KINERJA_STORM_RATE=0.5 fails half the calls instead of
// all). It takes about a minute more than the storm. CI does not set them.

// stormCfg is one storm run's shape.
type stormCfg struct {
	storm     time.Duration // how long the fake misbehaves
	rate      float64       // share of calls failed during the storm
	citizens  int           // survey respondents, arriving over the storm
	chats     int           // private chats of the broadcast
	groups    int           // group chats of the broadcast
	rounds    int           // broadcast messages per chat
	think     time.Duration // a citizen's pause before each press
	reqTO     time.Duration // the client's request timeout
	pollTO    time.Duration // the client's long-poll timeout
	retryWait time.Duration // the outbox's wait after a failed attempt
}

func stormConfig(t *testing.T) stormCfg {
	c := stormCfg{storm: 5 * time.Second, rate: 0.5, citizens: 30, chats: 40, groups: 2, rounds: 3,
		think: 150 * time.Millisecond, reqTO: 2 * time.Second, pollTO: time.Second, retryWait: 500 * time.Millisecond}
	if v := os.Getenv("KINERJA_STORM"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("KINERJA_STORM=%q: want a duration such as 30s", v)
		}
		c.storm, c.rate = d, 1
		// More of everything, so the burst and the broadcast still span it.
		c.citizens, c.chats = 60, 120
	}
	if v := os.Getenv("KINERJA_STORM_RATE"); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r <= 0 || r > 1 {
			t.Fatalf("KINERJA_STORM_RATE=%q: want a share in (0, 1]", v)
		}
		c.rate = r
	}
	return c
}

func TestFaultStormSurveyBurstAndBroadcast(t *testing.T) {
	cfg := stormConfig(t)
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	const unit = "PKM-TGR"
	if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: unit, Name: "Puskesmas Tanah Garam"}); err != nil {
		t.Fatal(err)
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(true)
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	client, err := telegram.New(runCtx, telegram.Config{Token: fake.Token(), Endpoint: fake.Endpoint(), Logger: log,
		PollTimeout: cfg.pollTO, RequestTimeout: cfg.reqTO})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	loc := time.FixedZone("WIB", 7*3600)
	svy := survey.New(bot.Deps{Store: db, Location: loc, Log: log, Username: client.Username()}, survey.Config{})
	b, err := bot.New(bot.Config{Location: loc, BotUsername: client.Username()}, db, client, nil, log, svy)
	if err != nil {
		t.Fatal(err)
	}
	link, _, err := svy.CreateSurveyLink(ctx, unit, "")
	if err != nil {
		t.Fatal(err)
	}

	// Citizens' chats start at citizenBase; the last one is the newcomer
	// who comes after the storm.
	const citizenBase, chatBase = 100_000, 200_000
	inbox := make([]chan fakeapi.Call, cfg.citizens+1)
	for i := range inbox {
		inbox[i] = make(chan fakeapi.Call, 64)
	}
	fake.OnCall(func(c fakeapi.Call) {
		if i := c.ChatID - citizenBase; i >= 0 && i < int64(len(inbox)) && c.Status == 200 {
			inbox[i] <- c
		}
	})

	// The broadcast: rounds messages to every chat, one job run per round.
	var bchats []int64
	for i := range cfg.chats {
		bchats = append(bchats, chatBase+int64(i))
	}
	for i := range cfg.groups {
		bchats = append(bchats, -int64(300_000+i))
	}
	for r := range cfg.rounds {
		var msgs []*kinerja.OutboxMessage
		for _, c := range bchats {
			msgs = append(msgs, &kinerja.OutboxMessage{ChatID: c, Text: broadcastText(r, c)})
		}
		slot := "round-" + strconv.Itoa(r)
		if ok, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "storm", Slot: slot, At: time.Now()}, msgs); err != nil || !ok {
			t.Fatalf("enqueue %s: %v %v", slot, ok, err)
		}
	}
	sender := outbox.New(db, client, telegram.NewThrottle(), outbox.Options{Workers: 8, Permanent: telegram.Permanent,
		Backoff: func(int) time.Duration { return cfg.retryWait }, Log: log})

	polled := make(chan error, 1)
	go func() { polled <- client.Poll(runCtx, b) }()
	sent := make(chan error, 1)
	go func() { sent <- sender.Run(runCtx) }()

	// Citizens arrive over a span that starts before the storm and ends
	// after it; each presses a button a moment after the bot's answer.
	start := time.Now()
	stormAt := time.Second
	arrivals := stormAt + cfg.storm + time.Second
	patience := cfg.storm + 60*time.Second
	var wg sync.WaitGroup
	errs := make(chan error, cfg.citizens)
	cbs := make([][]string, cfg.citizens)
	for i := range cfg.citizens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(arrivals * time.Duration(i) / time.Duration(cfg.citizens))
			c := &stormCitizen{fake: fake, user: fakeapi.User{ID: citizenBase + int64(i), FirstName: "Warga"},
				inbox: inbox[i], think: cfg.think, patience: patience}
			ids, err := c.survey(link.Payload)
			cbs[i] = ids
			if err != nil {
				errs <- fmt.Errorf("citizen %d: %w", i, err)
			}
		}()
	}
	time.Sleep(stormAt)
	// The storm lasts cfg.storm and, when some kind of call has not met it
	// yet (the poller may be waiting all along for a batch whose replies are
	// retried), goes on a second at a time, up to twice as long.
	hit := []string{"sendmessage"}
	if cfg.rate < 1 {
		hit = append(hit, "getupdates", "editmessagetext", "answercallbackquery")
	}
	st := fakeapi.StormStats{ByMethod: map[string]int{}}
	var raging time.Duration
	for d := cfg.storm; d > 0; d = stormMore(st, hit, raging, cfg.storm) {
		fake.Storm(d, fakeapi.StormOptions{Rate: cfg.rate, RetryAfter: 1, Hang: time.Minute})
		time.Sleep(d)
		st = addStats(st, fake.StormStats())
		raging += d
	}
	stormEnd := time.Now()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if !eventually(patience, func() bool { return outboxDone(t, db) }) {
		counts, _ := db.OutboxCounts(ctx)
		t.Errorf("the broadcast did not finish: %v", counts)
	}
	t.Logf("storm of %v at rate %.2f: %d faults (%d × 429, %d × 5xx, %d hangs), %d calls let through; by method %v",
		raging, cfg.rate, st.Faults(), st.TooMany, st.ServerErrors, st.Hangs, st.Passed, st.ByMethod)
	t.Logf("burst and broadcast done %v after the start, %v after the storm",
		time.Since(start).Round(time.Millisecond), time.Since(stormEnd).Round(time.Millisecond))

	// The storm must have hit every kind of call, with every kind of fault.
	if st.TooMany == 0 || st.ServerErrors == 0 || st.Hangs == 0 {
		t.Errorf("the storm did not inject every kind of fault: %+v", st)
	}
	// In a total outage the poller waits for its batch, whose replies are
	// retried until the storm ends: only sends (and the edits of a batch in
	// hand) meet it.
	for _, m := range hit {
		if st.ByMethod[m] == 0 {
			t.Errorf("the storm never hit %s: %v", m, st.ByMethod)
		}
	}

	// The bot recovered by itself: the same poller and sender, never
	// restarted, serve a newcomer promptly once the storm is over.
	if !fake.StormOver() {
		t.Fatal("the burst ended before the storm did: the test proves nothing")
	}
	newcomer := &stormCitizen{fake: fake, user: fakeapi.User{ID: citizenBase + int64(cfg.citizens), FirstName: "Baru"},
		inbox: inbox[cfg.citizens], patience: 10 * time.Second}
	t0 := time.Now()
	if _, err := newcomer.survey(link.Payload); err != nil {
		t.Errorf("after the storm: %v", err)
	}
	if took := time.Since(t0); took > 5*time.Second {
		t.Errorf("after the storm a survey took %v; the bot did not recover", took)
	}
	cbs = append(cbs, newcomer.cbs)

	// Every callback answered (the last answers may trail the last edit).
	if !fake.WaitFor(patience, func(f *fakeapi.Fake) bool {
		for _, ids := range cbs {
			for _, id := range ids {
				if !f.CallbackAnswered(id) {
					return false
				}
			}
		}
		return true
	}) {
		for i, ids := range cbs {
			for _, id := range ids {
				if !fake.CallbackAnswered(id) {
					t.Errorf("citizen %d: callback %s never answered", i, id)
				}
			}
		}
	}

	// Every reply exactly once, in order, in every citizen's chat.
	calls := fake.Calls()
	for i := range cfg.citizens + 1 {
		checkSurveyChat(t, fake, calls, citizenBase+int64(i))
	}
	// Every broadcast message exactly once, in order, in every chat.
	for _, c := range bchats {
		var want, got []string
		for r := range cfg.rounds {
			want = append(want, broadcastText(r, c))
		}
		for _, m := range fake.Messages(c) {
			got = append(got, m.Text)
		}
		if !slices.Equal(got, want) {
			t.Errorf("chat %d received %q, want %q", c, got, want)
		}
	}
	counts, err := db.OutboxCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n := counts[kinerja.OutboxSent]; n != len(bchats)*cfg.rounds || len(counts) != 1 {
		t.Errorf("outbox: %v, want all %d sent", counts, len(bchats)*cfg.rounds)
	}
	// Every survey counted once, and no update left unconfirmed.
	tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: unit})
	if err != nil || len(tot) != 1 || tot[0].Respondents != cfg.citizens+1 {
		t.Errorf("survey totals %+v, %v; want %d respondents", tot, err, cfg.citizens+1)
	}
	if !fake.WaitFor(3*cfg.pollTO, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		t.Errorf("updates never confirmed: %v", fake.Pending())
	}

	stop()
	if err := <-polled; err != nil {
		t.Errorf("Poll: %v", err)
	}
	if err := <-sent; err != nil {
		t.Errorf("sender: %v", err)
	}
	if t.Failed() {
		t.Logf("warnings logged:\n%s", tail(logs.String(), 60))
	}
}

// stormMore says how much longer the storm goes on: a second while some
// method in hit has not met it, until it has raged twice its length.
func stormMore(st fakeapi.StormStats, hit []string, raging, length time.Duration) time.Duration {
	for _, m := range hit {
		if st.ByMethod[m] == 0 && raging < 2*length {
			return time.Second
		}
	}
	return 0
}

func addStats(a, b fakeapi.StormStats) fakeapi.StormStats {
	a.TooMany += b.TooMany
	a.ServerErrors += b.ServerErrors
	a.Hangs += b.Hangs
	a.Passed += b.Passed
	for k, v := range b.ByMethod {
		a.ByMethod[k] += v
	}
	return a
}

// eventually polls cond until it holds or timeout passes.
func eventually(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond)
	}
	return true
}

func broadcastText(round int, chat int64) string {
	return fmt.Sprintf("<b>Pengumuman %d</b> untuk %d", round+1, chat)
}

func outboxDone(t *testing.T, db interface {
	OutboxCounts(context.Context) (map[kinerja.OutboxStatus]int, error)
}) bool {
	counts, err := db.OutboxCounts(context.Background())
	if err != nil {
		t.Errorf("outbox counts: %v", err)
		return true
	}
	return counts[kinerja.OutboxPending] == 0
}

// stepRank orders the survey's messages: the greeting 0, question n, the
// suggestion prompt 100, the thanks 1000; -1 for any other text.
var stepRE = regexp.MustCompile(`Pertanyaan (\d+)/`)

func stepRank(text string) int {
	switch {
	case strings.Contains(text, "Mohon bantu kami"):
		return 0
	case strings.Contains(text, "Saran (boleh dilewati)"):
		return 100
	case strings.Contains(text, "Terima kasih! Penilaian Anda"):
		return 1000
	}
	if m := stepRE.FindStringSubmatch(text); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return -1
}

// checkSurveyChat checks what the fake accepted in one citizen's chat: the
// greeting and the survey message (no reply sent twice), the survey message
// edited through every step once each, in order, ending with the thanks.
func checkSurveyChat(t *testing.T, fake *fakeapi.Fake, calls []fakeapi.Call, chat int64) {
	t.Helper()
	var sends, ranks []int
	for _, c := range calls {
		if c.ChatID != chat || c.Status != 200 {
			continue
		}
		switch c.Method {
		case "sendMessage":
			sends = append(sends, stepRank(c.Text))
			ranks = append(ranks, stepRank(c.Text))
		case "editMessageText":
			ranks = append(ranks, stepRank(c.Text))
		}
	}
	if !slices.Equal(sends, []int{0, 1}) {
		t.Errorf("chat %d: messages sent %v, want the greeting and the first question once each", chat, sends)
	}
	// The greeting, nine questions, the suggestion prompt, the thanks.
	want := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, 1000}
	if !slices.Equal(ranks, want) {
		t.Errorf("chat %d: survey steps accepted in the order %v, want %v", chat, ranks, want)
	}
	ms := fake.Messages(chat)
	if len(ms) != 2 || stepRank(ms[0].Text) != 0 || stepRank(ms[1].Text) != 1000 {
		t.Errorf("chat %d ends with %d messages, want the greeting and the thanks", chat, len(ms))
	}
}

func tail(s string, lines int) string {
	ls := strings.Split(strings.TrimSpace(s), "\n")
	if len(ls) > lines {
		ls = append([]string{fmt.Sprintf("… %d lines before", len(ls)-lines)}, ls[len(ls)-lines:]...)
	}
	return strings.Join(ls, "\n")
}

// stormCitizen answers the whole survey with buttons, waiting for each of
// the bot's answers (as accepted by the fake) before the next press.
type stormCitizen struct {
	fake     *fakeapi.Fake
	user     fakeapi.User
	inbox    chan fakeapi.Call
	think    time.Duration
	patience time.Duration
	cbs      []string // callback query ids of the presses
}

func (c *stormCitizen) survey(payload string) ([]string, error) {
	c.fake.SendText(c.user, "/start "+payload)
	q, err := c.await("sendMessage", "svy:")
	if err != nil {
		return c.cbs, err
	}
	msgID, buttons := q.MessageID, q.Buttons
	for step := 0; step <= 9; step++ {
		value, want := "skip", "svy:"
		if step < 9 {
			value = strconv.Itoa(1 + (int(c.user.ID)+step)%4)
		} else {
			want = "Terima kasih"
		}
		data := find(buttons, ":"+value)
		if data == "" {
			return c.cbs, fmt.Errorf("no button %q at step %d", value, step)
		}
		time.Sleep(c.think)
		c.cbs = append(c.cbs, c.fake.Press(c.user, msgID, data))
		e, err := c.await("editMessageText", want)
		if err != nil {
			return c.cbs, fmt.Errorf("step %d: %w", step, err)
		}
		buttons = e.Buttons
	}
	return c.cbs, nil
}

func (c *stormCitizen) await(method, want string) (fakeapi.Call, error) {
	timeout := time.After(c.patience)
	for {
		select {
		case call := <-c.inbox:
			if call.Method == method && (strings.Contains(call.Text, want) || find(call.Buttons, want) != "") {
				return call, nil
			}
		case <-timeout:
			return fakeapi.Call{}, fmt.Errorf("no %s with %q in %v", method, want, c.patience)
		}
	}
}

// find returns the data of the first button whose data contains s.
func find(rows [][]fakeapi.Button, s string) string {
	for _, row := range rows {
		for _, b := range row {
			if strings.Contains(b.Data, s) {
				return b.Data
			}
		}
	}
	return ""
}
