package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// savepointer is a transaction that can roll back part of itself
// (storage's transactions can). With it a batch of updates is handled in
// one transaction, a savepoint per update (group commit).
type savepointer interface {
	Savepoint(ctx context.Context, name string) error
	RollbackTo(ctx context.Context, name string) error
	Release(ctx context.Context, name string) error
}

// errNoSavepoints says the store's transactions cannot roll back part of
// themselves, so a batch is handled update by update.
var errNoSavepoints = errors.New("transaction without savepoints")

// HandleBatch handles a batch of updates and returns once every update's
// work is committed (or was already done before); their replies are then
// on their way (deliver.go), in order per chat, and Wait waits for them.
// It returns an error when some update could not be committed, so the
// transport does not confirm the batch and Telegram delivers it again;
// updates already handled are then skipped.
//
// The batch is handled in one write transaction with a savepoint per
// update, in the order it came (so one chat's updates in order): a handler
// that fails rolls back to its savepoint, its own writes only, and every
// update's effects commit together with its "handled" mark. One commit
// (one fsync) for the batch instead of one per update is what lets a
// queue of citizens through. If that transaction fails, for instance
// because the database cannot commit, the batch is handled again update
// by update, so the updates that can be committed are, and each of the
// others gets the "busy" treatment (uncommittedUpdate).
func (b *Bot) HandleBatch(ctx context.Context, ups []Update) error {
	// Work already started finishes even if the poller is being stopped:
	// shutdown waits for it (bounded), rather than abandoning it half-done.
	ctx = context.WithoutCancel(ctx)
	if len(ups) == 0 {
		return nil
	}
	err := b.groupCommit(ctx, ups)
	if err == nil {
		return nil
	}
	if !errors.Is(err, errNoSavepoints) {
		b.log.Warn("batch not committed at once; handling its updates one by one",
			"updates", len(ups), "err", err)
	}
	return b.handleEach(ctx, ups)
}

// handled is one update of a committed batch: its request (nil for an
// update already handled before, except a redelivered button press,
// which is answered again) and whether it was a duplicate.
type handled struct {
	id  int64
	r   *Request
	dup bool
}

// groupCommit handles ups in one transaction, a savepoint per update, and
// queues their replies once it has committed.
func (b *Bot) groupCommit(ctx context.Context, ups []Update) error {
	now := b.now()
	var done []handled
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		sp, ok := tx.(savepointer)
		if !ok {
			return errNoSavepoints
		}
		if err := lockChats(ctx, tx, ups); err != nil { // replicas: one chat at a time
			return err
		}
		// Which updates were handled before, and the "handled" marks of
		// the new ones, are one statement each for the batch.
		ids := make([]int64, len(ups))
		for i, u := range ups {
			ids[i] = u.ID
		}
		seen, err := tx.UpdatesSeen(ctx, ids)
		if err != nil {
			return err
		}
		done, ids = done[:0], ids[:0]
		for _, u := range ups {
			h, err := b.handleInBatch(ctx, tx, sp, u, now, seen[u.ID])
			if err != nil {
				return err
			}
			seen[u.ID] = true // the same update twice in a batch has one effect
			if !h.dup {
				ids = append(ids, u.ID)
			}
			done = append(done, h)
		}
		if err := tx.MarkUpdates(ctx, ids, now); err != nil {
			return err
		}
		return b.journalBatch(ctx, tx, now, done)
	})
	if err != nil {
		return err
	}
	var rs []*Request
	for i, h := range done {
		b.committed(ctx, h.id, h.dup)
		b.observeHandled(ups[i], now, h.dup)
		if h.r != nil {
			rs = append(rs, h.r)
		}
	}
	b.answerNow(ctx, rs)
	for _, r := range rs {
		b.out.enqueue(ctx, b, r)
	}
	return nil
}

// handleInBatch handles one update inside the batch's transaction; seen
// says it was handled before. Only a database failure is returned (it
// rolls the whole batch back).
func (b *Bot) handleInBatch(ctx context.Context, tx kinerja.Tx, sp savepointer, u Update, now time.Time, seen bool) (handled, error) {
	if seen {
		return handled{id: u.ID, r: b.seenRequest(ctx, u, now), dup: true}, nil
	}
	if err := sp.Savepoint(ctx, "upd"); err != nil {
		return handled{}, err
	}
	r := b.newRequest(ctx, tx, u, now)
	if herr := b.route(r); herr != nil {
		// Undo what the handler wrote; the update is still recorded, and
		// the user told.
		if err := sp.RollbackTo(ctx, "upd"); err != nil {
			return handled{}, err
		}
		r = b.failedRequest(ctx, tx, u, now, herr)
	}
	if err := sp.Release(ctx, "upd"); err != nil {
		return handled{}, err
	}
	return handled{id: u.ID, r: r}, nil // marked handled with the batch
}

// seenRequest is what a redelivered update whose work is committed gets:
// nothing, except a pressed button, whose answer is repeated (with no
// notice) so its spinner stops even if the first answer was lost in a
// crash. answerCallbackQuery is harmless to repeat.
func (b *Bot) seenRequest(ctx context.Context, u Update, now time.Time) *Request {
	if u.Callback == nil {
		return nil
	}
	return b.newRequest(ctx, nil, u, now)
}

// handleEach handles the updates one transaction each: the updates of one
// chat in order, different chats in parallel. A chat stops at its first
// update that cannot be committed; the later ones wait for redelivery.
func (b *Bot) handleEach(ctx context.Context, ups []Update) error {
	byChat := map[int64][]Update{}
	var chats []int64
	for _, u := range ups {
		if _, ok := byChat[u.ChatID]; !ok {
			chats = append(chats, u.ChatID)
		}
		byChat[u.ChatID] = append(byChat[u.ChatID], u)
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		sem   = make(chan struct{}, b.cfg.Workers)
	)
	for _, chat := range chats {
		wg.Add(1)
		sem <- struct{}{}
		go func(list []Update) {
			defer wg.Done()
			defer func() { <-sem }()
			for _, u := range list {
				if err := b.Handle(ctx, u); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return // later updates of this chat wait for redelivery, in order
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	return first
}

// Handle handles one update exactly once, in a transaction of its own. The
// handler's writes and the record that the update was handled commit
// together; replies are queued after the commit (Wait waits for them). A
// user error rolls back the handler's writes and is answered; an internal
// error is logged and answered with an apology. Only a failure to record
// the update returns an error (the update is retried).
func (b *Bot) Handle(ctx context.Context, u Update) error {
	ctx = context.WithoutCancel(ctx)
	now := b.now()
	var (
		r   *Request
		dup bool
	)
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		if err := lockChats(ctx, tx, []Update{u}); err != nil {
			return err
		}
		seen, err := tx.UpdateSeen(ctx, u.ID)
		if err != nil || seen {
			r, dup = nil, seen
			return err
		}
		r = b.newRequest(ctx, tx, u, now)
		if err := b.route(r); err != nil {
			return &handlerError{err}
		}
		if err := b.journal(ctx, tx, now, r); err != nil {
			return err
		}
		return tx.MarkUpdate(ctx, u.ID, now)
	})
	var he *handlerError
	if errors.As(err, &he) {
		// Roll back what the handler wrote, then record the update and tell
		// the user, in a transaction of its own.
		r = b.failedRequest(ctx, b.store, u, now, he.err)
		err = b.store.InTx(ctx, func(tx kinerja.Tx) error {
			if err := b.journal(ctx, tx, now, r); err != nil {
				return err
			}
			return tx.MarkUpdate(ctx, u.ID, now)
		})
	}
	if err != nil {
		// Nothing of the update took effect and its replies are dropped;
		// the sender hears that the bot is busy, and Telegram delivers the
		// update again since it is not confirmed.
		b.log.Error("update not committed; it will be redelivered", "update", u.ID, "err", err)
		b.uncommittedUpdate(ctx, u, err)
		return err
	}
	b.committed(ctx, u.ID, dup)
	b.observeHandled(u, now, dup)
	if dup {
		r = b.seenRequest(ctx, u, now)
	}
	if r != nil {
		b.answerNow(ctx, []*Request{r})
		b.out.enqueue(ctx, b, r)
	}
	return nil
}

// handlerError carries a handler's error out of the transaction so that it
// rolls back but is told apart from a database failure.
type handlerError struct{ err error }

func (e *handlerError) Error() string { return e.err.Error() }
func (e *handlerError) Unwrap() error { return e.err }

// failedRequest builds the reply to a handler error; the sender's language
// is read from s (the batch's transaction, or the store).
func (b *Bot) failedRequest(ctx context.Context, s kinerja.AccountStore, u Update, now time.Time, err error) *Request {
	r := b.newRequest(ctx, nil, u, now)
	r.Lang = b.langOf(ctx, s, u.From.ID)
	key, args := kinerja.ErrorKey(err)
	if key == "" || kinerja.ErrorCode(err) == kinerja.EInternal {
		b.log.Error("handler failed", "update", u.ID, "chat", u.ChatID, "err", err)
		key, args = "core.internal_error", nil
		b.observer().HandlerFailed()
	}
	text := T(r.Lang, key, args...)
	if u.Callback != nil {
		r.answer = text
	}
	if u.ChatType == ChatPrivate {
		r.Reply(text)
	}
	return r
}
