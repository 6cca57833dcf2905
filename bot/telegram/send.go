package telegram

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
)

// Telegram's limits, in UTF-16 code units of the visible text (tags left
// out, an entity counted as its one character), as the API counts them.
const (
	maxText    = 4096
	maxCaption = 1024
)

// Send sends m and returns the id of the message that carries its buttons
// (the last one when the text had to be split). Each message it sends
// waits on Config.Pacer first, if any (edits do not).
//
// With EditID set, the message is edited in place; an edit to the same
// content counts as success, and a message that can no longer be edited is
// replaced by a new one. EditID is ignored for photos and documents.
func (c *Client) Send(ctx context.Context, m bot.OutMessage) (int, error) {
	switch {
	case m.Photo != nil || m.Document != nil:
		return c.sendFile(ctx, m)
	case m.Text == "":
		return 0, errors.New("telegram: sendMessage: empty message")
	case m.EditID > 0 && fits(m.Text, maxText):
		id, err := c.edit(ctx, m)
		if err == nil || !uneditable(err) {
			return id, err
		}
		c.log.Info("telegram: message cannot be edited, sending a new one",
			"chat", m.ChatID, "message", m.EditID, "err", err)
	}
	return c.sendText(ctx, m.ChatID, m.Text, keyboard(m.Buttons))
}

// edit changes the text and buttons of message m.EditID.
func (c *Client) edit(ctx context.Context, m bot.OutMessage) (int, error) {
	params := editParams(m, keyboard(m.Buttons))
	err := c.do(ctx, "editMessageText", m.ChatID, func(api *tgbotapi.BotAPI) error {
		_, err := api.MakeRequest("editMessageText", params)
		return err
	})
	if err != nil && hasDescription(err, "message is not modified") {
		return m.EditID, nil // the message already says this: nothing to do
	}
	if err != nil {
		return 0, err
	}
	return m.EditID, nil
}

// uneditable reports an edit refused because the message is gone, too old,
// or not a text message; a new message is the next best thing.
func uneditable(err error) bool {
	return hasDescription(err, "message to edit not found") ||
		hasDescription(err, "message can't be edited") ||
		hasDescription(err, "there is no text in the message to edit")
}

func hasDescription(err error, s string) bool {
	var te *tgbotapi.Error
	return errors.As(err, &te) && strings.Contains(te.Message, s)
}

// sendText sends text, split into messages Telegram accepts (see
// tghtml.Split); the buttons go on the last one, whose id is returned.
func (c *Client) sendText(ctx context.Context, chatID int64, text string, kb *tgbotapi.InlineKeyboardMarkup) (int, error) {
	parts, err := tghtml.Split(text, maxText)
	if err != nil {
		// A text the bot built wrong would be refused whole: the user gets it
		// with its markup showing, and the log says what to fix.
		c.log.Error("telegram: message is not valid HTML, sending it escaped", "chat", chatID, "err", err)
		parts, _ = tghtml.Split(tghtml.Escape(text), maxText)
	}
	if len(parts) == 0 {
		return 0, errors.New("telegram: sendMessage: message has no visible text")
	}
	var id int
	for i, part := range parts {
		cfg := tgbotapi.NewMessage(chatID, part)
		cfg.ParseMode = tgbotapi.ModeHTML
		if i == len(parts)-1 && kb != nil {
			cfg.ReplyMarkup = kb
		}
		if id, err = c.send(ctx, "sendMessage", chatID, cfg); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// sendFile sends a photo or document with Text as caption. A caption over
// Telegram's limit (or one it would refuse) goes out as a message after the
// file instead, with the buttons, so nothing is cut.
func (c *Client) sendFile(ctx context.Context, m bot.OutMessage) (int, error) {
	caption, rest := m.Text, ""
	if !fits(caption, maxCaption) {
		caption, rest = "", m.Text
	}
	kb := keyboard(m.Buttons)
	fileKB := kb
	if rest != "" {
		fileKB = nil
	}
	var (
		cfg    tgbotapi.Chattable
		method string
	)
	if m.Photo != nil {
		p := tgbotapi.NewPhoto(m.ChatID, tgbotapi.FileBytes{Name: orDefault(m.FileName, "photo.jpg"), Bytes: m.Photo})
		p.Caption, p.ParseMode = caption, tgbotapi.ModeHTML
		if fileKB != nil {
			p.ReplyMarkup = fileKB
		}
		cfg, method = p, "sendPhoto"
	} else {
		d := tgbotapi.NewDocument(m.ChatID, tgbotapi.FileBytes{Name: orDefault(m.FileName, "document"), Bytes: m.Document})
		d.Caption, d.ParseMode = caption, tgbotapi.ModeHTML
		if fileKB != nil {
			d.ReplyMarkup = fileKB
		}
		cfg, method = d, "sendDocument"
	}
	id, err := c.send(ctx, method, m.ChatID, cfg)
	if err != nil || rest == "" {
		return id, err
	}
	return c.sendText(ctx, m.ChatID, rest, kb)
}

// send performs one message-returning call with retries, paced by
// Config.Pacer when paced says so.
func (c *Client) send(ctx context.Context, method string, chatID int64, cfg tgbotapi.Chattable) (int, error) {
	if p := c.cfg.Pacer; p != nil && c.paced(ctx) {
		if err := p.Wait(ctx, chatID); err != nil {
			return 0, c.wrap(method, fmt.Errorf("chat %d: waiting for the flood limit: %w", chatID, err))
		}
	}
	var msg tgbotapi.Message
	err := c.do(ctx, method, chatID, func(api *tgbotapi.BotAPI) error {
		var err error
		msg, err = api.Send(cfg)
		return err
	})
	return msg.MessageID, err
}

// AnswerCallback stops the button's spinner, showing text as a short notice
// if it is not empty. answerCallbackQuery returns true, not a message, so it
// goes through Request.
func (c *Client) AnswerCallback(ctx context.Context, callbackID, text string) error {
	cfg := tgbotapi.NewCallback(callbackID, plain(text, maxAnswer))
	return c.do(ctx, "answerCallbackQuery", 0, func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(cfg)
		return err
	})
}

// SetCommands sets the command menu shown to everyone (scope.ChatID 0) or
// in one chat, for one language or all ("").
func (c *Client) SetCommands(ctx context.Context, scope bot.MenuScope, cmds []bot.Command) error {
	list := make([]tgbotapi.BotCommand, 0, len(cmds)) // never nil: "null" is refused
	for _, cmd := range cmds {
		list = append(list, tgbotapi.BotCommand{Command: cmd.Name, Description: cmd.Description})
	}
	sc := tgbotapi.NewBotCommandScopeDefault()
	if scope.ChatID != 0 {
		sc = tgbotapi.NewBotCommandScopeChat(scope.ChatID)
	}
	cfg := tgbotapi.SetMyCommandsConfig{Commands: list, Scope: &sc, LanguageCode: scope.Lang}
	return c.do(ctx, "setMyCommands", scope.ChatID, func(api *tgbotapi.BotAPI) error {
		_, err := api.Request(cfg)
		return err
	})
}

// maxAnswer is the longest notice answerCallbackQuery shows.
const maxAnswer = 200

// plain turns a text the bot composed as HTML (its templates escape what
// they insert) into the plain text that button labels and callback notices
// are: tags removed, entities decoded, so "Sari &lt;Dewi&gt;" shows as
// "Sari <Dewi>". A label that is not HTML at all (a bare "&") is kept as
// it is. limit, when not 0, cuts it to that many characters with "…".
func plain(s string, limit int) string {
	if strings.ContainsAny(s, "<&") { // else it is plain already (most labels)
		if v, err := tghtml.Visible(s); err == nil {
			s = v
		}
	}
	if r := []rune(s); limit > 0 && len(r) > limit {
		s = string(r[:limit-1]) + "…"
	}
	return s
}

// keyboard converts the bot's buttons, or returns nil for none so that no
// reply_markup is sent (an edit without one removes the old keyboard).
func keyboard(rows [][]bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var out [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			if b.URL != "" {
				r = append(r, tgbotapi.NewInlineKeyboardButtonURL(plain(b.Text, 0), b.URL))
			} else {
				r = append(r, tgbotapi.NewInlineKeyboardButtonData(plain(b.Text, 0), b.Data))
			}
		}
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: out}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// fits reports whether text goes out as one message or caption of at most
// limit units that Telegram accepts.
func fits(text string, limit int) bool {
	return tghtml.Validate(text) == nil && tghtml.Len(text) <= limit
}
