package telegram

import (
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// allowedUpdates is sent explicitly with every getUpdates: the library
// would send null, which keeps whatever an earlier caller configured.
var allowedUpdates = []string{"message", "edited_message", "callback_query"}

// The wire types are the parts of Telegram's Update the bot reads, with
// Telegram's field names. Decoding into them rather than the library's
// Update skips what the bot never reads (a pressed button's whole message
// with its keyboard, entities, reply chains), which the library's types
// would allocate field by field: getUpdates decoding was a tenth of the
// bot's CPU per update.
type (
	wireUpdate struct {
		UpdateID      int           `json:"update_id"`
		Message       *wireMessage  `json:"message"`
		EditedMessage *wireMessage  `json:"edited_message"`
		CallbackQuery *wireCallback `json:"callback_query"`
	}
	wireChat struct {
		ID   int64  `json:"id"`
		Type string `json:"type"`
	}
	wireMessage struct {
		MessageID int                  `json:"message_id"`
		From      *tgbotapi.User       `json:"from"`
		Chat      *wireChat            `json:"chat"`
		Text      string               `json:"text"`
		Caption   string               `json:"caption"`
		Photo     []tgbotapi.PhotoSize `json:"photo"`
		Document  *tgbotapi.Document   `json:"document"`
		// Only whether these are present matters.
		Sticker  *struct{} `json:"sticker"`
		Voice    *struct{} `json:"voice"`
		Location *struct{} `json:"location"`
	}
	// wireCallback's message is read for its id and chat only.
	wireCallback struct {
		ID      string         `json:"id"`
		From    *tgbotapi.User `json:"from"`
		Message *struct {
			MessageID int       `json:"message_id"`
			Chat      *wireChat `json:"chat"`
		} `json:"message"`
		Data string `json:"data"`
	}
)

// convert turns a Telegram update into the bot's own. It reports false
// for updates the bot does not handle (channel posts, inline queries,
// member changes…), which the poller confirms without delivering.
func convert(u wireUpdate) (bot.Update, bool) {
	switch {
	case u.Message != nil:
		return convertMessage(u.UpdateID, u.Message, false)
	case u.EditedMessage != nil:
		return convertMessage(u.UpdateID, u.EditedMessage, true)
	case u.CallbackQuery != nil:
		return convertCallback(u.UpdateID, u.CallbackQuery)
	}
	return bot.Update{}, false
}

func convertUser(u *tgbotapi.User) bot.User {
	if u == nil {
		return bot.User{}
	}
	return bot.User{ID: u.ID, FirstName: u.FirstName, Username: u.UserName, LanguageCode: u.LanguageCode}
}

func convertMessage(id int, m *wireMessage, edited bool) (bot.Update, bool) {
	if m.Chat == nil {
		return bot.Update{}, false
	}
	out := bot.Update{
		ID:        int64(id),
		ChatID:    m.Chat.ID,
		ChatType:  bot.ChatType(m.Chat.Type),
		From:      convertUser(m.From),
		MessageID: m.MessageID,
		Edited:    edited,
		Text:      m.Text,
	}
	switch {
	case len(m.Photo) > 0:
		p := largest(m.Photo)
		out.Kind, out.Text = bot.KindPhoto, m.Caption
		out.File = &bot.File{FileID: p.FileID, FileUniqueID: p.FileUniqueID, MIMEType: "image/jpeg", Size: int64(p.FileSize)}
	case m.Document != nil:
		d := m.Document
		out.Kind, out.Text = bot.KindDocument, m.Caption
		out.File = &bot.File{FileID: d.FileID, FileUniqueID: d.FileUniqueID, FileName: d.FileName,
			MIMEType: d.MimeType, Size: int64(d.FileSize)}
	case m.Sticker != nil:
		out.Kind = bot.KindSticker
	case m.Voice != nil:
		out.Kind, out.Text = bot.KindVoice, m.Caption
	case m.Location != nil:
		out.Kind = bot.KindLocation
	case m.Text != "":
		out.Kind = bot.KindText
	default:
		out.Kind, out.Text = bot.KindOther, m.Caption
	}
	return out, true
}

// largest picks the biggest of the sizes Telegram sends for one photo, by
// area and then by file size; the order of the list is not promised.
func largest(ps []tgbotapi.PhotoSize) tgbotapi.PhotoSize {
	best := ps[0]
	for _, p := range ps[1:] {
		a, b := p.Width*p.Height, best.Width*best.Height
		if a > b || (a == b && p.FileSize > best.FileSize) {
			best = p
		}
	}
	return best
}

func convertCallback(id int, q *wireCallback) (bot.Update, bool) {
	out := bot.Update{
		ID:       int64(id),
		From:     convertUser(q.From),
		Callback: &bot.Callback{ID: q.ID, Data: q.Data},
	}
	if q.Message != nil && q.Message.Chat != nil {
		out.ChatID = q.Message.Chat.ID
		out.ChatType = bot.ChatType(q.Message.Chat.Type)
		out.MessageID = q.Message.MessageID
		out.Callback.MessageID = q.Message.MessageID
	} else {
		// The message is gone (too old, or an inline message): answer in the
		// presser's private chat.
		out.ChatID = out.From.ID
		out.ChatType = bot.ChatPrivate
	}
	return out, true
}
