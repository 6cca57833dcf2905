package storage_test

import (
	"context"
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
