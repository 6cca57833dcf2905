package jobs

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
	res := h.run(SummaryWeekly, at(2026, 11, 23, 7, 30)) // Monday
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
	// BKPSDM and the shared harness's PKM-KTK have no group.
	if got := res.Left["no group chat configured"]; len(got) != 2 || !strings.Contains(got[0], "BKPSDM") || !strings.Contains(got[1], "PKM-KTK") {
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
	res := h.run(SummaryMonthly, at(2026, 12, 1, 8, 0))
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

// The monthly summary publishes the audit log's entry count and short head
// to every group and the public channel, in the deployment's language.
func TestSummaryMonthlyPublishesTheAuditHead(t *testing.T) {
	h := newJobsHarness(t)
	h.src.ikm = func(from, to time.Time) map[string]scoring.IKMResult {
		return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(90, 3)}
	}
	ctx := context.Background()
	if res := h.run(SummaryMonthly, at(2026, 11, 1, 8, 0)); strings.Contains(res.Messages[0].Text, "Log audit") {
		t.Fatalf("an empty log was published:\n%s", res.Messages[0].Text)
	}
	for i := range 3 {
		if err := h.DB.AppendAudit(ctx, &kinerja.AuditEntry{At: at(2026, 11, 20, 9, i), Action: "report.approve",
			Entity: "report", EntityID: fmt.Sprint(i + 1), After: "{}"}); err != nil {
			t.Fatal(err)
		}
	}
	seq, head, err := h.DB.AuditHead(ctx)
	if err != nil || seq != 3 {
		t.Fatal(seq, err)
	}
	res := h.run(SummaryMonthly, at(2026, 12, 1, 8, 0))
	want := "🔐 Log audit: <b>3</b> entri, kepala <code>" + head[:16] + "</code>."
	texts := 0
	for _, m := range res.Messages {
		if m.Photo != nil {
			continue
		}
		texts++
		if !strings.Contains(m.Text, want) || !strings.Contains(m.Text, "audit verify --head "+head[:16]) {
			t.Errorf("summary to %d lacks the audit head:\n%s", m.ChatID, m.Text)
		}
	}
	if texts != 3 {
		t.Fatalf("%d texts, want the two groups and the channel", texts)
	}
	if en := auditHeadLine(kinerja.LangEN, seq, head); !strings.HasPrefix(en, "🔐 Audit log: <b>3</b> entries, head <code>"+head[:16]+"</code>.") {
		t.Fatalf("English line: %s", en)
	}
}
