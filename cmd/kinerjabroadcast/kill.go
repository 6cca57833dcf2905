package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/cluster"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// child is how the parent starts a replica process: this program again,
// with these flags.
type child struct {
	ID, Endpoint, Token string
}

// runChild is one replica process: a sender through the fake at endpoint
// while it leads, until ctx ends.
func runChild(ctx context.Context, dsn string, c child, workers int) error {
	logs := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	client, err := telegram.New(ctx, telegram.Config{Token: c.Token, Endpoint: c.Endpoint, Logger: logs})
	if err != nil {
		return err
	}
	defer client.Close()
	node, err := cluster.Start(ctx, cluster.Config{DB: db, ID: c.ID, Log: logs,
		Send: func(ctx context.Context, store *storage.ClaimQueue) {
			_ = outbox.New(store, client, telegram.NewThrottle(), outbox.Options{Workers: workers,
				Permanent: telegram.Permanent, Log: logs}).Run(ctx)
		}})
	if err != nil {
		return err
	}
	<-ctx.Done()
	stopNode(node)
	return nil
}

// broadcastKill runs the broadcast through replica processes and kills the
// sending one with SIGKILL halfway, then starts it again, as an operator's
// crash and restart would. It prints duplicates and losses per chat.
func broadcastKill(ctx context.Context, dsn string, replicas, private, groups, workers int, w io.Writer) (result, error) {
	self, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		return result{}, err
	}
	defer db.Close()
	if counts, err := db.OutboxCounts(ctx); err != nil || counts[kinerja.OutboxPending] > 0 {
		return result{}, fmt.Errorf("the outbox at %s must be empty (pending: %d, err: %v)", dsn, counts[kinerja.OutboxPending], err)
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(true)

	procs := map[string]*exec.Cmd{}
	spawn := func(id string) error {
		cmd := exec.Command(self, "-postgres", dsn, "-workers", strconv.Itoa(workers),
			"-child-id", id, "-child-endpoint", fake.Endpoint(), "-child-token", fake.Token())
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			return err
		}
		procs[id] = cmd
		return nil
	}
	defer func() {
		for _, p := range procs {
			_ = p.Process.Signal(os.Interrupt)
		}
		for _, p := range procs {
			_ = p.Wait()
		}
	}()
	for i := range replicas {
		if err := spawn("broadcast-" + strconv.Itoa(i+1)); err != nil {
			return result{}, err
		}
	}
	sender := func() string {
		live, _ := db.Replicas(ctx, time.Now().Add(-5*time.Second))
		for _, r := range live {
			if r.Role == "sender" && procs[r.ID] != nil {
				return r.ID
			}
		}
		return ""
	}
	if err := until(ctx, 30*time.Second, func() bool { return sender() != "" }); err != nil {
		return result{}, fmt.Errorf("no replica became the sender: %w", err)
	}

	chats, msgs := broadcastMessages(private, groups)
	fmt.Fprintf(w, "broadcast: %d messages (%d private chats, %d groups), %d replica processes on PostgreSQL, %d workers each; the sender is killed (SIGKILL) halfway and restarted\n",
		len(chats), private, groups, replicas, workers)
	start := time.Now()
	if _, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "load-broadcast", Slot: start.Format(time.RFC3339Nano), At: start}, msgs); err != nil {
		return result{}, err
	}
	delivered := func() int {
		n := 0
		for _, c := range chats {
			if len(fake.Messages(c)) > 0 {
				n++
			}
		}
		return n
	}
	killed := false
	ideal := time.Duration(float64(len(chats)) / overallRate * float64(time.Second))
	err = until(ctx, ideal+2*time.Minute, func() bool {
		got := delivered()
		if !killed && got >= len(chats)/2 {
			if id := sender(); id != "" {
				_ = procs[id].Process.Kill()
				_ = procs[id].Wait()
				delete(procs, id)
				fmt.Fprintf(w, "killed %s (the sender) after %d messages, %.1f s in; restarting it\n", id, got, time.Since(start).Seconds())
				killed = true
				if err := spawn(id + "-restarted"); err != nil {
					fmt.Fprintln(w, "restart failed:", err)
				}
			}
		}
		return got == len(chats)
	})
	elapsed := time.Since(start)
	if err != nil {
		return result{}, fmt.Errorf("after %s %d of %d chats got their message: %w", elapsed.Round(time.Second), delivered(), len(chats), err)
	}
	time.Sleep(3 * time.Second) // a duplicate would arrive by now
	res, dups := tally(fake, chats, elapsed)
	report(w, res)
	fmt.Fprintf(w, "duplicates:        %d chats %s\n", len(dups), strings.Join(dups, " "))
	return res, nil
}

// until polls cond every 20 ms until it holds, ctx ends or d passes.
func until(ctx context.Context, d time.Duration, cond func() bool) error {
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			return fmt.Errorf("gave up after %s", d)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return nil
}
