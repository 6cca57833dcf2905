package jobs

import (
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// With the public site's address configured, the monthly summary links
// each group to its units' pages for the month, and the public channel to
// the list of units; without it, no link.
func TestSummaryMonthlyLinksTheSiteWhenItsAddressIsConfigured(t *testing.T) {
	h := newJobsHarness(t)
	h.src.ikm = func(from, to time.Time) map[string]scoring.IKMResult {
		return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(90, 3)}
	}
	texts := func(res *Result) map[int64]string {
		byChat := map[int64]string{}
		for _, m := range res.Messages {
			if m.Photo == nil {
				byChat[m.ChatID] = m.Text
			}
		}
		return byChat
	}
	if got := texts(h.run(SummaryMonthly, at(2026, 11, 1, 8, 0))); strings.Contains(got[-1001], "situs publik") {
		t.Errorf("a summary links the site with no address configured:\n%s", got[-1001])
	}
	h.jobs.cfg.SiteURL = "https://ikm.example.go.id"
	got := texts(h.run(SummaryMonthly, at(2026, 12, 1, 8, 0)))
	pkm, dk, public := got[-1001], got[-2002], got[-3003]
	if want := "Puskesmas Tanah Garam: https://ikm.example.go.id/unit/PKM-TGR?period=2026-11"; !strings.Contains(pkm, want) || strings.Contains(pkm, "/unit/DUKCAPIL") {
		t.Errorf("PKM group lacks %s or links another unit:\n%s", want, pkm)
	}
	if !strings.Contains(dk, "https://ikm.example.go.id/unit/DUKCAPIL?period=2026-11") {
		t.Errorf("DUKCAPIL group lacks its unit page:\n%s", dk)
	}
	if want := "situs publik: https://ikm.example.go.id/?period=2026-11"; !strings.Contains(public, want) || strings.Contains(public, "/unit/") {
		t.Errorf("public channel lacks %s:\n%s", want, public)
	}
}
