package export_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// source is a feature with exports, as report, survey and evaluation are.
type source []export.Kind

func (s source) Exports() []export.Kind { return s }

// kind is a test kind whose one sheet names the period it was asked for,
// recording the ask in asked.
func kind(name, label string, asked *[]string) export.Kind {
	return export.Kind{Name: name, About: "test " + name, Label: label,
		Build: func(_ context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
			*asked = append(*asked, name+" "+p.String())
			return []sheet.Sheet{{Name: name + " " + p.String(), Header: []string{"NIP", "nama"},
				Rows: [][]string{{bottest.NIPBudi, name}}}}, nil
		}}
}

// newHarness is a bot with /ekspor over the kinds of sources, and the
// seeded, linked roster.
func newHarness(t *testing.T, sources ...any) *bottest.Harness {
	t.Helper()
	reg, err := export.NewRegistry(sources...)
	if err != nil {
		t.Fatal(err)
	}
	h := bottest.New(t, bot.Config{}, export.NewFeature(reg, bot.Deps{}))
	h.Seed()
	h.LinkAll()
	return h
}

// workbook reads the first sheet of an XLSX document.
func workbook(t *testing.T, doc bot.OutMessage) *sheet.Table {
	t.Helper()
	tbl, err := sheet.ReadFrom(bytes.NewReader(doc.Document), ".xlsx")
	if err != nil {
		t.Fatalf("workbook %q: %v", doc.FileName, err)
	}
	return tbl
}

func TestExportWithNothingToExport(t *testing.T) {
	var asked []string
	// A kind without a label is for the command line only.
	h := newHarness(t, source{kind("uji", "", &asked)})
	bottest.MustSay(t, h.Text(bottest.TGAdmin, "/ekspor"), "Belum ada data yang dapat diekspor")
}

func TestExportInChat(t *testing.T) {
	var asked []string
	h := newHarness(t, source{kind("uji", "ekspor.kind_reports", &asked)})
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/ekspor"), "tidak tersedia")
	m := bottest.MustSay(t, h.Text(bottest.TGAdmin, "/ekspor"), "Pilih periode")
	if m.Buttons[0][0].Data != "ekspor:p:2026-11" || m.Buttons[1][0].Data != "ekspor:p:2026-10" || m.Buttons[2][0].Data != "ekspor:p:2026" {
		t.Fatalf("period buttons %+v", m.Buttons)
	}
	if m.Buttons[0][0].Text != "Bulan ini (November 2026)" || m.Buttons[2][0].Text != "Tahun ini (2026)" {
		t.Fatalf("period labels %+v", m.Buttons)
	}
	k := bottest.MustSay(t, h.Press(bottest.TGAdmin, 5, "ekspor:p:2026-10"), "Oktober 2026")
	// One kind: no "everything" button.
	if len(k.Buttons) != 1 || k.Buttons[0][0].Data != "ekspor:k:2026-10:uji" || k.Buttons[0][0].Text != "📝 Laporan kerja pegawai" {
		t.Fatalf("kind buttons %+v", k.Buttons)
	}
	out := h.Press(bottest.TGAdmin, 5, "ekspor:k:2026-10:uji")
	bottest.MustSay(t, out, "Menyiapkan")
	doc := bottest.MustSay(t, out, "Ekspor")
	if doc.Document == nil || doc.FileName != "kinerja-uji-2026-10.xlsx" || strings.Join(asked, ",") != "uji 2026-10" {
		t.Fatalf("document %q (%d bytes), asked %v", doc.FileName, len(doc.Document), asked)
	}
	if doc.Text != "📤 Ekspor 📝 Laporan kerja pegawai — Oktober 2026" {
		t.Fatalf("caption %q", doc.Text)
	}
	if tbl := workbook(t, doc); len(tbl.Rows) != 1 || tbl.Rows[0].Cell(0) != bottest.NIPBudi {
		t.Fatalf("workbook: %+v", tbl)
	}
	// A forged press by a non-admin builds nothing.
	asked = nil
	h.Press(bottest.TGBudi, 5, "ekspor:k:2026-10:uji")
	if len(asked) != 0 {
		t.Fatal("a non-admin's press built an export")
	}
}

func TestExportEverythingOfAYear(t *testing.T) {
	var asked []string
	h := newHarness(t,
		source{kind("reports", "ekspor.kind_reports", &asked)},
		"not a feature with exports",
		source{kind("ikm", "ekspor.kind_ikm", &asked), kind("indicators", "", &asked), kind("evaluations", "ekspor.kind_evaluations", &asked)})
	k := bottest.MustSay(t, h.Press(bottest.TGAdmin, 5, "ekspor:p:2026"), "Periode <b>2026</b>")
	var got []string
	for _, row := range k.Buttons {
		got = append(got, row[0].Data)
	}
	if strings.Join(got, " ") != "ekspor:k:2026:reports ekspor:k:2026:ikm ekspor:k:2026:evaluations ekspor:k:2026:all" {
		t.Fatalf("kind buttons %v", got)
	}
	doc := bottest.MustSay(t, h.Press(bottest.TGAdmin, 5, "ekspor:k:2026:all"), "Ekspor")
	if doc.FileName != "kinerja-2026.xlsx" || strings.Join(asked, ",") != "reports 2026,ikm 2026,evaluations 2026" {
		t.Fatalf("document %q, asked %v", doc.FileName, asked)
	}
	want := "📤 Ekspor 📝 Laporan kerja pegawai, ⭐ IKM per unit (survei kepuasan), 🏅 Penilaian kinerja dan indikator — 2026"
	if doc.Text != want {
		t.Fatalf("caption %q, want %q", doc.Text, want)
	}
	if tbl := workbook(t, doc); len(tbl.Rows) != 1 || tbl.Rows[0].Cell(1) != "reports" {
		t.Fatalf("first sheet %+v", tbl)
	}
}

func TestExportFailureIsTold(t *testing.T) {
	broken := export.Kind{Name: "rusak", Label: "ekspor.kind_ikm", Build: func(context.Context, kinerja.Period) ([]sheet.Sheet, error) {
		return nil, errors.New("disk on fire")
	}}
	h := newHarness(t, source{broken})
	m := bottest.MustSay(t, h.Press(bottest.TGAdmin, 5, "ekspor:k:2026-11:rusak"), "berkas ekspor gagal dibuat")
	if m.Document != nil || m.ChatID != bottest.TGAdmin {
		t.Fatalf("failure message %+v", m)
	}
}

func TestExportStalePresses(t *testing.T) {
	var asked []string
	h := newHarness(t, source{kind("uji", "ekspor.kind_reports", &asked)})
	stale := bot.T(kinerja.LangID, "core.stale_button")
	for _, data := range []string{
		"ekspor:k:2026-11:hilang", // a kind no longer on offer
		"ekspor:k:2026-Q1:uji",    // neither a month nor a year
		"ekspor:p:bukan",
		"ekspor:p",
		"ekspor:k:2026-11",
		"ekspor:x:2026-11",
	} {
		h.Press(bottest.TGAdmin, 5, data)
		if got := h.Msg.Answer("cb" + data); got != stale {
			t.Errorf("%s answered %q", data, got)
		}
	}
	if len(asked) != 0 {
		t.Fatalf("built %v", asked)
	}
}

func TestRegistry(t *testing.T) {
	var asked []string
	reg, err := export.NewRegistry(source{kind("reports", "", &asked), kind("ikm", "", &asked)}, 42, source{kind("evaluations", "", &asked)})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, k := range reg.Kinds() {
		names = append(names, k.Name)
	}
	if strings.Join(names, ",") != "reports,ikm,evaluations" || strings.Join(reg.Names(), ",") != "evaluations,ikm,reports" {
		t.Fatalf("kinds %v, names %v", names, reg.Names())
	}
	if k, ok := reg.Lookup("ikm"); !ok || k.About != "test ikm" {
		t.Fatalf("lookup ikm: %+v %v", k, ok)
	}
	if _, ok := reg.Lookup("laporan"); ok {
		t.Fatal("found a kind never registered")
	}
}

func TestRegistryRefusesADuplicateName(t *testing.T) {
	var asked []string
	_, err := export.NewRegistry(source{kind("reports", "ekspor.kind_reports", &asked)}, source{kind("reports", "", &asked)})
	if err == nil || !strings.Contains(err.Error(), `"reports"`) {
		t.Fatalf("err = %v, want the duplicate named", err)
	}
}

func TestRegistryRefusesUnfitKinds(t *testing.T) {
	var asked []string
	for _, k := range []export.Kind{
		kind("", "", &asked),
		kind("all", "", &asked), // the "everything" button
		kind("a:b", "", &asked),
		kind("a/b", "", &asked),
		{Name: "nobuild"},
	} {
		if _, err := export.NewRegistry(source{k}); err == nil {
			t.Errorf("kind %q accepted", k.Name)
		}
	}
}

func TestTexts(t *testing.T) {
	bottest.CheckTexts(t, "ekspor.")
}

func TestRandomInput(t *testing.T) {
	var asked []string
	h := newHarness(t, source{kind("reports", "ekspor.kind_reports", &asked), kind("ikm", "ekspor.kind_ikm", &asked)})
	h.RandomInput(300, []int64{bottest.TGBudi, bottest.TGAdmin, 9999})
}
