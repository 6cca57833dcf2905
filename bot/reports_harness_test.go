package bot

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// Telegram ids of the seeded people, and a second unit's assessor with a
// subordinate of their own.
const (
	tgBudi      = 1001
	tgSari      = 1002
	tgHead      = 1003
	tgAdmin     = 1004
	tgOtherBos  = 1005
	nipOtherBos = "196901012000031009"
	nipOtherSub = "199501012020012010"
)

// fileMessenger serves each file id its own content, so evidence hashes
// differ unless a test sends the same bytes twice.
type fileMessenger struct {
	*recorder
	t         *testing.T
	files     map[string][]byte
	downloads int
}

// Send checks what Telegram would refuse (callback data over 64 bytes, a
// text over 4,096 characters) before recording the message.
func (m *fileMessenger) Send(ctx context.Context, o OutMessage) (int, error) {
	for _, row := range o.Buttons {
		for _, b := range row {
			if len(b.Data) > 64 || (b.Data == "" && b.URL == "") {
				m.t.Errorf("button %q has callback data of %d bytes: %q", b.Text, len(b.Data), b.Data)
			}
		}
	}
	if n := utf8.RuneCountInString(o.Text); n > 4096 {
		m.t.Errorf("message of %d characters: %.80q…", n, o.Text)
	}
	return m.recorder.Send(ctx, o)
}

func (m *fileMessenger) Download(_ context.Context, fileID string, limit int64) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.downloads++
	data, ok := m.files[fileID]
	if !ok {
		return nil, errors.New("no such file")
	}
	if int64(len(data)) > limit {
		return nil, errors.New("too big")
	}
	return data, nil
}

// reportFixture is a harness with a roster, linked accounts and targets.
type reportFixture struct {
	*harness
	files                        *fileMessenger
	dbPath                       string
	ikiPasien, ikiWaktu, ikiSari *kinerja.Target
}

// newReportFixture opens a harness on a known SQLite path (so tests can
// tamper with it), with Budi's two indicators (monthly, higher is better;
// yearly, lower is better) and one of Sari's.
func newReportFixture(t *testing.T, cfg ReportsConfig) *reportFixture {
	t.Helper()
	h := newHarness(t)
	f := &reportFixture{harness: h, dbPath: filepath.Join(t.TempDir(), "reports.db")}
	h.db = storagetest.MustOpenPath(t, f.dbPath)
	f.files = &fileMessenger{recorder: h.msg, t: t, files: map[string][]byte{}}
	h.bot = mustBot(New(Config{Location: wib, BotUsername: "KinerjaSolokBot", Reports: cfg}, h.db, f.files,
		func() time.Time { return h.now }, nil))
	h.seed()
	ctx := context.Background()
	if _, err := h.db.PutUnit(ctx, &kinerja.Unit{Code: "PKM-KTK", Name: "Puskesmas KTK", HeadNIP: nipOtherBos}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*kinerja.Staff{
		{NIP: nipOtherBos, Name: "Ns. Yusuf", Position: "Kepala Puskesmas", UnitCode: "PKM-KTK"},
		{NIP: nipOtherSub, Name: "Wati", Position: "Perawat", UnitCode: "PKM-KTK", SuperiorNIP: nipOtherBos},
	} {
		if _, err := h.db.PutStaff(ctx, s, h.now.AddDate(0, -2, 0)); err != nil {
			t.Fatal(err)
		}
	}
	for nip, id := range map[string]int64{nipBudi: tgBudi, nipSari: tgSari, nipHead: tgHead, nipAdmin: tgAdmin, nipOtherBos: tgOtherBos} {
		h.link(nip, id)
	}
	put := func(tg *kinerja.Target) *kinerja.Target {
		if _, err := h.db.PutTarget(ctx, tg); err != nil {
			t.Fatal(err)
		}
		return tg
	}
	f.ikiPasien = put(&kinerja.Target{NIP: nipBudi, Period: "2026-11", Code: "IKI-1", Name: "Pasien dilayani",
		Unit: "pasien", Target: 200, Direction: kinerja.HigherIsBetter})
	f.ikiWaktu = put(&kinerja.Target{NIP: nipBudi, Period: "2026", Code: "IKI-2", Name: "Waktu rujukan",
		Unit: "hari", Target: 3, Direction: kinerja.LowerIsBetter})
	f.ikiSari = put(&kinerja.Target{NIP: nipSari, Period: "2026-11", Code: "IKI-S", Name: "Persalinan",
		Unit: "persalinan", Target: 20, Direction: kinerja.HigherIsBetter})
	return f
}

// photo is a private photo message carrying file id.
func photo(from int64, fileID string) Update {
	return Update{ChatID: from, ChatType: ChatPrivate, From: User{ID: from}, Kind: KindPhoto,
		File: &File{FileID: fileID, FileUniqueID: "u-" + fileID, Size: 1000}}
}

// document is a private document message carrying file id.
func document(from int64, fileID, name string) Update {
	return Update{ChatID: from, ChatType: ChatPrivate, From: User{ID: from}, Kind: KindDocument,
		File: &File{FileID: fileID, FileUniqueID: "u-" + fileID, FileName: name, MIMEType: "application/pdf", Size: 2000}}
}

// tid is a target id as callback data.
func tid(t *kinerja.Target) string { return fmt.Sprint("lp:t:", t.ID) }

// submit walks Budi (or another sender) through /lapor with typed values
// and buttons, and returns what the final Kirim press sent.
func (f *reportFixture) submit(from int64, tg *kinerja.Target, qty, day, desc string, evidence ...Update) []OutMessage {
	f.t.Helper()
	f.text(from, "/lapor")
	f.press(from, 1, tid(tg))
	mustSay(f.t, f.text(from, qty), "Kapan pekerjaan")
	if strings.HasPrefix(day, "lp:") {
		f.press(from, 1, day)
	} else {
		f.text(from, day)
	}
	mustSay(f.t, f.text(from, desc), "bukti")
	for _, u := range evidence {
		mustSay(f.t, f.handle(u), "diterima")
	}
	mustSay(f.t, f.press(from, 1, "lp:ev"), "Periksa")
	out := f.press(from, 1, "lp:ok")
	mustSay(f.t, out, "terkirim")
	return out
}

// report reads a report from the database.
func (f *reportFixture) report(id int64) *kinerja.Report {
	f.t.Helper()
	r, err := f.db.Report(context.Background(), id)
	if err != nil {
		f.t.Fatal(err)
	}
	return r
}

// buttonData returns the data of the first button whose data starts with
// prefix, failing the test when there is none.
func buttonData(t *testing.T, msgs []OutMessage, prefix string) string {
	t.Helper()
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					return b.Data
				}
			}
		}
	}
	t.Fatalf("no button with data %q in %+v", prefix, msgs)
	return ""
}

// to keeps the messages sent to one chat.
func to(chat int64, msgs []OutMessage) []OutMessage {
	var out []OutMessage
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

// auditActions lists the actions in the audit log, in order.
func (f *reportFixture) auditActions() []string {
	f.t.Helper()
	entries, err := f.db.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		f.t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}
