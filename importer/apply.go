package importer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// RosterStore is what writing a roster needs; a kinerja.Tx is one.
type RosterStore interface {
	kinerja.StaffStore
	kinerja.UnitStore
}

// Summary counts what an import did.
type Summary struct {
	UnitsAdded, UnitsUpdated, UnitsUnchanged int
	StaffAdded, StaffUpdated, StaffUnchanged int
	Skipped                                  int // file rows left out because they had problems

	SkippedRows []int     // the spreadsheet rows left out, each with its problem listed
	Notes       []Problem // what was noticed or cleaned without refusing a row
}

// Changed reports whether the import wrote anything.
func (s Summary) Changed() bool {
	return s.UnitsAdded+s.UnitsUpdated+s.StaffAdded+s.StaffUpdated > 0
}

// Text renders the summary in lang: the notes, one a line, then the
// counts, the rows left out, and "no change" when nothing was written and
// nothing left out, so that a re-imported listing says so plainly.
func (s Summary) Text(lang kinerja.Lang) string {
	var lines []string
	for _, n := range s.Notes {
		lines = append(lines, n.Text(lang))
	}
	lines = append(lines, Message(lang, "roster.summary", s.UnitsAdded, s.UnitsUpdated, s.UnitsUnchanged,
		s.StaffAdded, s.StaffUpdated, s.StaffUnchanged, s.Skipped))
	if len(s.SkippedRows) > 0 {
		lines = append(lines, Message(lang, "roster.skipped_rows", rowList(s.SkippedRows)))
	}
	if !s.Changed() && s.Skipped == 0 {
		lines = append(lines, Message(lang, "roster.no_change"))
	}
	return strings.Join(lines, "\n")
}

// LoadStaffIndex reads who reports to whom on the roster in one query, for
// ParseRoster; asking the database row by row would cost a query per row.
func LoadStaffIndex(ctx context.Context, s kinerja.StaffStore) (StaffIndex, error) {
	all, err := s.ListStaff(ctx, kinerja.StaffFilter{})
	if err != nil {
		return nil, fmt.Errorf("load roster: %w", err)
	}
	x := make(StaffIndex, len(all))
	for _, p := range all {
		x[p.NIP] = p.SuperiorNIP
	}
	return x, nil
}

// ApplyRoster writes the units and then the staff of r, as of instant at,
// and counts what changed; importing the same file twice changes nothing
// the second time. A changed superior is recorded by the store as a new
// span, so the history of who assessed whom is kept; so is a changed unit.
// A move takes effect at local midnight (in at's zone) of the row's
// Tanggal Efektif, or of the import day when the row gives none.
//
// A unit keeps its Telegram group, which the roster does not carry, and
// keeps its head when the file does not say who the head is.
func ApplyRoster(ctx context.Context, tx RosterStore, r *Roster, at time.Time) (Summary, error) {
	sum := Summary{Skipped: len(r.BadRows), SkippedRows: r.BadRows, Notes: r.Notes}
	for _, u := range r.Units {
		old, err := tx.Unit(ctx, u.Code)
		switch {
		case kinerja.ErrorCode(err) == kinerja.ENotFound:
			old = nil
		case err != nil:
			return sum, fmt.Errorf("read unit %s: %w", u.Code, err)
		}
		if old != nil {
			u.GroupChatID = old.GroupChatID
			if u.HeadNIP == "" {
				u.HeadNIP = old.HeadNIP
			}
		}
		changed, err := tx.PutUnit(ctx, &u)
		if err != nil {
			return sum, fmt.Errorf("write unit %s: %w", u.Code, err)
		}
		count(&sum.UnitsAdded, &sum.UnitsUpdated, &sum.UnitsUnchanged, old == nil, changed)
	}
	for _, s := range topDown(r.Staff) {
		_, err := tx.Staff(ctx, s.NIP)
		isNew := kinerja.ErrorCode(err) == kinerja.ENotFound
		if err != nil && !isNew {
			return sum, fmt.Errorf("read staff %s: %w", s.NIP, err)
		}
		changed, err := tx.MoveStaff(ctx, &s, at, effectiveAt(r, s.NIP, at))
		if err != nil {
			return sum, fmt.Errorf("write staff %s: %w", s.NIP, err)
		}
		count(&sum.StaffAdded, &sum.StaffUpdated, &sum.StaffUnchanged, isNew, changed)
	}
	return sum, nil
}

// count adds one to the counter that fits.
func count(added, updated, unchanged *int, isNew, changed bool) {
	switch {
	case isNew:
		*added++
	case changed:
		*updated++
	default:
		*unchanged++
	}
}

// topDown orders staff so that superiors come before those who report to
// them (file order among equals). The database does not need it, since
// superior_nip is not a foreign key, but it makes the writes deterministic
// and would keep working if it became one.
func topDown(staff []kinerja.Staff) []kinerja.Staff {
	sup := make(map[string]string, len(staff))
	for _, s := range staff {
		sup[s.NIP] = s.SuperiorNIP
	}
	depth := make(map[string]int, len(staff))
	var depthOf func(nip string, guard int) int
	depthOf = func(nip string, guard int) int {
		s, ok := sup[nip]
		if !ok || s == "" || guard > len(staff) { // guard: ParseRoster rules out loops, but never recurse forever
			return 0
		}
		if d, ok := depth[nip]; ok {
			return d
		}
		d := depthOf(s, guard+1) + 1
		depth[nip] = d
		return d
	}
	out := append([]kinerja.Staff(nil), staff...)
	sort.SliceStable(out, func(i, j int) bool {
		return depthOf(out[i].NIP, 0) < depthOf(out[j].NIP, 0)
	})
	return out
}

// ImportRoster checks a roster file and writes it in one transaction, so
// that the database cannot change between the check and the write. When
// the file has problems nothing is written unless skipInvalid is set, in
// which case the rows that passed are written and the rest reported.
func ImportRoster(ctx context.Context, db kinerja.Store, t *sheet.Table, at time.Time, skipInvalid bool) (Summary, []Problem, error) {
	return checkThenApply(ctx, db, skipInvalid, func(tx kinerja.Tx) (*Roster, []Problem, error) {
		idx, err := LoadStaffIndex(ctx, tx)
		if err != nil {
			return nil, nil, err
		}
		r, probs := ParseRosterAt(t, idx, kinerja.DayOf(at, at.Location()))
		return r, probs, nil
	}, func(r *Roster) Summary { return Summary{Skipped: r.Rows, Notes: r.Notes} },
		func(tx kinerja.Tx, r *Roster) (Summary, error) { return ApplyRoster(ctx, tx, r, at) })
}

// checkThenApply is the one shape of every import: in one transaction,
// parse the file against what the store holds, and write it unless it
// has problems and skipInvalid is not set (then skipped says what was
// not written). The problems are returned either way.
func checkThenApply[R, S any](ctx context.Context, db kinerja.Store, skipInvalid bool,
	parse func(tx kinerja.Tx) (R, []Problem, error), skipped func(R) S, apply func(tx kinerja.Tx, r R) (S, error)) (S, []Problem, error) {
	var (
		sum   S
		probs []Problem
	)
	err := db.InTx(ctx, func(tx kinerja.Tx) error {
		r, ps, err := parse(tx)
		if err != nil {
			return err
		}
		probs = ps
		if len(probs) > 0 && !skipInvalid {
			sum = skipped(r)
			return nil
		}
		sum, err = apply(tx, r)
		return err
	})
	if err != nil {
		var zero S
		return zero, probs, err
	}
	return sum, probs, nil
}

// RosterTable lays the roster out in the columns of a roster file, with the
// Indonesian titles, so that a listing can be edited and imported again.
// Staff are written in the order given; a unit missing from units is
// written with an empty name.
func RosterTable(staff []*kinerja.Staff, units []*kinerja.Unit) (header []string, rows [][]string) {
	for _, c := range RosterColumns {
		if c.Key != ColEffective { // see ColEffective
			header = append(header, c.Names[0])
		}
	}
	names := map[string]string{}
	for _, u := range units {
		names[u.Code] = u.Name
	}
	for _, s := range staff {
		role := ""
		if s.Admin {
			role = RoleAdmin
		}
		rows = append(rows, []string{s.NIP, s.Name, s.Position, s.UnitCode, names[s.UnitCode], s.SuperiorNIP, role})
	}
	return header, rows
}
