// Command kinerjabroadcast measures kinerjabot's broadcast path against an
// in-process fake Bot API that enforces Telegram's flood limits.
//
// Usage:
//
//	kinerjabroadcast [-private 2000] [-groups 10] [-workers 8]
//	kinerjabroadcast -postgres DSN [-replicas 2] [-handover | -kill] ...
//
// It queues one message to each of the private chats and groups in a fresh
// SQLite outbox, drains it with the real sender, throttle and Bot API client,
// and prints the total time, its ratio to the ideal (N/30 seconds, Telegram's
// overall limit) and how many sends the fake refused with 429. With
// -postgres it queues in that database instead and runs several replicas
// (package cluster): one of them sends at a time, and with -handover the
// sending one is stopped halfway for another to take over; with -kill the
// replicas are processes and the sending one is killed with SIGKILL halfway
// and restarted. The target is
// a ratio of at most 1.10 with zero 429s. It exits 1 when a chat did not get
// exactly its one message, or the target is missed.
//
// It is a separate program, not a test: at 30 messages per second, 2,010
// messages take a little over a minute.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// Telegram's overall bulk limit, messages per second.
const overallRate = 30.0

// Target of the broadcast benchmark.
const targetRatio = 1.10

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fs := flag.NewFlagSet("kinerjabroadcast", flag.ExitOnError)
	private := fs.Int("private", 2000, "number of private chats, one message each")
	groups := fs.Int("groups", 10, "number of group chats, one message each")
	workers := fs.Int("workers", 8, "sends in flight at once")
	pg := fs.String("postgres", "", "run through replicas on this PostgreSQL `DSN` (an empty database or schema) instead of one SQLite sender")
	replicas := fs.Int("replicas", 2, "with -postgres: how many replicas")
	handover := fs.Bool("handover", false, "with -postgres: stop the sending replica halfway, so another one takes over")
	kill := fs.Bool("kill", false, "with -postgres: run the replicas as processes and kill the sending one (SIGKILL) halfway, then restart it")
	var c child // set when this process is one of -kill's replicas
	fs.StringVar(&c.ID, "child-id", "", "internal: run as the replica with this `ID` of a -kill run")
	fs.StringVar(&c.Endpoint, "child-endpoint", "", "internal: the fake Bot API of a -kill run")
	fs.StringVar(&c.Token, "child-token", "", "internal: the fake's token")
	_ = fs.Parse(os.Args[1:])
	var res result
	var err error
	switch {
	case c.ID != "":
		if err := runChild(ctx, *pg, c, *workers); err != nil {
			fmt.Fprintln(os.Stderr, "kinerjabroadcast replica:", err)
			os.Exit(1)
		}
		return
	case *pg != "" && *kill:
		res, err = broadcastKill(ctx, *pg, *replicas, *private, *groups, *workers, os.Stdout)
	case *pg != "":
		res, err = broadcastReplicas(ctx, *pg, *replicas, *private, *groups, *workers, *handover, os.Stdout)
	default:
		res, err = broadcast(ctx, *private, *groups, *workers, os.Stdout)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kinerjabroadcast:", err)
		os.Exit(1)
	}
	if !res.ok() {
		os.Exit(1)
	}
}

// result is what one broadcast measured.
type result struct {
	Messages  int
	Elapsed   time.Duration
	Ideal     time.Duration
	TooMany   int
	Delivered int // chats that got exactly their one message
}

// Ratio is the elapsed time over the ideal.
func (r result) Ratio() float64 { return r.Elapsed.Seconds() / r.Ideal.Seconds() }

func (r result) ok() bool {
	return r.Delivered == r.Messages && r.TooMany == 0 && r.Ratio() <= targetRatio
}

// broadcast runs one measured broadcast and prints the figures to w.
func broadcast(ctx context.Context, private, groups, workers int, w io.Writer) (result, error) {
	dir, err := os.MkdirTemp("", "kinerjabroadcast-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	db, err := storage.Open(ctx, filepath.Join(dir, "outbox.db"))
	if err != nil {
		return result{}, err
	}
	defer db.Close()
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(true)
	client, err := telegram.New(ctx, telegram.Config{Token: fake.Token(), Endpoint: fake.Endpoint(),
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return result{}, err
	}
	defer client.Close()

	chats, msgs := broadcastMessages(private, groups)
	if _, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "load-broadcast", Slot: time.Now().Format(time.RFC3339Nano), At: time.Now()}, msgs); err != nil {
		return result{}, err
	}
	fmt.Fprintf(w, "broadcast: %d messages (%d private chats, %d groups), %d workers\n", len(chats), private, groups, workers)

	sender := outbox.New(db, client, telegram.NewThrottle(), outbox.Options{Workers: workers, Permanent: telegram.Permanent,
		Log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	start := time.Now()
	if err := sender.Drain(ctx); err != nil {
		return result{}, err
	}
	res, _ := tally(fake, chats, time.Since(start))
	report(w, res)
	return res, nil
}

// tally counts what the fake received for a broadcast to chats that took
// elapsed: the chats that got exactly their one message, and as "chat×n"
// those that got it more than once.
func tally(fake *fakeapi.Fake, chats []int64, elapsed time.Duration) (res result, dups []string) {
	res = result{Messages: len(chats), Elapsed: elapsed, TooMany: fake.TooMany(),
		Ideal: time.Duration(float64(len(chats)) / overallRate * float64(time.Second))}
	for _, c := range chats {
		switch n := len(fake.Messages(c)); {
		case n == 1:
			res.Delivered++
		case n > 1:
			dups = append(dups, fmt.Sprintf("%d×%d", c, n))
		}
	}
	return res, dups
}

// broadcastMessages is one message to each private chat and group.
func broadcastMessages(private, groups int) ([]int64, []*kinerja.OutboxMessage) {
	var chats []int64
	for i := range private {
		chats = append(chats, int64(100000+i))
	}
	for i := range groups {
		chats = append(chats, -int64(1000000+i))
	}
	msgs := make([]*kinerja.OutboxMessage, len(chats))
	for i, c := range chats {
		msgs[i] = &kinerja.OutboxMessage{ChatID: c, Text: fmt.Sprintf("<b>Pengumuman</b> %d: ringkasan bulanan IKM sudah terbit.", i+1)}
	}
	return chats, msgs
}

// report prints the figures of a broadcast.
func report(w io.Writer, res result) {
	fmt.Fprintf(w, "total time:        %.2f s\n", res.Elapsed.Seconds())
	fmt.Fprintf(w, "ideal (N/30):      %.2f s\n", res.Ideal.Seconds())
	fmt.Fprintf(w, "ratio:             %.3f (target ≤ %.2f)\n", res.Ratio(), targetRatio)
	fmt.Fprintf(w, "429 answers:       %d (target 0)\n", res.TooMany)
	fmt.Fprintf(w, "delivered once:    %d of %d chats\n", res.Delivered, res.Messages)
	verdict := "MET"
	if !res.ok() {
		verdict = "MISSED"
	}
	fmt.Fprintf(w, "target:            %s\n", verdict)
}
