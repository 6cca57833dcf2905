package main

// The public site in a real browser (issue 14, part 5): headless Chromium,
// driven by chromedp (the only user of chromedp), loads the pages of the
// running bot over a seeded month of survey responses. Debian's chromium
// package is a prerequisite of the tests, as poppler's pdftoppm is; .ci/run
// installs both.

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// chromium returns the path of the Chromium binary, or fails the test
// saying how to install it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("chromium is needed to test the public site in a browser: apt-get install chromium (.ci/run does)")
	return ""
}

// artefacts is where the screenshots go: $KINERJA_ARTEFACTS, or a
// temporary directory of the test.
func artefacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("KINERJA_ARTEFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "browser")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// exportIKM runs "export --what ikm --period p" on the database and
// returns its unit rows (no service) by unit code, as column → value.
func exportIKM(t *testing.T, dbPath string, p kinerja.Period) map[string]map[string]string {
	t.Helper()
	return unitRows(t, runMain(t, dbPath, "export", "--what", "ikm", "--period", p.String()))
}

// runMain runs an operator command on the database and returns what it
// printed.
func runMain(t *testing.T, dbPath string, args ...string) string {
	t.Helper()
	var out, errs bytes.Buffer
	getenv := env(map[string]string{"KINERJA_DB": dbPath})
	if code := Main(context.Background(), args, strings.NewReader(""), &out, &errs, getenv); code != 0 {
		t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, errs.String())
	}
	return out.String()
}

// unitRows parses an IKM table in CSV: the unit rows by unit code.
func unitRows(t *testing.T, text string) map[string]map[string]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("IKM CSV: %v: %q", err, text)
	}
	rows := map[string]map[string]string{}
	for _, rec := range recs[1:] {
		row := map[string]string{}
		for i, col := range recs[0] {
			if i < len(rec) {
				row[col] = rec[i]
			}
		}
		if row["service_code"] == "" {
			rows[row["unit_code"]] = row
		}
	}
	return rows
}

// seedMonth adds this month's responses: PKM-TGR 30 (and 7 last month,
// for its trend), DUKCAPIL 12, DPMPTSP 3 (under the anonymity threshold);
// and five measured services of PKM-TGR, median 25 minutes.
func seedMonth(t *testing.T, dbPath string, today time.Time) {
	t.Helper()
	db := storagetest.MustOpenPath(t, dbPath)
	defer db.Close()
	ctx := context.Background()
	add := func(unit string, n int, day time.Time, answers func(i int) map[string]int) {
		for i := range n {
			if err := db.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: unit, Answers: answers(i), Day: day}); err != nil {
				t.Fatal(err)
			}
		}
	}
	add("PKM-TGR", 30, today, func(i int) map[string]int { return bottest.NineAnswers(2 + i%3) })
	add("PKM-TGR", 7, today.AddDate(0, -1, 0), func(int) map[string]int { return bottest.NineAnswers(3) })
	add("DUKCAPIL", 12, today, func(i int) map[string]int {
		m := bottest.NineAnswers(4)
		m["U3"] = 1 + i%4
		return m
	})
	add("DPMPTSP", 3, today, func(int) map[string]int { return bottest.NineAnswers(1) })
	for _, m := range []float64{12, 18, 25, 31, 45} {
		d := kinerja.ServiceDuration{UnitCode: "PKM-TGR", Month: today.Format("2006-01"), Minutes: m}
		if err := db.AddServiceDuration(ctx, &d); err != nil {
			t.Fatal(err)
		}
	}
}

// pageFigures are a unit's figures as a page shows them: the IKM, the
// mutu letter and the respondents ("" where the page shows none).
type pageFigures struct {
	IKM, Mutu, Resp string
}

// consoleLog collects what the pages write to the console.
type consoleLog struct {
	mu   sync.Mutex
	msgs []string
}

func (c *consoleLog) add(m chromedp.ConsoleMessage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.msgs = append(c.msgs, m.String()+" at "+m.URL)
}

func (c *consoleLog) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.msgs
	c.msgs = nil
	return out
}

// browserSession is headless Chromium with a 360-pixel-wide phone screen.
type browserSession struct {
	t       *testing.T
	ctx     context.Context
	console *consoleLog
	shots   string
	expect  string // a console message expected on the page being checked
}

func newBrowser(t *testing.T) *browserSession {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox, // the tests may run as root (CI)
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(360, 740),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTime := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(func() { cancelTime(); cancelCtx(); cancelAlloc() })
	s := &browserSession{t: t, ctx: ctx, console: &consoleLog{}, shots: artefacts(t)}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile)); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleWarning || m.IsException() {
				s.console.add(m)
			}
		}
	}()
	t.Logf("screenshots in %s", s.shots)
	return s
}

// open loads a page, checks that it fits the screen and has no console
// errors, and keeps a screenshot as name.png.
func (s *browserSession) open(url, name string) {
	s.t.Helper()
	s.navigate(url)
	s.fits(url)
	s.screenshot(url, name)
	s.checkConsole(url)
}

func (s *browserSession) navigate(url string) {
	s.t.Helper()
	if err := chromedp.Do(s.ctx, chromedp.Navigate(url)); err != nil {
		s.t.Fatalf("%s: %v", url, err)
	}
}

// fits fails when the page, or a part of it (a table in a box of its
// own), scrolls sideways on the 360 px screen.
func (s *browserSession) fits(url string) {
	s.t.Helper()
	if width := eval[int64](s, "document.documentElement.scrollWidth"); width > 360 {
		s.t.Errorf("%s is %d px wide: it scrolls sideways on a 360 px screen", url, width)
	}
	for _, b := range eval[[]string](s, `Array.from(document.querySelectorAll('*')).filter(e => {
		const o = getComputedStyle(e).overflowX;
		return (o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1;
	}).map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth)`) {
		s.t.Errorf("%s: %s scrolls sideways on a 360 px screen", url, b)
	}
}

// screenshot keeps the whole page as name.png.
func (s *browserSession) screenshot(url, name string) {
	s.t.Helper()
	png, err := chromedp.Run(s.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Fatalf("screenshot of %s: %v", url, err)
	}
	if err := os.WriteFile(filepath.Join(s.shots, name+".png"), png, 0o644); err != nil {
		s.t.Fatal(err)
	}
}

// checkConsole fails for anything the page wrote to the console, after a
// moment for late messages.
func (s *browserSession) checkConsole(url string) {
	s.t.Helper()
	time.Sleep(100 * time.Millisecond)
	for _, m := range s.console.take() {
		if s.expect == "" || !strings.Contains(m, s.expect) {
			s.t.Errorf("%s: console: %s", url, m)
		}
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](s *browserSession, expr string) T {
	s.t.Helper()
	v, err := chromedp.Run(s.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		s.t.Fatalf("%s: %v", expr, err)
	}
	return v
}

// figuresJS reads the IKM, mutu and respondents of the elements under
// root (a selector) with classes ikm, mutu and resp; the IKM is the
// number in bold (none under the threshold), the mutu its letter.
const figuresJS = `(root => {
	const q = sel => root.querySelector(sel);
	const ikm = q('.ikm strong') || (q('.fig.ikm') && q('.fig.ikm').textContent.trim() !== '—' ? q('.fig.ikm') : null);
	const mutu = q('.mutu');
	return {IKM: ikm ? ikm.textContent.trim() : '',
		Mutu: mutu && mutu.firstChild ? mutu.firstChild.textContent.trim() : '',
		Resp: q('.resp') ? q('.resp').textContent.trim() : ''};
})`

// want is what a page shows for an export row, in Indonesian.
func want(row map[string]string) pageFigures {
	return pageFigures{IKM: survey.Decimal(kinerja.LangID, row["ikm"]), Mutu: row["mutu"], Resp: row["respondents"]}
}

func TestPublicSiteInHeadlessChromium(t *testing.T) {
	chrome := newBrowser(t)
	loc := mustZone(t)
	now := time.Now().In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	p := kinerja.MonthOf(now, loc)
	path := seedFile(t)
	seedMonth(t, path, today)
	exported := exportIKM(t, path, p)
	for _, unit := range []string{"PKM-TGR", "DUKCAPIL"} {
		if exported[unit] == nil {
			t.Fatalf("export --what ikm has no row of %s: %v", unit, exported)
		}
	}
	// The staff's export has every unit; the public site shows those with
	// at least 5 respondents, and DPMPTSP has 3.
	if row := exported["DPMPTSP"]; row == nil || row["respondents"] != "3" {
		t.Fatalf("export has DPMPTSP as %v, want 3 respondents", row)
	}
	delete(exported, "DPMPTSP")

	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	_, base := startSite(t, fake, path, writeFile(t, "k.yaml", "http:\n  tv_refresh_seconds: 2\n"))
	// A few updates through the bot, for /metrics to count.
	citizen := fakeapi.User{ID: 7201, FirstName: "Warga"}
	reply(t, fake, citizen, "/start")
	reply(t, fake, citizen, "/bantuan")
	reply(t, fake, citizen, "terima kasih")
	// The board shows the QR of the unit's newest survey link.
	if link := runMain(t, path, "survey-link", "--unit", "PKM-TGR"); !strings.Contains(link, "start=") {
		t.Fatalf("survey-link printed %q", link)
	}

	t.Run("index", func(t *testing.T) {
		chrome.t = t
		chrome.open(base+"/", "index")
		for unit, row := range exported {
			got := eval[pageFigures](chrome, fmt.Sprintf(`%s(document.querySelector('tr[data-unit=%q]'))`, figuresJS, unit))
			if got != want(row) {
				t.Errorf("/ shows %s as %+v, export %+v", unit, got, want(row))
			}
		}
		if got := eval[pageFigures](chrome, figuresJS+`(document.querySelector('tr[data-unit="DPMPTSP"]'))`); got.IKM != "" || got.Mutu != "" || got.Resp != "< 5" {
			t.Errorf("/ shows DPMPTSP (3 respondents) as %+v, want no figure and < 5", got)
		}
	})
	t.Run("unit", func(t *testing.T) {
		chrome.t = t
		chrome.open(base+"/unit/PKM-TGR", "unit-PKM-TGR")
		if got := eval[pageFigures](chrome, figuresJS+`(document.getElementById('figures'))`); got != want(exported["PKM-TGR"]) {
			t.Errorf("/unit/PKM-TGR shows %+v, export %+v", got, want(exported["PKM-TGR"]))
		}
		chrome.open(base+"/unit/DPMPTSP", "unit-DPMPTSP")
		if got := eval[pageFigures](chrome, figuresJS+`(document.getElementById('figures'))`); got.IKM != "" || got.Mutu != "" || got.Resp != "< 5" {
			t.Errorf("/unit/DPMPTSP (3 respondents) shows %+v, want no figure", got)
		}
		if n := eval[int](chrome, `document.querySelectorAll('.weakest').length`); n != 0 {
			t.Errorf("/unit/DPMPTSP names its weakest unsur under the threshold")
		}
	})
	t.Run("notfound", func(t *testing.T) {
		chrome.t = t
		// The browser itself reports the 404 of the page in its console;
		// that one line is expected, anything else is not.
		chrome.expect = "status of 404"
		defer func() { chrome.expect = "" }()
		chrome.open(base+"/unit/NOPE", "notfound")
		if h1 := eval[string](chrome, `document.querySelector('h1').textContent`); h1 != "Halaman tidak ditemukan" {
			t.Errorf("/unit/NOPE says %q", h1)
		}
		if n := eval[int](chrome, `document.querySelectorAll('a[href="/"]').length`); n == 0 {
			t.Error("the 404 page has no way back to the list of units")
		}
	})
	t.Run("tv", func(t *testing.T) {
		chrome.t = t
		chrome.open(base+"/tv/PKM-TGR", "tv-PKM-TGR")
		if got := eval[pageFigures](chrome, figuresJS+`(document.body)`); got != want(exported["PKM-TGR"]) {
			t.Errorf("/tv/PKM-TGR shows %+v, export %+v", got, want(exported["PKM-TGR"]))
		}
		if w := eval[int](chrome, `(document.querySelector('img[src^="/qr/"]') || {}).naturalWidth || 0`); w == 0 {
			t.Error("/tv/PKM-TGR shows no QR code to rate")
		}
		if got := eval[string](chrome, `(document.querySelector('#speed .median') || {}).textContent || ''`); got != "25 menit" {
			t.Errorf("/tv/PKM-TGR shows the month's median service time as %q, want 25 menit", got)
		}
		// The board reloads itself: a mark left in this document is gone
		// once the next one is loaded.
		eval[bool](chrome, `window.kinerjaMark = true`)
		deadline := time.Now().Add(10 * time.Second)
		for eval[bool](chrome, `window.kinerjaMark === true`) {
			if time.Now().After(deadline) {
				t.Fatal("/tv/PKM-TGR did not reload itself within 10 s (tv_refresh_seconds 2)")
			}
			time.Sleep(200 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond) // the new document's load
		if got := eval[pageFigures](chrome, figuresJS+`(document.body)`); got != want(exported["PKM-TGR"]) {
			t.Errorf("/tv/PKM-TGR after its reload shows %+v", got)
		}
		chrome.checkConsole(base + "/tv/PKM-TGR (reloaded)")
	})
	t.Run("csv", func(t *testing.T) {
		chrome.t = t
		got := chrome.download(base + "/data/ikm.csv")
		rows := unitRows(t, got)
		for unit, row := range exported {
			if g := rows[unit]; g == nil || g["ikm"] != row["ikm"] || g["mutu"] != row["mutu"] || g["respondents"] != row["respondents"] {
				t.Errorf("ikm.csv has %s as %v, export %v", unit, g, row)
			}
		}
		if g := rows["DPMPTSP"]; g != nil && g["ikm"] != "" {
			t.Errorf("ikm.csv shows DPMPTSP under the threshold: %v", g)
		}
	})
	t.Run("json", func(t *testing.T) {
		chrome.t = t
		// Data for programs, not a page for phones: Chromium shows it as
		// raw text, laid out 980 px wide.
		chrome.navigate(base + "/data/ikm.json")
		chrome.screenshot("ikm.json", "data-ikm-json")
		chrome.checkConsole("ikm.json")
		list := eval[[]map[string]string](chrome, `JSON.parse(document.body.innerText)`)
		rows := map[string]map[string]string{}
		for _, r := range list {
			if r["service_code"] == "" {
				rows[r["unit_code"]] = r
			}
		}
		for unit, row := range exported {
			if g := rows[unit]; g == nil || g["ikm"] != row["ikm"] || g["mutu"] != row["mutu"] || g["respondents"] != row["respondents"] {
				t.Errorf("ikm.json has %s as %v, export %v", unit, g, row)
			}
		}
		if g := rows["DPMPTSP"]; g != nil && g["ikm"] != "" {
			t.Errorf("ikm.json shows DPMPTSP under the threshold: %v", g)
		}
	})
	t.Run("metrics", func(t *testing.T) {
		waitMetrics(t, base, "kinerjabot_updates_handled_total 3", `kinerjabot_updates_total{kind="command"} 2`,
			`kinerjabot_updates_total{kind="text"} 1`, "kinerjabot_survey_responses 45")
	})
}

// download loads url, which Chromium saves rather than shows (it never
// displays text/csv), and returns the file's content.
func (s *browserSession) download(url string) string {
	s.t.Helper()
	dir := s.t.TempDir()
	done := make(chan string, 1)
	if err := chromedp.ListenBrowser(s.ctx, func(ev any) {
		if e, ok := ev.(*browser.EventDownloadProgress); ok && e.State == browser.DownloadProgressStateCompleted {
			select {
			case done <- e.GUID:
			default:
			}
		}
	}); err != nil {
		s.t.Fatal(err)
	}
	eventsOn := true
	if _, err := chromedp.CallBrowser(s.ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir, EventsEnabled: &eventsOn}); err != nil {
		s.t.Fatal(err)
	}
	// Navigating to a download aborts the navigation; the download goes on.
	_ = chromedp.Do(s.ctx, chromedp.Navigate(url))
	select {
	case guid := <-done:
		b, err := os.ReadFile(filepath.Join(dir, guid))
		if err != nil {
			s.t.Fatal(err)
		}
		s.checkConsole(url)
		return string(b)
	case <-time.After(10 * time.Second):
		s.t.Fatalf("%s: no download within 10 s", url)
		return ""
	}
}
