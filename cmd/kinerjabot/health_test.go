package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

func TestHealthFollowsTheRunningBotsHeartbeat(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	health := func() (int, string) {
		c, err := LoadConfig("", env(map[string]string{"KINERJA_DB": path}))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		a := &app{cfg: c, stdout: &out, stderr: &out, now: func() time.Time { return now }}
		return runHealth(t.Context(), a, nil), out.String()
	}
	if code, out := health(); code != exitFailed || !strings.Contains(out, "unhealthy: database") {
		t.Fatalf("no database: exit %d, %s", code, out)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the health check created the database it checks")
	}
	db := storagetest.MustOpenPath(t, path)
	if code, out := health(); code != exitFailed || !strings.Contains(out, "not recorded a heartbeat") {
		t.Fatalf("no heartbeat: exit %d, %s", code, out)
	}
	// The running bot's heartbeat job, as the scheduler runs it.
	b, err := bot.New(bot.Config{}, db, &bottest.Recorder{}, func() time.Time { return now }, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range coreJobs(b) {
		if j.Name == jobHeartbeat {
			if _, err := j.Run(t.Context(), now); err != nil {
				t.Fatal(err)
			}
		}
	}
	if code, out := health(); code != exitOK || !strings.Contains(out, "ok: last heartbeat") {
		t.Fatalf("after a heartbeat: exit %d, %s", code, out)
	}
	now = now.Add(5 * time.Minute)
	if code, out := health(); code != exitFailed || !strings.Contains(out, "5m0s ago") {
		t.Fatalf("a stale heartbeat: exit %d, %s", code, out)
	}
}
