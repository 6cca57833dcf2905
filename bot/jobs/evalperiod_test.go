package jobs

import (
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func TestRemindEvaluationQuarterly(t *testing.T) {
	h := newJobsHarness(t)
	h.jobs.cfg.EvaluationPeriod = kinerja.Quarterly
	h.src.unfinished = []UnfinishedEvaluations{{AssessorNIP: bottest.NIPHead, Count: 3}}
	// Monday 2 November: the third quarter's deadline has passed and no
	// quarter ended on 1 November.
	if res := h.run(RemindEvaluation, at(2026, 11, 2, 9, 0)); res.Queued || !strings.Contains(res.Skipped, "no quarter ended") {
		t.Fatalf("2 November: %+v", res)
	}
	// Thursday 1 October: the third quarter is due by the 5th.
	res := h.run(RemindEvaluation, at(2026, 10, 1, 9, 0))
	if got := chats(res.Messages); len(got) != 1 || got[0] != jtHead {
		t.Fatalf("1 October: %v", got)
	}
	if m := res.Messages[0].Text; !strings.Contains(m, "Triwulan III 2026") || !strings.Contains(m, "Senin, 5 Oktober 2026") {
		t.Fatalf("reminder %q", m)
	}
	// Monday 5 October is the last working day: the admins get the list.
	res = h.run(RemindEvaluation, at(2026, 10, 5, 9, 0))
	if got := chats(res.Messages); len(got) != 2 || !strings.Contains(res.Messages[1].Text, "Triwulan III 2026") {
		t.Fatalf("5 October: %v", got)
	}
	if res := h.run(RemindEvaluation, at(2026, 10, 6, 9, 0)); res.Queued || !strings.Contains(res.Skipped, "after the evaluation deadline") {
		t.Fatalf("6 October: %+v", res)
	}
}

func TestEvaluatedPeriodOfTheMonthlySummary(t *testing.T) {
	h := newJobsHarness(t)
	tests := []struct {
		kind kinerja.PeriodKind
		at   string
		want string
	}{
		{kinerja.Monthly, "2026-12-01", "2026-10"}, // November is still being evaluated
		{kinerja.Monthly, "2026-12-06", "2026-11"},
		{kinerja.Quarterly, "2026-10-01", "2026-Q2"}, // Q3 is still being evaluated
		{kinerja.Quarterly, "2026-10-06", "2026-Q3"},
		{kinerja.Quarterly, "2026-12-01", "2026-Q3"},
		{kinerja.Quarterly, "2027-01-02", "2026-Q3"},
	}
	for _, tt := range tests {
		h.jobs.cfg.EvaluationPeriod = tt.kind
		day, _ := time.ParseInLocation(time.DateOnly, tt.at, bottest.WIB)
		if got := h.jobs.evaluatedMonth(day.Add(8 * time.Hour)).String(); got != tt.want {
			t.Errorf("%s at %s: %s, want %s", tt.kind, tt.at, got, tt.want)
		}
	}
}

// TestRemindEvaluationParts: an earlier assessor with only parts to rate
// (staff who moved away within the month, evaluation.transfer_split) is
// reminded of them; one with both is told of both, and the admins' list
// on the last day counts the parts.
func TestRemindEvaluationParts(t *testing.T) {
	h := newJobsHarness(t)
	h.src.unfinished = []UnfinishedEvaluations{{AssessorNIP: bottest.NIPHead, Parts: 1, OpenParts: "nil:o:2026-10"},
		{AssessorNIP: nipYus, Count: 2, Parts: 3, OpenParts: "nil:o:2026-10"}}
	res := h.run(RemindEvaluation, at(2026, 11, 2, 9, 0))
	byChat := map[int64]string{}
	open := map[int64]string{}
	for _, m := range res.Messages {
		byChat[m.ChatID] = m.Text
		open[m.ChatID] = m.Buttons[0][0].Data
	}
	// Only parts: the source's own button (no assessor role needed);
	// with evaluations too, the /nilai command as before.
	if open[jtHead] != "nil:o:2026-10" || !strings.HasPrefix(open[jtYus], "run:") {
		t.Errorf("open buttons %v", open)
	}
	if m := byChat[jtHead]; !strings.Contains(m, "<b>1 bagian</b> dari pegawai yang pindah dari Anda belum Anda nilai") ||
		strings.Contains(m, "pegawai</b> yang Anda nilai") {
		t.Errorf("parts only: %q", m)
	}
	if m := byChat[jtYus]; !strings.Contains(m, "<b>2 pegawai</b>") || !strings.Contains(m, "<b>3 bagian</b>") {
		t.Errorf("both: %q", m)
	}
	res = h.run(RemindEvaluation, at(2026, 11, 5, 9, 0))
	if m := res.Messages[len(res.Messages)-1].Text; !strings.Contains(m, "0 pegawai dan 1 bagian pegawai yang pindah") ||
		!strings.Contains(m, "2 pegawai dan 3 bagian") {
		t.Errorf("admins' list: %q", m)
	}
}
