// Package bot holds the conversations of kinerjabot, independent of Telegram:
// the update dispatcher (exactly-once, in order per chat), the router, the
// handlers of each feature, dialogue state and the texts in Indonesian and
// English. Package bot/telegram adapts it to the Bot API.
package bot

import (
	"context"
	"errors"
)

// ChatType is the kind of chat an update comes from.
type ChatType string

// Chat kinds as Telegram names them.
const (
	ChatPrivate    ChatType = "private"
	ChatGroup      ChatType = "group"
	ChatSupergroup ChatType = "supergroup"
	ChatChannel    ChatType = "channel"
)

// User is the sender of an update.
type User struct {
	ID           int64
	FirstName    string
	Username     string
	LanguageCode string
}

// File is a photo or document attached to a message.
type File struct {
	FileID       string
	FileUniqueID string
	FileName     string
	MIMEType     string
	Size         int64
}

// Callback is a press on an inline button.
type Callback struct {
	ID        string
	Data      string
	MessageID int // the message that carries the button
}

// MessageKind says what a message carries.
type MessageKind string

// Message kinds the bot distinguishes.
const (
	KindText     MessageKind = "text"
	KindPhoto    MessageKind = "photo"
	KindDocument MessageKind = "document"
	KindSticker  MessageKind = "sticker"
	KindVoice    MessageKind = "voice"
	KindLocation MessageKind = "location"
	KindOther    MessageKind = "other"
)

// Update is one Telegram update in the bot's own terms. Exactly one of a
// message (Kind non-empty) or Callback is set; other updates are dropped by
// the transport.
type Update struct {
	ID        int64
	ChatID    int64
	ChatType  ChatType
	From      User
	MessageID int
	Edited    bool        // an edited message; the bot does not act on edits
	Kind      MessageKind // "" for a callback
	Text      string      // the text, or the caption of a photo or document
	File      *File       // the photo (largest size) or document
	Callback  *Callback
}

// Button is an inline keyboard button: Data for a callback, or URL for a link.
type Button struct {
	Text string
	Data string // at most 64 bytes
	URL  string
}

// OutMessage is a message the bot sends: text, or a photo or document with a
// caption. Text is HTML; anything a user typed must be escaped with Esc.
type OutMessage struct {
	ChatID  int64
	Text    string
	Buttons [][]Button
	// EditID, when non-zero, edits that earlier bot message in place
	// (text and buttons) instead of sending a new one.
	EditID int
	// Photo or Document, when set, is sent as a file named FileName with
	// Text as its caption (at most 1,024 characters).
	Photo    []byte
	Document []byte
	FileName string
}

// Command is one entry of a command menu.
type Command struct {
	Name        string // without the slash
	Description string
}

// MenuScope says who sees a command menu: everyone (ChatID 0) or one chat.
type MenuScope struct {
	ChatID int64
	Lang   string // "" for every language
}

// Messenger sends the bot's messages. Package bot/telegram implements it over
// the Bot API; tests use the fake Bot API through the same implementation.
type Messenger interface {
	// Send sends or edits a message and returns its message id.
	Send(ctx context.Context, m OutMessage) (int, error)
	// AnswerCallback stops the spinner on a pressed button, with an optional
	// short notice.
	AnswerCallback(ctx context.Context, callbackID, text string) error
	// Download fetches a file sent by a user, refusing files above limit bytes.
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
	// SetCommands sets the command menu for a scope.
	SetCommands(ctx context.Context, scope MenuScope, cmds []Command) error
}

// ErrUnreachable is returned (wrapped) by a Messenger when the recipient
// blocked the bot or never started it (HTTP 403). It is not retried.
var ErrUnreachable = errors.New("recipient unreachable")

// ErrChatGone is returned (wrapped) when the chat does not exist or the bot
// was removed from it (HTTP 400 "chat not found", 403 "kicked").
var ErrChatGone = errors.New("chat not found")
