package survey

import (
	"bytes"
	"context"
	"image/png"
	"reflect"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// seedThirty has thirty citizens rate PKM-TGR with buttons only, plus a
// repeat and a staff member who are not counted, and five rate BKPSDM.
//
// Hand computation for PKM-TGR (30 respondents):
//
//	12 answer all 4, 10 answer all 3, 8 answer 2 3 1 4 3 2 3 2 3.
//	Sums per unsur: 12·4 + 10·3 = 78, plus 8× the third pattern:
//	U1 78+16=94, U2 78+24=102, U3 78+8=86, U4 78+32=110, U5 102, U6 94,
//	U7 102, U8 94, U9 102; total 886.
//	NRR = sum/30: 3.1333 3.4000 2.8667 3.6667 3.4000 3.1333 3.4000 3.1333 3.4000
//	IKM = (886/30)·(1/9)·25 = 22150/270 = 82.0370… → 82.04, B, Baik.
//	Population 100 → Krejcie–Morgan n = 80 > 30: provisional.
//
// BKPSDM: five all-4 answers → IKM 100.00, A; population 5 → n = 5: final.
func seedThirty(t *testing.T, h *surveyHarness) {
	t.Helper()
	pkm := h.newLink("PKM-TGR", "")
	pattern := nine(2, 3, 1, 4, 3, 2, 3, 2, 3)
	for i := range 30 {
		id := int64(1001 + i)
		answers := pattern
		switch {
		case i < 12:
			answers = all(4)
		case i < 22:
			answers = all(3)
		}
		mustSay(t, h.complete(id, pkm, answers), "Terima kasih")
	}
	mustSay(t, h.Text(1001, "/start "+pkm), "sudah tercatat") // a repeat
	h.Link(nipSari, 1100)
	mustSay(t, h.Text(1100, "/start "+pkm), "tidak dihitung") // staff of the unit
	bk := h.newLink("BKPSDM", "")
	for i := range 5 {
		h.complete(int64(1200+i), bk, all(4))
	}
}

var ikmPopulation = map[string]int{"PKM-TGR": 100, "BKPSDM": 5}

func TestIKMExportEqualsHandComputation(t *testing.T) {
	h := newSurveyHarness(t, Config{Population: ikmPopulation})
	seedThirty(t, h)
	got, err := h.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"unit_code", "unit_name", "period", "respondents", "nrr_u1", "nrr_u2", "nrr_u3", "nrr_u4", "nrr_u5", "nrr_u6", "nrr_u7", "nrr_u8", "nrr_u9", "ikm", "mutu", "kinerja", "sample_needed", "provisional", "service_code", "service_name", "open_flags"},
		{"BKPSDM", "BKPSDM", "2026-11", "5", "4.0000", "4.0000", "4.0000", "4.0000", "4.0000", "4.0000", "4.0000", "4.0000", "4.0000", "100.00", "A", "Sangat Baik", "5", "false", "", "", "0"},
		// Thirty responses at the harness's one instant are a burst: one
		// open flag, beside an unchanged IKM.
		{"PKM-TGR", "Puskesmas Tanah Garam", "2026-11", "30", "3.1333", "3.4000", "2.8667", "3.6667", "3.4000", "3.1333", "3.4000", "3.1333", "3.4000", "82.04", "B", "Baik", "80", "true", "", "", "1"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("export:\n got %q\nwant %q", got, want)
	}
	// A year has twelve months of service users: 5×12 = 60 → n = 52 > 5.
	year, err := h.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Yearly, Year: 2026})
	if err != nil || len(year) != 3 || year[1][2] != "2026" || year[1][16] != "52" || year[1][17] != "true" {
		t.Fatalf("yearly export: %q %v", year, err)
	}
	empty, err := h.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 10})
	if err != nil || len(empty) != 1 {
		t.Fatalf("a month without responses: %q %v", empty, err)
	}
}

func TestNRRRoundsHalfUpFromTheExactValue(t *testing.T) {
	res := scoring.IKMResult{Sums: make([]int, 9), Answered: make([]int, 9)}
	res.Sums[0], res.Answered[0] = 101, 32 // 3.15625 exactly
	if got := nrrString(res, 0, 4); got != "3.1563" {
		t.Fatalf("nrr = %s, want 3.1563", got)
	}
	if got := nrrString(res, 1, 4); got != "" {
		t.Fatalf("unanswered unsur = %q, want empty", got)
	}
}

func TestUnconfiguredPopulationUsesTheLargestSample(t *testing.T) {
	if got := scoring.SampleSize(Config{}.population("X")); got != 384 {
		t.Fatalf("sample for an unconfigured population = %d, want 384", got)
	}
}

func TestIKMInChat(t *testing.T) {
	h := newSurveyHarness(t, Config{Population: ikmPopulation})
	seedThirty(t, h)
	h.Link(nipHead, 1300)
	h.Link(nipAdmin, 1301)
	h.Link(nipBudi, 1302)

	t.Run("unit head sees their unit at once", func(t *testing.T) {
		got := h.Text(1300, "/ikm")
		mustSay(t, got, "IKM Puskesmas Tanah Garam", "November 2026</b>: IKM <b>82,04</b>, mutu B (Baik), 30 responden",
			"sementara: sampel minimal 80", "Oktober 2026</b>: belum ada responden", "Agustus 2026",
			"U3 Waktu penyelesaian: 2,87", "U4 Biaya/tarif: 3,67", "Unsur terlemah: <b>U3 Waktu penyelesaian</b>")
	})
	t.Run("admin picks any unit", func(t *testing.T) {
		pick := mustSay(t, h.Text(1301, "/ikm"), "Pilih unit")
		if len(pick.Buttons) == 0 || !strings.HasPrefix(pick.Buttons[0][0].Data, "ikm:u:") {
			t.Fatalf("no unit buttons: %+v", pick.Buttons)
		}
		got := h.Press(1301, 7, "ikm:u:BKPSDM")
		m := mustSay(t, got, "IKM <b>100,00</b>, mutu A (Sangat Baik), 5 responden")
		if strings.Contains(m.Text, "sementara") {
			t.Fatalf("a sufficient sample marked provisional: %q", m.Text)
		}
		if m.EditID != 7 {
			t.Fatalf("report not edited into the picker: %+v", m)
		}
	})
	t.Run("others are refused, also by forged buttons", func(t *testing.T) {
		mustSay(t, h.Text(1302, "/ikm"), "tidak tersedia")
		mustSay(t, h.Text(1400, "/ikm"), "khusus pegawai")
		for _, c := range []struct {
			from int64
			data string
		}{{1302, "ikm:u:PKM-TGR"}, {1300, "ikm:u:BKPSDM"}, {1400, "ikm:u:PKM-TGR"}, {1302, "ikm:o"}, {1300, "ikm:pg:x"}} {
			if got := h.Press(c.from, 8, c.data); len(got) != 0 {
				t.Errorf("%d pressing %q got %q", c.from, c.data, got[0].Text)
			}
		}
	})
	t.Run("English", func(t *testing.T) {
		h.Press(1300, 1, "lang:en")
		mustSay(t, h.Text(1300, "/ikm"), "IKM <b>82.04</b>, grade B (Good), 30 respondents", "Weakest element")
		h.Press(1300, 1, "lang:id")
	})
}

func TestOfficerResultsOnlyFromFiveResponsesAndOnlyToTheAssessor(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.Link(nipHead, 1500)
	payload := h.newLink("PKM-TGR", nipBudi)
	nov := kinerja.MonthOf(h.Now, wib)
	for i := range 4 {
		h.complete(int64(1501+i), payload, all(4))
	}
	if _, ok, err := h.f.OfficerSurvey(context.Background(), h.DB, nipBudi, nov); err != nil || ok {
		t.Fatalf("four responses shown: ok=%v err=%v", ok, err)
	}
	m := mustSay(t, h.Press(1500, 3, "ikm:o"), "Budi Santoso</b> — November 2026: belum cukup penilaian")
	if strings.Contains(m.Text, "IKM <b>") {
		t.Fatalf("an aggregate shown below the threshold: %q", m.Text)
	}
	h.complete(1505, payload, nine(3, 3, 3, 3, 3, 3, 3, 3, 3))
	res, ok, err := h.f.OfficerSurvey(context.Background(), h.DB, nipBudi, nov)
	if err != nil || !ok || res.Respondents != 5 {
		t.Fatalf("five responses: %+v ok=%v err=%v", res, ok, err)
	}
	// (4·4 + 3)/5 = 3.8 for every unsur → 3.8·25 = 95.00, A.
	if res.IKM != 95 || res.Mutu != scoring.MutuA {
		t.Fatalf("officer IKM %v %s, want 95.00 A", res.IKM, res.Mutu)
	}
	report := mustSay(t, h.Text(1500, "/ikm"), "IKM Puskesmas Tanah Garam")
	if strings.Contains(report.Text, "terlemah") {
		t.Fatalf("a weakest unsur named although all are equal: %q", report.Text)
	}
	if b := report.Buttons; len(b) == 0 || b[0][0].Data != "ikm:o" {
		t.Fatalf("officer results not offered to the assessor: %+v", b)
	}
	mustSay(t, h.Press(1500, 3, "ikm:o"), "Budi Santoso</b> — November 2026: IKM <b>95,00</b>, mutu A (Sangat Baik), 5 penilaian",
		"Sari &lt;Dewi&gt;</b> — November 2026: belum cukup penilaian")
}

func TestAdminGetsPrintableQRInChat(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.Link(nipAdmin, 1600)
	h.Link(nipHead, 1601)
	mustSay(t, h.Text(1600, "/qr"), "Pilih unit")
	got := h.Press(1600, 9, "qr:u:PKM-TGR")
	var doc bot.OutMessage
	for _, m := range got {
		if m.Document != nil {
			doc = m
		}
	}
	if doc.FileName != "skm-PKM-TGR.png" || !strings.Contains(doc.Text, "https://t.me/KinerjaSolokBot?start=s_") {
		t.Fatalf("QR document: name %q caption %q", doc.FileName, doc.Text)
	}
	if _, err := png.Decode(bytes.NewReader(doc.Document)); err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	payload := doc.Text[strings.Index(doc.Text, "start=")+len("start="):]
	payload = payload[:strings.IndexAny(payload, "\n ")]
	if l, err := h.DB.SurveyLink(context.Background(), payload); err != nil || l.UnitCode != "PKM-TGR" || l.OfficerNIP != "" {
		t.Fatalf("link behind the QR: %+v %v", l, err)
	}
	picker := mustSay(t, got, "per petugas")
	if picker.EditID != 9 || len(picker.Buttons) == 0 {
		t.Fatalf("officer choice missing: %+v", picker)
	}
	again := h.Press(1600, 9, "qr:u:PKM-TGR")
	for _, m := range again {
		if m.Document != nil && !strings.Contains(m.Text, payload) {
			t.Fatalf("a second request printed a new link: %q", m.Text)
		}
	}
	off := h.Press(1600, 9, "qr:o:"+nipBudi)
	if len(off) != 1 || off[0].FileName != "skm-PKM-TGR-"+nipBudi+".png" || !strings.Contains(off[0].Text, "Budi Santoso") {
		t.Fatalf("officer QR: %+v", off)
	}
	mustSay(t, h.Text(1601, "/qr"), "tidak tersedia")
	// The core refuses the press (not the admin role) and says so.
	if got := h.Press(1601, 9, "qr:u:PKM-TGR"); len(got) != 1 || len(got[0].Document) != 0 || !strings.Contains(got[0].Text, "tidak tersedia") {
		t.Fatalf("non-admin got a QR: %+v", got)
	}
	if _, _, err := h.f.CreateSurveyLink(context.Background(), "PKM-TGR", nipAdmin); kinerja.ErrorCode(err) != kinerja.EInvalid {
		t.Fatalf("officer of another unit: %v", err)
	}
	if _, _, err := h.f.CreateSurveyLink(context.Background(), "NOPE", ""); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("unknown unit: %v", err)
	}
}
