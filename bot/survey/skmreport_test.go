package survey

import (
	"bytes"
	"context"
	"fmt"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// withProfile completes a survey answering the profile: gender, age band,
// education and occupation as option numbers (0 skips).
func (h *surveyHarness) withProfile(from int64, payload string, answers []int, profile [4]int, suggestion string) {
	h.t.Helper()
	msgs := h.answerAll(from, h.Text(from, "/start "+payload), answers)
	for _, v := range profile {
		msgs = h.pressSurvey(from, msgs, string(rune('0'+v)))
	}
	if suggestion == "" {
		mustSay(h.t, h.pressSurvey(from, msgs, "skip"), "Terima kasih")
		return
	}
	mustSay(h.t, h.Text(from, suggestion), "Terima kasih")
}

// seedReport: PKM-TGR, 30 respondents over two services with the profile
// on. Gender: 20 L, 10 P (66.67 % and 33.33 %). Age: 27 in 20–29, 3 in
// 30–39 (below the threshold of 5: hidden, and so the 27 as well).
// KIA: 20 × all 4 → 100.00. UMUM: 10 × U1 = 1, the rest 3 → NRR U1 1,
// others 3 → IKM (1+8·3)/9·25 = 69.44. Unit: U1 (80+10)/30 = 3, others
// (80+30)/30 = 3.6667 → IKM (3 + 8·3.6667)/9·25 = 89.81; weakest U1.
func seedReport(t *testing.T, h *surveyHarness) {
	t.Helper()
	ctx := context.Background()
	kia, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "KIA"})
	if err != nil {
		t.Fatal(err)
	}
	umum, _, err := h.f.CreateLink(ctx, LinkTarget{Unit: "PKM-TGR", Service: "UMUM"})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		age := 2
		if i < 3 {
			age = 3
		}
		h.withProfile(int64(8001+i), kia.Payload, all(4), [4]int{1, age, 3, 0}, "")
	}
	for i := range 10 {
		saran := ""
		if i == 0 {
			saran = "Antrean poli umum terlalu lama"
		}
		h.withProfile(int64(8101+i), umum.Payload, nine(1, 3, 3, 3, 3, 3, 3, 3, 3), [4]int{2, 2, 3, 0}, saran)
	}
	list, _, _ := h.DB.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-TGR"})
	if len(list) != 1 {
		t.Fatalf("suggestions: %+v", list)
	}
	if err := h.f.FollowUp(ctx, h.DB, list[0].ID, "Loket pendaftaran kedua dibuka", nipHead, h.Now); err != nil {
		t.Fatal(err)
	}
}

// profileOf returns the profile rows of one question by option label.
func profileOf(rows [][]string, question string) map[string][2]string {
	out := map[string][2]string{}
	for _, r := range rows {
		if r[0] == question {
			out[r[1]] = [2]string{r[2], r[3]}
		}
	}
	return out
}

func TestSKMReportSheets(t *testing.T) {
	h := newSurveyHarness(t, Config{Profile: true, Services: servicesConfig, NoAlerts: true, Flags: FlagConfig{BurstCount: 1000}})
	seedReport(t, h)
	rep, err := h.f.SKMReport(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}, "PKM-TGR")
	if err != nil {
		t.Fatal(err)
	}
	sheets := rep.Sheets()
	profile := sheets[1].Rows
	gender := profileOf(profile, "Jenis kelamin Anda?")
	if gender["Laki-laki"] != [2]string{"20", "66.67"} || gender["Perempuan"] != [2]string{"10", "33.33"} ||
		gender["Tidak menjawab"] != [2]string{"0", "0.00"} {
		t.Fatalf("gender: %v", gender)
	}
	age := profileOf(profile, "Usia Anda?")
	if age["30–39 tahun"] != [2]string{"< 5", "—"} || age["20–29 tahun"] != [2]string{"< 5", "—"} || age["50 tahun ke atas"][0] != "0" {
		t.Fatalf("age (a cell below 5 hidden, and the one that would give it away): %v", age)
	}
	job := profileOf(profile, "Pekerjaan utama Anda?")
	if job["Tidak menjawab"] != [2]string{"30", "100.00"} {
		t.Fatalf("occupation skipped by all: %v", job)
	}
	ikm := sheets[2].Rows
	if len(ikm) != 3 || ikm[0][1] != "(seluruh layanan)" || ikm[0][2] != "30" || ikm[0][12] != "89.81" || ikm[0][15] != "U1 Persyaratan" || ikm[0][16] != "1" || // the twenty all-4 answers: a repeated pattern
		ikm[1][16] != "" ||
		ikm[1][1] != "Kesehatan Ibu dan Anak" || ikm[1][12] != "100.00" || ikm[2][1] != "Poli Umum" || ikm[2][12] != "69.44" {
		t.Fatalf("IKM rows: %q", ikm)
	}
	saran := sheets[3].Rows
	if len(saran) != 1 || saran[0][3] != "Poli Umum" || saran[0][6] != "Loket pendaftaran kedua dibuka" {
		t.Fatalf("suggestions: %q", saran)
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, sheets); err != nil || buf.Len() == 0 {
		t.Fatalf("xlsx: %v", err)
	}
}

// The PDF is checked by turning its first page into an image with
// poppler's pdftoppm (installed by .ci/run): it must be a real page with
// ink on it.
func TestSKMReportPDFRenders(t *testing.T) {
	h := newSurveyHarness(t, Config{Profile: true, Services: servicesConfig, NoAlerts: true})
	seedReport(t, h)
	rep, err := h.f.SKMReport(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}, "")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := rep.PDF(h.Now)
	if err != nil || !bytes.HasPrefix(doc, []byte("%PDF-")) {
		t.Fatalf("pdf: %v %q", err, doc[:min(len(doc), 8)])
	}
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Fatal("pdftoppm is needed to check the PDF: apt-get install poppler-utils (.ci/run does)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "skm.pdf")
	if err := os.WriteFile(in, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-png", "-r", "60", "-f", "1", "-l", "1", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	if len(pages) != 1 {
		t.Fatalf("pages rendered: %v", pages)
	}
	f, err := os.Open(pages[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	// A4 landscape at 60 dpi: about 702 × 496 pixels.
	if b.Dx() < 650 || b.Dx() > 750 || b.Dy() < 450 || b.Dy() > 550 {
		t.Fatalf("page of %v, want A4 landscape", b)
	}
	dark := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); (r+g+bl)/3 < 0x8000 {
				dark++
			}
		}
	}
	if total := b.Dx() * b.Dy(); dark < total/200 || dark > total/2 {
		t.Fatalf("%d dark pixels of %d: not a page of text and tables", dark, total)
	}
	if !strings.Contains(string(doc), "/Title") {
		t.Fatal("no title in the PDF's metadata")
	}
}

func TestPercentsSumToAHundred(t *testing.T) {
	for _, ns := range [][]int{{1, 1, 1}, {20, 10, 0}, {2, 3, 5, 7, 11}, {0, 0}} {
		total := 0
		for _, p := range percents(ns) {
			var a, b int
			if _, err := fmtSscanf(p, &a, &b); err != nil {
				t.Fatal(err)
			}
			total += a*100 + b
		}
		if want := 10000; total != want && !(ns[0] == 0 && total == 0) {
			t.Fatalf("%v: %d hundredths", ns, total)
		}
	}
}

// fmtSscanf reads "12.34".
func fmtSscanf(s string, a, b *int) (int, error) { return fmt.Sscanf(s, "%d.%d", a, b) }
