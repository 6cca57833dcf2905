package telegram

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// editParams are the parameters of editMessageText for m with keyboard
// kb, prepared here and sent with the library's MakeRequest: its own
// EditMessageTextConfig marshals the keyboard by reflection on every edit,
// and the survey edits its message once per answer. They are the ones the
// library would send, less its "entities=null" (editparams_test.go
// compares them).
func editParams(m bot.OutMessage, kb *tgbotapi.InlineKeyboardMarkup) tgbotapi.Params {
	p := tgbotapi.Params{
		"chat_id":    strconv.FormatInt(m.ChatID, 10),
		"message_id": strconv.Itoa(m.EditID),
		"text":       m.Text,
		"parse_mode": tgbotapi.ModeHTML,
	}
	if kb != nil {
		p["reply_markup"] = string(appendKeyboard(make([]byte, 0, 256), kb))
	}
	return p
}

// appendKeyboard appends kb as JSON, in the shape encoding/json gives it
// for the buttons the bot makes (a callback or a link).
func appendKeyboard(b []byte, kb *tgbotapi.InlineKeyboardMarkup) []byte {
	b = append(b, `{"inline_keyboard":[`...)
	for i, row := range kb.InlineKeyboard {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for j, bt := range row {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"text":`...)
			b = appendJSONString(b, bt.Text)
			if bt.URL != nil {
				b = append(b, `,"url":`...)
				b = appendJSONString(b, *bt.URL)
			}
			if bt.CallbackData != nil {
				b = append(b, `,"callback_data":`...)
				b = appendJSONString(b, *bt.CallbackData)
			}
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, the rest as UTF-8. A string that is not
// valid UTF-8 goes through encoding/json, which mends it the usual way.
func appendJSONString(b []byte, s string) []byte {
	if !utf8.ValidString(s) {
		q, _ := json.Marshal(s)
		return append(b, q...)
	}
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
