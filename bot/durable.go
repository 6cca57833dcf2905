package bot

import (
	"context"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Durable replies. The replies of an update are written to the reply
// queue in the transaction that commits its effects and its "handled"
// mark (one multi-row INSERT per batch); the delivery queue sends them as
// before and then deletes them, in batches, off the handling path. A
// process that dies in between leaves them in the queue, and the next one
// sends them at start, before new work: at-least-once delivery of
// replies, while the effects still happen once. A resent edit is harmless
// ("message is not modified"), and one that a newer edit of its message
// has replaced meanwhile (on another replica) is not resent, as it would
// turn the message back a step; a resent new message may appear twice,
// which beats a citizen left waiting. Button answers are not journalled:
// a redelivered press is answered again (seenRequest).
//
// Several replicas may share one database: every row names the replica
// that sends it and carries a lease the replica keeps renewing. At start a
// replica takes back the rows under its own name (a restart) and those
// whose lease ended (a crashed replica's), never a live replica's; while
// running it keeps taking over ended leases.
const (
	// replyLease is how long a claim holds without renewal.
	replyLease = 30 * time.Second
	// replyRenewEvery is how often a replica renews its leases and looks
	// for ended ones.
	replyRenewEvery = 10 * time.Second
	// replyAckEvery is how often sent replies are deleted, in one
	// transaction for all of them.
	replyAckEvery = 50 * time.Millisecond
)

// durable is the bot's state of durable replies; its zero value is off
// (replies are only in memory, as in tests and the demo).
type durable struct {
	owner string        // this replica's name; "" when off
	mu    sync.Mutex    // guards acks, parts and the marks in log
	acks  []int64       // updates whose replies were sent and not yet deleted
	parts map[int64]int // updates being sent: how many of their replies went out
	log   SentLog       // marks of sent updates (sentlog.go); nil for none
}

// replyStore is a transaction that can journal and manage replies.
type replyStore interface {
	kinerja.ReplyJournal
	kinerja.ReplyQueue
}

// ResumeReplies switches durable replies on under the replica name owner
// and queues, ahead of any new work, the replies left unsent by this
// replica's previous run or by a replica whose lease ended. Until ctx
// ends it renews this replica's leases, takes over ended ones and deletes
// sent replies. sent, when not nil, marks each delivered update at once
// so a restart of this replica skips what went out just before a kill.
// Call it once, before polling; it returns how many replies it queued.
func (b *Bot) ResumeReplies(ctx context.Context, owner string, sent SentLog) (int, error) {
	if owner == "" {
		return 0, nil
	}
	b.replies.owner, b.replies.log = owner, sent
	n, err := b.claimReplies(ctx, true)
	if err != nil {
		b.replies.owner = ""
		return 0, err
	}
	if n > 0 {
		b.log.Info("resending replies left unsent", "replies", n, "replica", owner)
	}
	go b.keepReplies(ctx)
	return n, nil
}

// claimReplies claims unsent replies (this replica's own too when own is
// set) and queues them for delivery, each update's in order behind its
// chat's earlier ones.
func (b *Bot) claimReplies(ctx context.Context, own bool) (int, error) {
	var rows []kinerja.PendingReply
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		q, ok := tx.(replyStore)
		if !ok {
			return nil
		}
		now := b.now()
		var err error
		rows, err = q.ClaimReplies(ctx, b.replies.owner, own, now, now.Add(replyLease))
		return err
	})
	if err != nil {
		return 0, err
	}
	var (
		marked map[int64]bool
		parts  map[int64]int
	)
	if own && b.replies.log != nil {
		if marked, err = b.replies.log.Marked(); err == nil {
			parts, err = b.replies.log.Parts()
		}
		if err != nil {
			b.log.Warn("reading the marks of sent replies failed; unsent ones may repeat", "err", err)
		}
	}
	// An edit that a later one of the same message replaces is not sent
	// again: resending it would show an old step for a moment.
	last := map[[2]int64]int{}
	for i, row := range rows {
		if row.EditID != 0 {
			last[[2]int64{row.ChatID, int64(row.EditID)}] = i
		}
	}
	ctx = context.WithoutCancel(ctx)
	queued := 0
	var r *Request
	nth := 0 // the row's place among its update's rows
	for i, row := range rows {
		if r == nil || r.ID != row.UpdateID {
			if r != nil {
				b.out.enqueue(ctx, b, r)
			}
			r = &Request{Update: Update{ID: row.UpdateID, ChatID: row.QueueChat}, Ctx: ctx, bot: b, journaled: true, resumed: true}
			nth = 0
		}
		nth++
		if marked[row.UpdateID] || nth <= parts[row.UpdateID] {
			continue // went out just before the previous run ended
		}
		if row.EditID != 0 && (row.Superseded || last[[2]int64{row.ChatID, int64(row.EditID)}] != i) {
			continue // a newer edit of the message was sent or is queued
		}
		r.out = append(r.out, outMessageOf(row))
		queued++
	}
	if r != nil {
		b.out.enqueue(ctx, b, r)
	}
	return queued, nil
}

// keepReplies renews this replica's leases, takes over ended ones and
// deletes sent replies until ctx ends; Wait deletes the last ones.
func (b *Bot) keepReplies(ctx context.Context) {
	ack := time.NewTicker(replyAckEvery)
	defer ack.Stop()
	renew := time.NewTicker(replyRenewEvery)
	defer renew.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ack.C:
			b.flushAcks(ctx)
		case <-renew.C:
			err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
				if q, ok := tx.(replyStore); ok {
					return q.RenewReplies(ctx, b.replies.owner, b.now().Add(replyLease))
				}
				return nil
			})
			if err != nil {
				b.log.Warn("renewing the lease of unsent replies failed", "err", err)
				continue
			}
			if n, err := b.claimReplies(ctx, false); err != nil {
				b.log.Warn("taking over unsent replies failed", "err", err)
			} else if n > 0 {
				b.log.Info("took over replies of a replica that stopped", "replies", n)
			}
		}
	}
}

// journal records in tx the replies the requests owe, when durable
// replies are on, and marks the requests so that delivering them deletes
// the records.
func (b *Bot) journal(ctx context.Context, tx kinerja.Tx, now time.Time, rs ...*Request) error {
	if b.replies.owner == "" {
		return nil
	}
	j, ok := tx.(kinerja.ReplyJournal)
	if !ok {
		return nil
	}
	n := 0
	for _, r := range rs {
		if r != nil {
			n += len(r.out)
		}
	}
	if n == 0 {
		return nil
	}
	rows := make([]kinerja.PendingReply, 0, n)
	for _, r := range rs {
		if r == nil || len(r.out) == 0 {
			continue
		}
		r.journaled = true
		for _, m := range r.out {
			rows = append(rows, pendingOf(r.ID, r.ChatID, m, now))
		}
	}
	return j.JournalReplies(ctx, b.replies.owner, now.Add(replyLease), rows)
}

// sentPart notes that the first n of r's replies went out, when r has
// more to send: a kill before the rest does not send those again.
func (b *Bot) sentPart(r *Request, n int) {
	if !r.journaled || r.resumed || n >= len(r.out) {
		return
	}
	b.replies.mu.Lock()
	defer b.replies.mu.Unlock()
	if l := b.replies.log; l != nil {
		if err := l.MarkPart(r.ID, n); err != nil {
			b.log.Warn("marking sent replies failed", "update", r.ID, "err", err)
		}
		if b.replies.parts == nil {
			b.replies.parts = map[int64]int{}
		}
		b.replies.parts[r.ID] = n
	}
}

// sent notes that r's replies went out; their records are deleted with
// the next flush.
func (b *Bot) sent(r *Request) {
	if !r.journaled {
		return
	}
	b.replies.mu.Lock()
	defer b.replies.mu.Unlock()
	if l := b.replies.log; l != nil {
		if err := l.Mark(r.ID); err != nil {
			b.log.Warn("marking sent replies failed", "update", r.ID, "err", err)
		}
	}
	delete(b.replies.parts, r.ID)
	b.replies.acks = append(b.replies.acks, r.ID)
}

// flushAcks deletes the records of sent replies, in one transaction. On
// failure they are kept for the next flush (a record left behind only
// means a reply sent again after a restart).
func (b *Bot) flushAcks(ctx context.Context) {
	b.replies.mu.Lock()
	ids := b.replies.acks
	b.replies.acks = nil
	b.replies.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		if q, ok := tx.(replyStore); ok {
			return q.DeleteReplies(ctx, ids)
		}
		return nil
	})
	b.replies.mu.Lock()
	defer b.replies.mu.Unlock()
	if err != nil {
		b.log.Warn("forgetting sent replies failed; retrying", "replies", len(ids), "err", err)
		b.replies.acks = append(ids, b.replies.acks...)
		return
	}
	// The marks of deleted replies are no longer needed; those sent since
	// the deletion began are kept, and so are the part marks of updates
	// still being sent (a reply waiting out a 429 can take seconds: a kill
	// meanwhile must not send the ones before it again).
	if l := b.replies.log; l != nil {
		if err := l.Reset(b.replies.acks, b.replies.parts); err != nil {
			b.log.Warn("trimming the marks of sent replies failed", "err", err)
		}
	}
}

// pendingOf is the record of m, a reply to update (of chat queueChat).
func pendingOf(update, queueChat int64, m OutMessage, now time.Time) kinerja.PendingReply {
	p := kinerja.PendingReply{UpdateID: update, QueueChat: queueChat, ChatID: m.ChatID, Text: m.Text, EditID: m.EditID,
		Photo: m.Photo, Document: m.Document, FileName: m.FileName, CreatedAt: now}
	if len(m.Buttons) > 0 {
		p.Buttons = make([][]kinerja.OutboxButton, len(m.Buttons))
		for i, row := range m.Buttons {
			p.Buttons[i] = make([]kinerja.OutboxButton, len(row))
			for j, bt := range row {
				p.Buttons[i][j] = kinerja.OutboxButton{Text: bt.Text, Data: bt.Data, URL: bt.URL}
			}
		}
	}
	return p
}

// outMessageOf is the message a record stands for.
func outMessageOf(p kinerja.PendingReply) OutMessage {
	m := OutMessage{ChatID: p.ChatID, Text: p.Text, EditID: p.EditID, Photo: p.Photo, Document: p.Document, FileName: p.FileName}
	if len(p.Buttons) > 0 {
		m.Buttons = make([][]Button, len(p.Buttons))
		for i, row := range p.Buttons {
			m.Buttons[i] = make([]Button, len(row))
			for j, bt := range row {
				m.Buttons[i][j] = Button{Text: bt.Text, Data: bt.Data, URL: bt.URL}
			}
		}
	}
	return m
}

// journalBatch journals the replies of a batch's handled updates.
func (b *Bot) journalBatch(ctx context.Context, tx kinerja.Tx, now time.Time, done []handled) error {
	if b.replies.owner == "" {
		return nil
	}
	rs := make([]*Request, 0, len(done))
	for _, h := range done {
		if !h.dup {
			rs = append(rs, h.r)
		}
	}
	return b.journal(ctx, tx, now, rs...)
}
