package fakeapi

import "encoding/json"

// The JSON shapes below are the small subset of the Bot API objects the fake
// reads and writes. They are written by hand so that the fake does not depend
// on the client library it is meant to test.

// User is a Telegram user the fake acts as, or the bot itself.
type User struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

// Chat is a Telegram chat: "private" (id = the user's id), "group" or
// "supergroup" (negative ids).
type Chat struct {
	ID    int64  `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title,omitempty"`
}

// Button is one inline keyboard button as the bot sent it.
type Button struct {
	Text string `json:"text"`
	Data string `json:"callback_data,omitempty"`
	URL  string `json:"url,omitempty"`
}

type keyboard struct {
	InlineKeyboard [][]Button `json:"inline_keyboard"`
}

type photoSize struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	FileSize     int    `json:"file_size,omitempty"`
}

type document struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileName     string `json:"file_name,omitempty"`
	MIMEType     string `json:"mime_type,omitempty"`
	FileSize     int    `json:"file_size,omitempty"`
}

type sticker struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	IsAnimated   bool   `json:"is_animated"`
	Emoji        string `json:"emoji,omitempty"`
}

type location struct {
	Longitude float64 `json:"longitude"`
	Latitude  float64 `json:"latitude"`
}

type message struct {
	MessageID   int         `json:"message_id"`
	From        *User       `json:"from,omitempty"`
	Date        int64       `json:"date"`
	Chat        Chat        `json:"chat"`
	EditDate    int64       `json:"edit_date,omitempty"`
	Text        string      `json:"text,omitempty"`
	Caption     string      `json:"caption,omitempty"`
	Photo       []photoSize `json:"photo,omitempty"`
	Document    *document   `json:"document,omitempty"`
	Sticker     *sticker    `json:"sticker,omitempty"`
	Location    *location   `json:"location,omitempty"`
	ReplyMarkup *keyboard   `json:"reply_markup,omitempty"`
}

type callbackQuery struct {
	ID           string   `json:"id"`
	From         User     `json:"from"`
	Message      *message `json:"message,omitempty"`
	ChatInstance string   `json:"chat_instance"`
	Data         string   `json:"data,omitempty"`
}

type update struct {
	UpdateID      int64          `json:"update_id"`
	Message       *message       `json:"message,omitempty"`
	EditedMessage *message       `json:"edited_message,omitempty"`
	CallbackQuery *callbackQuery `json:"callback_query,omitempty"`
}

type fileInfo struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size,omitempty"`
	FilePath     string `json:"file_path,omitempty"`
}

type responseParameters struct {
	RetryAfter int `json:"retry_after,omitempty"`
}

type response struct {
	OK          bool                `json:"ok"`
	Result      any                 `json:"result,omitempty"`
	ErrorCode   int                 `json:"error_code,omitempty"`
	Description string              `json:"description,omitempty"`
	Parameters  *responseParameters `json:"parameters,omitempty"`
}

// Command is one entry of a menu set with setMyCommands.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("fakeapi: " + err.Error()) // only our own structs are marshalled
	}
	return b
}
