package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// running is the real Main serving a fake Bot API.
type running struct {
	t      *testing.T
	fake   *fakeapi.Fake
	dbPath string
	logs   *syncBuffer
	cancel context.CancelFunc
	done   chan int
}

// startBot runs Main("run") against fake with a database at dbPath.
func startBot(t *testing.T, fake *fakeapi.Fake, dbPath string) *running {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	r := &running{t: t, fake: fake, dbPath: dbPath, logs: &syncBuffer{}, cancel: cancel, done: make(chan int, 1)}
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": dbPath, "KINERJA_LOG_LEVEL": "debug",
	})
	go func() { r.done <- Main(ctx, []string{"run"}, strings.NewReader(""), r.logs, r.logs, getenv) }()
	// Updates sent before the first poll simply wait in the queue.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(r.logs.String(), "kinerjabot is running") {
		if time.Now().After(deadline) {
			t.Fatalf("bot never started; logs:\n%s", r.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Cleanup(func() { r.stop() })
	return r
}

// stop cancels Main (as SIGTERM would) and returns its exit status and how
// long it took.
func (r *running) stop() (int, time.Duration) {
	start := time.Now()
	r.cancel()
	select {
	case code := <-r.done:
		r.done <- code
		return code, time.Since(start)
	case <-time.After(10 * time.Second):
		r.t.Fatalf("Main did not return 10 s after the signal")
		return 0, 0
	}
}

// reply sends text as user and waits for the bot's next message in the chat.
func reply(t *testing.T, fake *fakeapi.Fake, from fakeapi.User, text string) string {
	t.Helper()
	before := len(fake.Messages(from.ID))
	fake.SendText(from, text)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.Messages(from.ID)) > before }) {
		t.Fatalf("no reply to %q", text)
	}
	msgs := fake.Messages(from.ID)
	return msgs[len(msgs)-1].Text
}

// seedFile writes the demo roster into a new SQLite file.
func seedFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "k.db")
	db := storagetest.MustOpenPath(t, path)
	if err := seedDemo(context.Background(), db, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

func TestEndToEndUnknownUserInviteAndRefusedMenus(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	fake.Refuse("setMyCommands") // the bot must work without menus
	path := seedFile(t)
	r := startBot(t, fake, path)

	stranger := fakeapi.User{ID: 5001, FirstName: "Warga"}
	if got := reply(t, fake, stranger, "/start"); !strings.Contains(got, "Selamat datang") {
		t.Fatalf("/start: %q", got)
	}
	if got := reply(t, fake, stranger, "/help"); !strings.Contains(got, "Perintah yang dapat Anda gunakan") {
		t.Fatalf("/help: %q", got)
	}

	// An invite printed by the invite command links the account.
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"invite", "198502022010011002"}, nil, &out, &errOut,
		env(map[string]string{"KINERJA_DB": path}))
	if code != 0 {
		t.Fatalf("invite exit %d: %s", code, errOut.String())
	}
	fields := strings.Split(strings.TrimSpace(out.String()), "\t")
	if len(fields) != 4 || !strings.HasPrefix(fields[3], "https://t.me/KinerjaSolokBot?start=") {
		t.Fatalf("invite output %q", out.String())
	}
	budi := fakeapi.User{ID: 5002, FirstName: "Budi"}
	if got := reply(t, fake, budi, "/start "+fields[2]); !strings.Contains(got, "Budi Santoso") {
		t.Fatalf("linking: %q", got)
	}
	if got := reply(t, fake, stranger, "/start "+fields[2]); !strings.Contains(got, "sudah pernah dipakai") {
		t.Fatalf("reused code: %q", got)
	}
	if got := reply(t, fake, stranger, "/start i_madeUpCode12345"); !strings.Contains(got, "tidak valid") {
		t.Fatalf("made-up code: %q", got)
	}
	status, took := r.stop()
	if status != 0 || took > 5*time.Second {
		t.Fatalf("shutdown: status %d after %v", status, took)
	}
	if strings.Contains(r.logs.String(), fake.Token()) || strings.Contains(r.logs.String(), strings.Split(fake.Token(), ":")[1]) {
		t.Fatalf("token in logs:\n%s", r.logs)
	}
}

// A crash after the work committed but before Telegram was told: the update
// comes back on the next start and has no second effect. The poller asks
// for the next batch as soon as one is committed (its replies go out on the
// side), and that request is what tells Telegram; here it hangs, so the
// process is stopped before it confirms the update.
func TestEndToEndKillMidUpdateRedeliversWithOneEffect(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	r := startBot(t, fake, path)

	var out bytes.Buffer
	if Main(context.Background(), []string{"invite", "199003032015032003"}, nil, &out, &out, env(map[string]string{"KINERJA_DB": path})) != 0 {
		t.Fatal(out.String())
	}
	code := strings.Split(strings.TrimSpace(out.String()), "\t")[2]
	sari := fakeapi.User{ID: 6001, FirstName: "Sari"}
	var once sync.Once
	fake.OnCall(func(c fakeapi.Call) {
		// The getUpdates that hands out Sari's update (the only one): the
		// next one, which would confirm it, hangs.
		if c.Method == "getUpdates" && len(fake.Pending()) > 0 {
			once.Do(func() { fake.Hang("getUpdates", time.Minute) })
		}
	})
	id := fake.SendText(sari, "/start "+code)
	// Wait until the link is committed.
	watch := storagetest.MustOpenPath(t, path)
	deadline := time.Now().Add(10 * time.Second)
	for {
		if _, err := watch.StaffByTelegram(context.Background(), sari.ID); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("link never committed; logs:\n%s", r.logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if status, took := r.stop(); status != 0 || took > 5*time.Second {
		t.Fatalf("shutdown with a hanging poll: status %d after %v", status, took)
	}
	pending := fake.Pending()
	if len(pending) != 1 || pending[0] != id {
		t.Fatalf("update not left for redelivery: pending %v", pending)
	}
	fake.Hang("getUpdates", 0)

	r2 := startBot(t, fake, path)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		t.Fatalf("redelivered update not confirmed; logs:\n%s", r2.logs)
	}
	r2.stop()
	db := storagetest.MustOpenPath(t, path)
	st, err := db.StaffByTelegram(context.Background(), sari.ID)
	if err != nil || st.NIP != "199003032015032003" {
		t.Fatalf("link after redelivery: %v %v", st, err)
	}
	inv := 0
	for _, c := range fake.CallsTo("sendMessage") {
		if c.ChatID == sari.ID && c.Status == 200 {
			inv++
		}
	}
	if inv > 1 {
		t.Fatalf("the redelivered update was answered again (%d replies)", inv)
	}
	if _, err := db.Staff(context.Background(), "199003032015032003"); err != nil {
		t.Fatal(err)
	}
	_ = kinerja.LangID
}

func TestRunWithoutTokenExplains(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"run"}, nil, &out, &errOut, env(map[string]string{"KINERJA_DB": filepath.Join(t.TempDir(), "x.db")}))
	if code != exitUsage || !strings.Contains(errOut.String(), "KINERJA_TELEGRAM_TOKEN") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

func TestBadConfigExitsTwo(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"invite", "--help"}, nil, &out, &errOut, env(map[string]string{"KINERJA_TIMEZONE": "Mars/Olympus"}))
	if code != exitUsage || !strings.Contains(errOut.String(), "KINERJA_TIMEZONE") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

func TestDemoRunsAndExitsZero(t *testing.T) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"demo"}, nil, &out, &errOut, env(nil))
	if code != 0 {
		t.Fatalf("demo exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	for _, want := range []string{"Akun terhubung", "sudah pernah dipakai", "Commands you can use", "Demo selesai",
		"Panduan (1/4)", "Panduan selesai", "Panduan dilewati", "Cara menilai layanan",
		"dikembalikan oleh dr. Rina Marlina", "Ringkasan mingguan", "hasil dipertahankan", "Ringkasan bulanan",
		"PKM-TGR,Puskesmas Tanah Garam,"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("demo transcript lacks %q", want)
		}
	}
	// The scenes come in the order of a month.
	last := -1
	for _, s := range demoScenes {
		i := strings.Index(out.String(), s.title)
		if i <= last {
			t.Errorf("scene %q is missing or out of order", s.title)
		}
		last = i
	}
	// The BerAKHLAK card edited seven times is shortened: the first value
	// rated shows on its card, in the evaluation's notice and in /skor.
	if n := strings.Count(out.String(), "• Berorientasi Pelayanan: Di Atas Ekspektasi"); n > 3 {
		t.Errorf("the first value is repeated %d times", n)
	}
	if n := strings.Count(out.String(), "baris seperti sebelumnya"); n < 7 {
		t.Errorf("repeated cards shortened %d times", n)
	}
}

// TestDemoInEnglishWritesItsFiles: the script finds its buttons in English
// too, and --out leaves the transcript, the chart, the QR card and the
// export in the folder.
func TestDemoInEnglishWritesItsFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "showcase") // created by the demo
	var out, errOut bytes.Buffer
	code := Main(context.Background(), []string{"demo", "--out", dir}, nil, &out, &errOut, env(map[string]string{"KINERJA_LANG": "en"}))
	if code != 0 {
		t.Fatalf("demo exit %d: %s\n%s", code, errOut.String(), out.String())
	}
	for _, want := range []string{"Guided tour (1/4)", "presses [ ▶️ Continue: Budi Santoso ]", "Work result: Above expectations (proposal: Meets expectations", "Demo finished"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	png := func(pattern string) {
		t.Helper()
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		if len(files) != 1 {
			t.Fatalf("%s in %s: %v", pattern, dir, files)
		}
		data, err := os.ReadFile(files[0])
		if err != nil || len(data) < 1000 || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
			t.Fatalf("%s is not a PNG (%d bytes, %v)", files[0], len(data), err)
		}
	}
	png("ikm-*.png")
	png("qr-PKM-TGR.png")
	transcript, err := os.ReadFile(filepath.Join(dir, "transcript.txt"))
	if err != nil || !bytes.Contains(out.Bytes(), transcript) || !bytes.Contains(transcript, []byte("Demo finished")) {
		t.Fatalf("transcript.txt is not the printed transcript (%d bytes, %v)", len(transcript), err)
	}
	books, _ := filepath.Glob(filepath.Join(dir, "ekspor-*.xlsx"))
	if len(books) != 1 {
		t.Fatalf("workbooks: %v", books)
	}
	f, err := os.Open(books[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tbl, err := sheet.ReadFrom(f, ".xlsx") // the first sheet: the reports
	if err != nil || len(tbl.Header) == 0 || tbl.Header[0] != "report_id" {
		t.Fatalf("workbook's first sheet: %+v, %v", tbl, err)
	}
}
