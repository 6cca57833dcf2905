package telegram

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

func TestPollConfirmsOnlyAfterHandleBatchSucceeds(t *testing.T) {
	e := newEnv(t)
	h := &batches{gate: make(chan struct{}), entered: make(chan struct{})}
	id := e.f.SendText(ani, "/start")
	e.poll(t, h)

	<-h.entered
	if got := e.f.Pending(); !slices.Equal(got, []int64{id}) {
		t.Fatalf("while handling: pending %v, want [%d]", got, id)
	}
	close(h.gate)
	e.eventually(t, "confirmation", func() bool { return len(e.f.Pending()) == 0 })

	gu := e.f.CallsTo("getUpdates")[0].Params
	if gu["allowed_updates"] != `["message","edited_message","callback_query"]` || gu["limit"] != strconv.Itoa(pollBatch) {
		t.Errorf("getUpdates params %v", gu)
	}
}

func TestPollConvertsEveryKind(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	group := fakeapi.Chat{ID: -100777, Type: "supergroup", Title: "Bidang Mutasi"}
	e.f.SendText(ani, "halo")
	e.f.SendTextIn(group, budi, "rapat")
	e.f.SendPhoto(ani, []byte("PHOTO"), "foto kegiatan")
	e.f.SendDocument(ani, "laporan.pdf", []byte("%PDF"), "laporan")
	e.f.SendSticker(ani)
	e.f.SendLocation(ani)
	e.f.EditText(ani, 1, "halo lagi")
	cb := e.f.Press(ani, 42, "ok:1")
	if _, err := e.f.PushRaw([]byte(`{"channel_post":{"message_id":1,"date":0,"chat":{"id":-1001,"type":"channel"},"text":"x"}}`)); err != nil {
		t.Fatal(err)
	}
	e.poll(t, h)
	e.eventually(t, "all updates", func() bool { return len(h.ids()) == 8 && len(e.f.Pending()) == 0 })

	var ups []bot.Update
	for _, b := range h.all() {
		ups = append(ups, b...)
	}
	kinds := []bot.MessageKind{bot.KindText, bot.KindText, bot.KindPhoto, bot.KindDocument,
		bot.KindSticker, bot.KindLocation, bot.KindText, ""}
	for i, want := range kinds {
		if ups[i].Kind != want {
			t.Errorf("update %d: kind %q, want %q", i, ups[i].Kind, want)
		}
	}
	if u := ups[0]; u.ChatID != ani.ID || u.ChatType != bot.ChatPrivate || u.From.Username != "ani" ||
		u.From.LanguageCode != "id" || u.Text != "halo" || u.MessageID == 0 {
		t.Errorf("text: %+v", u)
	}
	if u := ups[1]; u.ChatID != group.ID || u.ChatType != bot.ChatSupergroup || u.From.ID != budi.ID {
		t.Errorf("group text: %+v", u)
	}
	if u := ups[2]; u.Text != "foto kegiatan" || u.File == nil || u.File.Size != int64(len("PHOTO")) {
		t.Errorf("photo (largest size expected): %+v %+v", u, u.File)
	}
	if u := ups[3]; u.File == nil || u.File.FileName != "laporan.pdf" || u.File.MIMEType != "application/pdf" || u.Text != "laporan" {
		t.Errorf("document: %+v", u)
	}
	if u := ups[6]; !u.Edited || u.Text != "halo lagi" {
		t.Errorf("edit: %+v", u)
	}
	if u := ups[7]; u.Callback == nil || u.Callback.ID != cb || u.Callback.Data != "ok:1" ||
		u.Callback.MessageID != 42 || u.ChatID != ani.ID {
		t.Errorf("callback: %+v", u)
	}

	// The largest photo size is the one that downloads to the original bytes.
	data, err := e.c.Download(context.Background(), ups[2].File.FileID, 1<<20)
	if err != nil || string(data) != "PHOTO" {
		t.Fatalf("download: %q, %v", data, err)
	}
}

func TestPollRedeliversAfterHandleBatchError(t *testing.T) {
	e := newEnv(t)
	h := &batches{failN: 1}
	a := e.f.SendText(ani, "satu")
	b := e.f.SendText(budi, "dua")
	e.poll(t, h)
	e.eventually(t, "second delivery", func() bool { return len(h.all()) >= 2 && len(e.f.Pending()) == 0 })

	got := h.all()
	for i := range 2 {
		if ids := []int64{got[i][0].ID, got[i][1].ID}; !slices.Equal(ids, []int64{a, b}) {
			t.Fatalf("delivery %d: ids %v, want [%d %d]", i, ids, a, b)
		}
	}
	if ws := e.w.all(); len(ws) == 0 {
		t.Error("no backoff after the handler failed")
	}
}

// Telegram may deliver an update twice; the poller passes it on both times
// and leaves deduplication to the handler.
func TestPollPassesDuplicatesToTheHandler(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	id := e.f.SendText(ani, "halo")
	e.poll(t, h)
	e.eventually(t, "first delivery", func() bool { return len(h.ids()) == 1 && len(e.f.Pending()) == 0 })
	e.f.Redeliver(id)
	e.eventually(t, "duplicate", func() bool { return len(h.ids()) == 2 && len(e.f.Pending()) == 0 })
	if got := h.ids(); !slices.Equal(got, []int64{id, id}) {
		t.Fatalf("ids %v", got)
	}
}

func TestPollBacksOffOnErrors(t *testing.T) {
	e := newEnv(t)
	h := &batches{}
	e.f.FailNext("getUpdates", 1, 429, 3)
	e.f.FailNext("getUpdates", 3, 409, 0)
	e.f.FailNext("getUpdates", 2, 500, 0)
	id := e.f.SendText(ani, "halo")
	e.poll(t, h)
	e.eventually(t, "delivery after errors", func() bool { return slices.Equal(h.ids(), []int64{id}) })

	ws := e.w.all()
	if len(ws) != 6 || ws[0] != 3*time.Second {
		t.Fatalf("waits %v: want 6, the first the 3s retry_after", ws)
	}
	for _, w := range ws[1:] {
		if w <= 0 || w > 30*time.Second {
			t.Errorf("backoff %v out of range", w)
		}
	}
	if n := strings.Count(e.logs.String(), "getUpdates conflict"); n != 1 {
		t.Errorf("conflict logged %d times, want once:\n%s", n, e.logs)
	}
}

func TestPollReturnsPromptlyWithAHangingGetUpdates(t *testing.T) {
	e := newEnv(t)
	e.f.Hang("getUpdates", time.Hour)
	stop := e.poll(t, &batches{})
	time.Sleep(100 * time.Millisecond) // let the long poll start; not an assertion
	start := time.Now()
	stop()
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Poll took %v to return after cancel", d)
	}
	// Sending still works after polling stopped: replies of in-flight work.
	if _, err := e.c.Send(context.Background(), bot.OutMessage{ChatID: ani.ID, Text: "bye"}); err != nil {
		t.Fatalf("send after poll stopped: %v", err)
	}
}

// decode reads what the bot uses of each update and nothing else: a
// pressed button's message (keyboard and all) only for its id and chat, a
// field the bot never reads may be of any shape, and an update one of
// whose read fields is unreadable is skipped but still confirmed.
func TestDecodeReadsWhatTheBotUses(t *testing.T) {
	c := &Client{log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	result := []byte(`[
	 {"update_id":10,"callback_query":{"id":"q1","from":{"id":7,"first_name":"Ani","language_code":"id"},"data":"svy:1:4",
	  "message":{"message_id":55,"date":1,"chat":{"id":7,"type":"private"},"text":"Pertanyaan 2",
	  "reply_markup":{"inline_keyboard":[[{"text":"Sangat baik","callback_data":"svy:1:4"}]]}}}},
	 {"update_id":12,"message":{"message_id":3,"chat":{"id":7,"type":"private"},"from":{"id":7},"voice":{"file_id":"v"},"caption":"suara",
	  "entities":"not what Telegram sends","reply_to_message":{"weird":[1,2,{}]}}},
	 {"update_id":11,"message":{"message_id":"not a number","chat":{"id":7,"type":"private"}}},
	 {"update_id":13,"callback_query":{"id":"q2","from":{"id":8},"data":"x","message":{"message_id":0,"date":0,"chat":{"id":8,"type":"private"}}}}
	]`)
	batch, next, ok := c.decode(result)
	if !ok || next != 14 || len(batch) != 3 {
		t.Fatalf("decode: %d updates, next %d, ok %v; want 3, 14, true", len(batch), next, ok)
	}
	cb := batch[0]
	if cb.ID != 10 || cb.ChatID != 7 || cb.ChatType != bot.ChatPrivate || cb.Callback == nil || cb.Callback.ID != "q1" ||
		cb.Callback.Data != "svy:1:4" || cb.Callback.MessageID != 55 || cb.From.FirstName != "Ani" || cb.From.LanguageCode != "id" {
		t.Errorf("button press: %+v %+v", cb, cb.Callback)
	}
	if v := batch[1]; v.ID != 12 || v.Kind != bot.KindVoice || v.Text != "suara" {
		t.Errorf("voice note: %+v", v)
	}
	if old := batch[2]; old.ID != 13 || old.ChatID != 8 || old.Callback.MessageID != 0 {
		t.Errorf("press on an inaccessible message: %+v", old)
	}
}
