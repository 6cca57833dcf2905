package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/evaluation"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The jobs read the other features' data through those features' own
// services, as cmd wires them: the pending approvals with the reports' one
// digest, the survey's one IKM path, the evaluations' progress.

// surveySource serves the survey's IKM to the jobs, as cmd does.
type surveySource struct{ f *survey.Feature }

func (s surveySource) UnitIKM(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error) {
	return s.f.UnitIKM(ctx, tx, from, to)
}
func (s surveySource) SampleNeeded(unit string, p kinerja.Period) int {
	return s.f.SampleNeeded(unit, p)
}

// newHarness wires the real report, survey and evaluation features.
func newHarness(t *testing.T) *jobs.Harness {
	return jobs.NewHarness(t, func(deps bot.Deps) (jobs.Sources, []bot.Feature) {
		rep := report.New(deps, report.Config{})
		svy := survey.New(deps, survey.Config{Population: map[string]int{"PKM-TGR": 100}})
		ev := evaluation.New(deps, evaluation.Config{Survey: svy})
		src := jobs.ReportSources()
		src.Approvals, src.Survey, src.Evaluation = rep, surveySource{svy}, ev
		return src, []bot.Feature{rep, svy, ev}
	})
}

func TestJobsReadTheSurveyThroughItsIKM(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	add := func(day time.Time, a int) {
		r := &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: day, Answers: bottest.NineAnswers(a)}
		if err := h.DB.AddSurveyResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		add(jobs.At(2026, 11, 17, 0, 0), 4)
	}
	add(jobs.At(2026, 11, 3, 0, 0), 3)
	res := h.Run(jobs.SummaryWeekly, jobs.At(2026, 11, 23, 7, 30))
	var pkm string
	for _, m := range res.Messages {
		if m.ChatID == -1001 {
			pkm = m.Text
		}
	}
	// The week has three respondents; the month so far four: NRR 3.75 → 93.75.
	if !strings.Contains(pkm, "<b>3</b> responden minggu ini") || !strings.Contains(pkm, "93,75 — mutu A (Sangat Baik), 4 responden") {
		t.Fatalf("weekly summary from the survey:\n%s", pkm)
	}
}

func TestJobsReadTheEvaluationsProgress(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	for _, e := range []*kinerja.Evaluation{
		{NIP: bottest.NIPBudi, Period: "2026-11", AssessorNIP: bottest.NIPHead, UnitCode: "PKM-TGR", Predikat: kinerja.PredikatBaik, Status: kinerja.EvalFinal},
		{NIP: bottest.NIPSari, Period: "2026-11", AssessorNIP: bottest.NIPHead, UnitCode: "PKM-TGR", Predikat: kinerja.PredikatSangatBaik, Status: kinerja.EvalDraft},
	} {
		e.CreatedAt, e.UpdatedAt = h.Now, h.Now
		if err := h.DB.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Budi's is confirmed; Sari's is a draft and Fitri's not begun.
	res := h.Run(jobs.RemindEvaluation, jobs.At(2026, 12, 1, 9, 0))
	got := map[int64]string{}
	for _, m := range res.Messages {
		got[m.ChatID] = m.Text
	}
	if !strings.Contains(got[jobs.TGHead], "<b>1 pegawai</b>") || !strings.Contains(got[jobs.TGYus], "<b>1 pegawai</b>") {
		t.Fatalf("evaluation reminders %v", got)
	}
	if res.Messages[0].Buttons[0][0].Data != "run:nilai" {
		t.Fatalf("buttons %+v; want /nilai first", res.Messages[0].Buttons)
	}
	// After the deadline, the monthly summary counts November's predicates
	// (on the 1st they would still be in progress: it shows October's).
	res = h.Run(jobs.SummaryMonthly, jobs.At(2026, 12, 7, 8, 0))
	for _, m := range res.Messages {
		if m.ChatID == -1001 && m.Photo == nil &&
			!strings.Contains(m.Text, "Puskesmas Tanah Garam: Sangat Baik 0 · Baik 1 · Butuh Perbaikan 0") {
			t.Fatalf("monthly predikat counts:\n%s", m.Text)
		}
	}
}

func TestJobsReadTheReportsAndListThemInTheOneDigest(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	tgt := &kinerja.Target{NIP: bottest.NIPBudi, Period: "2026-11", Code: "PKM-01", Name: "Pasien", Unit: "pasien", Target: 100, Direction: kinerja.HigherIsBetter}
	if _, err := h.DB.PutTarget(ctx, tgt); err != nil {
		t.Fatal(err)
	}
	add := func(nip string, sent time.Time, st kinerja.ReportStatus) {
		r := &kinerja.Report{NIP: nip, TargetID: tgt.ID, WorkDate: kinerja.DayString(sent, bottest.WIB), Quantity: 1, Description: "x",
			Status: st, AssessorNIP: bottest.NIPHead, CreatedAt: sent, UpdatedAt: sent}
		if err := h.DB.CreateReport(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	add(bottest.NIPBudi, jobs.At(2026, 11, 16, 10, 0), kinerja.ReportPending)
	add(bottest.NIPBudi, jobs.At(2026, 11, 18, 10, 0), kinerja.ReportPending)
	add(bottest.NIPBudi, jobs.At(2026, 11, 17, 10, 0), kinerja.ReportApproved)
	add(bottest.NIPSari, jobs.At(2026, 11, 19, 10, 0), kinerja.ReportWithdrawn)

	res := h.Run(jobs.RemindApprovals, jobs.At(2026, 11, 20, 8, 0))
	if got := jobs.Chats(res.Messages); len(got) != 1 || got[0] != jobs.TGHead {
		t.Fatalf("digests to %v; want the head only", got)
	}
	// The reminder lists the two pending reports in the reports' digest form.
	m := res.Messages[0].Text
	if !strings.Contains(m, "2 laporan kerja") || !strings.Contains(m, "4 hari (sejak Senin, 16 November 2026)") ||
		!strings.Contains(m, "• #1 Budi Santoso — PKM-01 1 pasien (16/11)") || !strings.Contains(m, "• #2 Budi Santoso — PKM-01 1 pasien (18/11)") {
		t.Fatalf("digest %q", m)
	}
	// Its button opens the real approval list, in a new message.
	out := h.Press(jobs.TGHead, 1, res.Messages[0].Buttons[0][0].Data)
	bottest.MustSay(t, out, "Budi Santoso")
	for _, o := range out {
		if o.EditID == 1 {
			t.Fatal("opening the approvals overwrote the reminder")
		}
	}
	// Staff without subordinates cannot open it through a forged button.
	bottest.MustSay(t, h.Press(jobs.TGBudi, 1, "run:persetujuan"), "tidak tersedia")

	// Friday 20 November: Budi reported this week; Sari only withdrew one.
	res = h.Run(jobs.RemindReporting, jobs.At(2026, 11, 20, 14, 0))
	reminded := map[int64]bool{}
	for _, m := range res.Messages {
		reminded[m.ChatID] = true
	}
	if reminded[jobs.TGBudi] || !reminded[jobs.TGSari] {
		t.Fatalf("reminded %v; want Sari, not Budi", jobs.Chats(res.Messages))
	}
	res = h.Run(jobs.SummaryWeekly, jobs.At(2026, 11, 23, 7, 30))
	for _, m := range res.Messages {
		if m.ChatID == -1001 && !strings.Contains(m.Text, "<b>3</b> dikirim, <b>1</b> disetujui, <b>2</b> menunggu") {
			t.Fatalf("weekly activity:\n%s", m.Text)
		}
	}
}
