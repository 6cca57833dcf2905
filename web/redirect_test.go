package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// A unit's code typed in another case or with spaces around it redirects
// to the unit's own code; an unknown code still gets the friendly 404.
func TestAUnitCodeInAnotherCaseRedirectsToItsOwn(t *testing.T) {
	fx := newFixture(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for path, want := range map[string]string{
		"/unit/pkm-tgr":                "/unit/PKM-TGR",
		"/tv/Pkm-Tgr":                  "/tv/PKM-TGR",
		"/unit/%20pkm-tgr%20?lang=en":  "/unit/PKM-TGR?lang=en",
		"/tv/bkpsdm%20?period=2026-11": "/tv/BKPSDM?period=2026-11",
	} {
		res, err := client.Get(fx.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != want {
			t.Errorf("%s: %d to %q, want 301 to %s", path, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	for _, path := range []string{"/unit/pkm-xyz", "/tv/%20", "/unit/PKM-TGR-"} {
		if res, body := fx.get(t, path); res.StatusCode != http.StatusNotFound || !strings.Contains(body, "Halaman tidak ditemukan") {
			t.Errorf("%s: %d, want the friendly 404", path, res.StatusCode)
		}
	}
	if res, body := fx.get(t, "/unit/pkm-tgr"); res.StatusCode != 200 || !strings.Contains(body, "<h1>Puskesmas Tanah Garam</h1>") {
		t.Errorf("following /unit/pkm-tgr: %d", res.StatusCode)
	}
}
