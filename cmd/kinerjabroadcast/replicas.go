package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/outbox"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/cluster"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// broadcastReplicas runs the broadcast through several replicas on one
// PostgreSQL database, each with its own connection, Bot API client and
// throttle, as separate processes would have. With handover, the replica
// that sends is stopped halfway and another one takes over. dsn must name
// a database (or a schema, with search_path) whose outbox is empty.
func broadcastReplicas(ctx context.Context, dsn string, replicas, private, groups, workers int, handover bool, w io.Writer) (result, error) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.EnforceLimits(true)
	logs := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	var nodes []*cluster.Node
	var first *storage.DB
	for i := range replicas {
		db, err := storage.Open(ctx, dsn)
		if err != nil {
			return result{}, err
		}
		defer db.Close()
		if first == nil {
			first = db
			counts, err := db.OutboxCounts(ctx)
			if err != nil {
				return result{}, err
			}
			if n := counts[kinerja.OutboxPending]; n > 0 {
				return result{}, fmt.Errorf("the outbox at %s has %d pending messages; give an empty database or schema", dsn, n)
			}
		}
		client, err := telegram.New(ctx, telegram.Config{Token: fake.Token(), Endpoint: fake.Endpoint(), Logger: logs})
		if err != nil {
			return result{}, err
		}
		defer client.Close()
		node, err := cluster.Start(ctx, cluster.Config{DB: db, ID: "broadcast-" + strconv.Itoa(i+1), Log: logs,
			Send: func(ctx context.Context, store *storage.ClaimQueue) {
				_ = outbox.New(store, client, telegram.NewThrottle(), outbox.Options{Workers: workers,
					Permanent: telegram.Permanent, Log: logs}).Run(ctx)
			}})
		if err != nil {
			return result{}, err
		}
		defer stopNode(node) // before its database closes
		nodes = append(nodes, node)
	}

	chats, msgs := broadcastMessages(private, groups)
	fmt.Fprintf(w, "broadcast: %d messages (%d private chats, %d groups), %d replicas on PostgreSQL, %d workers each\n",
		len(chats), private, groups, replicas, workers)
	start := time.Now()
	if _, err := first.EnqueueRun(ctx, &kinerja.JobRun{Job: "load-broadcast", Slot: start.Format(time.RFC3339Nano), At: start}, msgs); err != nil {
		return result{}, err
	}
	handedOver := !handover
	for {
		got := 0
		for _, c := range chats {
			if len(fake.Messages(c)) > 0 {
				got++
			}
		}
		if got == len(chats) {
			break
		}
		if !handedOver && got >= len(chats)/2 {
			for i, n := range nodes {
				if n.Sending() {
					fmt.Fprintf(w, "handover: stopping the sending replica %d after %d messages\n", i+1, got)
					stopNode(n)
					handedOver = true
				}
			}
		}
		select {
		case <-ctx.Done():
			return result{}, ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	elapsed := time.Since(start)
	time.Sleep(2 * time.Second) // a duplicate would arrive by now
	res, _ := tally(fake, chats, elapsed)
	report(w, res)
	return res, nil
}

// stopNode stops a replica gracefully (Stop is idempotent).
func stopNode(n *cluster.Node) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	n.Stop(ctx)
}
