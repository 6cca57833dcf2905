package fakeapi

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// The fake is exercised here with plain HTTP; the real telegram-bot-api
// client talks to it in package telegram's tests.

var ani = User{ID: 1001, FirstName: "Ani"}

type answer struct {
	OK          bool            `json:"ok"`
	Result      json.RawMessage `json:"result"`
	ErrorCode   int             `json:"error_code"`
	Description string          `json:"description"`
	Parameters  struct {
		RetryAfter int `json:"retry_after"`
	} `json:"parameters"`
}

func post(t *testing.T, ctx context.Context, f *Fake, method string, form url.Values) answer {
	t.Helper()
	u := fmt.Sprintf(f.Endpoint(), f.Token(), method)
	req, _ := http.NewRequestWithContext(ctx, "POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var a answer
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatalf("%s: decode: %v", method, err)
	}
	if !a.OK && a.ErrorCode != resp.StatusCode {
		t.Fatalf("%s: error_code %d but HTTP %d", method, a.ErrorCode, resp.StatusCode)
	}
	return a
}

func updateIDs(t *testing.T, a answer) []int64 {
	t.Helper()
	var ups []struct {
		UpdateID int64 `json:"update_id"`
	}
	if err := json.Unmarshal(a.Result, &ups); err != nil {
		t.Fatalf("updates: %v (%s)", err, a.Result)
	}
	ids := []int64{}
	for _, u := range ups {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func TestGetUpdatesKeepsUpdatesUntilConfirmed(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	id := f.SendText(ani, "/start")

	for range 2 { // unconfirmed: delivered again
		got := updateIDs(t, post(t, ctx, f, "getUpdates", url.Values{"timeout": {"0"}}))
		if len(got) != 1 || got[0] != id {
			t.Fatalf("got %v, want [%d]", got, id)
		}
	}
	got := updateIDs(t, post(t, ctx, f, "getUpdates", url.Values{"offset": {fmt.Sprint(id + 1)}}))
	if len(got) != 0 || len(f.Pending()) != 0 {
		t.Fatalf("after confirm got %v, pending %v", got, f.Pending())
	}
}

func TestRedeliverHandsOutAConfirmedUpdateOnceMore(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	id := f.SendText(ani, "halo")
	post(t, ctx, f, "getUpdates", url.Values{"offset": {fmt.Sprint(id + 1)}})
	if !f.Redeliver(id) {
		t.Fatal("Redeliver: unknown id")
	}
	got := updateIDs(t, post(t, ctx, f, "getUpdates", url.Values{"offset": {fmt.Sprint(id + 1)}}))
	if len(got) != 1 || got[0] != id {
		t.Fatalf("got %v, want [%d]", got, id)
	}
	if got := updateIDs(t, post(t, ctx, f, "getUpdates", url.Values{"offset": {fmt.Sprint(id + 1)}})); len(got) != 0 {
		t.Fatalf("duplicate delivered again: %v", got)
	}
}

func TestLongPollReturnsEarlyAndRejectsASecondPoller(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	var wg sync.WaitGroup
	var got []int64
	wg.Go(func() {
		got = updateIDs(t, post(t, ctx, f, "getUpdates", url.Values{"timeout": {"30"}}))
	})
	// Wait until the first poll is parked, then a second poller must conflict.
	if !f.WaitFor(5*time.Second, func(f *Fake) bool { f.mu.Lock(); defer f.mu.Unlock(); return f.polling == 1 }) {
		t.Fatal("first poll never arrived")
	}
	if a := post(t, ctx, f, "getUpdates", url.Values{"timeout": {"0"}}); a.ErrorCode != 409 {
		t.Fatalf("second poller: got %d, want 409", a.ErrorCode)
	}
	start := time.Now()
	id := f.SendText(ani, "x")
	wg.Wait()
	if len(got) != 1 || got[0] != id || time.Since(start) > 5*time.Second {
		t.Fatalf("got %v after %v", got, time.Since(start))
	}
}

func TestSendEditAndNotModified(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	kb := `{"inline_keyboard":[[{"text":"Ya","callback_data":"yes"}]]}`
	a := post(t, ctx, f, "sendMessage", url.Values{"chat_id": {"1001"}, "text": {"<b>Halo</b> &amp; selamat"},
		"parse_mode": {"HTML"}, "reply_markup": {kb}})
	var m struct {
		MessageID int `json:"message_id"`
	}
	_ = json.Unmarshal(a.Result, &m)
	edit := url.Values{"chat_id": {"1001"}, "message_id": {fmt.Sprint(m.MessageID)}, "text": {"Selesai"}}
	if a := post(t, ctx, f, "editMessageText", edit); !a.OK {
		t.Fatalf("edit: %s", a.Description)
	}
	if a := post(t, ctx, f, "editMessageText", edit); !strings.Contains(a.Description, "message is not modified") {
		t.Fatalf("same edit: got %q", a.Description)
	}
	edit.Set("message_id", "99")
	if a := post(t, ctx, f, "editMessageText", edit); !strings.Contains(a.Description, "message to edit not found") {
		t.Fatalf("missing message: got %q", a.Description)
	}
	last, ok := f.LastMessage(1001)
	if !ok || last.Text != "Selesai" || last.Buttons != nil || last.Edits != 1 {
		t.Fatalf("last message %+v", last)
	}
}

func TestHTMLAndButtonDataAreChecked(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	for _, text := range []string{"a < b", "Tom & Jerry", "<b>open", "<i>unclosed", "stray</i>", "<b>cut inside <",
		"cut inside &qu", "<p>unknown</p>", "<span>no spoiler</span>"} {
		a := post(t, ctx, f, "sendMessage", url.Values{"chat_id": {"1"}, "text": {text}, "parse_mode": {"HTML"}})
		if a.OK || a.ErrorCode != 400 || !strings.Contains(a.Description, "can't parse entities") {
			t.Errorf("%q: got ok=%v %q", text, a.OK, a.Description)
		}
	}
	// Telegram counts the visible text in UTF-16 units: 4,096 quotes written
	// as entities fit, 4,097 do not, nor 2,049 emoji.
	for text, ok := range map[string]bool{
		"<i>" + strings.Repeat("&quot;", 4096) + "</i>": true,
		strings.Repeat("&quot;", 4097):                  false,
		strings.Repeat("😀", 2048):                       true,
		strings.Repeat("😀", 2049):                       false,
		"<b> \n </b>":                                   false,
	} {
		a := post(t, ctx, f, "sendMessage", url.Values{"chat_id": {"1"}, "text": {text}, "parse_mode": {"HTML"}})
		if a.OK != ok {
			t.Errorf("%.40q…: ok=%v %q, want ok=%v", text, a.OK, a.Description, ok)
		}
	}
	if a := post(t, ctx, f, "sendMessage", url.Values{"chat_id": {"1"}, "text": {"a < b"}}); !a.OK {
		t.Errorf("plain text refused: %q", a.Description)
	}
	long := `{"inline_keyboard":[[{"text":"x","callback_data":"` + strings.Repeat("d", 65) + `"}]]}`
	if a := post(t, ctx, f, "sendMessage", url.Values{"chat_id": {"1"}, "text": {"x"}, "reply_markup": {long}}); a.OK {
		t.Error("65-byte callback data accepted")
	}
}

func TestFaults(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	ctx := context.Background()
	msg := url.Values{"chat_id": {"1001"}, "text": {"x"}}

	f.FailNext("sendMessage", 1, 429, 7)
	if a := post(t, ctx, f, "sendMessage", msg); a.ErrorCode != 429 || a.Parameters.RetryAfter != 7 {
		t.Fatalf("429: %+v", a)
	}
	f.Block(1001)
	if a := post(t, ctx, f, "sendMessage", msg); a.ErrorCode != 403 {
		t.Fatalf("blocked: %+v", a)
	}
	f.Unblock(1001)
	f.Refuse("setMyCommands")
	if a := post(t, ctx, f, "setMyCommands", url.Values{"commands": {"[]"}}); a.ErrorCode != 400 {
		t.Fatalf("refused: %+v", a)
	}
	if a := post(t, ctx, f, "noSuchMethod", nil); a.ErrorCode != 404 {
		t.Fatalf("unknown method: %+v", a)
	}
	f.Hang("sendMessage", time.Hour)
	hctx, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(hctx, "POST", fmt.Sprintf(f.Endpoint(), f.Token(), "sendMessage"), nil)
	if _, err := http.DefaultClient.Do(req); err == nil {
		t.Fatal("hanging call answered")
	}
	calls := f.CallsTo("sendMessage")
	if len(calls) != 2 || calls[0].Status != 429 || calls[1].Status != 403 {
		t.Fatalf("recorded %+v", calls)
	}
}

func TestEnforceLimitsPerPrivateChat(t *testing.T) {
	now := time.Date(2025, 1, 2, 8, 0, 0, 0, time.UTC)
	var mu sync.Mutex
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	f := New(Options{Now: clock})
	defer f.Close()
	f.EnforceLimits(true)
	ctx := context.Background()
	msg := url.Values{"chat_id": {"1001"}, "text": {"x"}}
	for i := range 3 {
		if a := post(t, ctx, f, "sendMessage", msg); !a.OK {
			t.Fatalf("send %d within burst: %s", i, a.Description)
		}
	}
	a := post(t, ctx, f, "sendMessage", msg)
	if a.ErrorCode != 429 || a.Parameters.RetryAfter != 1 || f.TooMany() != 1 {
		t.Fatalf("4th send: %+v, TooMany %d", a, f.TooMany())
	}
	mu.Lock()
	now = now.Add(time.Second)
	mu.Unlock()
	if a := post(t, ctx, f, "sendMessage", msg); !a.OK {
		t.Fatalf("after a second: %s", a.Description)
	}
}

func TestUploadGetFileAndDownload(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("chat_id", "1001")
	_ = w.WriteField("caption", "Laporan")
	fw, _ := w.CreateFormFile("document", "laporan.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4"))
	w.Close()
	resp, err := http.Post(fmt.Sprintf(f.Endpoint(), f.Token(), "sendDocument"), w.FormDataContentType(), &body)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("sendDocument: %v %v", err, resp)
	}
	resp.Body.Close()
	last, _ := f.LastMessage(1001)
	if !last.Document || last.FileName != "laporan.pdf" || string(last.File) != "%PDF-1.4" || last.Text != "Laporan" {
		t.Fatalf("document message %+v", last)
	}

	f.SendDocument(ani, "bukti.jpg", []byte("JPEGDATA"), "bukti")
	var up struct {
		Message struct {
			Document struct {
				FileID string `json:"file_id"`
			} `json:"document"`
		} `json:"message"`
	}
	a := post(t, context.Background(), f, "getUpdates", nil)
	var ups []json.RawMessage
	_ = json.Unmarshal(a.Result, &ups)
	_ = json.Unmarshal(ups[0], &up)
	a = post(t, context.Background(), f, "getFile", url.Values{"file_id": {up.Message.Document.FileID}})
	var fi struct {
		FilePath string `json:"file_path"`
	}
	_ = json.Unmarshal(a.Result, &fi)
	resp, err = http.Get(strings.Replace(fmt.Sprintf(f.Endpoint(), f.Token(), fi.FilePath), "/bot", "/file/bot", 1))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(data) != "JPEGDATA" {
		t.Fatalf("downloaded %q", data)
	}
}

func TestCallbackAnswerAndWrongToken(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	id := f.Press(ani, 1, "yes")
	if f.CallbackAnswered(id) {
		t.Fatal("answered before answerCallbackQuery")
	}
	post(t, context.Background(), f, "answerCallbackQuery", url.Values{"callback_query_id": {id}})
	if !f.CallbackAnswered(id) {
		t.Fatal("not answered")
	}
	resp, err := http.Post(fmt.Sprintf(f.Endpoint(), "1:wrong", "getMe"), "", nil)
	if err != nil || resp.StatusCode != 401 {
		t.Fatalf("wrong token: %v %v", err, resp.Status)
	}
	resp.Body.Close()
}

func TestStormFailsCallsInTurnThenPasses(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	f.Storm(time.Hour, StormOptions{RetryAfter: 2, Hang: 50 * time.Millisecond, Methods: []string{"sendMessage"}})
	send := url.Values{"chat_id": {"1001"}, "text": {"halo"}}
	var codes []int
	for range 4 {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		u := fmt.Sprintf(f.Endpoint(), f.Token(), "sendMessage")
		req, _ := http.NewRequestWithContext(ctx, "POST", u, strings.NewReader(send.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		cancel()
		if err != nil {
			codes = append(codes, 0) // the client gave up: a hang
			continue
		}
		var a answer
		_ = json.NewDecoder(resp.Body).Decode(&a)
		resp.Body.Close()
		if a.ErrorCode == 429 && a.Parameters.RetryAfter != 2 {
			t.Errorf("429 without retry_after 2: %+v", a)
		}
		codes = append(codes, a.ErrorCode)
	}
	if fmt.Sprint(codes) != "[429 500 0 502]" {
		t.Fatalf("storm answers %v, want 429, 500, a hang, 502", codes)
	}
	if a := post(t, context.Background(), f, "getMe", nil); !a.OK {
		t.Fatal("getMe failed: the storm spares it")
	}
	if f.WaitFor(time.Second, func(f *Fake) bool { return len(f.Messages(1001)) > 0 }) {
		t.Fatal("a failed or abandoned call was carried out")
	}
	st := f.StormStats()
	if st.TooMany != 1 || st.ServerErrors != 2 || st.Hangs != 1 || st.ByMethod["sendmessage"] != 4 || f.StormOver() {
		t.Fatalf("stats %+v, over %v", st, f.StormOver())
	}

	f.Storm(0, StormOptions{})
	if a := post(t, context.Background(), f, "sendMessage", send); !a.OK || !f.StormOver() {
		t.Fatalf("after the storm: %+v", a)
	}
	if got := len(f.Messages(1001)); got != 1 {
		t.Fatalf("%d messages, want the one sent after the storm", got)
	}
}

func TestStormRateFailsTheFirstCallThenKeepsTheShare(t *testing.T) {
	f := New(Options{})
	defer f.Close()
	f.Storm(time.Hour, StormOptions{Rate: 0.5})
	var oks []bool
	for range 4 { // the faults are a 429 and a 500; the third would hang
		oks = append(oks, post(t, context.Background(), f, "sendChatAction", url.Values{"chat_id": {"1001"}, "action": {"typing"}}).OK)
	}
	if fmt.Sprint(oks) != "[false true false true]" {
		t.Fatalf("answers %v, want every other call failed, the first one first", oks)
	}
	if st := f.StormStats(); st.Passed != 2 || st.TooMany != 1 || st.ServerErrors != 1 || st.ByMethod["sendchataction"] != 2 {
		t.Fatalf("stats %+v", st)
	}
}
