package bot

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestSnoozeQueuesOneCopyForTheRecipientOnly(t *testing.T) {
	skipWithoutReports(t)
	h := newJobsHarness(t)
	ctx := context.Background()
	h.src.pending = []PendingApprovals{{AssessorNIP: nipHead, Count: 2, Oldest: at(2026, 11, 9, 9, 0)}}
	res := h.run(JobRemindApprovals, at(2026, 11, 10, 8, 0))
	id := res.Messages[0].ID
	h.now = at(2026, 11, 10, 9, 12)

	h.press(jtBudi, 7, fmt.Sprintf("snooze:%d:h", id))
	if got := h.msg.answers[fmt.Sprintf("cbsnooze:%d:h", id)]; !strings.Contains(got, "bukan untuk Anda") {
		t.Fatalf("someone else's press answered %q", got)
	}
	out := h.press(jtHead, 7, fmt.Sprintf("snooze:%d:h", id))
	edited := mustSay(t, out, "2 laporan kerja", "Akan diingatkan lagi pukul 10.12")
	if edited.EditID != 7 || len(edited.Buttons) != 1 || edited.Buttons[0][0].Data != "run:persetujuan" {
		t.Fatalf("the original should be edited in place, keeping only its open button: %+v", edited)
	}
	h.press(jtHead, 7, fmt.Sprintf("snooze:%d:h", id)) // pressed twice
	if h.pendingCount() != 2 {
		t.Fatalf("%d pending; want the original and one copy", h.pendingCount())
	}
	if got := h.msg.answers[fmt.Sprintf("cbsnooze:%d:h", id)]; !strings.Contains(got, "sudah dijadwalkan") {
		t.Fatalf("second press answered %q", got)
	}
	if err := h.db.MarkSent(ctx, id, h.now); err != nil {
		t.Fatal(err)
	}
	if batch, _ := h.db.NextBatch(ctx, at(2026, 11, 10, 10, 11), 10); len(batch) != 0 {
		t.Fatalf("the copy is due before its hour: %+v", batch)
	}
	batch, err := h.db.NextBatch(ctx, at(2026, 11, 10, 10, 12), 10)
	if err != nil || len(batch) != 1 {
		t.Fatalf("due at 10.12: %d, %v; want the copy", len(batch), err)
	}
	copyMsg := batch[0]
	if copyMsg.JobName != JobSnooze || copyMsg.ChatID != jtHead || copyMsg.Text != res.Messages[0].Text ||
		!copyMsg.NotBefore.Equal(at(2026, 11, 10, 10, 12)) || copyMsg.Buttons[1][0].Data != "snooze:{id}:h" {
		t.Fatalf("copy %+v", copyMsg)
	}
	h.press(jtHead, 7, fmt.Sprintf("snooze:%d:m", id))
	if got := h.msg.answers[fmt.Sprintf("cbsnooze:%d:m", id)]; !strings.Contains(got, "Rabu, 11 November 2026 pukul 07.00") {
		t.Fatalf("tomorrow-morning answer %q", got)
	}
}

func TestFailuresReachTheAdminsOnce(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	h.src.pending = []PendingApprovals{{AssessorNIP: nipHead, Count: 2, Oldest: at(2026, 11, 9, 9, 0)}}
	res := h.run(JobRemindApprovals, at(2026, 11, 10, 8, 0))
	if err := h.db.MarkFinal(ctx, res.Messages[0].ID, kinerja.OutboxUnreachable, "403", h.now); err != nil {
		t.Fatal(err)
	}
	if err := h.jobs.ReportFailures(ctx); err != nil {
		t.Fatal(err)
	}
	batch, _ := h.db.NextBatch(ctx, h.now.Add(time.Hour), 10)
	if len(batch) != 1 || batch[0].ChatID != jtAdmin || !strings.Contains(batch[0].Text, "dr. Rina Marlina ("+nipHead+") — memblokir bot") {
		t.Fatalf("admin digest %+v", batch)
	}
	if err := h.jobs.ReportFailures(ctx); err != nil {
		t.Fatal(err)
	}
	if h.pendingCount() != 1 {
		t.Fatalf("%d pending after a second report; want the one digest", h.pendingCount())
	}
	// A digest that itself fails is not reported in yet another digest.
	if err := h.db.MarkFinal(ctx, batch[0].ID, kinerja.OutboxUnreachable, "403", h.now); err != nil {
		t.Fatal(err)
	}
	if err := h.jobs.ReportFailures(ctx); err != nil {
		t.Fatal(err)
	}
	if h.pendingCount() != 0 {
		t.Fatal("a failed digest was reported again")
	}
}
