package bot_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// dying is a Messenger of a process about to die: button answers go out,
// sends never return (until the test ends).
type dying struct {
	bottest.Recorder
	release chan struct{}
}

func (d *dying) Send(ctx context.Context, m bot.OutMessage) (int, error) {
	<-d.release
	return 0, context.Canceled
}

// crash runs batch on a process named replica whose sends never return,
// then kills it: its replies stay owed. It returns the dying messenger
// (for the button answers it gave).
func crash(t *testing.T, store kinerja.Store, clock func() time.Time, replica string, sent bot.SentLog, batch []bot.Update, fs ...bot.Feature) *dying {
	t.Helper()
	dead := &dying{Recorder: bottest.Recorder{T: t}, release: make(chan struct{})}
	t.Cleanup(func() { close(dead.release) })
	b, err := bot.New(bot.Config{}, store, dead, clock, nil, fs...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, die := context.WithCancel(context.Background())
	defer die()
	if _, err := b.ResumeReplies(ctx, replica, sent); err != nil {
		t.Fatal(err)
	}
	if err := b.HandleBatch(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	return dead
}

// restart starts a process named replica and returns it with its
// messenger and how many owed replies it queued.
func restart(t *testing.T, store kinerja.Store, clock func() time.Time, replica string, sent bot.SentLog, fs ...bot.Feature) (*bot.Bot, *bottest.Recorder, int) {
	t.Helper()
	msg := &bottest.Recorder{T: t}
	b, err := bot.New(bot.Config{}, store, msg, clock, nil, fs...)
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	n, err := b.ResumeReplies(ctx, replica, sent)
	if err != nil {
		t.Fatal(err)
	}
	return b, msg, n
}

// A reply committed but unsent when the process dies is sent by the next
// one, once and in order; the redelivered updates have no second effect
// and send nothing more, and the redelivered press is answered again.
func TestRepliesUnsentAtACrashAreSentAfterRestart(t *testing.T) {
	for engine, open := range storagetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			ctx := context.Background()
			db := open(t)
			t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			clock := func() time.Time { return t0 }
			batch := []bot.Update{
				private(401, 7101, "/put a"),
				press(402, 7102, "lang:en"),
				private(403, 7101, "/put b"),
			}

			// The first process commits the batch, answers the press, and
			// dies before any reply is out.
			dead := crash(t, db, clock, "replica-1", nil, batch, writer)
			if got := dead.Answer(batch[1].Callback.ID); !strings.Contains(got, "Language set") {
				t.Fatalf("the press was answered %q before the batch was confirmed", got)
			}

			// A replica of another name, started while the lease holds,
			// leaves them alone: the first might be alive.
			if _, _, n := restart(t, db, clock, "replica-2", nil, writer); n != 0 {
				t.Fatalf("another replica claimed %d replies of a live lease", n)
			}

			// The same replica starts again: it sends what is owed, then
			// gets the unconfirmed batch again.
			again, msg, n := restart(t, db, clock, "replica-1", nil, writer)
			if n != 3 {
				t.Fatalf("ResumeReplies = %d; want the 3 replies owed", n)
			}
			if err := msg.AnswerCallback(ctx, batch[1].Callback.ID, "marker"); err != nil {
				t.Fatal(err)
			}
			if err := again.HandleBatch(ctx, batch); err != nil {
				t.Fatal(err)
			}
			again.Wait(ctx)
			msgs := msg.Take()
			if got := bottest.Texts(to(msgs, 7101)); len(got) != 2 || got[0] != "ok a" || got[1] != "ok b" {
				t.Errorf("chat 7101 got %q, want ok a, ok b once each, in order", got)
			}
			if got := to(msgs, 7102); len(got) != 1 || got[0].EditID != batch[1].Callback.MessageID {
				t.Errorf("chat 7102 got %+v, want the edit of the pressed message once", got)
			}
			if got := msg.Answer(batch[1].Callback.ID); got != "" {
				t.Errorf("the redelivered press was not answered again (last answer %q)", got)
			}
			if st := again.Stats(); st.Duplicates != 3 || st.Handled != 0 {
				t.Errorf("Stats() = %+v, want the 3 updates recognised as handled", st)
			}

			// Sent replies are forgotten: a third start owes nothing.
			left, err := db.ClaimReplies(ctx, "audit", true, t0.Add(time.Hour), t0.Add(2*time.Hour))
			if err != nil || len(left) != 0 {
				t.Errorf("%d replies left in the queue after delivery (%v)", len(left), err)
			}
		})
	}
}

// A replica that crashed for good is replaced: once its lease has ended,
// another replica claims its unsent replies at start.
func TestRepliesOfACrashedReplicaAreTakenOverAfterTheLease(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	crash(t, db, func() time.Time { return t0 }, "replica-1", nil, []bot.Update{private(501, 7201, "/put x")}, writer)

	later := func() time.Time { return t0.Add(time.Minute) }
	b, msg, n := restart(t, db, later, "replica-2", nil, writer)
	if n != 1 {
		t.Fatalf("ResumeReplies = %d; want the crashed replica's reply", n)
	}
	b.Wait(ctx)
	if got := bottest.Texts(to(msg.Take(), 7201)); len(got) != 1 || got[0] != "ok x" {
		t.Errorf("got %q, want the crashed replica's reply once", got)
	}
	if left, err := db.ClaimReplies(ctx, "audit", true, t0.Add(time.Hour), t0.Add(2*time.Hour)); err != nil || len(left) != 0 {
		t.Errorf("%d replies left after delivery (%v)", len(left), err)
	}
}

// Without ResumeReplies (tests, the demo) nothing is journalled.
func TestRepliesAreNotJournalledUnlessSwitchedOn(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	b, err := bot.New(bot.Config{}, db, &bottest.Recorder{T: t}, nil, nil, writer)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.HandleBatch(ctx, []bot.Update{private(601, 7301, "/put y")}); err != nil {
		t.Fatal(err)
	}
	b.Wait(ctx)
	var rows []kinerja.PendingReply
	if rows, err = db.ClaimReplies(ctx, "audit", true, time.Now().Add(time.Hour), time.Now().Add(2*time.Hour)); err != nil || len(rows) != 0 {
		t.Errorf("%d replies journalled with durable replies off (%v)", len(rows), err)
	}
}

// After a kill, a restarted replica skips the updates its sent log marks
// (their replies went out just before), and of several unsent edits of one
// message sends only the last, so no old step flashes up again.
func TestRestartSkipsMarkedUpdatesAndReplacedEdits(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return t0 }
	sent, err := bot.OpenSentLog(filepath.Join(t.TempDir(), "sent"))
	if err != nil {
		t.Fatal(err)
	}
	defer sent.Close()
	batch := []bot.Update{
		private(701, 7401, "/put m"), // went out before the kill (marked below)
		private(702, 7401, "/put n"),
		press(703, 7402, "lang:en"), // two edits of message 7: only the last is owed
		press(704, 7402, "lang:id"),
	}
	crash(t, db, clock, "replica-1", sent, batch, writer)
	if err := sent.Mark(701); err != nil {
		t.Fatal(err)
	}
	again, msg, n := restart(t, db, clock, "replica-1", sent, writer)
	if n != 2 {
		t.Fatalf("ResumeReplies = %d; want 2 replies (one message, one edit)", n)
	}
	again.Wait(ctx)
	msgs := msg.Take()
	if got := bottest.Texts(to(msgs, 7401)); len(got) != 1 || got[0] != "ok n" {
		t.Errorf("chat 7401 got %q, want only the unmarked reply", got)
	}
	if got := to(msgs, 7402); len(got) != 1 || !strings.Contains(got[0].Text, "Bahasa Indonesia") {
		t.Errorf("chat 7402 got %q, want only the last edit", bottest.Texts(got))
	}
	if left, err := db.ClaimReplies(ctx, "audit", true, t0.Add(time.Hour), t0.Add(2*time.Hour)); err != nil || len(left) != 0 {
		t.Errorf("%d replies left after delivery (%v)", len(left), err)
	}
	if marks, err := sent.Marked(); err != nil || len(marks) != 0 {
		t.Errorf("marks left after every reply was deleted: %v (%v)", marks, err)
	}
}

// twice answers /two with two messages.
var twice = featureFunc(func(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "two", Help: "x", Handle: func(r *bot.Request) error {
		r.Reply("first")
		r.Reply("second")
		return nil
	}})
})

// A kill between the two replies of one update: the first went out and
// was marked in part, so the restarted replica sends only the second.
func TestRestartSendsOnlyTheRepliesAfterAPartMark(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return t0 }
	path := filepath.Join(t.TempDir(), "sent")
	sent, err := bot.OpenSentLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer sent.Close()
	crash(t, db, clock, "replica-1", sent, []bot.Update{private(801, 7501, "/two")}, twice)
	if err := sent.MarkPart(801, 1); err != nil {
		t.Fatal(err)
	}
	if parts, err := sent.Parts(); err != nil || parts[801] != 1 {
		t.Fatalf("Parts() = %v, %v", parts, err)
	}
	again, msg, n := restart(t, db, clock, "replica-1", sent, twice)
	if n != 1 {
		t.Fatalf("ResumeReplies = %d; want the one reply not yet sent", n)
	}
	again.Wait(ctx)
	if got := bottest.Texts(to(msg.Take(), 7501)); len(got) != 1 || got[0] != "second" {
		t.Errorf("chat 7501 got %q, want only the second reply", got)
	}
}

// recordingLog is a SentLog that remembers its marks in order.
type recordingLog struct {
	bot.SentLog
	mu    sync.Mutex
	calls []string
}

func (l *recordingLog) Mark(u int64) error {
	l.mu.Lock()
	l.calls = append(l.calls, fmt.Sprintf("%d", u))
	l.mu.Unlock()
	return l.SentLog.Mark(u)
}

func (l *recordingLog) MarkPart(u int64, n int) error {
	l.mu.Lock()
	l.calls = append(l.calls, fmt.Sprintf("%d:%d", u, n))
	l.mu.Unlock()
	return l.SentLog.MarkPart(u, n)
}

func (l *recordingLog) marks() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.calls, " ")
}

// Delivering an update's replies marks each but the last in part, then
// the update whole.
func TestDeliveryMarksRepliesInPart(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	file, err := bot.OpenSentLog(filepath.Join(t.TempDir(), "sent"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	sent := &recordingLog{SentLog: file}
	msg := &bottest.Recorder{T: t}
	b, err := bot.New(bot.Config{}, db, msg, func() time.Time { return t0 }, nil, twice, writer)
	if err != nil {
		t.Fatal(err)
	}
	bctx, stop := context.WithCancel(ctx)
	defer stop()
	if _, err := b.ResumeReplies(bctx, "replica-1", sent); err != nil {
		t.Fatal(err)
	}
	if err := b.HandleBatch(ctx, []bot.Update{private(811, 7511, "/two"), private(812, 7512, "/put k")}); err != nil {
		t.Fatal(err)
	}
	b.Wait(ctx)
	// The chats are delivered in parallel: only each update's own order
	// is fixed.
	got := strings.Fields(sent.marks())
	if !slices.Equal(slices.DeleteFunc(slices.Clone(got), func(m string) bool { return !strings.HasPrefix(m, "811") }), []string{"811:1", "811"}) ||
		!slices.Equal(slices.DeleteFunc(slices.Clone(got), func(m string) bool { return !strings.HasPrefix(m, "812") }), []string{"812"}) {
		t.Errorf("marks %q: want 811 in part then whole, 812 whole only", got)
	}
	if got := bottest.Texts(to(msg.Take(), 7511)); len(got) != 2 {
		t.Errorf("sent %q", got)
	}
}

// stalling is a Messenger whose sends of the text stall never return (as a
// reply waiting out 429s); every other send goes out.
type stalling struct {
	bottest.Recorder
	stall   string
	release chan struct{}
}

func (s *stalling) Send(ctx context.Context, m bot.OutMessage) (int, error) {
	if m.Text == s.stall {
		<-s.release
		return 0, context.Canceled
	}
	return s.Recorder.Send(ctx, m)
}

// The part mark of an update still being sent survives the flushes that
// forget the marks of other updates' deleted replies: with the second
// reply of /two held up (by 429s, say) while other chats' replies go out
// and are forgotten, a kill sends only the second reply after restart, not
// the first again (it used to: each flush dropped every part mark).
func TestPartMarkSurvivesFlushesOfOtherReplies(t *testing.T) {
	ctx := context.Background()
	db := storagetest.MustOpenDB(t)
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return t0 }
	sent, err := bot.OpenSentLog(filepath.Join(t.TempDir(), "sent"))
	if err != nil {
		t.Fatal(err)
	}
	defer sent.Close()
	held := &stalling{Recorder: bottest.Recorder{T: t}, stall: "second", release: make(chan struct{})}
	defer close(held.release)
	b, err := bot.New(bot.Config{}, db, held, clock, nil, twice, writer)
	if err != nil {
		t.Fatal(err)
	}
	bctx, die := context.WithCancel(ctx)
	if _, err := b.ResumeReplies(bctx, "replica-1", sent); err != nil {
		t.Fatal(err)
	}
	if err := b.HandleBatch(ctx, []bot.Update{private(901, 7601, "/two")}); err != nil {
		t.Fatal(err)
	}
	// Other chats' replies go out and are deleted while /two waits.
	var out []bot.OutMessage
	for i := range 3 {
		id, chat := int64(902+i), int64(7602+i)
		if err := b.HandleBatch(ctx, []bot.Update{private(id, chat, "/put z")}); err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for {
			out = append(out, held.Take()...)
			marks, err := sent.Marked()
			if err != nil {
				t.Fatal(err)
			}
			if len(to(out, chat)) == 1 && !marks[id] {
				break // sent, and its mark forgotten with its deletion
			}
			if time.Now().After(deadline) {
				t.Fatalf("update %d's reply was not sent and forgotten", id)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	if got := bottest.Texts(to(out, 7601)); len(got) != 1 || got[0] != "first" {
		t.Fatalf("chat 7601 got %q before the kill, want the first reply", got)
	}
	if parts, err := sent.Parts(); err != nil || parts[901] != 1 {
		t.Fatalf("after the flushes Parts() = %v, %v; want 901's first reply marked", parts, err)
	}
	die() // the process is killed; its second reply never went out

	again, msg, n := restart(t, db, clock, "replica-1", sent, twice, writer)
	if n != 1 {
		t.Fatalf("ResumeReplies = %d; want only the reply not yet sent", n)
	}
	again.Wait(ctx)
	if got := bottest.Texts(to(msg.Take(), 7601)); len(got) != 1 || got[0] != "second" {
		t.Errorf("chat 7601 got %q after restart, want only the second reply", got)
	}
}
