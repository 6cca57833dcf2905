package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

func TestASecondBotOnOneSQLiteFileRefusesToStart(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	first := startBot(t, fake, path)
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": path, "KINERJA_LANG": "en",
	})
	pid := "pid " + strconv.Itoa(os.Getpid()) + " on "

	// The lock is an flock on its own open file: a second Main in this
	// process meets it exactly as a second process would.
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"run"}, nil, &out, &errOut, getenv)
	if code != exitFailed || !strings.Contains(errOut.String(), "Database "+path+" is in use by another running bot ("+pid) {
		t.Fatalf("second run: exit %d, stderr %q; want a refusal naming %s and this pid", code, errOut.String(), path)
	}

	// Commands that read or queue keep working beside the bot, and
	// "jobs list" says who runs it.
	out.Reset()
	errOut.Reset()
	if code := Main(context.Background(), []string{"jobs", "list"}, nil, &out, &errOut, getenv); code != exitOK ||
		!strings.Contains(out.String(), "Bot: running ("+pid) {
		t.Fatalf("jobs list beside the bot: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := Main(context.Background(), []string{"jobs", "run", "remind-approvals", "--dry-run"}, nil, &out, &errOut, getenv); code != exitOK {
		t.Fatalf("jobs run beside the bot: exit %d\n%s%s", code, out.String(), errOut.String())
	}

	// Once the first one stopped, the file is free again.
	if code, _ := first.stop(); code != exitOK {
		t.Fatalf("first bot exited %d", code)
	}
	out.Reset()
	if Main(context.Background(), []string{"jobs", "list"}, nil, &out, &errOut, getenv); !strings.Contains(out.String(), "Bot: not running") {
		t.Fatalf("jobs list after the stop:\n%s", out.String())
	}
	startBot(t, fake, path)
}

func TestRiverSchedulesReadCronInTheConfiguredZone(t *testing.T) {
	jakarta, _ := time.LoadLocation("Asia/Jakarta")
	sched, err := cron.ParseStandard("0 8 * * 1-5")
	if err != nil {
		t.Fatal(err)
	}
	// River asks in UTC: Friday 27 November 2026, 00:33 WIB.
	got := zoned{sched, jakarta}.Next(time.Date(2026, 11, 26, 17, 33, 0, 0, time.UTC))
	if want := time.Date(2026, 11, 27, 8, 0, 0, 0, jakarta); !got.Equal(want) {
		t.Fatalf("next = %s, want %s", got, want)
	}
}

func TestTwoBotsOnOnePostgresSendEachQueuedReminderOnce(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := seedDemo(ctx, db, time.Now()); err != nil {
		t.Fatal(err)
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	one := startBot(t, fake, dsn)
	two := startBot(t, fake, dsn) // polls into a 409 and backs off; its jobs and sender still run

	// Six reminders, two for each of three chats, as "jobs run" queues them.
	chats := []int64{7001, 7002, 7003}
	queue := func(slot string) {
		var msgs []*kinerja.OutboxMessage
		for i := range 6 {
			msgs = append(msgs, &kinerja.OutboxMessage{ChatID: chats[i%3], Text: fmt.Sprintf("pengingat %s %d", slot, i)})
		}
		if ok, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "remind-approvals", Slot: slot, At: time.Now()}, msgs); err != nil || !ok {
			t.Fatalf("EnqueueRun = %v, %v", ok, err)
		}
	}
	delivered := func() map[string]int {
		got := map[string]int{}
		for _, c := range chats {
			for _, m := range fake.Messages(c) {
				got[m.Text]++
			}
		}
		return got
	}
	exactly := func(want int) {
		t.Helper()
		if !fake.WaitFor(15*time.Second, func(*fakeapi.Fake) bool { return len(delivered()) >= want }) {
			t.Fatalf("delivered %d distinct messages, want %d", len(delivered()), want)
		}
		time.Sleep(1500 * time.Millisecond) // a duplicate would arrive by now
		for text, n := range delivered() {
			if n != 1 {
				t.Errorf("%q delivered %d times", text, n)
			}
		}
		if got := len(delivered()); got != want {
			t.Fatalf("delivered %d, want %d", got, want)
		}
	}
	queue("2026-11-10")
	exactly(6)

	// "jobs list" names both replicas, River's leader and the sender.
	var out, errOut bytes.Buffer
	getenv := env(map[string]string{"KINERJA_DB": dsn, "KINERJA_LANG": "en"})
	if code := Main(ctx, []string{"jobs", "list"}, nil, &out, &errOut, getenv); code != exitOK {
		t.Fatalf("jobs list: exit %d\n%s", code, errOut.String())
	}
	listed := out.String()
	if !strings.Contains(listed, "Replicas (seen in the last 30 s): ") || strings.Count(listed[strings.Index(listed, "Replicas"):], ", ") < 1 ||
		!strings.Contains(listed, "Outbox sender: "+hostPrefix()) || !strings.Contains(listed, "Leader (inserts the scheduled jobs): "+hostPrefix()) {
		t.Fatalf("jobs list does not show two replicas, the leader and the sender:\n%s", listed)
	}

	// The sender stops (SIGTERM); the other replica sends the next six.
	sender := one
	if !strings.Contains(one.logs.String(), "this replica now sends the outbox") {
		sender = two
	}
	if code, took := sender.stop(); code != exitOK || took > 10*time.Second {
		t.Fatalf("stopping the sender: exit %d after %s", code, took)
	}
	queue("2026-11-11")
	exactly(12)
}

// hostPrefix is how this process's replica ids begin.
func hostPrefix() string {
	host, _ := os.Hostname()
	return host + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// A replica started again releases the outbox claims of its own earlier
// runs only: not its current one, nor another replica's whose name starts
// like its own.
func TestEarlierRunOfAReplica(t *testing.T) {
	const self = "replica-1-4800-ef56"
	for id, want := range map[string]bool{
		"replica-1-4711-ab12":   true,
		self:                    false,
		"replica-2-4711-ab12":   false,
		"replica-10-4711-ab12":  false, // replica-1 is a prefix of its name
		"replica-1-2-4711-ab12": false, // a replica named replica-1-2
		"replica-1-x-ab12":      false,
		"replica-1-4711-zz12":   false,
		"":                      false,
	} {
		if got := earlierRun("replica-1", self, id); got != want {
			t.Errorf("earlierRun(%q) = %v, want %v", id, got, want)
		}
	}
}
