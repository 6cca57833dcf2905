package fakeapi

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
)

// handlers maps lower-cased method names (Telegram ignores their case) to
// their implementation.
var handlers map[string]handler

func init() {
	handlers = map[string]handler{
		"getme":                  getMe,
		"getupdates":             getUpdates,
		"sendmessage":            sendMessage,
		"editmessagetext":        editMessageText,
		"editmessagereplymarkup": editMessageReplyMarkup,
		"answercallbackquery":    answerCallbackQuery,
		"sendphoto":              sendFile("photo"),
		"senddocument":           sendFile("document"),
		"setmycommands":          setMyCommands,
		"deletemessage":          deleteMessage,
		"sendchataction":         sendChatAction,
		"getfile":                getFile,
		"setwebhook":             setWebhook,
		"deletewebhook":          deleteWebhook,
		"getwebhookinfo":         getWebhookInfo,
	}
}

func getMe(f *Fake, _ *request) (any, *apiError) { return f.bot, nil }

// Messages returns the bot's messages in chat as they stand now (edits
// applied, deleted ones gone), oldest first.
func (f *Fake) Messages(chatID int64) []Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Message, 0, len(f.chats[chatID]))
	for _, m := range f.chats[chatID] {
		out = append(out, copyMessage(m))
	}
	return out
}

// LastMessage returns the bot's latest message in chat, or false if none.
func (f *Fake) LastMessage(chatID int64) (Message, bool) {
	ms := f.Messages(chatID)
	if len(ms) == 0 {
		return Message{}, false
	}
	return ms[len(ms)-1], true
}

// Chats returns the ids of the chats the bot has written in, ascending.
func (f *Fake) Chats() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return sortedIDs(f.chats)
}

// Commands returns the menu set for a chat (0 for the default scope) and a
// language ("" for all).
func (f *Fake) Commands(chatID int64, lang string) []Command {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.commands[scopeKey(chatID, lang)])
}

func copyMessage(m *Message) Message {
	c := *m
	c.Buttons = cloneButtons(m.Buttons)
	c.File = slices.Clone(m.File)
	return c
}

func cloneButtons(rows [][]Button) [][]Button {
	if rows == nil {
		return nil
	}
	out := make([][]Button, len(rows))
	for i, r := range rows {
		out[i] = slices.Clone(r)
	}
	return out
}

func (f *Fake) findLocked(chatID int64, id int) *Message {
	for _, m := range f.chats[chatID] {
		if m.ID == id {
			return m
		}
	}
	return nil
}

// wire renders a stored bot message as the API returns it.
func (f *Fake) wire(m *Message, chatType string) message {
	b := f.bot
	w := message{MessageID: m.ID, From: &b, Date: f.opts.Now().Unix(), Chat: Chat{ID: m.ChatID, Type: chatType}}
	switch {
	case m.Photo:
		w.Caption = m.Text
		w.Photo = []photoSize{{FileID: "BOTPHOTO-" + strconv.Itoa(m.ID), FileUniqueID: "BP" + strconv.Itoa(m.ID),
			Width: 1280, Height: 960, FileSize: len(m.File)}}
	case m.Document:
		w.Caption = m.Text
		w.Document = &document{FileID: "BOTDOC-" + strconv.Itoa(m.ID), FileUniqueID: "BD" + strconv.Itoa(m.ID),
			FileName: m.FileName, FileSize: len(m.File)}
	default:
		w.Text = m.Text
	}
	if len(m.Buttons) > 0 {
		w.ReplyMarkup = &keyboard{InlineKeyboard: m.Buttons}
	}
	return w
}

func chatType(id int64) string {
	if id < 0 {
		return "supergroup"
	}
	return "private"
}

// parseMarkup reads reply_markup, enforcing Telegram's 1–64 byte limit on
// callback data so the bot's mistakes show up in tests.
func parseMarkup(r *request) ([][]Button, *apiError) {
	raw := r.params["reply_markup"]
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var kb keyboard
	if err := json.Unmarshal([]byte(raw), &kb); err != nil {
		return nil, badRequest("can't parse reply keyboard markup JSON object")
	}
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			if b.URL == "" && (len(b.Data) < 1 || len(b.Data) > 64) {
				return nil, badRequest("BUTTON_DATA_INVALID")
			}
		}
	}
	r.call.Buttons = kb.InlineKeyboard
	return kb.InlineKeyboard, nil
}

func chatID(r *request) (int64, *apiError) {
	if r.call.ChatID == 0 {
		return 0, badRequest("chat_id is empty")
	}
	return r.call.ChatID, nil
}

func sendMessage(f *Fake, r *request) (any, *apiError) {
	id, aerr := chatID(r)
	if aerr != nil {
		return nil, aerr
	}
	text := r.params["text"]
	if text == "" {
		return nil, badRequest("message text is empty")
	}
	if aerr := checkMessage(text, r.params["parse_mode"], "message is too long"); aerr != nil {
		return nil, aerr
	}
	buttons, aerr := parseMarkup(r)
	if aerr != nil {
		return nil, aerr
	}
	r.call.Text = text
	return f.store(&Message{ChatID: id, Text: text, Buttons: buttons}, r), nil
}

// store appends a new bot message to its chat and returns its wire form.
func (f *Fake) store(m *Message, r *request) message {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.msgIDs[m.ChatID]++
	m.ID = f.msgIDs[m.ChatID]
	r.call.MessageID = m.ID
	f.chats[m.ChatID] = append(f.chats[m.ChatID], m)
	return f.wire(m, chatType(m.ChatID))
}

// sendFile implements sendPhoto and sendDocument: the file is uploaded in
// multipart field, or given as a file id or URL in the form.
func sendFile(field string) handler {
	return func(f *Fake, r *request) (any, *apiError) {
		id, aerr := chatID(r)
		if aerr != nil {
			return nil, aerr
		}
		up, ok := r.files[field]
		if !ok {
			if r.params[field] == "" {
				return nil, badRequest("there is no %s in the request", field)
			}
			up = upload{name: r.params[field]}
		}
		caption := r.params["caption"]
		if _, aerr := checkText(caption, r.params["parse_mode"], 1024, "message caption is too long"); aerr != nil {
			return nil, aerr
		}
		buttons, aerr := parseMarkup(r)
		if aerr != nil {
			return nil, aerr
		}
		r.call.Text, r.call.FileName, r.call.File = caption, up.name, up.data
		m := &Message{ChatID: id, Text: caption, Buttons: buttons, FileName: up.name, File: up.data,
			Photo: field == "photo", Document: field == "document"}
		return f.store(m, r), nil
	}
}

// edit finds the message an edit is about and applies change to it, with
// Telegram's answers for a missing message and for an edit that changes
// nothing.
func (f *Fake) edit(r *request, change func(m *Message) (modified bool, aerr *apiError)) (any, *apiError) {
	id, aerr := chatID(r)
	if aerr != nil {
		return nil, aerr
	}
	msgID, _ := strconv.Atoi(r.params["message_id"])
	r.call.MessageID = msgID
	f.mu.Lock()
	defer f.mu.Unlock()
	m := f.findLocked(id, msgID)
	if m == nil {
		return nil, badRequest("message to edit not found")
	}
	modified, aerr := change(m)
	if aerr != nil {
		return nil, aerr
	}
	if !modified {
		return nil, badRequest("message is not modified: specified new message content and reply " +
			"markup are exactly the same as a current content and reply markup of the message")
	}
	m.Edits++
	return f.wire(m, chatType(id)), nil
}

func editMessageText(f *Fake, r *request) (any, *apiError) {
	text := r.params["text"]
	if text == "" {
		return nil, badRequest("message text is empty")
	}
	if aerr := checkMessage(text, r.params["parse_mode"], "MESSAGE_TOO_LONG"); aerr != nil {
		return nil, aerr
	}
	buttons, aerr := parseMarkup(r)
	if aerr != nil {
		return nil, aerr
	}
	r.call.Text = text
	return f.edit(r, func(m *Message) (bool, *apiError) {
		if m.Photo || m.Document {
			return false, badRequest("there is no text in the message to edit")
		}
		same := m.Text == text && sameButtons(m.Buttons, buttons)
		m.Text, m.Buttons = text, buttons
		return !same, nil
	})
}

func editMessageReplyMarkup(f *Fake, r *request) (any, *apiError) {
	buttons, aerr := parseMarkup(r)
	if aerr != nil {
		return nil, aerr
	}
	return f.edit(r, func(m *Message) (bool, *apiError) {
		same := sameButtons(m.Buttons, buttons)
		m.Buttons = buttons
		return !same, nil
	})
}

func sameButtons(a, b [][]Button) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return bytes.Equal(mustJSON(a), mustJSON(b))
}

func answerCallbackQuery(f *Fake, r *request) (any, *apiError) {
	id := r.params["callback_query_id"]
	r.call.Text = r.params["text"]
	f.mu.Lock()
	defer f.mu.Unlock()
	answered, known := f.callbacks[id]
	if !known || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	f.callbacks[id] = true
	return true, nil
}

var commandName = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func scopeKey(chatID int64, lang string) string {
	return strconv.FormatInt(chatID, 10) + "/" + lang
}

func setMyCommands(f *Fake, r *request) (any, *apiError) {
	var cmds []Command
	if err := json.Unmarshal([]byte(r.params["commands"]), &cmds); err != nil {
		return nil, badRequest("can't parse commands JSON object")
	}
	if len(cmds) > 100 {
		return nil, badRequest("too many commands")
	}
	for _, c := range cmds {
		if !commandName.MatchString(c.Command) {
			return nil, badRequest("BOT_COMMAND_INVALID")
		}
		if n := utf8.RuneCountInString(c.Description); n < 1 || n > 256 {
			return nil, badRequest("command description is empty or too long")
		}
	}
	var scope struct {
		Type   string `json:"type"`
		ChatID int64  `json:"chat_id"`
	}
	if s := r.params["scope"]; s != "" {
		if err := json.Unmarshal([]byte(s), &scope); err != nil {
			return nil, badRequest("can't parse BotCommandScope JSON object")
		}
	}
	r.call.ChatID = scope.ChatID
	f.mu.Lock()
	defer f.mu.Unlock()
	f.commands[scopeKey(scope.ChatID, r.params["language_code"])] = cmds
	return true, nil
}

func deleteMessage(f *Fake, r *request) (any, *apiError) {
	id, aerr := chatID(r)
	if aerr != nil {
		return nil, aerr
	}
	msgID, _ := strconv.Atoi(r.params["message_id"])
	r.call.MessageID = msgID
	f.mu.Lock()
	defer f.mu.Unlock()
	ms := f.chats[id]
	for i, m := range ms {
		if m.ID == msgID {
			f.chats[id] = slices.Delete(ms, i, i+1)
			return true, nil
		}
	}
	return nil, badRequest("message to delete not found")
}

// checkMessage checks a message text: valid, at most 4,096 units, and not
// blank once parsed (Telegram trims the text and refuses an empty one).
func checkMessage(text, parseMode, tooLong string) *apiError {
	visible, aerr := checkText(text, parseMode, 4096, tooLong)
	if aerr != nil {
		return aerr
	}
	if strings.TrimSpace(visible) == "" {
		return badRequest("message text is empty")
	}
	return nil
}

func sendChatAction(_ *Fake, r *request) (any, *apiError) {
	if _, aerr := chatID(r); aerr != nil {
		return nil, aerr
	}
	return true, nil
}

// checkText enforces the length limit on the visible text and, in HTML
// mode, the entity parser's rules, strictly (tghtml): an unescaped "<" or
// "&" typed by a user, or a tag cut in two by a splitter, fails here as it
// would on Telegram. It returns the visible text.
func checkText(text, parseMode string, limit int, tooLong string) (string, *apiError) {
	visible := text
	if strings.EqualFold(parseMode, "HTML") {
		var err error
		if visible, err = tghtml.Visible(text); err != nil {
			return "", badRequest("can't parse entities: %v", err)
		}
	}
	if tghtml.PlainLen(visible) > limit {
		return "", badRequest("%s", tooLong)
	}
	return visible, nil
}
