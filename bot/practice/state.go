package practice

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// What practice keeps in the main database's settings; none of it is a
// report, an evaluation or an audit entry.
const (
	// settingActive holds who is practising now, as JSON by Telegram id.
	settingActive = "practice.active"
	// settingSince is when the sandbox in use was started (the first
	// practice after nobody practised), in Unix milliseconds.
	settingSince = "practice.since"
	// settingEndedPrefix + Telegram id holds the message ids of a chat's
	// ended practice sessions, "first-last,…", so a button pressed on an
	// old practice message is never taken for a real one.
	settingEndedPrefix = "practice.ended."
	// settingDonePrefix + NIP holds, in Unix milliseconds, when the person
	// first ended a practice in which they sent or decided a report.
	settingDonePrefix = "practice.done."
	// maxRanges bounds the ended sessions kept per chat.
	maxRanges = 50
)

// Entry is one person's running practice.
type Entry struct {
	NIP   string `json:"nip"`
	Start int64  `json:"start"` // Unix milliseconds
	// First is the message id of the /latihan that began it; Last the
	// highest message id the practice sent. Every practice message of the
	// chat lies between them.
	First int `json:"first"`
	Last  int `json:"last"`
}

// Started returns when the practice began.
func (e Entry) Started() time.Time { return time.UnixMilli(e.Start) }

// settingStore is what the records need; a kinerja.Tx or Store satisfies it.
type settingStore interface {
	Setting(ctx context.Context, key string) (string, bool, error)
	PutSetting(ctx context.Context, key, value string) error
}

// Active returns who is practising, by Telegram id.
func Active(ctx context.Context, s settingStore) (map[int64]Entry, error) {
	v, ok, err := s.Setting(ctx, settingActive)
	if err != nil || !ok || v == "" {
		return map[int64]Entry{}, err
	}
	var m map[int64]Entry
	if err := json.Unmarshal([]byte(v), &m); err != nil || m == nil {
		return map[int64]Entry{}, nil // not written by this package: nobody
	}
	return m, nil
}

// putActive stores who is practising.
func putActive(ctx context.Context, s settingStore, m map[int64]Entry) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return s.PutSetting(ctx, settingActive, string(b))
}

// Touch records that practice sent message id to chat, so the chat's
// practice messages stay known after it ends. A chat not practising is
// left alone.
func Touch(ctx context.Context, s kinerja.Store, chat int64, id int) error {
	return s.InTx(ctx, func(tx kinerja.Tx) error {
		m, err := Active(ctx, tx)
		if err != nil {
			return err
		}
		e, ok := m[chat]
		if !ok || id <= e.Last {
			return nil
		}
		e.Last = id
		m[chat] = e
		return putActive(ctx, tx, m)
	})
}

// WasPractice reports whether message id of chat was sent during one of
// the chat's ended practice sessions.
func WasPractice(ctx context.Context, s settingStore, chat int64, id int) (bool, error) {
	v, _, err := s.Setting(ctx, settingEndedPrefix+strconv.FormatInt(chat, 10))
	if err != nil {
		return false, err
	}
	return inRanges(v, id), nil
}

// Batch is what routing a batch of updates needs to know of practice, read
// in one query: who is practising, and the ended sessions of the chats
// whose buttons were pressed.
type Batch struct {
	Active map[int64]Entry
	ended  map[int64]string
}

// batchStore reads several settings at once; a kinerja.Store satisfies it.
type batchStore interface {
	Settings(ctx context.Context, keys []string) (map[string]string, error)
}

// LoadBatch reads who is practising and the ended sessions of chats.
func LoadBatch(ctx context.Context, s batchStore, chats []int64) (Batch, error) {
	keys := make([]string, 0, len(chats)+1)
	keys = append(keys, settingActive)
	for _, c := range chats {
		keys = append(keys, settingEndedPrefix+strconv.FormatInt(c, 10))
	}
	vs, err := s.Settings(ctx, keys)
	if err != nil {
		return Batch{}, err
	}
	b := Batch{Active: map[int64]Entry{}, ended: map[int64]string{}}
	if v := vs[settingActive]; v != "" {
		if json.Unmarshal([]byte(v), &b.Active) != nil || b.Active == nil {
			b.Active = map[int64]Entry{} // not written by this package: nobody
		}
	}
	for _, c := range chats {
		if v := vs[settingEndedPrefix+strconv.FormatInt(c, 10)]; v != "" {
			b.ended[c] = v
		}
	}
	return b, nil
}

// WasPractice is WasPractice for a chat LoadBatch was given.
func (b Batch) WasPractice(chat int64, id int) bool { return inRanges(b.ended[chat], id) }

// inRanges reports whether id lies in one of the "first-last,…" ranges.
func inRanges(v string, id int) bool {
	if v == "" {
		return false
	}
	for _, r := range strings.Split(v, ",") {
		a, b, ok := strings.Cut(r, "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if ok && err1 == nil && err2 == nil && id >= first && id <= last {
			return true
		}
	}
	return false
}

// addEnded records an ended session's message ids.
func addEnded(ctx context.Context, s settingStore, chat int64, first, last int) error {
	key := settingEndedPrefix + strconv.FormatInt(chat, 10)
	v, _, err := s.Setting(ctx, key)
	if err != nil {
		return err
	}
	var ranges []string
	if v != "" {
		ranges = strings.Split(v, ",")
	}
	ranges = append(ranges, fmt.Sprintf("%d-%d", first, last))
	if len(ranges) > maxRanges {
		ranges = ranges[len(ranges)-maxRanges:]
	}
	return s.PutSetting(ctx, key, strings.Join(ranges, ","))
}

// DoneAt returns when the person with nip first completed a practice (sent
// or decided a practice report), for the onboarding export.
func DoneAt(ctx context.Context, s settingStore, nip string) (time.Time, bool, error) {
	v, ok, err := s.Setting(ctx, settingDonePrefix+nip)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	ms, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, false, nil
	}
	return time.UnixMilli(ms), true, nil
}

// markDone records a completed practice; the first completion is kept.
func markDone(ctx context.Context, s settingStore, nip string, at time.Time) error {
	if _, ok, err := DoneAt(ctx, s, nip); err != nil || ok {
		return err
	}
	return s.PutSetting(ctx, settingDonePrefix+nip, strconv.FormatInt(at.UnixMilli(), 10))
}

// Commands are the names the practice commands go by; the router sends
// them to the real bot even from a chat in practice.
var Commands = []string{"latihan", "practice"}

// Own reports whether an update belongs to practice itself (its command
// or its buttons), which the real bot handles even during practice.
func Own(u bot.Update) bool {
	if u.Callback != nil {
		p, _, _ := strings.Cut(u.Callback.Data, ":")
		p, _, _ = strings.Cut(p, ".")
		return p == buttons.Prefix
	}
	if u.Kind != bot.KindText || !strings.HasPrefix(u.Text, "/") {
		return false
	}
	name, _, _ := strings.Cut(strings.Fields(u.Text + " ")[0][1:], "@")
	for _, c := range Commands {
		if strings.EqualFold(name, c) {
			return true
		}
	}
	return false
}

// sortedIDs returns the keys of m in order, for a stable expiry.
func sortedIDs(m map[int64]Entry) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}
