package main

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
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
