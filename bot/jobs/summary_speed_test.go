package jobs

import (
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The monthly summary gives each group its units' measured service
// times, and the public channel every unit's; a unit without durations has
// no line.
func TestSummaryMonthlyShowsMeasuredServiceTimes(t *testing.T) {
	h := newJobsHarness(t)
	h.src.ikm = func(from, to time.Time) map[string]scoring.IKMResult {
		return map[string]scoring.IKMResult{"PKM-TGR": ikmOf(90, 3)}
	}
	h.src.speeds = map[string]kinerja.ServiceSpeed{
		"PKM-TGR":  {UnitCode: "PKM-TGR", Count: 42, MedianMinutes: 22.5, P90Minutes: 50, StandardMinutes: 30, WithinStandard: 0.714},
		"DUKCAPIL": {UnitCode: "DUKCAPIL", Count: 3, MedianMinutes: 12},
	}
	res := h.run(SummaryMonthly, at(2026, 12, 1, 8, 0))
	byChat := map[int64]string{}
	for _, m := range res.Messages {
		if m.Photo == nil {
			byChat[m.ChatID] = m.Text
		}
	}
	pkm, dk, public := byChat[-1001], byChat[-2002], byChat[-3003]
	line := "Puskesmas Tanah Garam: median 22,5 menit dari 42 layanan; 71% dalam standar 30 menit"
	if !strings.Contains(pkm, "Waktu layanan terukur") || !strings.Contains(pkm, line) || strings.Contains(pkm, "Dinas Kependudukan dan Pencatatan Sipil: median") {
		t.Errorf("PKM group:\n%s", pkm)
	}
	if !strings.Contains(dk, "Dinas Kependudukan dan Pencatatan Sipil: median 12 menit dari 3 layanan (standar waktu belum ditetapkan)") || strings.Contains(dk, line) {
		t.Errorf("DUKCAPIL group:\n%s", dk)
	}
	if !strings.Contains(public, line) || !strings.Contains(public, "Pencatatan Sipil: median 12 menit") {
		t.Errorf("public channel:\n%s", public)
	}
	h.src.speeds = nil
	res = h.run(SummaryMonthly, at(2027, 1, 1, 8, 0))
	if strings.Contains(res.Messages[0].Text, "Waktu layanan") {
		t.Errorf("a month without durations has the service times:\n%s", res.Messages[0].Text)
	}
}
