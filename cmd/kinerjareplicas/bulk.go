package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// The bulk messages that go out beside the survey: a broadcast to many
// private chats, queued in the outbox as a job would, and the monthly
// summary, queued by `kinerjabot jobs run summary-monthly` into the groups
// of as many units. The replicas' one outbox sender sends both, under the
// same flood limits as the citizens' replies.
const (
	firstBroadcastChat = 500_000
	firstSummaryGroup  = -3_000_000 // minus the unit's number
	overallRate        = 30.0       // Telegram's overall limit, messages per second
)

// bulk counts the messages the fake accepted per chat of the broadcast
// and the summary.
type bulk struct {
	mu        sync.Mutex
	got       map[int64]int // messages accepted per chat
	broadcast int           // chats the broadcast goes to
	reached   int           // of those, chats with a message
	queuedAt  time.Time     // when the broadcast was queued
	doneAt    time.Time     // when its last chat got its message
	summary   map[int64]int // messages the summary job queued per group
}

func newBulk(broadcast int) *bulk {
	return &bulk{got: map[int64]int{}, broadcast: broadcast, summary: map[int64]int{}}
}

func (b *bulk) isBroadcast(chat int64) bool {
	return chat >= firstBroadcastChat && chat < firstBroadcastChat+int64(b.broadcast)
}

// observe counts an accepted message (a fake observer).
func (b *bulk) observe(c fakeapi.Call) {
	if c.Status != 200 || !isSend(c.Method) {
		return
	}
	if !b.isBroadcast(c.ChatID) && c.ChatID > firstSummaryGroup {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.got[c.ChatID]++
	if b.isBroadcast(c.ChatID) && b.got[c.ChatID] == 1 {
		b.reached++
		if b.reached == b.broadcast {
			b.doneAt = c.Time
		}
	}
}

// queueBroadcast queues one message to each broadcast chat in the outbox.
func (b *bulk) queueBroadcast(ctx context.Context, db *storage.DB) error {
	msgs := make([]*kinerja.OutboxMessage, b.broadcast)
	for i := range msgs {
		msgs[i] = &kinerja.OutboxMessage{ChatID: firstBroadcastChat + int64(i), Label: "load",
			Text: fmt.Sprintf("<b>Pengumuman</b> %d: ringkasan bulanan IKM sudah terbit.", i+1)}
	}
	b.mu.Lock()
	b.queuedAt = time.Now()
	b.mu.Unlock()
	_, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "load-broadcast", Slot: time.Now().Format(time.RFC3339Nano), At: time.Now()}, msgs)
	return err
}

// seedUnits adds n units, each with its own group, for the summary.
func seedUnits(ctx context.Context, db *storage.DB, n int) error {
	for i := 1; i <= n; i++ {
		u := &kinerja.Unit{Code: fmt.Sprintf("UNIT-%03d", i), Name: fmt.Sprintf("Unit beban %d", i), GroupChatID: firstSummaryGroup - int64(i)}
		if _, err := db.PutUnit(ctx, u); err != nil {
			return err
		}
	}
	return nil
}

// runSummary runs the monthly summary job through the bot's command line,
// for the month under way (as if at the start of the next one, so the
// survey answers of this run are in it), and notes what it queued per
// group from its report ("→ chat N, …" per message).
func (b *bulk) runSummary(ctx context.Context, bin, dir string, env []string) error {
	wib := time.FixedZone("WIB", 7*3600)
	now := time.Now().In(wib)
	at := time.Date(now.Year(), now.Month()+1, 1, 8, 0, 0, 0, wib)
	cmd := exec.CommandContext(ctx, bin, "jobs", "run", "summary-monthly", "--at", at.Format(time.RFC3339))
	cmd.Dir, cmd.Env = dir, append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("jobs run summary-monthly: %w\n%s", err, out)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "→ chat ")
		if !ok {
			continue
		}
		id, _, _ := strings.Cut(rest, ",")
		if chat, err := strconv.ParseInt(id, 10, 64); err == nil && chat <= firstSummaryGroup {
			b.summary[chat]++
		}
	}
	if len(b.summary) == 0 {
		return fmt.Errorf("jobs run summary-monthly queued nothing for the load's groups:\n%s", out)
	}
	return nil
}

// done reports whether every chat got at least what it is owed.
func (b *bulk) done() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.reached < b.broadcast {
		return false
	}
	for chat, want := range b.summary {
		if b.got[chat] < want {
			return false
		}
	}
	return true
}

// BulkResult is what the broadcast and the summary measured.
type BulkResult struct {
	Broadcast                   int           // chats
	BroadcastDup, BroadcastLost int           // messages beyond one per chat; chats with none
	BroadcastTime               time.Duration // from queueing to the last chat's message
	SummaryGroups               int
	SummaryMsgs                 int // messages the job queued
	SummaryDup, SummaryLost     int // messages beyond, and short of, what each group was owed
	// Messages (every chat) the fake accepted while the broadcast went out,
	// and of those the citizens' replies: they share the overall limit.
	SentDuringBroadcast, RepliesDuringBroadcast int
}

// Ideal is the broadcast's time at Telegram's overall limit (N/30 s).
func (r BulkResult) Ideal() time.Duration {
	return time.Duration(float64(r.Broadcast) / overallRate * float64(time.Second))
}

// result counts duplicates and losses per chat.
func (b *bulk) result(calls []fakeapi.Call) BulkResult {
	b.mu.Lock()
	defer b.mu.Unlock()
	r := BulkResult{Broadcast: b.broadcast, SummaryGroups: len(b.summary)}
	if b.broadcast > 0 && !b.doneAt.IsZero() {
		r.BroadcastTime = b.doneAt.Sub(b.queuedAt)
	}
	for i := range b.broadcast {
		switch n := b.got[firstBroadcastChat+int64(i)]; {
		case n == 0:
			r.BroadcastLost++
		case n > 1:
			r.BroadcastDup += n - 1
		}
	}
	for chat, want := range b.summary {
		r.SummaryMsgs += want
		got := b.got[chat]
		r.SummaryDup += max(0, got-want)
		r.SummaryLost += max(0, want-got)
	}
	if r.BroadcastTime > 0 {
		end := b.doneAt
		for _, c := range calls {
			if c.Status != 200 || !isSend(c.Method) || c.Time.Before(b.queuedAt) || c.Time.After(end) {
				continue
			}
			r.SentDuringBroadcast++
			if c.ChatID >= firstChat && c.ChatID < firstBroadcastChat {
				r.RepliesDuringBroadcast++
			}
		}
	}
	return r
}

// duplicated returns the chats that got more messages than they are owed.
func (b *bulk) duplicated() []int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []int64
	for chat, n := range b.got {
		want, ok := b.summary[chat]
		if !ok {
			want = 1
		}
		if n > want {
			out = append(out, chat)
		}
	}
	return out
}

// isSend reports the methods that post a message (and count against the
// flood limits).
func isSend(method string) bool {
	return method == "sendMessage" || method == "sendPhoto" || method == "sendDocument"
}
