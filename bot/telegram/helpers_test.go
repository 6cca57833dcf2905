package telegram

import (
	"bytes"
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

var (
	ani  = fakeapi.User{ID: 1001, FirstName: "Ani", Username: "ani", LanguageCode: "id"}
	budi = fakeapi.User{ID: 1002, FirstName: "Budi"}
)

// logBuf collects log output from concurrent goroutines.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waits records the waits the client asks for and returns at once, so
// retry tests check the requested delays without spending them.
type waits struct {
	mu sync.Mutex
	ds []time.Duration
}

func (w *waits) sleep(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.ds = append(w.ds, d)
	w.mu.Unlock()
	return ctx.Err()
}

// total is the sum of the waits asked for.
func (w *waits) total() time.Duration {
	var sum time.Duration
	for _, d := range w.all() {
		sum += d
	}
	return sum
}

func (w *waits) all() []time.Duration {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]time.Duration(nil), w.ds...)
}

type env struct {
	f    *fakeapi.Fake
	c    *Client
	logs *logBuf
	w    *waits
}

// newEnv starts a fake and a client on it whose waits are recorded, not
// slept, and whose logs are captured.
func newEnv(t *testing.T) *env {
	t.Helper()
	f := fakeapi.New(fakeapi.Options{})
	t.Cleanup(f.Close)
	e := &env{f: f, logs: &logBuf{}, w: &waits{}}
	cfg := Config{
		Token:       f.Token(),
		Endpoint:    f.Endpoint(),
		Logger:      slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		PollTimeout: time.Second,
		// Give up after maxAttempts, whatever the time spent: the retry
		// budget in time has its own test (TestRetryOutlastsAnOutage).
		RetryFor: time.Nanosecond,
	}
	c, err := newClient(context.Background(), cfg, e.w.sleep)
	if err != nil {
		t.Fatalf("newClient: %v", err)
	}
	t.Cleanup(c.Close)
	e.c = c
	return e
}

// batches records what the poller hands to the handler.
type batches struct {
	mu      sync.Mutex
	got     [][]bot.Update
	failN   int           // fail this many calls first
	gate    chan struct{} // if set, the first call waits for it to close
	entered chan struct{}
}

func (b *batches) HandleBatch(ctx context.Context, ups []bot.Update) error {
	b.mu.Lock()
	first := len(b.got) == 0
	b.got = append(b.got, ups)
	fail := b.failN > 0
	if fail {
		b.failN--
	}
	b.mu.Unlock()
	if first && b.gate != nil {
		close(b.entered)
		<-b.gate
	}
	if fail {
		return context.DeadlineExceeded // any error: "not committed"
	}
	return nil
}

func (b *batches) all() [][]bot.Update {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]bot.Update(nil), b.got...)
}

// ids flattens the update ids of every batch, in delivery order.
func (b *batches) ids() []int64 {
	var out []int64
	for _, batch := range b.all() {
		for _, u := range batch {
			out = append(out, u.ID)
		}
	}
	return out
}

// poll runs Poll in the background and returns its stop function, which
// cancels it and waits for it to return.
func (e *env) poll(t *testing.T, h UpdateHandler) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.c.Poll(ctx, h) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Poll returned %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Error("Poll did not return after cancel")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// eventually waits for cond on the fake's changes, failing the test if it
// does not hold within a few seconds.
func (e *env) eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	if !e.f.WaitFor(5*time.Second, func(*fakeapi.Fake) bool { return cond() }) {
		t.Fatalf("timed out waiting for %s", what)
	}
}
