// Package bottest drives the chat core and its features in tests: an
// in-memory Messenger that records what the bot sent and checks what
// Telegram would refuse, and a Harness over a real SQLite file with a
// pinned clock and a small roster. Every feature's tests use it, so a
// dialogue is tested exactly as the core runs it.
package bottest

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// WIB is the zone of the tests (Asia/Jakarta without a zone database).
var WIB = time.FixedZone("WIB", 7*3600)

// The seeded roster: a unit head with two staff, an admin in BKPSDM, and a
// second unit's head with a subordinate of their own. Telegram ids are the
// ones Link uses in LinkAll.
const (
	NIPHead     = "197001012000031001"
	NIPBudi     = "198502022010012002"
	NIPSari     = "199003032015032003"
	NIPAdmin    = "198001012005011004"
	NIPOtherBos = "196901012000031009"
	NIPOtherSub = "199501012020012010"

	TGBudi     = 1001
	TGSari     = 1002
	TGHead     = 1003
	TGAdmin    = 1004
	TGOtherBos = 1005
)

// Recorder is an in-memory Messenger. It records what the bot sent, fails
// sends to chats in FailChat, serves Files by file id, and reports through
// T (when set) a message Telegram would refuse: callback data over 64 bytes
// or a text that is not valid Telegram HTML (tghtml). Length is not checked
// here: the transport splits a long text and moves a long caption to a
// message of its own (its tests check that).
type Recorder struct {
	T         testing.TB
	mu        sync.Mutex
	sent      []bot.OutMessage
	answers   map[string]string
	Menus     []bot.MenuScope
	nextID    int
	FailChat  map[int64]error
	Files     map[string][]byte
	Downloads int
}

// Send records m and returns its message id.
func (m *Recorder) Send(_ context.Context, o bot.OutMessage) (int, error) {
	if m.T != nil {
		for _, row := range o.Buttons {
			for _, b := range row {
				if len(b.Data) > 64 || (b.Data == "" && b.URL == "") {
					m.T.Errorf("button %q has callback data of %d bytes: %q", b.Text, len(b.Data), b.Data)
				}
			}
		}
		if err := tghtml.Validate(o.Text); err != nil {
			m.T.Errorf("message Telegram would refuse: %v: %.200q", err, o.Text)
		}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.FailChat[o.ChatID]; err != nil {
		return 0, err
	}
	m.nextID++
	m.sent = append(m.sent, o)
	if o.EditID != 0 {
		return o.EditID, nil
	}
	return m.nextID, nil
}

// AnswerCallback records the notice of a pressed button.
func (m *Recorder) AnswerCallback(_ context.Context, id, text string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.answers == nil {
		m.answers = map[string]string{}
	}
	m.answers[id] = text
	return nil
}

// Download serves Files by id; with no Files it returns "file" for any id.
func (m *Recorder) Download(_ context.Context, fileID string, limit int64) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Downloads++
	if m.Files == nil {
		return []byte("file"), nil
	}
	data, ok := m.Files[fileID]
	if !ok {
		return nil, errors.New("no such file")
	}
	if int64(len(data)) > limit {
		return nil, errors.New("too big")
	}
	return data, nil
}

// SetCommands records the scope of a menu.
func (m *Recorder) SetCommands(_ context.Context, s bot.MenuScope, _ []bot.Command) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Menus = append(m.Menus, s)
	return nil
}

// Take returns and forgets what was sent since the last call.
func (m *Recorder) Take() []bot.OutMessage {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.sent
	m.sent = nil
	return out
}

// Answer returns the notice given to the press with callback id.
func (m *Recorder) Answer(id string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.answers[id]
}

// Harness drives a Bot with features over a real SQLite file with a
// pinned clock.
type Harness struct {
	T        testing.TB
	DB       *storage.DB
	Path     string // the SQLite file, for tests that tamper with it
	Msg      *Recorder
	Bot      *bot.Bot
	Now      time.Time
	Cfg      bot.Config
	Features []bot.Feature
	nextID   int64
}

// New opens a fresh database and a bot with cfg (zone WIB and a username
// filled in when empty) and the features, at 09:00 WIB on 10 November 2026.
func New(tb testing.TB, cfg bot.Config, features ...bot.Feature) *Harness {
	tb.Helper()
	if cfg.Location == nil {
		cfg.Location = WIB
	}
	if cfg.BotUsername == "" {
		cfg.BotUsername = "KinerjaSolokBot"
	}
	h := &Harness{T: tb, Msg: &Recorder{T: tb}, Now: time.Date(2026, 11, 10, 9, 0, 0, 0, WIB), Cfg: cfg, Features: features}
	h.Path = filepath.Join(tb.TempDir(), "kinerja.db")
	h.DB = storagetest.MustOpenPath(tb, h.Path)
	h.Restart()
	return h
}

// Clock returns the harness's clock, which reads h.Now.
func (h *Harness) Clock() kinerja.Clock { return func() time.Time { return h.Now } }

// Restart builds the bot anew over the same database, as a restarted
// process would.
func (h *Harness) Restart() {
	h.T.Helper()
	if h.Bot != nil {
		h.Bot.Wait(context.Background())
	}
	b, err := bot.New(h.Cfg, h.DB, h.Msg, h.Clock(), nil, h.Features...)
	if err != nil {
		h.T.Fatal(err)
	}
	h.Bot = b
	h.T.Cleanup(func() { b.Wait(context.Background()) }) // before the database closes
}

// Seed puts the roster in the database: PKM-TGR (head Rina; Budi and
// Sari <Dewi>), BKPSDM (admin Andi) and PKM-KTK (head Yusuf; Wati).
func (h *Harness) Seed() {
	h.T.Helper()
	ctx := context.Background()
	for _, u := range []*kinerja.Unit{
		{Code: "PKM-TGR", Name: "Puskesmas Tanah Garam", HeadNIP: NIPHead},
		{Code: "BKPSDM", Name: "BKPSDM"},
		{Code: "PKM-KTK", Name: "Puskesmas KTK", HeadNIP: NIPOtherBos},
	} {
		if _, err := h.DB.PutUnit(ctx, u); err != nil {
			h.T.Fatal(err)
		}
	}
	for _, s := range []*kinerja.Staff{
		{NIP: NIPHead, Name: "dr. Rina Marlina", Position: "Kepala Puskesmas", UnitCode: "PKM-TGR"},
		{NIP: NIPBudi, Name: "Budi Santoso", Position: "Perawat", UnitCode: "PKM-TGR", SuperiorNIP: NIPHead},
		{NIP: NIPSari, Name: "Sari <Dewi>", Position: "Bidan", UnitCode: "PKM-TGR", SuperiorNIP: NIPHead},
		{NIP: NIPAdmin, Name: "Andi Admin", Position: "Analis SDM", UnitCode: "BKPSDM", Admin: true},
		{NIP: NIPOtherBos, Name: "Ns. Yusuf", Position: "Kepala Puskesmas", UnitCode: "PKM-KTK"},
		{NIP: NIPOtherSub, Name: "Wati", Position: "Perawat", UnitCode: "PKM-KTK", SuperiorNIP: NIPOtherBos},
	} {
		if _, err := h.DB.PutStaff(ctx, s, h.Now.AddDate(0, -2, 0)); err != nil {
			h.T.Fatal(err)
		}
	}
}

// Link links a Telegram id to a NIP directly.
func (h *Harness) Link(nip string, id int64) {
	h.T.Helper()
	if err := h.DB.LinkTelegram(context.Background(), nip, id); err != nil {
		h.T.Fatal(err)
	}
}

// LinkAll links the seeded people who have a TG constant.
func (h *Harness) LinkAll() {
	h.T.Helper()
	for nip, id := range map[string]int64{NIPBudi: TGBudi, NIPSari: TGSari, NIPHead: TGHead, NIPAdmin: TGAdmin, NIPOtherBos: TGOtherBos} {
		h.Link(nip, id)
	}
}

// Handle feeds one update and returns what the bot sent for it, after the
// work it started in the background (evidence hashing) has finished.
func (h *Harness) Handle(u bot.Update) []bot.OutMessage {
	h.T.Helper()
	if u.ID == 0 {
		h.nextID++
		u.ID = h.nextID
	}
	if err := h.Bot.Handle(context.Background(), u); err != nil {
		h.T.Fatalf("Handle: %v", err)
	}
	h.Bot.Wait(context.Background())
	return h.Msg.Take()
}

// Text sends a private text message from user id.
func (h *Harness) Text(from int64, text string) []bot.OutMessage {
	return h.Handle(bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from, FirstName: "U"}, Kind: bot.KindText, Text: text})
}

// Press presses a button with data on message msgID.
func (h *Harness) Press(from int64, msgID int, data string) []bot.OutMessage {
	return h.Handle(bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from},
		Callback: &bot.Callback{ID: "cb" + data, Data: data, MessageID: msgID}})
}

// Photo is a private photo message carrying file id.
func Photo(from int64, fileID string) bot.Update {
	return bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from}, Kind: bot.KindPhoto,
		File: &bot.File{FileID: fileID, FileUniqueID: "u-" + fileID, Size: 1000}}
}

// Document is a private document message carrying file id and name.
func Document(from int64, fileID, name string) bot.Update {
	return bot.Update{ChatID: from, ChatType: bot.ChatPrivate, From: bot.User{ID: from}, Kind: bot.KindDocument,
		File: &bot.File{FileID: fileID, FileUniqueID: "u-" + fileID, FileName: name, MIMEType: "application/pdf", Size: 2000}}
}

// MustSay fails unless one of the messages contains every fragment, and
// returns the first that does.
func MustSay(tb testing.TB, msgs []bot.OutMessage, fragments ...string) bot.OutMessage {
	tb.Helper()
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
	tb.Fatalf("no message contains %q; sent: %q", fragments, Texts(msgs))
	return bot.OutMessage{}
}

// Texts returns the texts of the messages.
func Texts(msgs []bot.OutMessage) []string {
	var out []string
	for _, m := range msgs {
		out = append(out, m.Text)
	}
	return out
}

// To returns the messages sent to chat.
func To(chat int64, msgs []bot.OutMessage) []bot.OutMessage {
	var out []bot.OutMessage
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// ButtonData returns the data of the first button whose data starts with
// prefix, failing when there is none.
func ButtonData(tb testing.TB, msgs []bot.OutMessage, prefix string) string {
	tb.Helper()
	if d, ok := FindButton(msgs, prefix); ok {
		return d
	}
	tb.Fatalf("no button with data %q…; sent: %q", prefix, Texts(msgs))
	return ""
}

// FindButton returns the data of the first button whose data starts with
// prefix.
func FindButton(msgs []bot.OutMessage, prefix string) (string, bool) {
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					return b.Data, true
				}
			}
		}
	}
	return "", false
}
