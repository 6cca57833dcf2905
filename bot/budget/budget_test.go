package budget

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// newHarness is a bot with /anggaran over the seeded, linked roster; Sari
// is PKM-TGR's finance officer.
func newHarness(t *testing.T) (*bottest.Harness, *Feature) {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	f := New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB}, Config{FinanceNIPs: map[string]string{"pkm-tgr": bottest.NIPSari}})
	h.Features = []bot.Feature{f}
	h.Restart()
	h.Seed()
	h.LinkAll()
	return h, f
}

// hasButton reports whether a button with label and data was sent.
func hasButton(msgs []bot.OutMessage, label, data string) bool {
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				if b.Text == label && b.Data == data {
					return true
				}
			}
		}
	}
	return false
}

func budgets(t *testing.T, h *bottest.Harness) []*kinerja.Budget {
	t.Helper()
	got, err := h.DB.Budgets(context.Background(), kinerja.BudgetFilter{UnitCode: "PKM-TGR"})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestFinanceOfficerReportsAMonth(t *testing.T) {
	h, _ := newHarness(t)
	out := h.Text(bottest.TGSari, "/anggaran")
	bottest.MustSay(t, out, "Anggaran Puskesmas Tanah Garam tahun 2026", "Belum ada data anggaran", "Pilih bulan")
	out = h.Press(bottest.TGSari, 1, "ang:m:PKM-TGR:2026-10")
	bottest.MustSay(t, out, "Ketik <b>pagu</b> anggaran yang berlaku pada Oktober 2026")
	out = h.Text(bottest.TGSari, "satu miliar")
	bottest.MustSay(t, out, "bukan jumlah rupiah")
	out = h.Text(bottest.TGSari, "0")
	bottest.MustSay(t, out, "Pagu harus lebih dari nol")
	out = h.Text(bottest.TGSari, "1.200.000.000")
	bottest.MustSay(t, out, "Ketik <b>realisasi</b> (belanja) bulan Oktober 2026 saja")
	out = h.Text(bottest.TGSari, "Rp 960.000.000")
	// Plan at the end of October: 70 + 25/3 = 78,33%, band 73,33–83,33%.
	bottest.MustSay(t, out, "Pagu: Rp 1.200.000.000", "Realisasi bulan ini: Rp 960.000.000",
		"Penyerapan s.d. Oktober 2026: Rp 960.000.000 dari pagu Rp 1.200.000.000 = <b>80,00%</b> (rencana 78,33%, rentang 73,33–83,33%) → capaian <b>100,00%</b>")
	if len(budgets(t, h)) != 0 {
		t.Fatal("saved before the confirmation")
	}
	out = h.Press(bottest.TGSari, 1, "ang:ok")
	bottest.MustSay(t, out, "Anggaran Oktober 2026 disimpan")
	got := budgets(t, h)
	if len(got) != 1 || got[0].Pagu != 1.2e9 || got[0].Realisasi != 9.6e8 || got[0].Source != kinerja.BudgetReported ||
		got[0].ReportedBy != bottest.NIPSari || got[0].Month != "2026-10" {
		t.Fatalf("stored %+v", got)
	}
	entries, err := h.DB.AuditEntries(context.Background(), 0, 100)
	if err != nil || len(entries) == 0 || entries[len(entries)-1].Action != "budget.create" || entries[len(entries)-1].ActorNIP != bottest.NIPSari {
		t.Fatalf("audit %v %v", entries, err)
	}
	// A pressed confirmation is not a second save.
	h.Press(bottest.TGSari, 1, "ang:ok")
	if entries, _ := h.DB.AuditEntries(context.Background(), 0, 100); len(entries) != 1 {
		t.Fatalf("a second press wrote again: %d audit entries", len(entries))
	}

	// November keeps the pagu with a button; cancelling saves nothing.
	h.Text(bottest.TGSari, "/anggaran")
	out = h.Press(bottest.TGSari, 1, "ang:m:PKM-TGR:2026-11")
	if !hasButton(out, "Sama: Rp 1.200.000.000", "ang:same") {
		t.Fatalf("no button to keep the pagu: %+v", out)
	}
	out = h.Press(bottest.TGSari, 1, "ang:same")
	bottest.MustSay(t, out, "realisasi")
	h.Text(bottest.TGSari, "0")
	out = h.Press(bottest.TGSari, 1, "ang:no")
	bottest.MustSay(t, out, "Dibatalkan")
	if len(budgets(t, h)) != 1 {
		t.Fatal("cancelled month saved")
	}
	// /cancel in the middle ends the dialogue too.
	h.Press(bottest.TGSari, 1, "ang:m:PKM-TGR:2026-11")
	h.Text(bottest.TGSari, "/cancel")
	out = h.Text(bottest.TGSari, "1000")
	if len(budgets(t, h)) != 1 {
		t.Fatalf("typed after /cancel: %v", out)
	}
}

func TestOnlyTheFinanceOfficerAndOnlyRecentMonths(t *testing.T) {
	h, _ := newHarness(t)
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/anggaran"), "belum terdaftar sebagai petugas keuangan")
	bottest.MustSay(t, h.Press(bottest.TGBudi, 1, "ang:m:PKM-TGR:2026-10"), "bukan petugas keuangan unit ini")
	bottest.MustSay(t, h.Press(bottest.TGSari, 1, "ang:m:PKM-KTK:2026-10"), "bukan petugas keuangan unit ini")
	// An older month than the previous one is not offered, and a forged
	// press for it starts nothing.
	h.Press(bottest.TGSari, 1, "ang:m:PKM-TGR:2026-01")
	h.Text(bottest.TGSari, "1000")
	if len(budgets(t, h)) != 0 {
		t.Fatal("an old month was started")
	}
	// Someone else's confirmation press does nothing.
	h.Press(bottest.TGBudi, 1, "ang:ok")
	if len(budgets(t, h)) != 0 {
		t.Fatal("saved by a stale press")
	}
}

func TestFinanceOfficerOfSeveralUnitsChooses(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	f := New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB},
		Config{FinanceNIPs: map[string]string{"PKM-TGR": bottest.NIPSari, "PKM-KTK": bottest.NIPSari}})
	h.Features = []bot.Feature{f}
	h.Restart()
	h.Seed()
	h.LinkAll()
	out := h.Text(bottest.TGSari, "/anggaran")
	bottest.MustSay(t, out, "Pilih unit")
	out = h.Press(bottest.TGSari, 1, "ang:u:PKM-KTK")
	bottest.MustSay(t, out, "Anggaran Puskesmas KTK")
}

func TestBudgetExport(t *testing.T) {
	h, f := newHarness(t)
	ctx := context.Background()
	for _, b := range []kinerja.Budget{
		{UnitCode: "PKM-TGR", Month: "2026-01", Pagu: 1000, Realisasi: 100, Source: kinerja.BudgetImported},
		{UnitCode: "PKM-TGR", Month: "2026-03", Pagu: 1000, Realisasi: 100, Source: kinerja.BudgetReported, ReportedBy: bottest.NIPSari},
		{UnitCode: "PKM-TGR", Month: "2026-12", Pagu: 1000, Realisasi: 730, Source: kinerja.BudgetImported},
		{UnitCode: "PKM-KTK", Month: "2026-02", Pagu: 500, Realisasi: 50, Source: kinerja.BudgetImported},
	} {
		b.UpdatedAt = h.Now
		if _, err := h.DB.PutBudget(ctx, &b); err != nil {
			t.Fatal(err)
		}
	}
	q1, _ := kinerja.ParsePeriod("2026-Q1")
	sheets, err := f.BudgetSheets(ctx, q1, "PKM-TGR")
	if err != nil || len(sheets) != 1 {
		t.Fatal(err)
	}
	rows := sheets[0].Rows
	if len(rows) != 2 {
		t.Fatalf("rows %v", rows)
	}
	// March: 200 of 1000 = 20%, on plan at the end of Q1.
	want := []string{"PKM-TGR", "Puskesmas Tanah Garam", "2026-03", "1000", "100", "200", "20.00", "20.00", "15.00", "25.00", "100.00", "chat", bottest.NIPSari}
	if got := strings.Join(rows[1][:13], "|"); got != strings.Join(want, "|") {
		t.Fatalf("March row\n got %s\nwant %s", got, strings.Join(want, "|"))
	}
	year, _ := kinerja.ParsePeriod("2026")
	sheets, _ = f.BudgetSheets(ctx, year, "")
	if rows := sheets[0].Rows; len(rows) != 4 || rows[0][0] != "PKM-KTK" || rows[3][6] != "93.00" || rows[3][10] != "100.00" {
		t.Fatalf("year rows %v", rows)
	}
	if k := f.Exports(); len(k) != 1 || k[0].Name != "budget" {
		t.Fatalf("exports %+v", k)
	}
}
