package bot

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// recorder is an in-memory Messenger that records what the bot sent.
type recorder struct {
	mu       sync.Mutex
	sent     []OutMessage
	answers  map[string]string
	menus    []MenuScope
	nextID   int
	failChat map[int64]error
}

func (m *recorder) Send(_ context.Context, o OutMessage) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.failChat[o.ChatID]; err != nil {
		return 0, err
	}
	m.nextID++
	m.sent = append(m.sent, o)
	if o.EditID != 0 {
		return o.EditID, nil
	}
	return m.nextID, nil
}

func (m *recorder) AnswerCallback(_ context.Context, id, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.answers == nil {
		m.answers = map[string]string{}
	}
	m.answers[id] = text
	return nil
}

func (m *recorder) Download(context.Context, string, int64) ([]byte, error) {
	return []byte("file"), nil
}

func (m *recorder) SetCommands(_ context.Context, s MenuScope, _ []Command) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.menus = append(m.menus, s)
	return nil
}

// take returns and forgets what was sent since the last call.
func (m *recorder) take() []OutMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.sent
	m.sent = nil
	return out
}

var wib = time.FixedZone("WIB", 7*3600)

// harness drives a Bot over a real SQLite file with a pinned clock.
type harness struct {
	t      *testing.T
	db     *storage.DB
	msg    *recorder
	bot    *Bot
	now    time.Time
	nextID int64
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, db: storagetest.MustOpenDB(t), msg: &recorder{}, now: time.Date(2026, 11, 10, 9, 0, 0, 0, wib)}
	h.bot = mustBot(New(Config{Location: wib, BotUsername: "KinerjaSolokBot"}, h.db, h.msg, func() time.Time { return h.now }, nil))
	t.Cleanup(func() { h.bot.Wait(context.Background()) }) // before the database closes
	return h
}

const (
	nipHead  = "197001012000031001"
	nipBudi  = "198502022010012002"
	nipSari  = "199003032015032003"
	nipAdmin = "198001012005011004"
)

// seed puts a small roster in the database.
func (h *harness) seed() {
	h.t.Helper()
	ctx := context.Background()
	for _, u := range []*kinerja.Unit{{Code: "PKM-TGR", Name: "Puskesmas Tanah Garam", HeadNIP: nipHead}, {Code: "BKPSDM", Name: "BKPSDM"}} {
		if _, err := h.db.PutUnit(ctx, u); err != nil {
			h.t.Fatal(err)
		}
	}
	for _, s := range []*kinerja.Staff{
		{NIP: nipHead, Name: "dr. Rina Marlina", Position: "Kepala Puskesmas", UnitCode: "PKM-TGR"},
		{NIP: nipBudi, Name: "Budi Santoso", Position: "Perawat", UnitCode: "PKM-TGR", SuperiorNIP: nipHead},
		{NIP: nipSari, Name: "Sari <Dewi>", Position: "Bidan", UnitCode: "PKM-TGR", SuperiorNIP: nipHead},
		{NIP: nipAdmin, Name: "Andi Admin", Position: "Analis SDM", UnitCode: "BKPSDM", Admin: true},
	} {
		if _, err := h.db.PutStaff(ctx, s, h.now.AddDate(0, -2, 0)); err != nil {
			h.t.Fatal(err)
		}
	}
}

// link links a Telegram id to a NIP directly.
func (h *harness) link(nip string, id int64) {
	h.t.Helper()
	if err := h.db.LinkTelegram(context.Background(), nip, id); err != nil {
		h.t.Fatal(err)
	}
}

// handle feeds one update and returns what the bot sent for it.
func (h *harness) handle(u Update) []OutMessage {
	h.t.Helper()
	if u.ID == 0 {
		h.nextID++
		u.ID = h.nextID
	}
	if err := h.bot.Handle(context.Background(), u); err != nil {
		h.t.Fatalf("Handle: %v", err)
	}
	h.bot.Wait(context.Background()) // work started after the commit, such as evidence hashing
	return h.msg.take()
}

// text sends a private text message from user id.
func (h *harness) text(from int64, text string) []OutMessage {
	return h.handle(Update{ChatID: from, ChatType: ChatPrivate, From: User{ID: from, FirstName: "U"}, Kind: KindText, Text: text})
}

// press presses a button with data on message msgID.
func (h *harness) press(from int64, msgID int, data string) []OutMessage {
	return h.handle(Update{ChatID: from, ChatType: ChatPrivate, From: User{ID: from}, Callback: &Callback{ID: "cb" + data, Data: data, MessageID: msgID}})
}

// mustSay fails unless one of the messages contains every fragment.
func mustSay(t *testing.T, msgs []OutMessage, fragments ...string) OutMessage {
	t.Helper()
	for _, m := range msgs {
		ok := true
		for _, f := range fragments {
			if !strings.Contains(m.Text, f) {
				ok = false
				break
			}
		}
		if ok {
			return m
		}
	}
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
	}
	t.Fatalf("no message contains %q; sent: %q", fragments, texts)
	return OutMessage{}
}

// mustBot fails on a registration mistake.
func mustBot(b *Bot, err error) *Bot {
	if err != nil {
		panic(err)
	}
	return b
}
