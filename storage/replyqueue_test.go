package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["replies/journalled in the transaction, claimed by lease, deleted once sent"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		lease := t0.Add(30 * time.Second)
		// Seventy replies: more than one INSERT's worth, with every field.
		var rs []kinerja.PendingReply
		for i := range 70 {
			rs = append(rs, kinerja.PendingReply{UpdateID: int64(100 + i/2), QueueChat: 7001, ChatID: 7001 + int64(i%3),
				Text: "<b>q</b>", CreatedAt: t0})
		}
		rs[1].Buttons = [][]kinerja.OutboxButton{{{Text: "Ya", Data: "s:a:1"}, {Text: "Web", URL: "https://x.test"}}}
		rs[1].EditID = 42
		rs[2].Photo, rs[2].FileName = []byte{1, 2, 3}, "c.png"
		rs[3].Document, rs[3].FileName = []byte("csv"), "d.csv"
		must(t, db.InTx(ctx, func(tx kinerja.Tx) error {
			return tx.(kinerja.ReplyJournal).JournalReplies(ctx, "a", lease, rs)
		}))
		// A rolled-back transaction journals nothing.
		_ = db.InTx(ctx, func(tx kinerja.Tx) error {
			must(t, tx.(kinerja.ReplyJournal).JournalReplies(ctx, "a", lease, []kinerja.PendingReply{{UpdateID: 999, CreatedAt: t0}}))
			return kinerja.Errorf(kinerja.EInvalid, "err.invite_invalid")
		})

		// Another replica gets nothing while a's lease holds.
		got, err := db.ClaimReplies(ctx, "b", true, t0, t0.Add(time.Minute))
		must(t, err)
		if len(got) != 0 {
			t.Fatalf("b claimed %d replies under a's live lease", len(got))
		}
		// a, starting again under its name, gets its own back, in order,
		// as they were written.
		got, err = db.ClaimReplies(ctx, "a", true, t0, lease)
		must(t, err)
		if len(got) != len(rs) {
			t.Fatalf("a claimed %d replies, want %d", len(got), len(rs))
		}
		for i, g := range got {
			want := rs[i]
			want.ID, want.Owner, want.LeaseUntil = g.ID, "a", lease.UTC()
			if want.CreatedAt = want.CreatedAt.UTC(); !reflect.DeepEqual(g, want) {
				t.Fatalf("reply %d:\n got %+v\nwant %+v", i, g, want)
			}
			if i > 0 && g.ID <= got[i-1].ID {
				t.Fatalf("replies out of order: %d after %d", g.ID, got[i-1].ID)
			}
		}

		// A live replica's periodic claim takes only expired leases of
		// others: a renewed lease is not taken, an ended one is.
		must(t, db.RenewReplies(ctx, "a", t0.Add(2*time.Minute)))
		if got, err := db.ClaimReplies(ctx, "b", false, t0.Add(time.Minute), t0.Add(3*time.Minute)); err != nil || len(got) != 0 {
			t.Fatalf("b claimed %d replies of a renewed lease (%v)", len(got), err)
		}
		got, err = db.ClaimReplies(ctx, "b", false, t0.Add(3*time.Minute), t0.Add(4*time.Minute))
		must(t, err)
		if len(got) != len(rs) || got[0].Owner != "b" {
			t.Fatalf("b claimed %d replies of an ended lease, want %d", len(got), len(rs))
		}
		// b's own rows are not "others'" for b's periodic claim.
		if got, err := db.ClaimReplies(ctx, "b", false, t0.Add(time.Hour), t0.Add(2*time.Hour)); err != nil || len(got) != 0 {
			t.Fatalf("b re-claimed %d of its own replies (%v)", len(got), err)
		}

		// Sent: deleted by update.
		ids := make([]int64, 0, 35)
		for i := range 34 {
			ids = append(ids, int64(100+i))
		}
		must(t, db.DeleteReplies(ctx, ids))
		got, err = db.ClaimReplies(ctx, "c", true, t0.Add(24*time.Hour), t0.Add(25*time.Hour))
		must(t, err)
		if len(got) != 2 || got[0].UpdateID != 134 || got[1].UpdateID != 134 {
			t.Fatalf("after deleting 34 updates' replies, left: %+v", got)
		}
	}
}

func init() {
	contract["replies/an edit a newer edit of its message replaced is claimed as superseded"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		journal := func(owner string, lease time.Time, rs ...kinerja.PendingReply) {
			must(t, db.InTx(ctx, func(tx kinerja.Tx) error {
				return tx.(kinerja.ReplyJournal).JournalReplies(ctx, owner, lease, rs)
			}))
		}
		edit := func(update, chat int64, msg int, text string) kinerja.PendingReply {
			return kinerja.PendingReply{UpdateID: update, QueueChat: chat, ChatID: chat, EditID: msg, Text: text, CreatedAt: t0}
		}
		dead := t0.Add(30 * time.Second) // replica a was killed: its lease ends
		live := t0.Add(10 * time.Minute) // replica b lives on
		// a journalled question 4 of chat 1's survey message, then died
		// with Telegram's answer on the way; a new message to chat 2 and an
		// edit of chat 3's message nobody touched since.
		journal("a", dead, edit(10, 1, 3, "Pertanyaan 4"), kinerja.PendingReply{UpdateID: 10, QueueChat: 1, ChatID: 2, Text: "baru", CreatedAt: t0})
		journal("a", dead, edit(11, 3, 5, "Pertanyaan 2"))
		// b handled chat 1's next presses: question 5 was sent (and
		// forgotten), question 6 is still queued. Chat 3's message 6 is
		// another message.
		journal("b", live, edit(20, 1, 3, "Pertanyaan 5"))
		must(t, db.DeleteReplies(ctx, []int64{20}))
		journal("b", live, edit(21, 1, 3, "Pertanyaan 6"), edit(21, 3, 6, "lain"))

		got, err := db.ClaimReplies(ctx, "a", true, t0.Add(time.Second), t0.Add(time.Minute))
		must(t, err)
		var summary []string
		for _, r := range got {
			summary = append(summary, fmt.Sprintf("%d:%d/%d %s %v", r.UpdateID, r.ChatID, r.EditID, r.Text, r.Superseded))
		}
		want := []string{"10:1/3 Pertanyaan 4 true", "10:2/0 baru false", "11:3/5 Pertanyaan 2 false"}
		if !reflect.DeepEqual(summary, want) {
			t.Fatalf("claimed\n%q\nwant\n%q", summary, want)
		}
		// Sent edits are remembered for an hour, then pruned: two hours on,
		// nothing is known to have replaced question 4.
		must(t, db.DeleteReplies(ctx, []int64{21}))
		got, err = db.ClaimReplies(ctx, "a", true, t0.Add(2*time.Hour), t0.Add(3*time.Hour))
		must(t, err)
		if len(got) != 3 || got[0].Superseded {
			t.Fatalf("two hours later, claimed %+v", got)
		}
	}
}
