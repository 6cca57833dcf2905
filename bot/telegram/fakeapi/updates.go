package fakeapi

import (
	"encoding/json"
	"fmt"
	"mime"
	"path"
	"sort"
	"strconv"
	"time"
)

// updateQueue holds updates until the bot confirms them, as Telegram does.
type updateQueue struct {
	next    int64
	pending []queued
	history map[int64]json.RawMessage // every update ever pushed, for Redeliver
}

type queued struct {
	id  int64
	raw json.RawMessage
	// sticky marks a redelivered copy: it survives the offset filter until it
	// has been handed out once, so a duplicate really reaches the bot.
	sticky bool
	// Webhook delivery: the update's chat (one delivery per chat at a
	// time), whether a delivery is under way, and when to try again.
	chat      int64
	inflight  bool
	attempts  int
	notBefore time.Time
}

// confirm drops the updates the offset confirms (ids below it).
func (q *updateQueue) confirm(offset int64) {
	if offset <= 0 {
		return
	}
	kept := q.pending[:0]
	for _, u := range q.pending {
		if u.id >= offset || u.sticky {
			kept = append(kept, u)
		}
	}
	q.pending = kept
}

// take hands out up to limit updates without removing them.
func (q *updateQueue) take(limit int) []json.RawMessage {
	var out []json.RawMessage
	for i := range q.pending {
		if len(out) == limit {
			break
		}
		q.pending[i].sticky = false
		out = append(out, q.pending[i].raw)
	}
	return out
}

// push queues an update, assigning the next update id.
func (f *Fake) push(u update) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.updates.next++
	u.UpdateID = f.updates.next
	raw := mustJSON(u)
	f.updates.pending = append(f.updates.pending, queued{id: u.UpdateID, raw: raw, chat: chatOf(raw)})
	f.updates.history[u.UpdateID] = raw
	f.notifyLocked()
	return u.UpdateID
}

// PushRaw queues an update given as JSON, for shapes the helpers do not
// build (a channel post, a poll). A missing or zero update_id is assigned.
// It returns the update id, or an error if raw is not a JSON object.
func (f *Fake) PushRaw(raw []byte) (int64, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return 0, fmt.Errorf("fakeapi: PushRaw: %w", err)
	}
	var id int64
	if v, ok := obj["update_id"]; ok {
		_ = json.Unmarshal(v, &id)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if id == 0 {
		f.updates.next++
		id = f.updates.next
		obj["update_id"] = mustJSON(id)
	} else if id > f.updates.next {
		f.updates.next = id
	}
	b := mustJSON(obj)
	f.updates.pending = append(f.updates.pending, queued{id: id, raw: b, chat: chatOf(b)})
	f.updates.history[id] = b
	f.notifyLocked()
	return id, nil
}

// Redeliver queues update id once more, even if the bot already confirmed
// it, as Telegram may do after a crash or with webhooks. It reports whether
// the update was known.
func (f *Fake) Redeliver(id int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	raw, ok := f.updates.history[id]
	if ok {
		f.updates.pending = append(f.updates.pending, queued{id: id, raw: raw, sticky: true, chat: chatOf(raw)})
		f.notifyLocked()
	}
	return ok
}

// Pending returns the ids of the updates not yet confirmed by the bot.
func (f *Fake) Pending() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	ids := make([]int64, 0, len(f.updates.pending))
	for _, u := range f.updates.pending {
		ids = append(ids, u.id)
	}
	return ids
}

// newMessage builds a user's message in chat with the chat's next id.
func (f *Fake) newMessage(chat Chat, from User) *message {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.msgIDs[chat.ID]++
	u := from
	return &message{MessageID: f.msgIDs[chat.ID], From: &u, Date: f.opts.Now().Unix(), Chat: chat}
}

func private(u User) Chat { return Chat{ID: u.ID, Type: "private"} }

// SendText makes from send text to the bot in their private chat and
// returns the update id.
func (f *Fake) SendText(from User, text string) int64 {
	return f.SendTextIn(private(from), from, text)
}

// SendTextIn makes from send text in chat (a group, say).
func (f *Fake) SendTextIn(chat Chat, from User, text string) int64 {
	m := f.newMessage(chat, from)
	m.Text = text
	return f.push(update{Message: m})
}

// SendPhoto makes from send a photo (two sizes: a small thumbnail and the
// full picture holding data) with a caption.
func (f *Fake) SendPhoto(from User, data []byte, caption string) int64 {
	m := f.newMessage(private(from), from)
	thumb := f.storeFile([]byte("thumbnail"), "photos/thumb.jpg")
	full := f.storeFile(data, "photos/photo.jpg")
	m.Photo = []photoSize{
		{FileID: thumb.id, FileUniqueID: thumb.unique, Width: 90, Height: 67, FileSize: len(thumb.data)},
		{FileID: full.id, FileUniqueID: full.unique, Width: 1280, Height: 960, FileSize: len(data)},
	}
	m.Caption = caption
	return f.push(update{Message: m})
}

// SendDocument makes from send a file named name with a caption.
func (f *Fake) SendDocument(from User, name string, data []byte, caption string) int64 {
	m := f.newMessage(private(from), from)
	sf := f.storeFile(data, "documents/"+path.Base(name))
	m.Document = &document{FileID: sf.id, FileUniqueID: sf.unique, FileName: name,
		MIMEType: mime.TypeByExtension(path.Ext(name)), FileSize: len(data)}
	m.Caption = caption
	return f.push(update{Message: m})
}

// SendSticker makes from send a sticker.
func (f *Fake) SendSticker(from User) int64 {
	m := f.newMessage(private(from), from)
	sf := f.storeFile([]byte("sticker"), "stickers/sticker.webp")
	m.Sticker = &sticker{FileID: sf.id, FileUniqueID: sf.unique, Width: 512, Height: 512, Emoji: "👍"}
	return f.push(update{Message: m})
}

// SendLocation makes from share a location (the Solok city hall).
func (f *Fake) SendLocation(from User) int64 {
	m := f.newMessage(private(from), from)
	m.Location = &location{Latitude: -0.7889, Longitude: 100.6547}
	return f.push(update{Message: m})
}

// EditText makes from edit their earlier message messageID to text.
func (f *Fake) EditText(from User, messageID int, text string) int64 {
	now := f.opts.Now().Unix()
	u := from
	m := &message{MessageID: messageID, From: &u, Date: now, EditDate: now, Chat: private(from), Text: text}
	return f.push(update{EditedMessage: m})
}

// Press makes from press the inline button carrying data on bot message
// messageID in their private chat, and returns the callback query id.
func (f *Fake) Press(from User, messageID int, data string) string {
	return f.PressIn(private(from), from, messageID, data)
}

// PressIn is Press in any chat.
func (f *Fake) PressIn(chat Chat, from User, messageID int, data string) string {
	f.mu.Lock()
	f.nextCB++
	id := "cb-" + strconv.Itoa(f.nextCB)
	f.callbacks[id] = false
	m := &message{MessageID: messageID, Chat: chat, Date: f.opts.Now().Unix()}
	if bm := f.findLocked(chat.ID, messageID); bm != nil {
		b := f.bot
		m.From, m.Text = &b, bm.Text
		if len(bm.Buttons) > 0 {
			m.ReplyMarkup = &keyboard{InlineKeyboard: bm.Buttons}
		}
	}
	f.mu.Unlock()
	f.push(update{CallbackQuery: &callbackQuery{ID: id, From: from, Message: m,
		ChatInstance: strconv.FormatInt(chat.ID, 10), Data: data}})
	return id
}

// CallbackAnswered reports whether the bot answered callback query id.
func (f *Fake) CallbackAnswered(id string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.callbacks[id]
}

// getUpdates implements the long poll: confirm by offset, hand out what is
// queued, or wait up to timeout seconds for something to arrive.
func getUpdates(f *Fake, r *request) (any, *apiError) {
	offset, _ := strconv.ParseInt(r.params["offset"], 10, 64)
	limit, _ := strconv.Atoi(r.params["limit"])
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(r.params["timeout"])
	wait := time.NewTimer(time.Duration(timeout) * time.Second)
	defer wait.Stop()

	f.mu.Lock()
	defer f.mu.Unlock()
	if f.webhook != nil {
		return nil, conflictWebhook
	}
	if f.polling > 0 {
		return nil, &apiError{code: 409, desc: "Conflict: terminated by other getUpdates request; " +
			"make sure that only one bot instance is running"}
	}
	f.polling++
	defer func() { f.polling-- }()
	f.updates.confirm(offset)
	f.notifyLocked()
	for {
		if batch := f.updates.take(limit); len(batch) > 0 || timeout <= 0 {
			if batch == nil {
				batch = []json.RawMessage{}
			}
			return batch, nil
		}
		ch := f.changed
		f.mu.Unlock()
		select {
		case <-ch:
			f.mu.Lock()
		case <-wait.C:
			f.mu.Lock()
			timeout = 0
		case <-r.ctx.Done():
			f.mu.Lock()
			return nil, errAborted
		case <-f.done:
			f.mu.Lock()
			return nil, errAborted
		}
	}
}

// storedFile is a file the fake can serve through getFile and /file/.
type storedFile struct {
	id, unique, path string
	data             []byte
}

func (f *Fake) storeFile(data []byte, hint string) *storedFile {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.storeFileLocked(data, hint)
}

func (f *Fake) storeFileLocked(data []byte, hint string) *storedFile {
	f.nextFile++
	n := strconv.Itoa(f.nextFile)
	sf := &storedFile{id: "FILE-" + n, unique: "U" + n, data: append([]byte(nil), data...),
		path: path.Dir(hint) + "/file_" + n + path.Ext(hint)}
	f.files[sf.id] = sf
	f.paths[sf.path] = sf
	return sf
}

func getFile(f *Fake, r *request) (any, *apiError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	sf := f.files[r.params["file_id"]]
	if sf == nil {
		return nil, badRequest("invalid file_id")
	}
	return fileInfo{FileID: sf.id, FileUniqueID: sf.unique, FileSize: len(sf.data), FilePath: sf.path}, nil
}

// sortedIDs is used by tests and the demo to list chats deterministically.
func sortedIDs(m map[int64][]*Message) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

// RepliedAfterAnswer reports whether the press with callback id has been
// answered and the bot has since sent or edited a message in chat: the bot
// answers a press first (before the batch is confirmed) and delivers its
// reply after, so a test that wants the reply waits for both.
func (f *Fake) RepliedAfterAnswer(id string, chat int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	answered := false
	for _, c := range f.calls {
		switch {
		case c.Method == "answerCallbackQuery" && c.Params["callback_query_id"] == id && c.Status == 200:
			answered = true
		case answered && c.ChatID == chat && c.Status == 200 &&
			(c.Method == "sendMessage" || c.Method == "editMessageText" || c.Method == "sendPhoto" || c.Method == "sendDocument"):
			return true
		}
	}
	return false
}
