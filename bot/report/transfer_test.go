package report

import (
	"context"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// moveBudi moves Budi from PKM-TGR (head Rina) to PKM-KTK (head Yusuf)
// from 5 November, recorded on 10 November.
func moveBudi(t *testing.T, f *reportFixture) {
	t.Helper()
	ctx := context.Background()
	budi, err := f.DB.Staff(ctx, nipBudi)
	if err != nil {
		t.Fatal(err)
	}
	budi.UnitCode, budi.SuperiorNIP = "PKM-KTK", nipOtherBos
	if _, err := f.DB.MoveStaff(ctx, budi, f.Now, kinerja.Date(2026, 11, 5, wib)); err != nil {
		t.Fatal(err)
	}
}

// TestReportGoesToTheAssessorOfItsWorkDate: after a move, work done before
// it goes to the old assessor (who may approve it), work after it to the
// new one, and the export shows the unit of each work date.
func TestReportGoesToTheAssessorOfItsWorkDate(t *testing.T) {
	f := newReportFixture(t, Config{})
	moveBudi(t, f)
	before := f.submit(tgBudi, f.ikiPasien, "4", "3/11/2026", "Pelayanan sebelum pindah")
	if len(bottest.To(tgHead, before)) == 0 || len(bottest.To(tgOtherBos, before)) != 0 {
		t.Fatalf("work of 3 Nov should go to the old head: %+v", before)
	}
	bottest.MustSay(t, bottest.To(tgBudi, before), "dr. Rina Marlina")
	after := f.submit(tgBudi, f.ikiPasien, "2", "6/11/2026", "Pelayanan sesudah pindah")
	if len(bottest.To(tgOtherBos, after)) == 0 || len(bottest.To(tgHead, after)) != 0 {
		t.Fatalf("work of 6 Nov should go to the new head: %+v", after)
	}
	if r := f.report(1); r.AssessorNIP != nipHead {
		t.Fatalf("report 1 assessor %s, want the old head", r.AssessorNIP)
	}
	approve := bottest.ButtonData(t, bottest.To(tgHead, before), "rpt:a:")
	bottest.MustSay(t, bottest.To(tgHead, f.Press(tgHead, 42, approve)), "Disetujui")
	if r := f.report(1); r.Status != kinerja.ReportApproved || r.DecidedBy != nipHead {
		t.Fatalf("old head's approval: %+v", r)
	}
	// The new head sees Budi's month with the old head's approval marked;
	// the old head may no longer look.
	bottest.MustSay(t, f.Text(tgOtherBos, "/capaian "+nipBudi), "Budi Santoso", "Realisasi 4 / target 200",
		"1 laporan disetujui oleh dr. Rina Marlina (atasan sebelumnya)")
	bottest.MustSay(t, f.Text(tgHead, "/capaian "+nipBudi), "bukan bawahan Anda")
	bottest.MustSay(t, f.Text(tgBudi, "/capaian 2026-11"), "Realisasi 4 / target 200", "(atasan sebelumnya)")
	rows, err := f.feat.ReportRows(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil || len(rows) != 2 {
		t.Fatalf("export: %v %v", rows, err)
	}
	if got := []string{rows[0][3], rows[1][3]}; got[0] != "PKM-TGR" || got[1] != "PKM-KTK" {
		t.Errorf("export units %v, want the unit of each work date", got)
	}
}

// TestReportOfAnOldAssessorWithActingGoesToTheCurrentOne: when someone acts
// in the old assessor's post today, work before the move goes to the
// current assessor instead of waiting.
func TestReportOfAnOldAssessorWithActingGoesToTheCurrentOne(t *testing.T) {
	f := newReportFixture(t, Config{})
	moveBudi(t, f)
	day := kinerja.DayOf(f.Now, wib)
	if err := f.DB.CreateActing(context.Background(), &kinerja.Acting{ForNIP: nipHead, ByNIP: nipAdmin,
		Kind: kinerja.ActingPlh, From: day, To: day, CreatedAt: f.Now}); err != nil {
		t.Fatal(err)
	}
	sent := f.submit(tgBudi, f.ikiPasien, "4", "3/11/2026", "Pelayanan sebelum pindah")
	if len(bottest.To(tgOtherBos, sent)) == 0 {
		t.Fatalf("should go to the current head: %+v", sent)
	}
	if r := f.report(1); r.AssessorNIP != nipOtherBos {
		t.Fatalf("assessor %s, want the current head", r.AssessorNIP)
	}
}
