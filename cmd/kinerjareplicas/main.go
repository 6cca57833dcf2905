// Command kinerjareplicas measures several `kinerjabot run --webhook`
// replicas on one PostgreSQL database: it runs the fake Bot API (in this
// process, delivering to a webhook as Telegram does), a round-robin proxy
// in front of the replicas, and N kinerjabot processes on a fresh schema;
// C citizens answer the SKM survey at the same time (11 updates each),
// optionally while one replica is killed with SIGKILL and restarted.
//
// It prints the updates handled per second, how many updates were sent,
// handled exactly once (their "handled" record in the database), lost and
// duplicated (a reply sent twice, or a response counted twice), the 429s
// of the fake's flood limits, and how long each replica took to stop.
//
// Usage (from the repository root):
//
//	kinerjareplicas -db postgres://… [-replicas 3] [-citizens 300] [-kill] [-limits] [-bin kinerjabot]
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
	flag.BoolVar(&o.Kill, "kill", false, "kill one replica with SIGKILL a third of the way through, and restart it")
	flag.BoolVar(&o.Limits, "limits", false, "the fake enforces Telegram's flood limits (30 messages/s overall, 1/s per chat)")
	flag.IntVar(&o.MaxConns, "max-connections", 100, "the webhook's max_connections (Telegram allows 1-100)")
	flag.StringVar(&o.Bin, "bin", "", "the kinerjabot binary (default: go build ./cmd/kinerjabot)")
	flag.BoolVar(&o.Keep, "keep", false, "keep the schema and the replicas' logs")
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
	Bin          string
	Keep         bool
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
	Respondents        int
	GaveUp             int // citizens who waited in vain for a reply
	Elapsed            time.Duration
	TooMany            int // 429s of the fake's flood limits
	Webhook            fakeapi.WebhookStats
	Stops              []time.Duration
	CPU                time.Duration // of every replica process, kinerjabot only
	Logs               string
}

// Print writes the figures.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "kinerjareplicas: %d replica(s), %d citizens, kill -9 mid-run: %v\n", r.Replicas, r.Citizens, r.Killed)
	fmt.Fprintf(w, "  wall time        %v\n", r.Elapsed.Round(time.Millisecond))
	fmt.Fprintf(w, "  throughput       %.0f updates/s\n", float64(r.Sent)/r.Elapsed.Seconds())
	fmt.Fprintf(w, "  updates          %d sent, %d handled exactly once, %d lost, %d duplicated\n", r.Sent, r.HandledOnce, r.Lost, r.Duplicates)
	fmt.Fprintf(w, "  responses        %d counted for %d citizens (%d gave up waiting for a reply)\n", r.Respondents, r.Citizens, r.GaveUp)
	fmt.Fprintf(w, "  webhook          %d posts, %d delivered, %d failed (retried)\n", r.Webhook.Posts, r.Webhook.Delivered, r.Webhook.Failures)
	if r.Sent > 0 {
		fmt.Fprintf(w, "  replica CPU      %v in all, %.2f ms per update\n", r.CPU.Round(time.Millisecond), float64(r.CPU.Microseconds())/1000/float64(r.Sent))
	}
	fmt.Fprintf(w, "  flood limits     %d answered 429\n", r.TooMany)
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
				"KINERJA_DB=" + dsn, "KINERJA_LOG_LEVEL=warn", "KINERJA_WEBHOOK_SECRET=" + secret,
				"KINERJA_REPLICA=replica-" + strconv.Itoa(i+1), // each its own name in the reply queue
				"KINERJA_WEBHOOK_MAX_CONNECTIONS=" + strconv.Itoa(o.MaxConns)}}
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
		go killOne(reps[0], hook, &answered, int64(o.Citizens*11/3), killed, out)
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
	// Whatever Telegram still holds is delivered before counting.
	fake.WaitFor(60*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 })
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

// killOne kills r with SIGKILL once after replies have been answered, and
// restarts it a second later.
func killOne(r *replica, hook string, answered *atomic.Int64, after int64, done chan struct{}, out io.Writer) {
	defer close(done)
	for answered.Load() < after {
		time.Sleep(5 * time.Millisecond)
	}
	r.kill()
	fmt.Fprintf(out, "kinerjareplicas: replica %d killed with SIGKILL after %d replies\n", r.n, answered.Load())
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
	replies := map[int64]int{}
	for _, c := range fake.Calls() {
		if c.Status == 200 && (c.Method == "sendMessage" || c.Method == "editMessageText") && c.ChatID >= firstChat {
			replies[c.ChatID]++
		}
	}
	for _, n := range replies {
		res.Duplicates += max(0, n-12) // /start: a greeting and the question; then ten edits
	}
	if res.Lost > 0 || res.Duplicates > 0 {
		return fmt.Errorf("%d updates lost, %d duplicated", res.Lost, res.Duplicates)
	}
	return nil
}
