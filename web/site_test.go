package web_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

// fixture is a seeded database behind the site: PKM-TGR has 30 responses
// in November 2026 and 7 in October, BKPSDM 5 (all 4), PKM-KTK 3 (under
// the anonymity threshold).
type fixture struct {
	h   *bottest.Harness
	f   *survey.Feature
	srv *httptest.Server
}

func nine(a ...int) map[string]int {
	m := map[string]int{}
	for i, v := range a {
		m["U"+string(rune('1'+i))] = v
	}
	return m
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	return newFixtureMin(t, 0)
}

// newFixtureMin is the fixture with the anonymity threshold min (0: the
// default, 5).
func newFixtureMin(t *testing.T, min int) *fixture {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	h.Seed()
	f := survey.New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB, Username: "KinerjaSolokBot"},
		survey.Config{Population: map[string]int{"PKM-TGR": 100, "BKPSDM": 5}, KeyDir: filepath.Join(t.TempDir(), "keys")})
	ctx := context.Background()
	add := func(unit string, day time.Time, answers map[string]int) {
		t.Helper()
		if err := h.DB.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: unit, Answers: answers, Day: day}); err != nil {
			t.Fatal(err)
		}
	}
	nov := time.Date(2026, 11, 3, 0, 0, 0, 0, bottest.WIB)
	for i := range 30 {
		switch {
		case i < 12:
			add("PKM-TGR", nov, nine(4, 4, 4, 4, 4, 4, 4, 4, 4))
		case i < 22:
			add("PKM-TGR", nov, nine(3, 3, 3, 3, 3, 3, 3, 3, 3))
		default:
			add("PKM-TGR", nov, nine(2, 3, 1, 4, 3, 2, 3, 2, 3))
		}
	}
	for range 7 {
		add("PKM-TGR", time.Date(2026, 10, 5, 0, 0, 0, 0, bottest.WIB), nine(3, 3, 3, 3, 3, 3, 3, 3, 2))
	}
	for range 5 {
		add("BKPSDM", nov, nine(4, 4, 4, 4, 4, 4, 4, 4, 4))
	}
	for range 3 {
		add("PKM-KTK", nov, nine(1, 1, 1, 1, 1, 1, 1, 1, 1))
	}
	if _, _, err := f.CreateSurveyLink(ctx, "PKM-TGR", ""); err != nil {
		t.Fatal(err)
	}
	site := web.New(web.Config{Survey: f, Store: h.DB, Now: h.Clock(), Location: bottest.WIB, TVFrameAncestors: "https://signage.example",
		MinRespondents: min})
	srv := httptest.NewServer(site.Handler())
	t.Cleanup(srv.Close)
	return &fixture{h: h, f: f, srv: srv}
}

func (fx *fixture) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(fx.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// exportRow returns the IKM export's unit row of unit in November 2026.
func (fx *fixture) exportRow(t *testing.T, unit string) map[string]string {
	t.Helper()
	rows, err := fx.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		if m["unit_code"] == unit && m["service_code"] == "" {
			return m
		}
	}
	t.Fatalf("no export row for %s", unit)
	return nil
}

// between returns the text after the first from, up to the next to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	_, rest, ok := strings.Cut(s, from)
	if !ok {
		t.Fatalf("no %q in page", from)
	}
	out, _, _ := strings.Cut(rest, to)
	return out
}

func TestIndexFiguresEqualExport(t *testing.T) {
	fx := newFixture(t)
	res, body := fx.get(t, "/")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	if len(body) > 100<<10 {
		t.Errorf("page is %d bytes, want under 100 KB", len(body))
	}
	for _, unit := range []string{"PKM-TGR", "BKPSDM"} {
		want := fx.exportRow(t, unit)
		row := between(t, body, `data-unit="`+unit+`"`, "</tr>")
		ikm := strings.Replace(want["ikm"], ".", ",", 1) // Indonesian decimal comma
		if !strings.Contains(between(t, row, `class="n ikm"`, "</td>"), "<strong>"+ikm+"</strong>") {
			t.Errorf("%s: IKM cell %q, want %s", unit, row, ikm)
		}
		if got := between(t, row, `class="mutu">`, " "); got != want["mutu"] {
			t.Errorf("%s: mutu %q, want %q", unit, got, want["mutu"])
		}
		if got := between(t, row, `class="n resp">`, "</td>"); got != want["respondents"] {
			t.Errorf("%s: respondents %q, want %q", unit, got, want["respondents"])
		}
		if strings.Contains(row, "badge") != (want["provisional"] == "true") {
			t.Errorf("%s: provisional badge shown %v, export says %s", unit, strings.Contains(row, "badge"), want["provisional"])
		}
	}
	// PKM-TGR: 82.04 B, 30 respondents, provisional (sample 80).
	if fx.exportRow(t, "PKM-TGR")["ikm"] != "82.04" {
		t.Fatal("the fixture's hand-computed IKM changed")
	}
	// Under the threshold: no figure, no mutu.
	ktk := between(t, body, `data-unit="PKM-KTK"`, "</tr>")
	if !strings.Contains(ktk, "&lt; 5") || strings.Contains(ktk, "<strong>") || strings.Contains(ktk, "25,00") {
		t.Errorf("PKM-KTK under the threshold shows a figure: %s", ktk)
	}
	// The trend has October's point for PKM-TGR.
	if tgr := between(t, body, `data-unit="PKM-TGR"`, "</tr>"); !strings.Contains(tgr, "Oktober 2026: ") {
		t.Errorf("trend lacks October: %s", tgr)
	}
	if strings.Contains(body, "<script") || strings.Contains(body, "http://") || strings.Contains(body, "https://") {
		t.Error("page loads or links something external, or has a script")
	}
}

func TestIndexSearchSortAndEnglish(t *testing.T) {
	fx := newFixture(t)
	_, body := fx.get(t, "/?q=tanah")
	if !strings.Contains(body, `data-unit="PKM-TGR"`) || strings.Contains(body, `data-unit="BKPSDM"`) {
		t.Error("search by name does not filter")
	}
	_, body = fx.get(t, "/?sort=ikm&lang=en")
	b, p, k := strings.Index(body, `data-unit="BKPSDM"`), strings.Index(body, `data-unit="PKM-TGR"`), strings.Index(body, `data-unit="PKM-KTK"`)
	if !(b < p && p < k) {
		t.Errorf("sorted by IKM: BKPSDM %d, PKM-TGR %d, PKM-KTK (no figure) %d", b, p, k)
	}
	if !strings.Contains(body, "<strong>82.04</strong>") || !strings.Contains(body, `lang="en"`) {
		t.Error("English page lacks the point decimal or its language")
	}
	for _, bad := range []string{"/?sort=evil", "/?lang=fr", "/?period=2027-01", "/?period=2026-Q1", "/?q=" + strings.Repeat("x", 101)} {
		if res, body := fx.get(t, bad); res.StatusCode != 400 || !strings.Contains(body, "tidak dikenali") {
			t.Errorf("%s: status %d", bad, res.StatusCode)
		}
	}
}

func TestUnitPage(t *testing.T) {
	fx := newFixture(t)
	res, body := fx.get(t, "/unit/PKM-TGR")
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	want := fx.exportRow(t, "PKM-TGR")
	figs := between(t, body, `id="figures"`, "</p>")
	if !strings.Contains(figs, "<strong>"+strings.Replace(want["ikm"], ".", ",", 1)+"</strong>") ||
		!strings.Contains(figs, `class="mutu">`+want["mutu"]+"<") || !strings.Contains(figs, `class="resp">`+want["respondents"]+"<") {
		t.Errorf("figures %q, export %v", figs, want)
	}
	// NRR U3 = 86/30 = 2.8667 is the weakest; the page rounds to 2,87.
	if want["nrr_u3"] != "2.8667" || !strings.Contains(body, `<tr class="weak"><td>U3 `) || !strings.Contains(body, ">2,87<") {
		t.Errorf("weakest unsur not U3 at 2,87 (export %s)", want["nrr_u3"])
	}
	if !strings.Contains(body, "Oktober 2026") {
		t.Error("history lacks October")
	}
	if res.Header.Get("X-Frame-Options") != "DENY" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Error("unit page may be framed")
	}
	// Under the threshold: no unsur, no figure.
	_, body = fx.get(t, "/unit/PKM-KTK")
	if strings.Contains(body, "weakest") || strings.Contains(between(t, body, `id="figures"`, "</p>"), "<strong>") {
		t.Error("PKM-KTK shows figures under the threshold")
	}
}

func TestNotFoundAndHeaders(t *testing.T) {
	fx := newFixture(t)
	for _, path := range []string{"/unit/NOPE", "/tv/NOPE", "/nothing", "/unit/" + strings.Repeat("A", 40)} {
		res, body := fx.get(t, path)
		if res.StatusCode != 404 || !strings.Contains(body, "Halaman tidak ditemukan") {
			t.Errorf("%s: status %d", path, res.StatusCode)
		}
	}
	res, _ := fx.get(t, "/")
	csp := res.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "script-src") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("no nosniff")
	}
	res, body := fx.get(t, "/tv/PKM-TGR")
	if !strings.Contains(res.Header.Get("Content-Security-Policy"), "frame-ancestors https://signage.example") || res.Header.Get("X-Frame-Options") != "" {
		t.Errorf("tv frame policy %q", res.Header.Get("Content-Security-Policy"))
	}
	if !strings.Contains(body, `http-equiv="refresh" content="60"`) || !strings.Contains(body, `src="/qr/PKM-TGR.png"`) || !strings.Contains(body, "82,04") {
		t.Errorf("tv board lacks refresh, QR or the month's IKM: %.3000s", body)
	}
	res, body = fx.get(t, "/qr/PKM-TGR.png")
	if res.StatusCode != 200 || !strings.HasPrefix(body, "\x89PNG") {
		t.Errorf("qr: %d", res.StatusCode)
	}
	if res, _ := fx.get(t, "/qr/BKPSDM.png"); res.StatusCode != 404 {
		t.Errorf("qr of a unit without a link: %d", res.StatusCode)
	}
}

func TestOpenData(t *testing.T) {
	fx := newFixture(t)
	res, body := fx.get(t, "/data/ikm.csv?period=2026-11")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	rows, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	export, err := fx.f.IKMTable(context.Background(), kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(export[0], ",") || len(rows) != len(export) {
		t.Fatalf("csv header %v rows %d, export %v rows %d", rows[0], len(rows), export[0], len(export))
	}
	for i, r := range rows[1:] {
		e := export[i+1]
		if r[0] == "PKM-KTK" {
			if r[3] != "3" || r[len(r)-8] != "" {
				t.Errorf("PKM-KTK under the threshold: %v", r)
			}
			continue
		}
		if strings.Join(r, ",") != strings.Join(e, ",") {
			t.Errorf("csv row %v, export %v", r, e)
		}
	}
	_, body = fx.get(t, "/data/ikm.json")
	var list []map[string]string
	if err := json.Unmarshal([]byte(body), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(export)-1 || list[0]["unit_code"] == "" {
		t.Errorf("json %d rows", len(list))
	}
	if res, _ := fx.get(t, "/data/ikm.csv?period=x"); res.StatusCode != 400 {
		t.Errorf("bad period: %d", res.StatusCode)
	}
}
