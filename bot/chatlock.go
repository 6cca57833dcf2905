package bot

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// chatLocker is a transaction that can hold chats against other processes
// sharing the database (storage's can: advisory locks on PostgreSQL,
// nothing to do on SQLite). Several replicas in webhook mode then handle
// one chat's updates one after the other, each seeing what the previous
// committed: the "handled" mark, so an update two replicas race on is
// applied once, and the session, so a dialogue never interleaves.
type chatLocker interface {
	LockChats(ctx context.Context, chats []int64) error
}

// lockChats takes the lock of every chat of ups in tx, before anything of
// them is read; the store takes them in a fixed order, so two batches
// sharing chats cannot deadlock. A store without such locks runs in one
// process, where the dispatcher's own ordering suffices.
func lockChats(ctx context.Context, tx kinerja.Tx, ups []Update) error {
	l, ok := tx.(chatLocker)
	if !ok {
		return nil
	}
	chats := make([]int64, 0, len(ups))
	for _, u := range ups {
		chats = append(chats, lockKey(u))
	}
	return l.LockChats(ctx, chats)
}

// lockKey is the chat an update belongs to; an update without a chat is
// keyed by its sender (whose private chat has the same id).
func lockKey(u Update) int64 {
	if u.ChatID != 0 {
		return u.ChatID
	}
	return u.From.ID
}
