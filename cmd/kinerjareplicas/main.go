// Command kinerjareplicas measures several `kinerjabot run --webhook`
// replicas on one PostgreSQL database: it runs the fake Bot API (in this
// process, delivering to a webhook as Telegram does), a round-robin proxy
// in front of the replicas, and N kinerjabot processes on a fresh schema;
// C citizens answer the SKM survey at the same time (11 updates each),
// optionally while one replica is killed with SIGKILL and restarted. With
// -broadcast and -summary-units, a broadcast to that many private chats is
// queued as the citizens start and the monthly summary is run halfway
// (kinerjabot jobs run) to that many units' groups; the replica killed is
// then the one sending the outbox.
//
// It prints the updates handled per second, how many updates were sent,
// handled exactly once (their "handled" record in the database), lost and
// duplicated (a reply sent twice, or a response counted twice), the 429s
// of the fake's flood limits, per chat the broadcast's and the summary's
// duplicates and losses, the broadcast's time against N/30 s, and how long
// each replica took to stop.
//
// Usage (from the repository root):
//
//	kinerjareplicas -db postgres://… [-replicas 3] [-citizens 300] [-ramp 0s] [-kill] [-limits]
//		[-broadcast 2000] [-summary-units 20] [-bin kinerjabot] [-keep] [-show-duplicates]
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func main() {
	var o Options
	flag.StringVar(&o.DSN, "db", os.Getenv("KINERJA_TEST_POSTGRES_DSN"), "PostgreSQL database (postgres://…); a fresh schema is created in it and dropped after")
	flag.IntVar(&o.Replicas, "replicas", 3, "how many kinerjabot processes")
	flag.IntVar(&o.Citizens, "citizens", 300, "how many citizens answer the survey at the same time (11 updates each)")
	flag.BoolVar(&o.Kill, "kill", false, "kill one replica with SIGKILL a third of the way through, and restart it (the outbox sender, with -broadcast or -summary-units)")
	flag.BoolVar(&o.Limits, "limits", false, "the fake enforces Telegram's flood limits (30 messages/s overall, 1/s per chat)")
	flag.DurationVar(&o.Ramp, "ramp", 0, "start the citizens one after another over this long instead of all at once (a crowd scanning the QR code)")
	flag.IntVar(&o.Broadcast, "broadcast", 0, "also queue a broadcast of one message to this many private chats when the citizens start (0: none)")
	flag.IntVar(&o.SummaryUnits, "summary-units", 0, "also run the monthly summary (kinerjabot jobs run) halfway, to the groups of this many units (0: none)")
	flag.IntVar(&o.MaxConns, "max-connections", 100, "the webhook's max_connections (Telegram allows 1-100)")
	flag.StringVar(&o.Bin, "bin", "", "the kinerjabot binary (default: go build ./cmd/kinerjabot)")
	flag.BoolVar(&o.Keep, "keep", false, "keep the schema and the replicas' logs (at level info)")
	flag.BoolVar(&o.ShowDups, "show-duplicates", false, "print every call to a chat whose replies were duplicated")
	flag.Parse()
	res, err := Run(context.Background(), o)
	if res != nil {
		res.Print(os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kinerjareplicas:", err)
		os.Exit(1)
	}
}

// Options configure a run.
type Options struct {
	DSN          string
	Replicas     int
	Citizens     int
	Kill, Limits bool
	MaxConns     int
	Ramp         time.Duration // over which the citizens start
	Broadcast    int           // private chats of a broadcast sent beside the survey
	SummaryUnits int           // units (one group each) of a monthly summary sent beside it
	Bin          string
	Keep         bool
	ShowDups     bool
	Out          io.Writer // progress lines; os.Stderr if nil
}

// Result is what a run measured.
type Result struct {
	Replicas, Citizens int
	Killed             bool
	Sent               int // updates the citizens sent
	HandledOnce        int // of those, recorded as handled in the database
	Lost               int // sent but never handled
	Duplicates         int // replies beyond one per update, and responses counted twice
	Regressed          int // finished citizens whose survey message was last edited back to an earlier step
	Respondents        int
	GaveUp             int // citizens who waited in vain for a reply
	Elapsed            time.Duration
	TooMany            int // 429s of the fake's flood limits
	Webhook            fakeapi.WebhookStats
	Stops              []time.Duration
	CPU                time.Duration // of every replica process, kinerjabot only
	Logs               string
	KilledWhich        string // which replica was killed, and its role
	Bulk               BulkResult
	showDups           io.Writer // where count shows duplicated chats' calls; nil for not
}

// Print writes the figures.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "kinerjareplicas: %d replica(s), %d citizens, kill -9 mid-run: %v\n", r.Replicas, r.Citizens, r.Killed)
	fmt.Fprintf(w, "  wall time        %v\n", r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  throughput       %.0f updates/s\n", float64(r.Sent)/r.Elapsed.Seconds())
	fmt.Fprintf(w, "  updates          %d sent, %d handled exactly once, %d lost, %d duplicated\n", r.Sent, r.HandledOnce, r.Lost, r.Duplicates)
	fmt.Fprintf(w, "  responses        %d counted for %d citizens (%d gave up waiting for a reply)\n", r.Respondents, r.Citizens, r.GaveUp)
	fmt.Fprintf(w, "  survey messages  %d turned back to an earlier step after the thanks\n", r.Regressed)
	fmt.Fprintf(w, "  webhook          %d posts, %d delivered, %d failed (retried)\n", r.Webhook.Posts, r.Webhook.Delivered, r.Webhook.Failures)
	if r.Sent > 0 {
		fmt.Fprintf(w, "  replica CPU      %v in all, %.2f ms per update\n", r.CPU.Round(time.Millisecond), float64(r.CPU.Microseconds())/1000/float64(r.Sent))
	}
	fmt.Fprintf(w, "  flood limits     %d answered 429\n", r.TooMany)
	if r.KilledWhich != "" {
		fmt.Fprintf(w, "  killed           %s\n", r.KilledWhich)
	}
	if b := r.Bulk; b.Broadcast > 0 {
		fmt.Fprintf(w, "  broadcast        %d chats: %d duplicated, %d lost; %.1f s, %.2f× N/30 s (%.1f s)\n", b.Broadcast, b.BroadcastDup, b.BroadcastLost,
			b.BroadcastTime.Seconds(), b.BroadcastTime.Seconds()/b.Ideal().Seconds(), b.Ideal().Seconds())
		fmt.Fprintf(w, "                   meanwhile %d messages in all went out (%d of them survey replies): %.2f× their N/30 s\n",
			b.SentDuringBroadcast, b.RepliesDuringBroadcast, b.BroadcastTime.Seconds()/(float64(b.SentDuringBroadcast)/overallRate))
	}
	if b := r.Bulk; b.SummaryGroups > 0 {
		fmt.Fprintf(w, "  monthly summary  %d messages to %d groups: %d duplicated, %d lost\n", b.SummaryMsgs, b.SummaryGroups, b.SummaryDup, b.SummaryLost)
	}
	fmt.Fprintf(w, "  graceful stops   %v\n", r.Stops)
	if r.Logs != "" {
		fmt.Fprintf(w, "  replica logs     %s\n", r.Logs)
	}
}

const (
	unitCode  = "PKM-TGR"
	firstChat = 100_000
	secret    = "kinerjareplicas-secret-0123456789"
)

// Run performs one measurement.
func Run(ctx context.Context, o Options) (*Result, error) {
	if o.DSN == "" {
		return nil, errors.New("-db: a postgres:// database is needed (replicas share PostgreSQL)")
	}
	if o.Replicas < 1 || o.Citizens < 1 {
		return nil, errors.New("-replicas and -citizens must be positive")
	}
	out := o.Out
	if out == nil {
		out = os.Stderr
	}
	dir, err := os.MkdirTemp("", "kinerjareplicas-")
	if err != nil {
		return nil, err
	}
	if !o.Keep {
		defer os.RemoveAll(dir)
	}
	if o.Bin == "" {
		if o.Bin, err = buildBot(dir, "./cmd/kinerjabot"); err != nil {
			return nil, err
		}
	}
	if o.Bin, err = filepath.Abs(o.Bin); err != nil { // the replicas run in dir
		return nil, err
	}
	var rnd [5]byte
	_, _ = rand.Read(rnd[:])
	schema := "replicas_" + hex.EncodeToString(rnd[:])
	dsn, err := storage.NewSchema(ctx, o.DSN, schema)
	if err != nil {
		return nil, err
	}
	if !o.Keep {
		defer func() { _ = storage.DropSchema(context.Background(), o.DSN, schema) }()
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(o.Limits)
	payload, err := seed(ctx, dsn, fake.Username())
	if err != nil {
		return nil, err
	}
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := seedUnits(ctx, db, o.SummaryUnits); err != nil {
		return nil, err
	}
	bk := newBulk(o.Broadcast)
	fake.OnCall(bk.observe)

	// The proxy Telegram (the fake) posts to, and the replicas behind it.
	reps := make([]*replica, o.Replicas)
	var addrs []string
	for i := range reps {
		addr, err := freeAddr()
		if err != nil {
			return nil, err
		}
		addrs = append(addrs, addr)
		reps[i] = &replica{n: i + 1, bin: o.Bin, dir: dir, addr: addr, logs: filepath.Join(dir, "replica-"+strconv.Itoa(i+1)+".log"),
			env: []string{"KINERJA_TELEGRAM_TOKEN=" + fake.Token(), "KINERJA_TELEGRAM_ENDPOINT=" + fake.Endpoint(),
				"KINERJA_DB=" + dsn, "KINERJA_LOG_LEVEL=" + logLevel(o.Keep), "KINERJA_WEBHOOK_SECRET=" + secret,
				"KINERJA_REPLICA=replica-" + strconv.Itoa(i+1), // each its own name in the reply queue
				"KINERJA_WEBHOOK_MAX_CONNECTIONS=" + strconv.Itoa(o.MaxConns),
				// Under the fake's limits every reply waits for its slot, so
				// none meets a 429 (by default only after one).
				"KINERJA_TELEGRAM_PACE=" + map[bool]string{true: "always", false: "auto"}[o.Limits]}}
	}
	px := newProxy(addrs)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	psrv := &http.Server{Handler: px, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = psrv.Serve(ln) }()
	defer psrv.Close()
	hook := "http://" + ln.Addr().String() + "/telegram"
	for _, r := range reps {
		if err := r.start(hook); err != nil {
			return nil, err
		}
		defer func() { r.kill() }() // any left running after an error
	}
	for _, r := range reps {
		if err := r.waitReady(ctx, 60*time.Second); err != nil {
			return nil, err
		}
	}
	if !fake.WaitFor(30*time.Second, func(f *fakeapi.Fake) bool { return f.WebhookURL() == hook }) {
		return nil, errors.New("the replicas never set the webhook")
	}
	fmt.Fprintf(out, "kinerjareplicas: %d replica(s) ready on schema %s; %d citizens start\n", o.Replicas, schema, o.Citizens)

	res := &Result{Replicas: o.Replicas, Citizens: o.Citizens, Killed: o.Kill}
	if o.ShowDups {
		res.showDups = out
	}
	if o.Keep {
		res.Logs = dir
	}
	inbox := make([]chan fakeapi.Call, o.Citizens)
	for i := range inbox {
		inbox[i] = make(chan fakeapi.Call, 64)
	}
	fake.OnCall(func(c fakeapi.Call) {
		if i := c.ChatID - firstChat; i >= 0 && i < int64(len(inbox)) && c.Status == 200 {
			select {
			case inbox[i] <- c:
			default: // a citizen who gave up reads no more
			}
		}
	})
	var answered atomic.Int64
	killed := make(chan struct{})
	if o.Kill {
		victim := func() (*replica, string) { return reps[0], "replica 1" }
		if o.Broadcast > 0 || o.SummaryUnits > 0 {
			victim = func() (*replica, string) { return sender(ctx, db, reps) }
		}
		go killOne(victim, hook, &answered, int64(o.Citizens*11/3), killed, out, &res.KilledWhich)
	}
	if o.Broadcast > 0 {
		if err := bk.queueBroadcast(ctx, db); err != nil {
			return nil, err
		}
	}
	summarised := make(chan error, 1)
	if o.SummaryUnits > 0 {
		go func() {
			for answered.Load() < int64(o.Citizens*11/2) {
				time.Sleep(5 * time.Millisecond)
			}
			summarised <- bk.runSummary(ctx, o.Bin, dir, []string{"KINERJA_DB=" + dsn, "KINERJA_LOG_LEVEL=warn"})
		}()
	} else {
		summarised <- nil
	}
	var (
		wg     sync.WaitGroup
		sent   atomic.Int64
		gaveUp atomic.Int64
	)
	start := time.Now()
	for i := range o.Citizens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			time.Sleep(o.Ramp * time.Duration(i) / time.Duration(o.Citizens))
			c := &citizen{fake: fake, user: fakeapi.User{ID: firstChat + int64(i), FirstName: "Warga"}, inbox: inbox[i], answered: &answered}
			n, err := c.survey(payload)
			sent.Add(int64(n))
			if err != nil {
				gaveUp.Add(1)
				fmt.Fprintf(out, "citizen %d: %v\n", i, err)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	if o.Kill {
		<-killed
	}
	if err := <-summarised; err != nil {
		return nil, err
	}
	// Whatever Telegram still holds is delivered before counting, and the
	// bulk messages are waited for (a duplicate would follow within
	// seconds).
	fake.WaitFor(60*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 })
	if o.Broadcast > 0 || o.SummaryUnits > 0 {
		limit := time.Duration(float64(o.Broadcast+o.SummaryUnits*2)/overallRate*float64(time.Second)) + 2*time.Minute
		if !fake.WaitFor(limit, func(*fakeapi.Fake) bool { return bk.done() }) {
			fmt.Fprintf(out, "kinerjareplicas: the broadcast or the summary was not delivered within %s\n", limit)
		}
		time.Sleep(3 * time.Second)
		calls := fake.Calls()
		res.Bulk = bk.result(calls)
		if res.showDups != nil {
			for _, chat := range bk.duplicated() {
				showCalls(res.showDups, calls, chat)
			}
		}
	}
	res.Sent, res.GaveUp = int(sent.Load()), int(gaveUp.Load())
	res.TooMany, res.Webhook = fake.TooMany(), fake.WebhookStats()
	for _, r := range reps {
		took, err := r.stop(15 * time.Second)
		res.Stops = append(res.Stops, took.Round(time.Millisecond))
		if err != nil {
			fmt.Fprintln(out, err)
		}
		res.CPU += r.cpu
	}
	return res, count(ctx, dsn, fake, res)
}

// killOne kills the victim with SIGKILL once after replies have been
// answered, and restarts it a second later; which notes who it was.
func killOne(victim func() (*replica, string), hook string, answered *atomic.Int64, after int64, done chan struct{}, out io.Writer, which *string) {
	defer close(done)
	for answered.Load() < after {
		time.Sleep(5 * time.Millisecond)
	}
	r, role := victim()
	*which = role
	r.kill()
	fmt.Fprintf(out, "kinerjareplicas: %s killed with SIGKILL after %d replies, at %s\n", role, answered.Load(), time.Now().Format("15:04:05.000"))
	time.Sleep(time.Second)
	if err := r.start(hook); err != nil {
		fmt.Fprintln(out, "restart:", err)
		return
	}
	if err := r.waitReady(context.Background(), 60*time.Second); err != nil {
		fmt.Fprintln(out, "restart:", err)
		return
	}
	fmt.Fprintf(out, "kinerjareplicas: replica %d restarted\n", r.n)
}

// sender returns the replica that sends the outbox now (the first one if
// none is known), with its description.
func sender(ctx context.Context, db *storage.DB, reps []*replica) (*replica, string) {
	live, _ := db.Replicas(ctx, time.Now().Add(-5*time.Second))
	for _, l := range live {
		if l.Role != "sender" {
			continue
		}
		for _, r := range reps {
			if strings.Contains(l.ID, "-"+strconv.Itoa(r.cmd.Process.Pid)+"-") {
				return r, fmt.Sprintf("replica %d, the outbox sender", r.n)
			}
		}
	}
	return reps[0], "replica 1 (no outbox sender known)"
}

// seed creates the unit and a survey link, and returns its payload.
func seed(ctx context.Context, dsn, username string) (string, error) {
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer db.Close()
	if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: unitCode, Name: "Puskesmas Tanah Garam"}); err != nil {
		return "", err
	}
	svy := survey.New(bot.Deps{Store: db, Location: time.FixedZone("WIB", 7*3600), Log: slog.New(slog.DiscardHandler), Username: username}, survey.Config{})
	link, _, err := svy.CreateSurveyLink(ctx, unitCode, "")
	if err != nil {
		return "", err
	}
	return link.Payload, nil
}

// count reads the outcome: every update id the fake assigned (1…Sent) is
// looked up in the handled-update record, the responses are counted, and
// the bot's replies per chat are compared with one per update.
func count(ctx context.Context, dsn string, fake *fakeapi.Fake, res *Result) error {
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	for id := int64(1); id <= int64(res.Sent); id++ {
		seen, err := db.UpdateSeen(ctx, id)
		if err != nil {
			return err
		}
		if seen {
			res.HandledOnce++
		}
	}
	res.Lost = res.Sent - res.HandledOnce
	tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: unitCode})
	if err != nil {
		return err
	}
	if len(tot) == 1 {
		res.Respondents = tot[0].Respondents
	}
	res.Duplicates = max(0, res.Respondents-res.Citizens)
	calls := fake.Calls()
	replies := map[int64]int{}
	thanked := map[int64]bool{} // chats thanked once: whether their last edit is still the thanks
	for _, c := range calls {
		if c.Status != 200 || c.ChatID < firstChat || (c.Method != "sendMessage" && c.Method != "editMessageText") {
			continue
		}
		replies[c.ChatID]++
		if c.Method == "editMessageText" {
			done := strings.Contains(c.Text, thanks)
			if _, before := thanked[c.ChatID]; before || done {
				thanked[c.ChatID] = done
			}
		}
	}
	for _, ok := range thanked {
		if !ok {
			res.Regressed++
		}
	}
	for chat, n := range replies {
		res.Duplicates += max(0, n-12) // /start: a greeting and the question; then ten edits
		if n > 12 && res.showDups != nil {
			showCalls(res.showDups, calls, chat)
		}
	}
	b := res.Bulk
	if res.Regressed > 0 {
		return fmt.Errorf("%d survey message(s) turned back to an earlier step after the thanks", res.Regressed)
	}
	if res.Lost > 0 || res.Duplicates > 0 || b.BroadcastDup+b.BroadcastLost+b.SummaryDup+b.SummaryLost > 0 {
		return fmt.Errorf("%d updates lost, %d duplicated; broadcast %d duplicated, %d lost; summary %d duplicated, %d lost",
			res.Lost, res.Duplicates, b.BroadcastDup, b.BroadcastLost, b.SummaryDup, b.SummaryLost)
	}
	return nil
}

// logLevel is the replicas' log level: info when their logs are kept
// (they then tell of replies resent after a restart), else warn.
func logLevel(keep bool) string {
	if keep {
		return "info"
	}
	return "warn"
}

// showCalls prints every call to chat, for a chat with duplicated replies.
func showCalls(w io.Writer, calls []fakeapi.Call, chat int64) {
	for _, c := range calls {
		if c.ChatID != chat {
			continue
		}
		text := []rune(c.Text)
		if len(text) > 40 {
			text = text[:40]
		}
		fmt.Fprintf(w, "  chat %d %s %s message %d: %d %q\n", chat, c.Time.Format("15:04:05.000"), c.Method, c.MessageID, c.Status, string(text))
	}
}
