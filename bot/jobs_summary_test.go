package bot

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// ikmOf makes an IKM result from n respondents all answering a.
func ikmOf(n, a int) scoring.IKMResult {
	answered, sums := make([]int, 9), make([]int, 9)
	for i := range answered {
		answered[i], sums[i] = n, n*a
	}
	return scoring.IKMFromTotals(n, answered, sums)
}

func TestSummaryWeeklyToEachUnitGroup(t *testing.T) {
	h := newJobsHarness(t)
	h.src.activity = map[string]UnitActivity{"PKM-TGR": {Sent: 24, Approved: 18, Pending: 5}}
	var asked [][2]time.Time
	h.src.ikm = func(from, to time.Time) map[string]scoring.IKMResult {
		asked = append(asked, [2]time.Time{from, to})
		if from.Day() == 1 { // the month so far
			return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(40, 4)}
		}
		return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(12, 4)}
	}
	res := h.run(JobSummaryWeekly, at(2026, 11, 23, 7, 30)) // Monday
	if res.Slot != "2026-W47" {
		t.Fatalf("slot %s, want the week summarised, 2026-W47", res.Slot)
	}
	if !asked[0][0].Equal(at(2026, 11, 16, 0, 0)) || !asked[0][1].Equal(at(2026, 11, 23, 0, 0)) || !asked[1][0].Equal(at(2026, 11, 1, 0, 0)) {
		t.Fatalf("asked for %v; want the week 16–22 November, then the month from the 1st", asked)
	}
	byChat := map[int64]string{}
	for _, m := range res.Messages {
		byChat[m.ChatID] = m.Text
	}
	if len(byChat) != 2 {
		t.Fatalf("sent to %v; want the two groups", chats(res.Messages))
	}
	pkm := byChat[-1001]
	for _, want := range []string{"Puskesmas Tanah Garam", "16–22 November 2026", "<b>24</b> dikirim", "<b>18</b> disetujui",
		"<b>5</b> menunggu", "<b>12</b> responden", "100,00 — mutu A (Sangat Baik), 40 responden", "sementara: 40 dari 80"} {
		if !strings.Contains(pkm, want) {
			t.Errorf("PKM summary lacks %q:\n%s", want, pkm)
		}
	}
	if dk := byChat[-2002]; !strings.Contains(dk, "<b>0</b> dikirim") || !strings.Contains(dk, "Belum ada responden pada November 2026") {
		t.Errorf("DUKCAPIL summary:\n%s", dk)
	}
	if got := res.Left["no group chat configured"]; len(got) != 1 || !strings.Contains(got[0], "BKPSDM") {
		t.Errorf("left out %v", res.Left)
	}
}

func TestSummaryMonthlyCountsOnlyAndChartAfterText(t *testing.T) {
	h := newJobsHarness(t)
	h.src.ikm = func(from, to time.Time) map[string]scoring.IKMResult {
		if !from.Equal(at(2026, 11, 1, 0, 0)) || !to.Equal(at(2026, 12, 1, 0, 0)) {
			t.Errorf("asked for [%v, %v); want November", from, to)
		}
		return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(90, 3), "DUKCAPIL": ikmOf(50, 4)}
	}
	h.src.predikat = map[string]map[kinerja.Predikat]int{
		"PKM-TGR":  {kinerja.PredikatBaik: 2, kinerja.PredikatSangatBaik: 1},
		"DUKCAPIL": {kinerja.PredikatButuhPerbaikan: 1},
	}
	res := h.run(JobSummaryMonthly, at(2026, 12, 1, 8, 0))
	if res.Slot != "2026-11" {
		t.Fatalf("slot %s", res.Slot)
	}
	// Text, then chart, for each group and the public channel.
	want := []int64{-2002, -2002, -1001, -1001, -3003, -3003} // units by code
	if got := chats(res.Messages); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("chats %v, want %v", got, want)
	}
	for i, m := range res.Messages {
		if i%2 == 0 && (m.Photo != nil || !strings.Contains(m.Text, "November 2026")) {
			t.Fatalf("message %d should be the text: %+v", i, m.Text)
		}
		if i%2 == 1 {
			img, err := png.Decode(bytes.NewReader(m.Photo))
			if err != nil || img.Bounds().Dx() < 800 || m.FileName != "ikm-2026-11.png" {
				t.Fatalf("message %d: chart %v %v %s", i, err, img, m.FileName)
			}
		}
	}
	pkm := res.Messages[2].Text
	for _, want := range []string{
		"1. Dinas Kependudukan dan Pencatatan Sipil: 100,00 — mutu A",
		"2. ▶ Puskesmas Tanah Garam: 75,00 — mutu C (Kurang Baik), 90 responden",
		"Puskesmas Tanah Garam: Sangat Baik 1 · Baik 2 · Butuh Perbaikan 0 · Kurang/Misconduct 0 · Sangat Kurang 0",
		"Seluruh unit: Sangat Baik 1 · Baik 2 · Butuh Perbaikan 1",
		"Sebaran predikat kinerja pegawai, Oktober 2026",
	} {
		if !strings.Contains(pkm, want) {
			t.Errorf("PKM group text lacks %q:\n%s", want, pkm)
		}
	}
	public := res.Messages[4].Text
	if strings.Contains(public, "▶") || !strings.Contains(public, "Seluruh unit") {
		t.Errorf("public channel text:\n%s", public)
	}
	for _, m := range res.Messages {
		for _, name := range []string{"Budi", "Sari", "Rina", "Fitri"} {
			if strings.Contains(m.Text, name) {
				t.Errorf("a summary names %s:\n%s", name, m.Text)
			}
		}
	}
}

func TestStoreSourcesReadTheSurvey(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	h.jobs.cfg.Sources = StoreSources(wib)
	add := func(day time.Time, a int) {
		r := &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: day, Answers: nineAnswers(a)}
		if err := h.db.AddSurveyResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		add(at(2026, 11, 17, 0, 0), 4)
	}
	add(at(2026, 11, 3, 0, 0), 3)
	res := h.run(JobSummaryWeekly, at(2026, 11, 23, 7, 30))
	var pkm string
	for _, m := range res.Messages {
		if m.ChatID == -1001 {
			pkm = m.Text
		}
	}
	// The week has three respondents; the month so far four: NRR 3.75 → 93.75.
	if !strings.Contains(pkm, "<b>3</b> responden minggu ini") || !strings.Contains(pkm, "93,75 — mutu A (Sangat Baik), 4 responden") {
		t.Fatalf("weekly summary from the survey store:\n%s", pkm)
	}
}

func TestStoreSourcesReadTheEvaluations(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	h.jobs.cfg.Sources = StoreSources(wib)
	for _, e := range []*kinerja.Evaluation{
		{NIP: nipBudi, Period: "2026-11", AssessorNIP: nipHead, UnitCode: "PKM-TGR", Predikat: kinerja.PredikatBaik, Status: kinerja.EvalFinal},
		{NIP: nipSari, Period: "2026-11", AssessorNIP: nipHead, UnitCode: "PKM-TGR", Predikat: kinerja.PredikatSangatBaik, Status: kinerja.EvalDraft},
	} {
		e.CreatedAt, e.UpdatedAt = h.now, h.now
		if err := h.db.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// Budi's is confirmed; Sari's is a draft and Fitri's not begun.
	res := h.run(JobRemindEvaluation, at(2026, 12, 1, 9, 0))
	got := map[int64]string{}
	for _, m := range res.Messages {
		got[m.ChatID] = m.Text
	}
	if len(got) != 2 || !strings.Contains(got[jtHead], "<b>1 pegawai</b>") || !strings.Contains(got[jtYus], "<b>1 pegawai</b>") {
		t.Fatalf("evaluation reminders %v", got)
	}
	if res.Messages[0].Buttons[0][0].Data != "run:nilai" {
		t.Fatalf("buttons %+v; want /nilai first", res.Messages[0].Buttons)
	}
	// After the deadline, the monthly summary counts November's predicates
	// (on the 1st they would still be in progress: it shows October's).
	res = h.run(JobSummaryMonthly, at(2026, 12, 7, 8, 0))
	for _, m := range res.Messages {
		if m.ChatID == -1001 && m.Photo == nil &&
			!strings.Contains(m.Text, "Puskesmas Tanah Garam: Sangat Baik 0 · Baik 1 · Butuh Perbaikan 0") {
			t.Fatalf("monthly predikat counts:\n%s", m.Text)
		}
	}
	// The admin exports the confirmed evaluations in chat: two sheets.
	h.text(jtAdmin, "/ekspor")
	h.press(jtAdmin, 5, "ekspor:p:2026-11")
	doc := mustSay(t, h.press(jtAdmin, 5, "ekspor:k:2026-11:nilai"), "Ekspor")
	tbl, err := sheet.ReadFrom(bytes.NewReader(doc.Document), ".xlsx")
	if err != nil || len(tbl.Rows) != 1 || tbl.Rows[0].Cell(0) != nipBudi {
		t.Fatalf("evaluations workbook %+v, %v", tbl, err)
	}
}

func TestStoreSourcesReadTheReports(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	h.jobs.cfg.Sources = StoreSources(wib)
	tgt := &kinerja.Target{NIP: nipBudi, Period: "2026-11", Code: "PKM-01", Name: "Pasien", Unit: "pasien", Target: 100, Direction: kinerja.HigherIsBetter}
	if _, err := h.db.PutTarget(ctx, tgt); err != nil {
		t.Fatal(err)
	}
	report := func(nip string, sent time.Time, st kinerja.ReportStatus) {
		r := &kinerja.Report{NIP: nip, TargetID: tgt.ID, WorkDate: kinerja.DayString(sent, wib), Quantity: 1, Description: "x",
			Status: st, AssessorNIP: nipHead, CreatedAt: sent, UpdatedAt: sent}
		if err := h.db.CreateReport(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	report(nipBudi, at(2026, 11, 16, 10, 0), kinerja.ReportPending)
	report(nipBudi, at(2026, 11, 18, 10, 0), kinerja.ReportPending)
	report(nipBudi, at(2026, 11, 17, 10, 0), kinerja.ReportApproved)
	report(nipSari, at(2026, 11, 19, 10, 0), kinerja.ReportWithdrawn)

	res := h.run(JobRemindApprovals, at(2026, 11, 20, 8, 0))
	if got := chats(res.Messages); len(got) != 1 || got[0] != jtHead {
		t.Fatalf("digests to %v; want the head only", got)
	}
	if m := res.Messages[0].Text; !strings.Contains(m, "2 laporan kerja") || !strings.Contains(m, "4 hari (sejak Senin, 16 November 2026)") {
		t.Fatalf("digest %q", m)
	}
	// Friday 20 November: Budi reported this week; Sari only withdrew one.
	res = h.run(JobRemindReporting, at(2026, 11, 20, 14, 0))
	reminded := map[int64]bool{}
	for _, m := range res.Messages {
		reminded[m.ChatID] = true
	}
	if reminded[jtBudi] || !reminded[jtSari] {
		t.Fatalf("reminded %v; want Sari, not Budi", chats(res.Messages))
	}
	res = h.run(JobSummaryWeekly, at(2026, 11, 23, 7, 30))
	for _, m := range res.Messages {
		if m.ChatID == -1001 && !strings.Contains(m.Text, "<b>3</b> dikirim, <b>1</b> disetujui, <b>2</b> menunggu") {
			t.Fatalf("weekly activity:\n%s", m.Text)
		}
	}
	// And the admin exports them in chat.
	h.text(jtAdmin, "/ekspor")
	h.press(jtAdmin, 5, "ekspor:p:2026-11")
	doc := mustSay(t, h.press(jtAdmin, 5, "ekspor:k:2026-11:laporan"), "Ekspor")
	tbl, err := sheet.ReadFrom(bytes.NewReader(doc.Document), ".xlsx")
	if err != nil || len(tbl.Rows) != 4 || tbl.Header[0] != "report_id" || doc.FileName != "kinerja-laporan-2026-11.xlsx" {
		t.Fatalf("reports workbook %+v, %v, %s", tbl, err, doc.FileName)
	}
}

func TestExportIKMInChat(t *testing.T) {
	h := newJobsHarness(t)
	r := &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: at(2026, 10, 5, 0, 0), Answers: nineAnswers(4)}
	if err := h.db.AddSurveyResponse(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	h.text(jtAdmin, "/ekspor")
	h.press(jtAdmin, 5, "ekspor:p:2026-10")
	doc := mustSay(t, h.press(jtAdmin, 5, "ekspor:k:2026-10:ikm"), "Ekspor")
	tbl, err := sheet.ReadFrom(bytes.NewReader(doc.Document), ".xlsx")
	if err != nil || len(tbl.Rows) != 1 || tbl.Rows[0].Cell(0) != "PKM-TGR" || tbl.Header[0] != "unit_code" {
		t.Fatalf("IKM workbook %+v, %v", tbl, err)
	}
}
