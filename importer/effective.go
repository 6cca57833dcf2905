package importer

import (
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// ColEffective is the key of the optional Tanggal Efektif column: the day a
// row's move (a changed unit or superior) took effect. Without it, or with
// the cell empty, a move takes effect on the day of the import.
//
// roster list does not write it: a listing edited and imported again then
// dates a move on the import day, where a printed date (the start of the
// current span) would silently backdate a move the officer forgot to date.
const ColEffective = "effective"

// effectiveLayouts are the spellings of a Tanggal Efektif: ISO, and the
// day-first forms an Indonesian spreadsheet shows.
var effectiveLayouts = []string{"2006-01-02", "02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006"}

// parseEffective reads a Tanggal Efektif cell as "YYYY-MM-DD"; ok is false
// when it is no date.
func parseEffective(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range effectiveLayouts {
		if d, err := time.Parse(layout, s); err == nil {
			return d.Format(time.DateOnly), true
		}
	}
	return "", false
}

// readEffective checks a row's Tanggal Efektif against today ("" when the
// caller does not know it) and records it on the row.
func (c *checker) readEffective(row *rosterRow, cell string) {
	if strings.TrimSpace(cell) == "" {
		return
	}
	day, ok := parseEffective(cell)
	switch {
	case !ok:
		c.fail(row, ColEffective, "roster.effective_invalid", cell)
	case c.today != "" && day > c.today:
		c.fail(row, ColEffective, "roster.effective_future", day)
	default:
		row.effective = day
	}
}

// ParseRosterAt is ParseRoster for an import made on local day today
// ("YYYY-MM-DD"): a Tanggal Efektif after it is refused, since the roster
// says where people are now, not where they will be.
func ParseRosterAt(t *sheet.Table, db RosterLookup, today string) (*Roster, []Problem) {
	return parseRoster(t, db, today)
}

// effectiveAt is the instant a row's move takes effect: local midnight of
// its Tanggal Efektif, or of the import day, in at's zone.
func effectiveAt(r *Roster, nip string, at time.Time) time.Time {
	if day, ok := r.Effective[nip]; ok {
		if d, err := time.Parse(time.DateOnly, day); err == nil {
			return kinerja.Date(d.Year(), d.Month(), d.Day(), at.Location())
		}
	}
	return kinerja.Date(at.Year(), at.Month(), at.Day(), at.Location())
}

func init() {
	catalogue[kinerja.LangID]["roster.effective_invalid"] = "Tanggal efektif %q tidak dikenali. Tulis sebagai YYYY-MM-DD (2026-11-15) atau DD-MM-YYYY (15-11-2026)."
	catalogue[kinerja.LangEN]["roster.effective_invalid"] = "Effective date %q is not recognised. Write it as YYYY-MM-DD (2026-11-15) or DD-MM-YYYY (15-11-2026)."
	catalogue[kinerja.LangID]["roster.effective_future"] = "Tanggal efektif %s belum tiba. Impor perpindahan pada atau setelah tanggal itu."
	catalogue[kinerja.LangEN]["roster.effective_future"] = "Effective date %s has not come yet. Import the move on or after that day."
}
