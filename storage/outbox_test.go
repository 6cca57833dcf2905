package storage_test

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// queue enqueues one run of job for slot with a message per chat id.
func queue(t *testing.T, db *storage.DB, job, slot string, at time.Time, chats ...int64) []*kinerja.OutboxMessage {
	t.Helper()
	var msgs []*kinerja.OutboxMessage
	for _, c := range chats {
		msgs = append(msgs, &kinerja.OutboxMessage{ChatID: c, Text: job + " " + slot})
	}
	queued, err := db.EnqueueRun(context.Background(), &kinerja.JobRun{Job: job, Slot: slot, At: at}, msgs)
	if err != nil || !queued {
		t.Fatalf("enqueue %s/%s: queued=%v err=%v", job, slot, queued, err)
	}
	return msgs
}

// ids returns the ids of msgs, in order.
func ids(msgs []*kinerja.OutboxMessage) []int64 {
	var out []int64
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return out
}

func sameIDs(got, want []int64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func init() {
	contract["outbox/a slot runs once and its messages read back whole"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		png := []byte{0x89, 'P', 'N', 'G', 0}
		msgs := []*kinerja.OutboxMessage{
			{ChatID: 42, NIP: nipStaff, Label: "Budi", Text: "<b>3</b> laporan menunggu",
				Buttons: [][]kinerja.OutboxButton{{{Text: "Buka", Data: "run:persetujuan"}}, {{Text: "1 jam", Data: "snooze:{id}:h"}}}},
			{ChatID: -100, Label: "Grup", Text: "grafik", Photo: png, FileName: "ikm.png"},
		}
		run := &kinerja.JobRun{Job: "remind-approvals", Slot: "2026-11-10", At: t0}
		queued, err := db.EnqueueRun(ctx, run, msgs)
		if err != nil || !queued {
			t.Fatalf("first run: queued=%v err=%v", queued, err)
		}
		if msgs[0].ID == 0 || msgs[1].ID <= msgs[0].ID || msgs[1].Seq != 2 {
			t.Fatalf("ids/seq not set: %+v %+v", msgs[0], msgs[1])
		}
		again := []*kinerja.OutboxMessage{{ChatID: 42, Text: "again"}}
		queued, err = db.EnqueueRun(ctx, &kinerja.JobRun{Job: "remind-approvals", Slot: "2026-11-10", At: t0.Add(time.Minute)}, again)
		if err != nil || queued {
			t.Fatalf("second run of the same slot: queued=%v err=%v", queued, err)
		}
		counts, err := db.OutboxCounts(ctx)
		if err != nil || counts[kinerja.OutboxPending] != 2 {
			t.Fatalf("counts after a repeated slot = %v, %v; want 2 pending", counts, err)
		}
		r, err := db.JobRun(ctx, "remind-approvals", "2026-11-10")
		if err != nil || r.Messages != 2 || !r.At.Equal(t0) {
			t.Fatalf("job run = %+v, %v", r, err)
		}
		if _, err := db.JobRun(ctx, "remind-approvals", "2026-11-11"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown slot: %v, want not found", err)
		}
		got, err := db.OutboxMessage(ctx, msgs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Text != msgs[0].Text || got.NIP != nipStaff || got.Label != "Budi" || got.Status != kinerja.OutboxPending ||
			len(got.Buttons) != 2 || got.Buttons[1][0].Data != "snooze:{id}:h" || got.Photo != nil || !got.NotBefore.Equal(t0) {
			t.Fatalf("read back %+v", got)
		}
		pic, err := db.OutboxMessage(ctx, msgs[1].ID)
		if err != nil || !bytes.Equal(pic.Photo, png) || pic.FileName != "ikm.png" || pic.Buttons != nil {
			t.Fatalf("photo read back %+v, %v", pic, err)
		}
	}

	contract["outbox/the same run started twice at once queues once"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		var wg sync.WaitGroup
		results := make(chan bool, 4)
		for i := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				msgs := []*kinerja.OutboxMessage{{ChatID: 1, Text: "a"}, {ChatID: 2, Text: "b"}}
				queued, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "summary-weekly", Slot: "2026-W46", At: t0.Add(time.Duration(i))}, msgs)
				if err != nil {
					t.Error(err)
				}
				results <- queued
			}()
		}
		wg.Wait()
		close(results)
		n := 0
		for q := range results {
			if q {
				n++
			}
		}
		counts, _ := db.OutboxCounts(ctx)
		if n != 1 || counts[kinerja.OutboxPending] != 2 {
			t.Fatalf("%d runs queued, %d messages; want 1 run, 2 messages", n, counts[kinerja.OutboxPending])
		}
	}

	contract["outbox/each chat goes in order; a retry holds back its chat only"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		first := queue(t, db, "j", "1", t0, 10, 20)  // chat 10: a1; chat 20: b1
		second := queue(t, db, "j", "2", t0, 10, 30) // chat 10: a2; chat 30: c1
		a1, b1, a2, c1 := first[0].ID, first[1].ID, second[0].ID, second[1].ID
		batch, err := db.NextBatch(ctx, t0, 10)
		if err != nil || !sameIDs(ids(batch), []int64{a1, b1, c1}) {
			t.Fatalf("first batch = %v, %v; want heads %v", ids(batch), err, []int64{a1, b1, c1})
		}
		if err := db.MarkRetry(ctx, a1, t0.Add(time.Minute), "HTTP 500"); err != nil {
			t.Fatal(err)
		}
		batch, _ = db.NextBatch(ctx, t0.Add(time.Second), 10)
		if !sameIDs(ids(batch), []int64{b1, c1}) {
			t.Fatalf("while a1 waits to retry: batch %v, want only the other chats %v", ids(batch), []int64{b1, c1})
		}
		batch, _ = db.NextBatch(ctx, t0.Add(time.Minute), 1)
		if !sameIDs(ids(batch), []int64{a1}) || batch[0].Attempts != 1 || batch[0].Error != "HTTP 500" {
			t.Fatalf("after the retry delay: %+v, want a1 with one attempt", batch)
		}
		if err := db.MarkSent(ctx, a1, t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkSent(ctx, a1, t0.Add(time.Minute)); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("marking a sent message again: %v, want conflict", err)
		}
		batch, _ = db.NextBatch(ctx, t0.Add(time.Minute), 10)
		if !sameIDs(ids(batch), []int64{b1, a2, c1}) {
			t.Fatalf("after a1 was sent: %v, want %v", ids(batch), []int64{b1, a2, c1})
		}
		got, _ := db.OutboxMessage(ctx, a1)
		if got.Status != kinerja.OutboxSent || !got.SentAt.Equal(t0.Add(time.Minute)) || got.Attempts != 2 {
			t.Fatalf("sent message = %+v", got)
		}
	}

	contract["outbox/a snoozed message does not hold back its chat"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		later := &kinerja.OutboxMessage{ChatID: 10, Text: "snoozed", NotBefore: t0.Add(time.Hour)}
		if _, err := db.EnqueueRun(ctx, &kinerja.JobRun{Job: "snooze", Slot: "1:h", At: t0}, []*kinerja.OutboxMessage{later}); err != nil {
			t.Fatal(err)
		}
		now := queue(t, db, "j", "1", t0.Add(time.Minute), 10)
		batch, _ := db.NextBatch(ctx, t0.Add(2*time.Minute), 10)
		if !sameIDs(ids(batch), ids(now)) {
			t.Fatalf("batch %v, want the message due now %v", ids(batch), ids(now))
		}
		_ = db.MarkSent(ctx, now[0].ID, t0.Add(2*time.Minute))
		if batch, _ := db.NextBatch(ctx, t0.Add(30*time.Minute), 10); len(batch) != 0 {
			t.Fatalf("snoozed message went out early: %v", ids(batch))
		}
		if batch, _ := db.NextBatch(ctx, t0.Add(time.Hour), 10); !sameIDs(ids(batch), []int64{later.ID}) {
			t.Fatalf("snoozed message not due after its hour: %v", ids(batch))
		}
	}

	contract["outbox/failures are reported once, and a failed head frees its chat"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		msgs := queue(t, db, "j", "1", t0, 10, 20, -30)
		more := queue(t, db, "j", "2", t0, 10)
		if err := db.MarkFinal(ctx, msgs[0].ID, kinerja.OutboxUnreachable, "403 blocked", t0); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkFinal(ctx, msgs[2].ID, kinerja.OutboxGone, "kicked", t0); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkFinal(ctx, msgs[1].ID, kinerja.OutboxSent, "", t0); err == nil {
			t.Fatal("MarkFinal accepted status sent")
		}
		batch, _ := db.NextBatch(ctx, t0, 10)
		if !sameIDs(ids(batch), []int64{msgs[1].ID, more[0].ID}) {
			t.Fatalf("batch %v: the unreachable chat's next message should be its head now", ids(batch))
		}
		fails, err := db.UnreportedFailures(ctx, 10)
		if err != nil || !sameIDs(ids(fails), []int64{msgs[0].ID, msgs[2].ID}) || fails[1].Status != kinerja.OutboxGone {
			t.Fatalf("unreported = %v, %v", ids(fails), err)
		}
		if err := db.MarkReported(ctx, ids(fails)); err != nil {
			t.Fatal(err)
		}
		if fails, _ := db.UnreportedFailures(ctx, 10); len(fails) != 0 {
			t.Fatalf("reported failures listed again: %v", ids(fails))
		}
		counts, _ := db.OutboxCounts(ctx)
		if counts[kinerja.OutboxUnreachable] != 1 || counts[kinerja.OutboxGone] != 1 || counts[kinerja.OutboxPending] != 2 {
			t.Fatalf("counts = %v", counts)
		}
		n, err := db.PruneOutbox(ctx, t0.Add(time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("pruned %d, %v; want the 2 settled messages", n, err)
		}
		if _, err := db.JobRun(ctx, "j", "1"); err != nil {
			t.Fatalf("pruning lost the run record: %v", err)
		}
	}

	contract["leave/add, list from a day, delete"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		a := &kinerja.Leave{NIP: nipStaff, From: "2026-11-09", To: "2026-11-13", Note: "cuti tahunan", SetBy: nipStaff, CreatedAt: t0}
		b := &kinerja.Leave{NIP: nipOther, From: "2026-12-01", To: "2026-12-01", SetBy: nipHead, CreatedAt: t0}
		for _, l := range []*kinerja.Leave{b, a} {
			if err := db.AddLeave(ctx, l); err != nil || l.ID == 0 {
				t.Fatalf("add %+v: %v", l, err)
			}
		}
		bad := &kinerja.Leave{NIP: nipStaff, From: "2026-11-20", To: "2026-11-19", CreatedAt: t0}
		if err := db.AddLeave(ctx, bad); kinerja.ErrorCode(err) != kinerja.EInvalid {
			t.Fatalf("end before start: %v, want invalid", err)
		}
		all, err := db.Leaves(ctx, "", "2026-11-13")
		if err != nil || len(all) != 2 || all[0].ID != a.ID || all[0].Note != "cuti tahunan" || !all[0].Covers("2026-11-13") {
			t.Fatalf("leaves from 13 Nov = %+v, %v", all, err)
		}
		if later, _ := db.Leaves(ctx, "", "2026-11-14"); len(later) != 1 || later[0].ID != b.ID {
			t.Fatalf("leaves from 14 Nov = %+v", later)
		}
		if mine, _ := db.Leaves(ctx, nipStaff, "2026-01-01"); len(mine) != 1 || mine[0].ID != a.ID {
			t.Fatalf("leaves of one NIP = %+v", mine)
		}
		if err := db.DeleteLeave(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteLeave(ctx, a.ID); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("delete twice: %v, want not found", err)
		}
	}
}
