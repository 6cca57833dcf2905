package kinerja

import (
	"context"
	"time"
)

// OutboxStatus is where a scheduled message stands.
type OutboxStatus string

// Outbox statuses. Only pending messages are ever sent; the others are final.
const (
	OutboxPending     OutboxStatus = "pending"     // waiting to be sent (or retried)
	OutboxSent        OutboxStatus = "sent"        // Telegram accepted it
	OutboxFailed      OutboxStatus = "failed"      // refused for good, or retried too often
	OutboxUnreachable OutboxStatus = "unreachable" // the person blocked the bot or never started it (403)
	OutboxGone        OutboxStatus = "gone"        // the chat does not exist or the bot was removed from it
)

// OutboxButton is an inline button of a queued message. Data may contain
// the placeholder "{id}", replaced by the message's own ID when it is sent,
// so that a button (such as "remind me later") can name its message.
type OutboxButton struct {
	Text string `json:"text"`
	Data string `json:"data,omitempty"`
	URL  string `json:"url,omitempty"`
}

// OutboxMessage is one message a scheduled job queued. Messages live in the
// database until sent, so a restart in the middle of a broadcast resumes
// where it stopped, and each chat receives its messages in queue order.
type OutboxMessage struct {
	ID      int64
	JobName string // the job that queued it ("snooze" for a "remind me later" copy)
	Slot    string // the job's slot (see JobRun)
	Seq     int    // position within the run
	ChatID  int64
	// NIP is the recipient's NIP when the chat is a person's; Label says who
	// or what the chat is (a name, "Grup Puskesmas …"), for the admins' list
	// of unreachable recipients and for operators.
	NIP   string
	Label string
	Text  string // HTML; the caption when a photo or document is attached
	// Buttons are the inline keyboard rows.
	Buttons [][]OutboxButton
	// Photo or Document, when set, is sent as a file named FileName.
	Photo    []byte
	Document []byte
	FileName string

	Status   OutboxStatus
	Attempts int
	// NotBefore is when the message may first go out (later than its
	// creation for a snoozed reminder). Within a chat, messages go out in
	// order of NotBefore, then ID.
	NotBefore time.Time
	// NextAttemptAt is NotBefore, or later after a failed attempt.
	NextAttemptAt time.Time
	SentAt        time.Time // zero until sent
	Error         string    // the last error, for operators
	CreatedAt     time.Time
}

// JobRun records that a job ran for a slot. A slot names the occasion a run
// is for (a day for a daily reminder, a week, a month); the store keeps at
// most one run per job and slot, so a job started twice for the same
// occasion (by cron and an operator, or by two processes) queues once.
type JobRun struct {
	Job      string
	Slot     string
	At       time.Time // the instant the run was for
	Messages int       // how many messages it queued
}

// OutboxStore is how jobs queue messages. It is used inside a transaction,
// so a job's reading of data and its queueing commit together.
type OutboxStore interface {
	// EnqueueRun records run and queues msgs (setting their IDs, Job, Slot,
	// Seq and status) in one transaction. If the job already ran for that
	// slot it queues nothing and returns false.
	EnqueueRun(ctx context.Context, run *JobRun, msgs []*OutboxMessage) (queued bool, err error)
	// JobRun returns the run of job for slot, or ENotFound.
	JobRun(ctx context.Context, job, slot string) (*JobRun, error)
	// OutboxMessage returns one queued message, or ENotFound.
	OutboxMessage(ctx context.Context, id int64) (*OutboxMessage, error)
	// PruneOutbox deletes messages that ended (sent or failed) before the
	// instant, and returns how many. Job runs are kept, so a pruned slot
	// still does not run twice.
	PruneOutbox(ctx context.Context, before time.Time) (int64, error)
}

// OutboxQueue is how the sender drains the outbox.
type OutboxQueue interface {
	// NextBatch returns up to limit messages due at now, at most one per
	// chat: the first pending message of its chat (by NotBefore, then ID),
	// and only if its next attempt is due. Oldest first.
	NextBatch(ctx context.Context, now time.Time, limit int) ([]*OutboxMessage, error)
	// MarkSent records that Telegram accepted the message.
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkRetry counts a failed attempt and sets the next one.
	MarkRetry(ctx context.Context, id int64, next time.Time, errText string) error
	// MarkFinal ends a message with status failed, unreachable or gone.
	MarkFinal(ctx context.Context, id int64, status OutboxStatus, errText string, at time.Time) error
	// UnreportedFailures returns up to limit messages that ended failed,
	// unreachable or gone and were not yet reported to the admins, oldest first.
	UnreportedFailures(ctx context.Context, limit int) ([]*OutboxMessage, error)
	// MarkReported records that the admins were told about these messages.
	MarkReported(ctx context.Context, ids []int64) error
	// OutboxCounts returns how many messages are in each status.
	OutboxCounts(ctx context.Context) (map[OutboxStatus]int, error)
}

// JobStore is what the scheduled jobs keep: the outbox with its job runs,
// and staff leave.
type JobStore interface {
	OutboxStore
	OutboxQueue
	LeaveStore
}
