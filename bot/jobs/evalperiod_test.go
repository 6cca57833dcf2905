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
