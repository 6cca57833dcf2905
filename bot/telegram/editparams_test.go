package telegram

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The prepared parameters of an edit say what the library's own
// EditMessageTextConfig says: the same fields, and a keyboard that decodes
// to the same buttons (quotes, control characters, emoji and broken UTF-8
// included).
func TestEditParamsAreTheLibrarys(t *testing.T) {
	var (
		mu    sync.Mutex
		forms []url.Values
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			w.Write([]byte(`{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"b","username":"b"}}`))
			return
		}
		if err := r.ParseForm(); err != nil {
			t.Error(err)
		}
		mu.Lock()
		forms = append(forms, r.PostForm)
		mu.Unlock()
		w.Write([]byte(`{"ok":true,"result":true}`))
	}))
	defer srv.Close()
	api, err := tgbotapi.NewBotAPIWithAPIEndpoint("1:T", srv.URL+"/bot%s/%s")
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]bot.OutMessage{
		"no buttons": {ChatID: -100123, EditID: 9, Text: "<b>Selesai</b> & terima kasih"},
		"buttons": {ChatID: 7001, EditID: 42, Text: "Pertanyaan 2/9", Buttons: [][]bot.Button{
			{{Text: "😀 Sangat \"baik\"", Data: "s:a:4"}, {Text: "Kurang\\baik", Data: "s:a:1"}},
			{{Text: "Tab\there\nline", Data: "s:x"}},
			{{Text: "Situs", URL: "https://skm.example/u?a=1&b=<2>"}},
			{{Text: "bad \xff utf8", Data: "d"}},
		}},
	} {
		t.Run(name, func(t *testing.T) {
			kb := keyboard(m.Buttons)
			cfg := tgbotapi.EditMessageTextConfig{
				BaseEdit:  tgbotapi.BaseEdit{ChatID: m.ChatID, MessageID: m.EditID, ReplyMarkup: kb},
				Text:      m.Text,
				ParseMode: tgbotapi.ModeHTML,
			}
			forms = nil
			if _, err := api.Request(cfg); err != nil {
				t.Fatal(err)
			}
			if _, err := api.MakeRequest("editMessageText", editParams(m, kb)); err != nil {
				t.Fatal(err)
			}
			want, got := forms[0], forms[1]
			wantKB, gotKB := want.Get("reply_markup"), got.Get("reply_markup")
			want.Del("reply_markup")
			got.Del("reply_markup")
			if want.Get("entities") == "null" { // the library's way of saying none
				want.Del("entities")
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("fields %v, the library sends %v", got, want)
			}
			if (wantKB == "") != (gotKB == "") {
				t.Fatalf("keyboard %q, the library sends %q", gotKB, wantKB)
			}
			if wantKB == "" {
				return
			}
			var a, b tgbotapi.InlineKeyboardMarkup
			if err := json.Unmarshal([]byte(wantKB), &a); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal([]byte(gotKB), &b); err != nil {
				t.Fatalf("keyboard %q is not JSON: %v", gotKB, err)
			}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("keyboard %s, the library sends %s", gotKB, wantKB)
			}
		})
	}
}
