package main

import (
	"context"
	"database/sql"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

const e2eSecret = "e2e-secret-0123456789abcdef"

// freeAddr returns a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startWebhookBot runs Main("run --webhook") against fake on db, serving
// the webhook (and the site) on addr.
func startWebhookBot(t *testing.T, fake *fakeapi.Fake, db, addr string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, fake: fake, dbPath: db, logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": db, "KINERJA_LOG_LEVEL": "debug", "KINERJA_HTTP_ADDR": addr,
		"KINERJA_WEBHOOK_SECRET": e2eSecret, "KINERJA_WEBHOOK_MAX_CONNECTIONS": "8",
		"KINERJA_REPLICA": "replica-" + addr, // replicas on one database need their own names
	})
	args := []string{"run", "--webhook", "http://" + addr + "/telegram"}
	go func() { r.done <- Main(ctx, args, strings.NewReader(""), r.logs, r.logs, getenv) }()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(r.logs.String(), "kinerjabot is running") {
		select {
		case code := <-r.done:
			t.Fatalf("bot exited %d; logs:\n%s", code, r.logs)
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("bot never started; logs:\n%s", r.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// replies counts the bot's messages in the chat.
func replies(fake *fakeapi.Fake, chat int64) int { return len(fake.Messages(chat)) }

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestEndToEndWebhookModeAnswersOnceAndSurvivesARestart(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	addr := freeAddr(t)
	r := startWebhookBot(t, fake, path, addr)
	if !strings.Contains(r.logs.String(), "updates=webhook") || fake.WebhookURL() != "http://"+addr+"/telegram" {
		t.Fatalf("not in webhook mode: url %q", fake.WebhookURL())
	}
	set := fake.CallsTo("setWebhook")[0].Params
	if set["secret_token"] != e2eSecret || set["max_connections"] != "8" {
		t.Errorf("setWebhook %v", set)
	}

	stranger := fakeapi.User{ID: 5101, FirstName: "Warga"}
	if got := reply(t, fake, stranger, "/start"); !strings.Contains(got, "Selamat datang") {
		t.Fatalf("/start: %q", got)
	}
	for _, c := range fake.CallsTo("getUpdates") {
		if c.Status == http.StatusOK {
			t.Fatal("the bot polled in webhook mode")
		}
	}
	if code := get(t, "http://"+addr+"/readyz"); code != http.StatusOK {
		t.Errorf("/readyz %d", code)
	}
	// Without the secret: 401, and nothing handled.
	resp, err := http.Post("http://"+addr+"/telegram", "application/json",
		strings.NewReader(`{"update_id":999999,"message":{"message_id":1,"date":0,"chat":{"id":5101,"type":"private"},"from":{"id":5101,"is_bot":false,"first_name":"X"},"text":"/help"}}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized || replies(fake, stranger.ID) != 1 {
		t.Fatalf("wrong secret: %d, %d replies", resp.StatusCode, replies(fake, stranger.ID))
	}

	// An update Telegram delivers again after its answer was lost: one effect.
	id := fake.SendText(stranger, "/help")
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return replies(f, stranger.ID) == 2 && len(f.Pending()) == 0 }) {
		t.Fatal("no answer to /help")
	}
	fake.Redeliver(id)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		t.Fatal("the redelivered update was never confirmed")
	}

	// The bot goes down (the webhook stays set); an update sent meanwhile
	// fails to be delivered, is retried, and is handled once it is back.
	if code, took := r.stop(); code != exitOK || took > 10*time.Second {
		t.Fatalf("stop: exit %d after %s", code, took)
	}
	fake.SendText(stranger, "/start")
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return f.WebhookStats().Failures > 0 }) {
		t.Fatal("the fake did not try to deliver while the bot was down")
	}
	startWebhookBot(t, fake, path, addr)
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return replies(f, stranger.ID) == 3 && len(f.Pending()) == 0 }) {
		t.Fatalf("update sent while down: %d replies, pending %v", replies(fake, stranger.ID), fake.Pending())
	}
	time.Sleep(200 * time.Millisecond) // room for a duplicate reply to show
	if n := replies(fake, stranger.ID); n != 3 {
		t.Fatalf("%d replies to 3 updates (one redelivered)", n)
	}
}

func TestEndToEndPollingAgainAfterWebhookMode(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	r := startWebhookBot(t, fake, path, freeAddr(t))
	r.stop()
	if fake.WebhookURL() == "" {
		t.Fatal("stopping one replica removed the webhook of all")
	}
	startBot(t, fake, path)
	stranger := fakeapi.User{ID: 5102, FirstName: "Warga"}
	if got := reply(t, fake, stranger, "/start"); !strings.Contains(got, "Selamat datang") {
		t.Fatalf("/start after switching back to polling: %q", got)
	}
	if fake.WebhookURL() != "" {
		t.Fatal("polling left the webhook set")
	}
}

func TestRunRefusesAWebhookWithoutASecret(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	var out, errOut syncBuffer
	code := Main(t.Context(), []string{"run", "--webhook", "https://bot.example.go.id/telegram"}, nil, &out, &errOut,
		env(map[string]string{"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
			"KINERJA_DB": t.TempDir() + "/k.db"}))
	if code != exitUsage || !strings.Contains(errOut.String(), "KINERJA_WEBHOOK_SECRET") || !strings.Contains(errOut.String(), "openssl rand") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if len(fake.CallsTo("setWebhook")) != 0 {
		t.Fatal("setWebhook called without a secret")
	}
}

// roundRobin is a reverse proxy spreading requests over backends in turn,
// as the proxy in front of replicas does.
func roundRobin(t *testing.T, backends ...string) *httptest.Server {
	t.Helper()
	var n atomic.Uint64
	proxy := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		u, _ := url.Parse("http://" + backends[n.Add(1)%uint64(len(backends))])
		pr.SetURL(u)
	}}
	srv := httptest.NewServer(proxy)
	t.Cleanup(srv.Close)
	return srv
}

func TestEndToEndTwoReplicasOnPostgreSQLAnswerEachUpdateOnce(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	db := storagetest.MustOpenPath(t, dsn)
	if err := seedDemo(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	a, b := freeAddr(t), freeAddr(t)
	startWebhookBot(t, fake, dsn, a)
	startWebhookBot(t, fake, dsn, b)
	proxy := roundRobin(t, a, b)
	// Both replicas registered their own address; the proxy's goes last,
	// as an operator's public URL would.
	client, err := telegram.New(t.Context(), telegram.Config{Token: fake.Token(), Endpoint: fake.Endpoint()})
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	if err := client.SetWebhook(t.Context(), telegram.WebhookConfig{URL: proxy.URL + "/telegram", Secret: e2eSecret, MaxConnections: 16}); err != nil {
		t.Fatal(err)
	}
	const citizens, each = 12, 3
	for i := range each {
		for c := range citizens {
			u := fakeapi.User{ID: int64(6000 + c), FirstName: "Warga"}
			if i == 0 {
				fake.SendText(u, "/start")
			} else {
				fake.SendText(u, "/help")
			}
		}
	}
	if !fake.WaitFor(30*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		t.Fatalf("pending %v", fake.Pending())
	}
	// The replies are paced under the flood limits (one a second per chat
	// after a burst of two): the third of each citizen follows a second
	// after the first two. A duplicate would follow them closely.
	fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		for c := range citizens {
			if len(f.Messages(int64(6000+c))) < each {
				return false
			}
		}
		return true
	})
	time.Sleep(300 * time.Millisecond)
	// Each update is answered once. Their order is not asserted: the
	// burst (36 messages) is over the overall budget, so replies wait for
	// their slots, and two replies to one chat from different replicas,
	// slotted 33 ms apart, can swap when the later one's process wakes
	// first (README, "Running several replicas").
	for c := range citizens {
		msgs := fake.Messages(int64(6000 + c))
		welcome := 0
		for _, m := range msgs {
			if strings.Contains(m.Text, "Selamat datang") {
				welcome++
			}
		}
		if len(msgs) != each || welcome != 1 {
			t.Fatalf("citizen %d: %d replies (%d welcomes), want %d, one welcome", c, len(msgs), welcome, each)
		}
	}
	sqldb, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	var handled int
	if err := sqldb.QueryRow(`SELECT COUNT(*) FROM processed_updates`).Scan(&handled); err != nil {
		t.Fatal(err)
	}
	if handled != citizens*each {
		t.Fatalf("%d updates recorded, want %d", handled, citizens*each)
	}
	// /readyz names the replica leading the schedule, once River elected one.
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get("http://" + a + "/readyz")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(string(body), "ready\nleader: ") {
			t.Fatalf("/readyz %d %q", res.StatusCode, body)
		}
		if !strings.Contains(string(body), "none yet") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no leader after 20 s: %q", body)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func TestEndToEndAnUpdateThatCannotBeCommittedIsRetriedAndAppliedOnce(t *testing.T) {
	dsn, _ := storagetest.FreshPostgres(t)
	db := storagetest.MustOpenPath(t, dsn)
	if err := seedDemo(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	sqldb, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer sqldb.Close()
	// The database refuses every "handled" record, as a database in
	// trouble would: nothing of an update can commit.
	for _, q := range []string{
		`CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$`,
		`CREATE TRIGGER refuse BEFORE INSERT ON processed_updates FOR EACH ROW EXECUTE FUNCTION refuse()`,
	} {
		if _, err := sqldb.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	startWebhookBot(t, fake, dsn, freeAddr(t))
	stranger := fakeapi.User{ID: 5301, FirstName: "Warga"}
	fake.SendText(stranger, "/start")
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return f.WebhookStats().Failures >= 2 }) {
		t.Fatalf("no failed deliveries: %+v", fake.WebhookStats())
	}
	if len(fake.Pending()) != 1 {
		t.Fatalf("pending %v: an update that was not committed was confirmed", fake.Pending())
	}
	if _, err := sqldb.Exec(`DROP TRIGGER refuse ON processed_updates`); err != nil {
		t.Fatal(err)
	}
	welcomed := func(f *fakeapi.Fake) int {
		n := 0
		for _, m := range f.Messages(stranger.ID) {
			if strings.Contains(m.Text, "Selamat datang") {
				n++
			}
		}
		return n
	}
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return welcomed(f) == 1 && len(f.Pending()) == 0 }) {
		t.Fatalf("after the database recovered: %d welcomes, pending %v", welcomed(fake), fake.Pending())
	}
	time.Sleep(300 * time.Millisecond)
	if n := welcomed(fake); n != 1 {
		t.Fatalf("welcomed %d times", n)
	}
}
