package web_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

// Bad input of the public site: every page answers what it cannot serve
// with a status and a sentence, never a stack or an empty body, and the
// security headers are on every answer, errors included.
func TestBadInputGetsAStatusAndASentence(t *testing.T) {
	fx := newFixture(t)
	for _, c := range []struct {
		path   string
		status int
		says   string
	}{
		{"/unit/NOPE", 404, "Halaman tidak ditemukan"},
		{"/unit/%00", 404, "Halaman tidak ditemukan"},
		{"/unit/pkm-nope", 404, "Halaman tidak ditemukan"}, // another case of a known code redirects (redirect_test.go)
		{"/tv/", 404, "Halaman tidak ditemukan"},
		{"/tv/NOPE?lang=en", 404, "Page not found"},
		{"/static/../site.go", 404, "Halaman tidak ditemukan"},
		{"/data/ikm.xml", 404, "Halaman tidak ditemukan"},
		{"/unit/PKM-TGR?period=bad", 400, "tidak dikenali"},
		{"/unit/PKM-TGR?period=2026-13", 400, "tidak dikenali"},
		{"/tv/PKM-TGR?lang=xx", 400, "tidak dikenali"},
		{"/?q=%ff", 400, "tidak dikenali"},
		{"/?period=1800-01", 400, "tidak dikenali"},
		{"/data/ikm.json?period=2026-13", 400, "period"},
		{"/data/ikm.csv?period=2099-01", 400, "period"},
		{"/qr/..%2f..%2fetc.png", 404, "404"},
		{"/qr/" + strings.Repeat("A", 300) + ".png", 404, "404"},
	} {
		res, body := fx.get(t, c.path)
		if res.StatusCode != c.status || !strings.Contains(body, c.says) {
			t.Errorf("%s: %d %.200q, want %d saying %q", c.path, res.StatusCode, body, c.status, c.says)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(res.Header.Get("Content-Security-Policy"), "default-src 'none'") {
			t.Errorf("%s: the error lacks the security headers", c.path)
		}
	}
	// What a visitor types is shown as text, never as markup.
	if _, body := fx.get(t, "/?q=%3Cscript%3Ealert(1)%3C/script%3E"); strings.Contains(body, "<script") || !strings.Contains(body, "&lt;script&gt;") {
		t.Error("the search term is not escaped")
	}
}

// The site is read-only: a POST, PUT or DELETE is refused before it takes
// one of the limited slots.
func TestTheSiteRefusesEveryMethodButGetAndHead(t *testing.T) {
	fx := newFixture(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		req, _ := http.NewRequest(m, fx.srv.URL+"/unit/PKM-TGR", strings.NewReader("x=1"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q", m, res.StatusCode, res.Header.Get("Allow"))
		}
	}
	res, err := http.Head(fx.srv.URL + "/unit/PKM-TGR")
	if err != nil || res.StatusCode != 200 {
		t.Errorf("HEAD: %v %v", res, err)
	}
}

// slowStore holds every ListUnits until gate closes, telling entered.
type slowStore struct {
	web.Store
	entered chan struct{}
	gate    chan struct{}
}

func (s slowStore) ListUnits(ctx context.Context) ([]*kinerja.Unit, error) {
	s.entered <- struct{}{}
	select {
	case <-s.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return s.Store.ListUnits(ctx)
}

// A flood of requests takes at most MaxConcurrent database readers: one
// more waits a moment and is refused with 503 and Retry-After, so the
// bot's own work keeps its connections.
func TestRequestsBeyondTheLimitAreRefusedQuickly(t *testing.T) {
	fx := newFixture(t)
	slow := slowStore{Store: fx.h.DB, entered: make(chan struct{}, 4), gate: make(chan struct{})}
	site := web.New(web.Config{Survey: fx.f, Store: slow, Now: fx.h.Clock(), Location: bottest.WIB, MaxConcurrent: 1})
	srv := httptest.NewServer(site.Handler())
	defer srv.Close()
	first := make(chan int, 1)
	go func() {
		res, err := http.Get(srv.URL + "/")
		if err != nil {
			first <- 0
			return
		}
		res.Body.Close()
		first <- res.StatusCode
	}()
	<-slow.entered // the one slot is taken
	start := time.Now()
	res, err := http.Get(srv.URL + "/unit/PKM-TGR")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "sibuk") {
		t.Errorf("second request: %d %q, Retry-After %q", res.StatusCode, body, res.Header.Get("Retry-After"))
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the refusal took %v; it must not hold the client", d)
	}
	close(slow.gate)
	if code := <-first; code != 200 {
		t.Errorf("the first request got %d once the store answered", code)
	}
}

// A client that sends its headers slowly (slowloris) is cut off after the
// server's ReadHeaderTimeout (5 s) instead of holding a connection.
func TestASlowClientIsCutOff(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := web.Server(ln.Addr().String(), http.NotFoundHandler())
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	start := time.Now()
	if _, err := io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\n"); err != nil { // and never the blank line
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(15 * time.Second))
	_, err = bufio.NewReader(conn).ReadString('\n')
	var ne net.Error
	if d := time.Since(start); (errors.As(err, &ne) && ne.Timeout()) || d > 10*time.Second {
		t.Fatalf("the server kept a slow client for %v (%v)", d, err)
	} else if d < 4*time.Second {
		t.Fatalf("the server dropped the client after %v: %v", d, err)
	}
}
