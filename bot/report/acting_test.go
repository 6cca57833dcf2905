package report

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// TestActingAssessorGetsAndDecidesTheReport: with the other head acting
// for Budi's assessor this week, Budi's report goes to the acting one with
// an approve button; the approval names both in the report, the export and
// the audit log, and the absent assessor gets nothing.
func TestActingAssessorGetsAndDecidesTheReport(t *testing.T) {
	f := newReportFixture(t, Config{})
	ctx := context.Background()
	day := kinerja.DayOf(f.Now, wib)
	if err := f.DB.CreateActing(ctx, &kinerja.Acting{ForNIP: nipHead, ByNIP: nipOtherBos, Kind: kinerja.ActingPlh,
		From: day, To: day, CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	f.Msg.Files["ph1"] = []byte("foto")
	sent := f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan pasien", bottest.Photo(tgBudi, "ph1"))
	if len(bottest.To(tgHead, sent)) != 0 {
		t.Fatalf("the absent assessor was sent the report: %+v", bottest.To(tgHead, sent))
	}
	approve := bottest.ButtonData(t, bottest.To(tgOtherBos, sent), "rpt:a:")
	out := f.Press(tgOtherBos, 42, approve)
	bottest.MustSay(t, bottest.To(tgOtherBos, out), "Disetujui", "PLH", "atas nama")
	r := f.report(1)
	if r.Status != kinerja.ReportApproved || r.DecidedBy != nipOtherBos || r.AssessorNIP != nipHead || r.DecidedAsDelegate {
		t.Fatalf("after the acting approval: %+v", r)
	}
	rows, err := f.feat.ReportRows(ctx, kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil || len(rows) != 1 {
		t.Fatalf("export: %v %v", rows, err)
	}
	row := strings.Join(rows[0], "|")
	if !strings.Contains(row, "|"+nipOtherBos+"|") || !strings.HasSuffix(row, "|"+nipHead+"|Ns. Yusuf|dr. Rina Marlina|plh") {
		t.Errorf("export row does not name both: %s", row)
	}
	entries, err := f.DB.AuditEntries(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range entries {
		if e.Action == "report.decided_acting" && strings.Contains(e.After, `"on_behalf_of":"`+nipHead) && e.ActorNIP == nipOtherBos {
			found = true
		}
	}
	if !found {
		t.Errorf("no audit entry names both: %+v", entries)
	}

	// The next day the assignment is over: the acting one may not decide.
	f.Now = f.Now.AddDate(0, 0, 1)
	sent = f.submit(tgBudi, f.ikiPasien, "1", "lp:d:0", "Pelayanan pasien lagi")
	if len(bottest.To(tgOtherBos, sent)) != 0 || len(bottest.To(tgHead, sent)) == 0 {
		t.Fatalf("after the assignment the report should go to the assessor: %+v", sent)
	}
}

// TestStaffAreToldTheActingAssessor: the sender is told their report went
// to the acting one on the absent assessor's behalf, not to the absent
// assessor, and the approval notice says on whose behalf it was decided.
func TestStaffAreToldTheActingAssessor(t *testing.T) {
	f := newReportFixture(t, Config{})
	day := kinerja.DayOf(f.Now, wib)
	if err := f.DB.CreateActing(context.Background(), &kinerja.Acting{ForNIP: nipHead, ByNIP: nipOtherBos,
		Kind: kinerja.ActingPlh, From: day, To: day, CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	sent := f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan pasien")
	told := bottest.MustSay(t, bottest.To(tgBudi, sent), "terkirim ke <b>Ns. Yusuf</b> (PLH, atas nama dr. Rina Marlina)")
	if strings.Contains(told.Text, "terkirim ke <b>dr. Rina") {
		t.Fatalf("told the absent assessor: %q", told.Text)
	}
	out := f.Press(tgOtherBos, 42, bottest.ButtonData(t, bottest.To(tgOtherBos, sent), "rpt:a:"))
	bottest.MustSay(t, bottest.To(tgBudi, out), "<b>disetujui</b> oleh Ns. Yusuf (sebagai PLH, atas nama dr. Rina Marlina).")
}

// TestActingWithoutSubordinatesOpensTheList: Sari, who has no
// subordinates, is Plh for her head today: /persetujuan is hers, and shows
// her head's waiting reports on his behalf; the day after it is not.
func TestActingWithoutSubordinatesOpensTheList(t *testing.T) {
	f := newReportFixture(t, Config{})
	ctx := context.Background()
	day := kinerja.DayOf(f.Now, wib)
	if err := f.DB.CreateActing(ctx, &kinerja.Acting{ForNIP: nipHead, ByNIP: bottest.NIPSari, Kind: kinerja.ActingPlh,
		From: day, To: day, CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	f.submit(tgBudi, f.ikiPasien, "3", "lp:d:0", "Pelayanan pasien")
	out := f.Text(tgSari, "/persetujuan")
	bottest.MustSay(t, out, "Pelayanan pasien", "Atas nama dr. Rina Marlina", "PLH")
	approve := bottest.ButtonData(t, out, "apv:")
	if approve == "" {
		t.Fatal("no decision button on the list")
	}
	f.Now = f.Now.AddDate(0, 0, 1)
	if got := strings.Join(bottest.Texts(f.Text(tgSari, "/persetujuan")), "\n"); strings.Contains(got, "Pelayanan pasien") {
		t.Fatalf("after the assignment Sari still sees the list: %s", got)
	}
}
