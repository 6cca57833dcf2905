package kinerja

import (
	"context"
	"time"
)

// PendingReply is a reply the bot owes for an update it handled: written in
// the same transaction as the update's effects, and deleted once sent. A
// process that dies between the commit and the send leaves it behind, and
// the next one to start sends it (at-least-once delivery of replies; the
// update's effects still happen once).
type PendingReply struct {
	ID       int64
	UpdateID int64
	// QueueChat is the chat of the update: a reply keeps its place behind
	// that chat's earlier replies, even one sent to another chat (a
	// notification to an assessor).
	QueueChat int64
	ChatID    int64  // where the message goes
	Text      string // HTML; the caption when a photo or document is attached
	Buttons   [][]OutboxButton
	// EditID, when non-zero, edits that earlier bot message in place; an
	// edit sent twice is harmless.
	EditID   int
	Photo    []byte
	Document []byte
	FileName string
	// Owner is the replica that sends it, and LeaseUntil how long that
	// claim holds unless renewed: a replica that stops renewing (it
	// crashed) leaves its replies to be claimed by another.
	Owner      string
	LeaseUntil time.Time
	CreatedAt  time.Time
	// Superseded is set by ClaimReplies on an edit of a message that a
	// newer edit has changed since: it is not to be sent again.
	Superseded bool
}

// ReplyJournal is how a transaction records the replies its updates owe.
type ReplyJournal interface {
	// JournalReplies inserts rs, in order, owned by owner until leaseUntil
	// (their ID, Owner and LeaseUntil are ignored).
	JournalReplies(ctx context.Context, owner string, leaseUntil time.Time, rs []PendingReply) error
}

// ReplyQueue is how a replica takes care of the journalled replies.
type ReplyQueue interface {
	// ClaimReplies makes owner the owner, until leaseUntil, of the replies
	// whose lease ended before now, and also of owner's own when own is set
	// (a replica starting again under its name), and returns them in the
	// order they were journalled.
	ClaimReplies(ctx context.Context, owner string, own bool, now, leaseUntil time.Time) ([]PendingReply, error)
	// RenewReplies extends the lease of every reply owner holds.
	RenewReplies(ctx context.Context, owner string, leaseUntil time.Time) error
	// DeleteReplies forgets the replies of the given updates, once sent.
	DeleteReplies(ctx context.Context, updateIDs []int64) error
}
