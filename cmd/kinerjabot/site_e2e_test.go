package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// startSite runs Main("run") against fake with the public site and the
// metrics on a free port (KINERJA_HTTP_ADDR 127.0.0.1:0), with the
// configuration file config when not "", and returns it with the site's
// base URL, read from the log line that names the bound address.
func startSite(t *testing.T, fake *fakeapi.Fake, dbPath, config string) (*running, string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, fake: fake, dbPath: dbPath, logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": dbPath, "KINERJA_LOG_LEVEL": "debug", "KINERJA_HTTP_ADDR": "127.0.0.1:0",
	})
	args := []string{"run"}
	if config != "" {
		args = []string{"--config", config, "run"}
	}
	go func() { r.done <- Main(ctx, args, strings.NewReader(""), r.logs, r.logs, getenv) }()
	if !waitLog(r, "kinerjabot is running") {
		t.Fatalf("bot never started; logs:\n%s", r.logs)
	}
	t.Cleanup(func() { r.stop() })
	m := regexp.MustCompile(`http server listening.*addr=(\S+)`).FindStringSubmatch(r.logs.String())
	if m == nil {
		t.Fatalf("the site did not start; logs:\n%s", r.logs)
	}
	return r, "http://" + m[1]
}

// httpGet returns the status, headers and body of url.
func httpGet(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, res.Header, string(b)
}

// waitMetrics scrapes base/metrics until it holds every line of want (a
// reply is counted just after the fake has it) and returns the last
// scrape; it fails with the lines missing after 10 s.
func waitMetrics(t *testing.T, base string, want ...string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, _, body := httpGet(t, base+"/metrics")
		var missing []string
		for _, w := range want {
			if !strings.Contains(body, w+"\n") {
				missing = append(missing, w)
			}
		}
		if len(missing) == 0 {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("/metrics lacks %q; it says:\n%s", missing, grepLines(body, "kinerjabot_"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// grepLines keeps the lines of s that start with prefix.
func grepLines(s, prefix string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// The real bot counts in /metrics the updates it handled through the fake
// Bot API, by kind, with their handling time, the replies it sent, and a
// 429 the fake answered (the reply still arrives, after retry_after).
func TestMetricsCountUpdatesRepliesAnd429sOfTheRunningBot(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	_, base := startSite(t, fake, seedFile(t), "")
	citizen := fakeapi.User{ID: 7101, FirstName: "Warga"}
	reply(t, fake, citizen, "/start")
	reply(t, fake, citizen, "/bantuan")
	fake.FailNext("sendMessage", 1, http.StatusTooManyRequests, 1)
	reply(t, fake, citizen, "halo")
	n429 := 0
	for _, c := range fake.Calls() {
		if c.Status == http.StatusTooManyRequests {
			n429++
		}
	}
	if n429 != 1 {
		t.Fatalf("the fake answered %d 429s, want 1", n429)
	}
	body := waitMetrics(t, base,
		"kinerjabot_updates_handled_total 3",
		`kinerjabot_updates_total{kind="command"} 2`,
		`kinerjabot_updates_total{kind="text"} 1`,
		"kinerjabot_update_handling_seconds_count 3",
		`kinerjabot_replies_total{outcome="sent"} 3`,
		`kinerjabot_replies_total{outcome="failed"} 0`,
		`kinerjabot_telegram_429_total{method="sendMessage"} 1`,
		`kinerjabot_db_errors_total{where="handler"} 0`,
		"kinerjabot_survey_responses 0",
	)
	if !strings.Contains(body, `kinerjabot_outbox_messages{status="pending"}`) {
		t.Errorf("/metrics lacks the outbox depth:\n%s", grepLines(body, "kinerjabot_"))
	}
	if code, _, ok := httpGet(t, base+"/healthz"); code != http.StatusOK || ok != "ok\n" {
		t.Errorf("/healthz %d %q", code, ok)
	}
}

// A flood of requests to the public site cannot slow the bot down: the
// site serves at most http.max_concurrent requests at once (the rest get
// 503 at once) and so takes at most that many database connections,
// while updates are handled with their own. Replies to updates sent
// during a flood of 32 clients (each page a month not in the cache: 13
// months of queries) come as fast as without it, within a bound.
func TestAFloodOfSiteRequestsDoesNotSlowUpdates(t *testing.T) {
	loc := mustZone(t)
	now := time.Now().In(loc)
	path := seedFile(t)
	seedMonth(t, path, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc))
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	_, base := startSite(t, fake, path, "")
	citizen := fakeapi.User{ID: 7301, FirstName: "Warga"}
	slowest := func(n int) time.Duration {
		var worst time.Duration
		for range n {
			start := time.Now()
			reply(t, fake, citizen, "/bantuan")
			worst = max(worst, time.Since(start))
		}
		return worst
	}
	quiet := slowest(5)

	ctx, stop := context.WithCancel(context.Background())
	var served, refused, next atomic.Int64
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second}
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				// A different month each time, 2000-01 onwards: never cached.
				i := next.Add(1)
				url := fmt.Sprintf("%s/?period=%04d-%02d", base, 2000+(i/12)%25, 1+i%12)
				res, err := client.Get(url)
				if err != nil {
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				switch res.StatusCode {
				case http.StatusOK:
					served.Add(1)
				case http.StatusServiceUnavailable:
					refused.Add(1)
				default:
					t.Errorf("%s: %d", url, res.StatusCode)
				}
			}
		}()
	}
	time.Sleep(300 * time.Millisecond) // the flood is under way
	flooded := slowest(5)
	stop()
	wg.Wait()
	t.Logf("slowest reply: %v quiet, %v during the flood (%d pages served, %d refused with 503)",
		quiet, flooded, served.Load(), refused.Load())
	if served.Load() == 0 {
		t.Fatal("the flood got no page at all")
	}
	if flooded > 2*time.Second {
		t.Errorf("a reply took %v during the flood (%v without): the site slows the bot", flooded, quiet)
	}
}
