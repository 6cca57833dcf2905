package survey

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// servicesConfig gives PKM-TGR two services in the configuration.
var servicesConfig = map[string][]kinerja.SurveyService{"PKM-TGR": {
	{Code: "KIA", Name: "Kesehatan Ibu dan Anak", StandardMinutes: 30},
	{Code: "UMUM", Name: "Poli Umum"},
}}

// Two services of one unit surveyed separately give two service IKMs, and
// the unit's IKM is the computation over all their responses, not a mean
// of the two.
//
// KIA: 3 × all 4 → IKM 100.00. UMUM: 1 × all 2 → 50.00.
// Unit: sums 3·4+2 = 14 per unsur over 4 → NRR 3.5 → IKM 87.50 (the mean
// of the two services would be 75.00).
func TestServicesGiveServiceAndUnitIKM(t *testing.T) {
	h := newSurveyHarness(t, Config{Services: servicesConfig})
	ctx := context.Background()
	kia, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "KIA"})
	if err != nil {
		t.Fatal(err)
	}
	umum, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "UMUM"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "NOPE"}); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("unknown service: %v", err)
	}
	if _, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "BKPSDM", Service: "KIA"}); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("another unit's service: %v", err)
	}
	mustSay(t, h.Text(3001, "/start "+kia.Payload), "Layanan yang dinilai: <b>Kesehatan Ibu dan Anak</b>")
	for i := range 3 {
		h.complete(int64(3001+i), kia.Payload, all(4))
	}
	h.complete(3100, umum.Payload, all(2))

	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	res, err := h.f.ServiceResults(ctx, h.DB, "PKM-TGR", nov)
	if err != nil || len(res) != 2 || res[0].ServiceCode != "KIA" || IKMString(res[0].Result) != "100.00" ||
		res[1].ServiceCode != "UMUM" || IKMString(res[1].Result) != "50.00" {
		t.Fatalf("service results: %+v %v", res, err)
	}
	unit, _ := h.DB.Unit(ctx, "PKM-TGR")
	ui, err := h.f.UnitIndex(ctx, h.DB, unit, nov)
	if err != nil || ui.Result.Respondents != 4 || IKMString(ui.Result) != "87.50" {
		t.Fatalf("unit IKM: %+v %v", ui.Result, err)
	}

	rows, err := h.f.IKMTable(ctx, nov)
	if err != nil {
		t.Fatal(err)
	}
	// The unit's row, then one per service; the unit's row is unchanged
	// in shape, with no service.
	if len(rows) != 4 || rows[1][13] != "87.50" || rows[1][18] != "" ||
		rows[2][18] != "KIA" || rows[2][19] != "Kesehatan Ibu dan Anak" || rows[2][13] != "100.00" || rows[2][3] != "3" ||
		rows[3][18] != "UMUM" || rows[3][13] != "50.00" {
		t.Fatalf("export rows: %q", rows)
	}

	// /ikm shows both: the unit and, under it, each service.
	h.LinkAll()
	out := mustSay(t, h.Text(bottest.TGHead, "/ikm"), "87,50", "Per jenis layanan", "Kesehatan Ibu dan Anak: IKM <b>100,00</b>", "Poli Umum: IKM <b>50,00</b>")
	_ = out
}

// The in-chat /qr offers a button per service, whose card names it.
func TestQRPerService(t *testing.T) {
	h := newSurveyHarness(t, Config{Services: servicesConfig})
	h.LinkAll()
	h.Text(bottest.TGAdmin, "/qr")
	msgs := h.Press(bottest.TGAdmin, 1, "qr:u:PKM-TGR")
	found := false
	for _, m := range msgs {
		for _, row := range m.Buttons {
			for _, b := range row {
				found = found || b.Data == "qr:s:PKM-TGR:KIA"
			}
		}
	}
	if !found {
		t.Fatalf("no service button: %+v", msgs)
	}
	msgs = h.Press(bottest.TGAdmin, 1, "qr:s:PKM-TGR:KIA")
	card := mustSay(t, msgs, "Layanan: Kesehatan Ibu dan Anak")
	if len(card.Document) == 0 || !strings.HasSuffix(card.FileName, "-KIA.png") {
		t.Fatalf("card: %q %d bytes", card.FileName, len(card.Document))
	}
	links, _ := h.DB.ListSurveyLinks(context.Background(), "PKM-TGR")
	if n := len(links); n != 2 || links[0].ServiceCode+links[1].ServiceCode != "KIA" {
		t.Fatalf("links: %+v", links)
	}
	// Asked again: the same link.
	h.Press(bottest.TGAdmin, 1, "qr:s:PKM-TGR:KIA")
	if again, _ := h.DB.ListSurveyLinks(context.Background(), "PKM-TGR"); len(again) != 2 {
		t.Fatalf("a second link for the same service: %d", len(again))
	}
}

// A services file is checked whole, then imported; an imported service
// replaces a configured one of the same code.
func TestServicesImport(t *testing.T) {
	h := newSurveyHarness(t, Config{Services: servicesConfig})
	ctx := context.Background()
	bad, err := sheet.ReadFrom(strings.NewReader("Kode Unit;Kode Layanan;Nama Layanan;Standar Waktu (menit)\n"+
		"PKM-TGR;KIA;Ibu;x\nPKM-TGR;a b;Nama;5\n;X;Y;\nPKM-TGR;UMUM;Umum;10\nPKM-TGR;UMUM;Lagi;10\n"), ".csv")
	if err != nil {
		t.Fatal(err)
	}
	if list, probs := ParseServices(bad); list != nil || len(probs) != 4 {
		t.Fatalf("problems: %+v", probs)
	}
	good, _ := sheet.ReadFrom(strings.NewReader("Kode Unit;Kode Layanan;Nama Layanan;Standar Waktu (menit)\n"+
		"PKM-TGR;KIA;KIA dan KB;45\nBKPSDM;MUTASI;Layanan Mutasi;\n"), ".csv")
	list, probs := ParseServices(good)
	if len(probs) != 0 || len(list) != 2 {
		t.Fatalf("good file: %+v %+v", list, probs)
	}
	if n, err := h.f.ImportServices(ctx, list); err != nil || n != 2 {
		t.Fatalf("import: %d %v", n, err)
	}
	all, err := h.f.Services(ctx, h.DB, "")
	if err != nil || len(all) != 3 {
		t.Fatalf("services: %+v %v", all, err)
	}
	if all[0].Code != "MUTASI" || all[1].Name != "KIA dan KB" || all[1].StandardMinutes != 45 || all[2].Name != "Poli Umum" {
		t.Fatalf("merged services: %+v", all)
	}
	if _, err := h.f.ImportServices(ctx, []kinerja.SurveyService{{UnitCode: "NOPE", Code: "A", Name: "A"}}); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("unknown unit: %v", err)
	}
}
