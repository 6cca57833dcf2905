package telegram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
)

var ctx = context.Background()

func statuses(calls []fakeapi.Call) []int {
	var out []int
	for _, c := range calls {
		out = append(out, c.Status)
	}
	return out
}

func TestSendTextWithButtons(t *testing.T) {
	e := newEnv(t)
	id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "<b>Setuju?</b>", Buttons: [][]bot.Button{
		{{Text: "Ya", Data: "yes"}, {Text: "Tidak", Data: "no"}},
		{{Text: "Panduan", URL: "https://example.org/panduan"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	m, _ := e.f.LastMessage(ani.ID)
	want := [][]fakeapi.Button{{{Text: "Ya", Data: "yes"}, {Text: "Tidak", Data: "no"}},
		{{Text: "Panduan", URL: "https://example.org/panduan"}}}
	if m.ID != id || m.Text != "<b>Setuju?</b>" || fmt.Sprint(m.Buttons) != fmt.Sprint(want) {
		t.Fatalf("got %+v (id %d)", m, id)
	}
	if pm := e.f.CallsTo("sendMessage")[0].Params["parse_mode"]; pm != "HTML" {
		t.Errorf("parse_mode %q", pm)
	}
}

func TestSendEdits(t *testing.T) {
	e := newEnv(t)
	first, _ := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "Pilih", Buttons: [][]bot.Button{{{Text: "A", Data: "a"}}}})

	t.Run("edits in place", func(t *testing.T) {
		id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "Dipilih: A", EditID: first})
		m, _ := e.f.LastMessage(ani.ID)
		if err != nil || id != first || m.Text != "Dipilih: A" || m.Buttons != nil {
			t.Fatalf("id %d err %v message %+v", id, err, m)
		}
	})
	t.Run("not modified is success", func(t *testing.T) {
		id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "Dipilih: A", EditID: first})
		if err != nil || id != first {
			t.Fatalf("id %d err %v", id, err)
		}
	})
	t.Run("gone message is sent anew", func(t *testing.T) {
		id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "Baru", EditID: 999})
		if err != nil || id == 999 || id == 0 || len(e.f.Messages(ani.ID)) != 2 {
			t.Fatalf("id %d err %v messages %+v", id, err, e.f.Messages(ani.ID))
		}
	})
}

func TestSendSplitsLongText(t *testing.T) {
	e := newEnv(t)
	line := strings.Repeat("é", 99) + "\n" // 100 UTF-16 units
	text := strings.Repeat(line, 100)      // 10,000 units
	id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: text, Buttons: [][]bot.Button{{{Text: "OK", Data: "ok"}}}})
	if err != nil {
		t.Fatal(err)
	}
	ms := e.f.Messages(ani.ID)
	if len(ms) != 3 {
		t.Fatalf("%d messages, want 3", len(ms))
	}
	var joined []string
	for i, m := range ms {
		if tghtml.Len(m.Text) > maxText || (m.Buttons != nil) != (i == 2) {
			t.Errorf("part %d: %d units, buttons %v", i, tghtml.Len(m.Text), m.Buttons)
		}
		joined = append(joined, m.Text)
	}
	if strings.TrimSuffix(strings.Join(joined, "\n"), "\n") != strings.TrimSuffix(text, "\n") || id != ms[2].ID {
		t.Error("parts do not add up to the text, or id is not the last part's")
	}
}

func TestSendFiles(t *testing.T) {
	e := newEnv(t)
	kb := [][]bot.Button{{{Text: "Setujui", Data: "approve:7"}}}
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Photo: []byte("JPEG"), Text: "Bukti", Buttons: kb}); err != nil {
		t.Fatal(err)
	}
	m, _ := e.f.LastMessage(ani.ID)
	if !m.Photo || string(m.File) != "JPEG" || m.Text != "Bukti" || m.Buttons == nil {
		t.Fatalf("photo %+v", m)
	}

	long := strings.Repeat("x", 1500)
	id, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Document: []byte("XLSX"), FileName: "rekap.xlsx", Text: long, Buttons: kb})
	if err != nil {
		t.Fatal(err)
	}
	ms := e.f.Messages(ani.ID)
	doc, txt := ms[len(ms)-2], ms[len(ms)-1]
	if !doc.Document || doc.FileName != "rekap.xlsx" || doc.Text != "" || doc.Buttons != nil {
		t.Errorf("document %+v", doc)
	}
	if txt.Text != long || txt.Buttons == nil || id != txt.ID {
		t.Errorf("caption message %+v, id %d", txt.ID, id)
	}
}

func TestSendRetries(t *testing.T) {
	tests := []struct {
		name      string
		method    string
		msg       bot.OutMessage
		fail      func(f *fakeapi.Fake)
		wantCalls []int
		wantWait  time.Duration // first wait; -1 for any backoff
	}{
		{"429 on sendMessage waits retry_after", "sendMessage", bot.OutMessage{ChatID: ani.ID, Text: "x"},
			func(f *fakeapi.Fake) { f.FailNext("sendMessage", 1, 429, 7) }, []int{429, 200}, 7 * time.Second},
		{"429 on upload waits retry_after", "sendDocument", bot.OutMessage{ChatID: ani.ID, Document: []byte("d"), Text: "x"},
			func(f *fakeapi.Fake) { f.FailNext("sendDocument", 1, 429, 5) }, []int{429, 200}, 5 * time.Second},
		{"500 is retried", "sendMessage", bot.OutMessage{ChatID: ani.ID, Text: "x"},
			func(f *fakeapi.Fake) { f.FailNext("sendMessage", 2, 500, 0) }, []int{500, 500, 200}, -1},
		{"500 on upload is retried", "sendPhoto", bot.OutMessage{ChatID: ani.ID, Photo: []byte("p")},
			func(f *fakeapi.Fake) { f.FailNext("sendPhoto", 1, 502, 0) }, []int{502, 200}, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tt.fail(e.f)
			if _, err := e.c.Send(ctx, tt.msg); err != nil {
				t.Fatal(err)
			}
			if got := statuses(e.f.CallsTo(tt.method)); !slices.Equal(got, tt.wantCalls) {
				t.Fatalf("calls %v, want %v", got, tt.wantCalls)
			}
			ws := e.w.all()
			if len(ws) != len(tt.wantCalls)-1 || (tt.wantWait > 0 && ws[0] != tt.wantWait) {
				t.Fatalf("waits %v, want first %v", ws, tt.wantWait)
			}
		})
	}
}

func TestSendFailures(t *testing.T) {
	tests := []struct {
		name      string
		fail      func(f *fakeapi.Fake)
		want      error
		wantCalls int
	}{
		{"blocked user is unreachable, not retried", func(f *fakeapi.Fake) { f.Block(ani.ID) }, bot.ErrUnreachable, 1},
		{"chat not found is gone", func(f *fakeapi.Fake) { f.FailNext("sendMessage", 1, 400, 0) }, bot.ErrChatGone, 1},
		{"kicked is gone", func(f *fakeapi.Fake) {
			f.FailNextWith("sendMessage", 1, 403, "Forbidden: bot was kicked from the group chat")
		}, bot.ErrChatGone, 1},
		{"other 400 is final", func(f *fakeapi.Fake) {
			f.FailNextWith("sendMessage", 1, 400, "Bad Request: can't parse entities")
		}, nil, 1},
		{"persistent 500 gives up", func(f *fakeapi.Fake) { f.FailNext("sendMessage", 10, 500, 0) }, nil, maxAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			tt.fail(e.f)
			_, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x"})
			if err == nil || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("err %v, want %v", err, tt.want)
			}
			if tt.want == nil && (errors.Is(err, bot.ErrUnreachable) || errors.Is(err, bot.ErrChatGone)) {
				t.Fatalf("err %v wrongly classified", err)
			}
			if !strings.Contains(err.Error(), "sendMessage") {
				t.Errorf("error %q does not name the method", err)
			}
			if n := len(e.f.CallsTo("sendMessage")); n != tt.wantCalls {
				t.Fatalf("%d calls, want %d", n, tt.wantCalls)
			}
		})
	}
}

func TestRetryWaitEndsWithContext(t *testing.T) {
	e := newEnv(t)
	e.f.FailNext("sendMessage", 1, 429, 30)
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := e.c.Send(cctx, bot.OutMessage{ChatID: ani.ID, Text: "x"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

func TestAnswerCallbackAndCommands(t *testing.T) {
	e := newEnv(t)
	cb := e.f.Press(ani, 1, "x")
	if err := e.c.AnswerCallback(ctx, cb, "Tersimpan"); err != nil || !e.f.CallbackAnswered(cb) {
		t.Fatalf("answer: %v", err)
	}
	cmds := []bot.Command{{Name: "start", Description: "Mulai"}, {Name: "lapor", Description: "Lapor kinerja"}}
	if err := e.c.SetCommands(ctx, bot.MenuScope{}, cmds); err != nil {
		t.Fatal(err)
	}
	if err := e.c.SetCommands(ctx, bot.MenuScope{ChatID: ani.ID, Lang: "en"}, cmds[:1]); err != nil {
		t.Fatal(err)
	}
	if got := e.f.Commands(0, ""); len(got) != 2 || got[1].Command != "lapor" {
		t.Errorf("default menu %v", got)
	}
	if got := e.f.Commands(ani.ID, "en"); len(got) != 1 {
		t.Errorf("chat menu %v", got)
	}
	e.f.Refuse("setMyCommands")
	if err := e.c.SetCommands(ctx, bot.MenuScope{}, cmds); err == nil || len(e.f.CallsTo("setMyCommands")) != 3 {
		t.Fatalf("refused: err %v, calls %d", err, len(e.f.CallsTo("setMyCommands")))
	}
}

func TestDownloadEnforcesTheLimit(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	e.f.SendDocument(ani, "besar.pdf", []byte(strings.Repeat("z", 2000)), "")
	e.poll(t, h)
	e.eventually(t, "document", func() bool { return len(h.ids()) == 1 })
	fileID := h.all()[0][0].File.FileID
	if _, err := e.c.Download(ctx, fileID, 1000); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err %v, want ErrTooLarge", err)
	}
	if data, err := e.c.Download(ctx, fileID, 2000); err != nil || len(data) != 2000 {
		t.Fatalf("download: %d bytes, %v", len(data), err)
	}
}

// The case: quote-heavy, multi-line, italic descriptions far over
// the limit. Measured raw, every quote escaped as &quot; would count six; cut
// raw, a part would end in an open <i> or start with a stray </i>. Every
// part must pass the fake's strict parser and fit, and the parts together
// show the whole text.
func TestSendSplitsQuoteHeavyHTML(t *testing.T) {
	e := newEnv(t)
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "<b>%d. Budi &amp; Sari</b>\n<i>%s\n%s &lt;rapat&gt; 😀</i>\n\n", i+1,
			strings.Repeat(`"kutipan" `, 20), strings.Repeat(`'`, 120))
	}
	text := b.String()
	if tghtml.Len(text) <= maxText {
		t.Fatalf("test text too short: %d units", tghtml.Len(text))
	}
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: text}); err != nil {
		t.Fatal(err)
	}
	for _, c := range e.f.CallsTo("sendMessage") {
		if c.Status != 200 {
			t.Fatalf("part refused: %s", c.Error)
		}
	}
	ms := e.f.Messages(ani.ID)
	var seen strings.Builder
	for _, m := range ms {
		vis, err := tghtml.Visible(m.Text)
		if err != nil || tghtml.Len(m.Text) > maxText {
			t.Fatalf("part invalid (%v) or long (%d)", err, tghtml.Len(m.Text))
		}
		seen.WriteString(vis)
	}
	whole, _ := tghtml.Visible(text)
	strip := strings.NewReplacer("\n", "", " ", "")
	if len(ms) < 2 || strip.Replace(seen.String()) != strip.Replace(whole) {
		t.Fatalf("%d parts do not show the whole text", len(ms))
	}
}

// A caption is measured as Telegram does: 1,000 quotes written as entities
// fit the 1,024 limit and stay on the file.
func TestSendCaptionMeasuredVisibly(t *testing.T) {
	e := newEnv(t)
	caption := "<b>Bukti</b> " + strings.Repeat("&quot;", 1000)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Photo: []byte("JPEG"), Text: caption}); err != nil {
		t.Fatal(err)
	}
	if ms := e.f.Messages(ani.ID); len(ms) != 1 || ms[0].Text != caption {
		t.Fatalf("messages %d, caption kept: %v", len(ms), len(ms) == 1 && ms[0].Text == caption)
	}
}

// Markup the bot built wrong is not refused whole: it goes out escaped, so
// the user reads it with its tags showing, and the log names the fault.
func TestSendInvalidHTMLGoesOutEscaped(t *testing.T) {
	e := newEnv(t)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "<b>Budi & Sari"}); err != nil {
		t.Fatal(err)
	}
	m, _ := e.f.LastMessage(ani.ID)
	if m.Text != "&lt;b&gt;Budi &amp; Sari" {
		t.Fatalf("sent %q", m.Text)
	}
}

func TestButtonLabelsAndNoticesArePlainText(t *testing.T) {
	for in, want := range map[string]string{
		"Sari &lt;Dewi&gt; &amp; co": "Sari <Dewi> & co",
		"<b>Setujui</b>":             "Setujui",
		"A & B":                      "A & B", // not HTML: kept as typed
		"":                           "",
	} {
		if got := plain(in, 0); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
	long := strings.Repeat("x", 300)
	if got := plain(long, maxAnswer); len([]rune(got)) != maxAnswer || !strings.HasSuffix(got, "…") {
		t.Errorf("a 300-character notice became %d characters", len([]rune(got)))
	}
	kb := keyboard([][]bot.Button{{{Text: "Sari &lt;Dewi&gt;", Data: "x"}}})
	if got := kb.InlineKeyboard[0][0].Text; got != "Sari <Dewi>" {
		t.Errorf("button label %q", got)
	}
}

// TestRetryOutlastsAnOutage checks the retry budget in time: a send keeps
// trying through 30 s of server errors (it used to give up after five tries,
// about 8 s, and the reply was lost), and gives up once RetryFor is spent.
func TestRetryOutlastsAnOutage(t *testing.T) {
	e := newEnv(t)
	start := time.Now()
	e.c.cfg.RetryFor = defaultRetryFor
	e.c.now = func() time.Time { return start.Add(e.w.total()) } // time passes as the client waits

	// Backoff waits at least 0.5, 1, 2, 4, then 4 s per try: twelve
	// failures span at least 35 s.
	e.f.FailNext("sendMessage", 12, 500, 0)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x"}); err != nil {
		t.Fatalf("a 35-second outage lost the message: %v", err)
	}
	if got := statuses(e.f.CallsTo("sendMessage")); len(got) != 13 || got[12] != 200 {
		t.Fatalf("calls %v, want 12 failures then success", got)
	}
	if w := e.w.total(); w < 30*time.Second {
		t.Fatalf("waited %v in all", w)
	}

	e.f.FailNext("sendMessage", 1000, 502, 0)
	before := e.w.total()
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "y"}); err == nil || !strings.Contains(err.Error(), "502") {
		t.Fatalf("err %v, want the 502 after the budget", err)
	}
	if w := e.w.total() - before; w < defaultRetryFor || w > defaultRetryFor+8*time.Second {
		t.Fatalf("gave up after waiting %v, want about %v", w, defaultRetryFor)
	}
	if n := len(e.f.Messages(ani.ID)); n != 1 {
		t.Fatalf("%d messages delivered, want 1", n)
	}
}

// TestHungCallIsAbandonedAfterCallTimeout: a send that hangs is given up
// after CallTimeout, not after the long poll's RequestTimeout (65 s in
// production), so a hung reply holds the batch up for seconds, not minutes.
func TestHungCallIsAbandonedAfterCallTimeout(t *testing.T) {
	e := newEnv(t)
	e.c.cfg.CallTimeout = 100 * time.Millisecond // RequestTimeout is 16 s here
	e.f.Hang("sendMessage", time.Hour)
	start := time.Now()
	_, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x"})
	if took := time.Since(start); err == nil || took > 3*time.Second {
		t.Fatalf("err %v after %v; want a timeout after about %d × 100 ms", err, took, maxAttempts)
	}
	if n := len(e.w.all()); n != maxAttempts-1 {
		t.Fatalf("%d retries, want %d", n, maxAttempts-1)
	}
	e.f.Hang("sendMessage", 0)
	if _, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "y"}); err != nil {
		t.Fatal(err)
	}
	if ms := e.f.Messages(ani.ID); len(ms) != 1 || ms[0].Text != "y" {
		t.Fatalf("messages %+v: an abandoned call was carried out", ms)
	}
}
