package bot

import (
	"context"
	"sync"
	"time"
)

// maxQueued bounds the committed requests whose replies are not yet
// delivered. Past it HandleBatch waits before returning, so a Bot API that
// answers slowly slows polling down instead of filling memory.
const maxQueued = 2048

// outQueue delivers the replies of committed updates in the background, so
// the poller can fetch the next batch while they are sent. Each chat's
// requests go out one after another, in the order they were committed;
// different chats are sent to in parallel, a bounded number at once.
// Sending goes through the Messenger, with its retry rules.
type outQueue struct {
	mu      sync.Mutex
	chats   map[int64][]*Request // queued per chat; a chat present has a sender running
	pending sync.WaitGroup       // requests queued and not yet delivered
	slots   chan struct{}        // one per queued request (maxQueued)
	senders chan struct{}        // one per request being sent
	// answering bounds the button answers sent at once before a batch
	// is confirmed (answerNow).
	answering chan struct{}
}

func (q *outQueue) init(workers int) {
	q.chats = map[int64][]*Request{}
	q.slots = make(chan struct{}, maxQueued)
	q.senders = make(chan struct{}, 4*workers)
	q.answering = make(chan struct{}, 4*workers)
}

// enqueue queues r's replies, answer and follow-ups behind the chat's
// earlier ones.
func (q *outQueue) enqueue(ctx context.Context, b *Bot, r *Request) {
	q.slots <- struct{}{}
	q.pending.Add(1)
	q.mu.Lock()
	list, running := q.chats[r.ChatID]
	q.chats[r.ChatID] = append(list, r)
	q.mu.Unlock()
	if !running {
		go q.drain(ctx, b, r.ChatID)
	}
}

// drain delivers chat's queued requests in order until none is left.
func (q *outQueue) drain(ctx context.Context, b *Bot, chat int64) {
	for {
		q.mu.Lock()
		list := q.chats[chat]
		if len(list) == 0 {
			delete(q.chats, chat)
			q.mu.Unlock()
			return
		}
		r := list[0]
		list[0] = nil
		q.chats[chat] = list[1:]
		q.mu.Unlock()

		q.senders <- struct{}{}
		b.deliver(ctx, r)
		b.sent(r)
		<-q.senders
		<-q.slots
		q.pending.Done()
	}
}

// deliver sends a committed request's replies, answers its pressed button
// and runs its follow-ups.
func (b *Bot) deliver(ctx context.Context, r *Request) {
	for i, m := range r.out {
		if _, err := b.msg.Send(ctx, m); b.observeReply(err) != nil {
			b.sendFailed(ctx, m.ChatID, err)
		}
		b.sentPart(r, i+1)
	}
	if r.Callback != nil && !r.answered {
		b.answerCallback(ctx, r)
	}
	for _, f := range r.after {
		f(ctx)
	}
}

// answerNow answers the pressed buttons of committed requests before
// HandleBatch returns, that is before the transport confirms the batch to
// Telegram: a confirmed update is never delivered again, so a process
// killed after the confirmation must not leave a button spinning. The
// answers go out in parallel (one request each); the replies follow in the
// background, in order per chat.
func (b *Bot) answerNow(ctx context.Context, rs []*Request) {
	var wg sync.WaitGroup
	for _, r := range rs {
		if r.Callback == nil {
			continue
		}
		r.answered = true
		b.out.answering <- struct{}{}
		wg.Add(1)
		go func(r *Request) {
			defer wg.Done()
			defer func() { <-b.out.answering }()
			b.answerCallback(ctx, r)
		}(r)
	}
	wg.Wait()
}

// answerCallback stops r's button spinner, with its notice if any.
func (b *Bot) answerCallback(ctx context.Context, r *Request) {
	if err := b.msg.AnswerCallback(ctx, r.Callback.ID, r.answer); err != nil {
		b.log.Warn("answer callback failed", "update", r.ID, "err", err)
	}
}

// Wait waits until the replies of committed updates are delivered and
// background work has finished, or ctx ends. Shutdown calls it with what
// is left of its budget; tests call it to see the replies.
func (b *Bot) Wait(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		b.out.pending.Wait()
		b.background.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
	// Forget what was sent, so a restart does not send it again.
	flush, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Second)
	defer cancel()
	b.flushAcks(flush)
}
