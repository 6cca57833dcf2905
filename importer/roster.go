package importer

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Keys of the roster columns, as used in RosterColumns.
const (
	ColNIP         = "nip"
	ColName        = "name"
	ColPosition    = "position"
	ColUnitCode    = "unit_code"
	ColUnitName    = "unit_name"
	ColSuperiorNIP = "superior_nip"
	ColRole        = "role"
)

// RosterColumns are the columns of a roster file. The first name of each is
// the Indonesian title that RosterTable writes; English titles are accepted
// too.
var RosterColumns = []sheet.ColumnSpec{
	{Key: ColNIP, Names: []string{"NIP"}, Required: true},
	{Key: ColName, Names: []string{"Nama", "Name"}, Required: true},
	{Key: ColPosition, Names: []string{"Jabatan", "Position"}, Required: true},
	{Key: ColUnitCode, Names: []string{"Kode Unit", "Unit Code"}, Required: true},
	{Key: ColUnitName, Names: []string{"Nama Unit", "Unit Name"}, Required: true},
	{Key: ColSuperiorNIP, Names: []string{"NIP Atasan", "Superior NIP"}},
	{Key: ColRole, Names: []string{"Peran", "Role"}},
	{Key: ColEffective, Names: []string{"Tanggal Efektif", "Effective Date"}},
}

// RoleAdmin is the only value of the Peran column that means something: a
// BKPSDM officer who may administer the bot.
const RoleAdmin = "admin"

// RosterLookup answers questions about the roster already in the database,
// so that a file may name superiors it does not list and a loop through
// people outside the file is still found.
type RosterLookup interface {
	// Superior returns the NIP of the person's superior ("" for the top of
	// the tree) and whether the person is on the roster at all.
	Superior(nip string) (superiorNIP string, exists bool)
}

// StaffIndex is a RosterLookup held in memory: NIP to superior NIP.
type StaffIndex map[string]string

// Superior implements RosterLookup.
func (x StaffIndex) Superior(nip string) (string, bool) {
	s, ok := x[nip]
	return s, ok
}

// Roster is the outcome of checking a roster file: the rows that passed,
// ready for ApplyRoster, and the rows that did not.
type Roster struct {
	Staff   []kinerja.Staff // valid rows, in file order
	Units   []kinerja.Unit  // units of the valid rows, in order of first appearance; HeadNIP "" when the file does not tell
	Rows    int             // data rows in the file
	BadRows []int           // spreadsheet row numbers left out, ascending
	// Notes tell what the import changed or noticed without refusing a
	// row: invisible characters removed, people without a superior.
	Notes []Problem
	// Effective holds the Tanggal Efektif ("YYYY-MM-DD") of the valid rows
	// that give one, by NIP.
	Effective map[string]string
}

// MaxNameLen caps a name, position or unit name, in characters: a longer
// cell is a paste gone wrong, and it would break every message it is in.
const MaxNameLen = 200

// rosterRow is one file row while it is being checked.
type rosterRow struct {
	num       int
	staff     kinerja.Staff
	unitName  string
	effective string // Tanggal Efektif, "YYYY-MM-DD"; "" when not given
	bad       bool
}

// scientific matches how a spreadsheet shows a number too long for it.
var scientific = regexp.MustCompile(`^[0-9](\.[0-9]+)?[eE][+]?[0-9]+$`)

// ParseRoster checks a whole roster file against itself and the database
// (db may be nil for an empty database) and returns the rows that passed
// with every problem found. It writes nothing: the caller decides whether
// to import the good rows or fix the file first.
//
// A row fails when its NIP is not 18 digits or appears twice, a required
// cell is empty, its Peran is neither "admin" nor empty, its unit code is
// named differently elsewhere in the file, its superior is neither in the
// file nor in the database, its chain of superiors loops back to it, or a
// name is longer than MaxNameLen. Any number of rows may leave NIP Atasan
// empty (tops: pilot offices, heads whose superior is outside the bot);
// Roster.Notes names them, and notes invisible characters removed. A
// row whose superior fails fails too, unless that superior is already in
// the database, since skipping the row would leave it without an assessor.
// A missing column is reported alone: nothing else can be checked.
func ParseRoster(t *sheet.Table, db RosterLookup) (*Roster, []Problem) {
	return parseRoster(t, db, "")
}

// parseRoster is ParseRoster and ParseRosterAt; today "" accepts any
// Tanggal Efektif.
func parseRoster(t *sheet.Table, db RosterLookup, today string) (*Roster, []Problem) {
	if db == nil {
		db = StaffIndex(nil)
	}
	r := &Roster{Rows: len(t.Rows)}
	cols, layout := t.Columns(RosterColumns)
	if len(layout) > 0 {
		for _, row := range t.Rows {
			r.BadRows = append(r.BadRows, row.Num)
		}
		return r, fromSheet(layout)
	}
	if len(t.Rows) == 0 {
		return r, []Problem{{Key: "roster.no_rows"}}
	}
	c := &checker{cols: cols, header: t.Header, db: db, today: today}
	for _, row := range t.Rows {
		c.readRow(row)
	}
	c.checkDuplicates()
	c.checkUnitNames()
	c.checkSuperiors()
	sort.SliceStable(c.probs, func(i, j int) bool { return c.probs[i].Row < c.probs[j].Row })
	c.fill(r)
	c.noteTops(r)
	r.Notes = append(c.notes, r.Notes...)
	sort.SliceStable(r.Notes, func(i, j int) bool { return r.Notes[i].Row < r.Notes[j].Row })
	return r, c.probs
}

// checker holds the state of one ParseRoster call.
type checker struct {
	cols   map[string]int
	header []string
	db     RosterLookup
	rows   []*rosterRow
	probs  []Problem
	notes  []Problem
	today  string // the import's local day, for Tanggal Efektif; "" when unknown
}

// title returns the column title as the file writes it, for messages.
func (c *checker) title(key string) string {
	if i, ok := c.cols[key]; ok {
		return c.header[i]
	}
	return ""
}

// fail marks row bad with a problem in the column named by key.
func (c *checker) fail(row *rosterRow, key, text string, args ...any) {
	row.bad = true
	c.probs = append(c.probs, Problem{Row: row.num, Column: c.title(key), Key: text, Args: args})
}

// readRow reads one row and checks what can be checked without the others.
func (c *checker) readRow(in sheet.Row) {
	cell := func(key string) string {
		if i, ok := c.cols[key]; ok {
			return in.Cell(i)
		}
		return ""
	}
	// text is a cell shown to people: invisible characters that reorder
	// or hide text are removed (with a note), and it is capped.
	text := func(key string) string {
		v, removed := cleanText(cell(key))
		if removed {
			c.note(in.Num, key, "roster.invisible_removed")
		}
		return squeeze(v)
	}
	row := &rosterRow{num: in.Num, unitName: text(ColUnitName)}
	row.staff = kinerja.Staff{
		NIP:         normNIP(cell(ColNIP)),
		Name:        text(ColName),
		Position:    text(ColPosition),
		UnitCode:    text(ColUnitCode),
		SuperiorNIP: normNIP(cell(ColSuperiorNIP)),
	}
	c.rows = append(c.rows, row)
	for _, f := range []struct{ key, v string }{
		{ColName, row.staff.Name}, {ColPosition, row.staff.Position}, {ColUnitName, row.unitName},
	} {
		if n := utf8.RuneCountInString(f.v); n > MaxNameLen {
			c.fail(row, f.key, "roster.too_long", MaxNameLen, n)
		}
	}
	c.checkNIP(row, ColNIP, cell(ColNIP), row.staff.NIP, true)
	for _, f := range []struct{ key, v string }{
		{ColName, row.staff.Name}, {ColPosition, row.staff.Position},
		{ColUnitCode, row.staff.UnitCode}, {ColUnitName, row.unitName},
	} {
		if f.v == "" {
			c.fail(row, f.key, "roster.required")
		}
	}
	c.checkNIP(row, ColSuperiorNIP, cell(ColSuperiorNIP), row.staff.SuperiorNIP, false)
	if row.staff.SuperiorNIP != "" && row.staff.SuperiorNIP == row.staff.NIP {
		c.fail(row, ColSuperiorNIP, "roster.superior_self")
	}
	c.readEffective(row, cell(ColEffective))
	switch role := cell(ColRole); strings.ToLower(role) {
	case "":
	case RoleAdmin:
		row.staff.Admin = true
	default:
		c.fail(row, ColRole, "roster.role_invalid", role)
	}
}

// note records a remark on a row that does not stop it being imported.
func (c *checker) note(row int, key, text string, args ...any) {
	c.notes = append(c.notes, Problem{Row: row, Column: c.title(key), Key: text, Args: args})
}

// noteTops names the imported people without a superior. Any number is
// allowed (pilot offices, heads whose superior is outside the bot), but a
// forgotten cell should not pass unseen, so the import says who they are.
func (c *checker) noteTops(r *Roster) {
	var tops []string
	for _, s := range r.Staff {
		if s.SuperiorNIP == "" {
			tops = append(tops, s.NIP)
		}
	}
	if len(tops) > 0 {
		r.Notes = append(r.Notes, Problem{Key: "roster.tops", Args: []any{len(tops), strings.Join(tops, ", ")}})
	}
}

// checkNIP checks a NIP cell; as written is the cell text, nip its
// normalised form.
func (c *checker) checkNIP(row *rosterRow, key, written, nip string, required bool) {
	switch {
	case nip == "":
		if required {
			c.fail(row, key, "roster.required")
		}
	case scientific.MatchString(nip):
		c.fail(row, key, "roster.nip_scientific", written)
	case !kinerja.ValidNIP(nip):
		c.fail(row, key, "roster.nip_invalid", written)
	}
}

// checkDuplicates fails every row of a NIP listed more than once: which of
// them is right is for the officer to say.
func (c *checker) checkDuplicates() {
	byNIP := map[string][]*rosterRow{}
	for _, row := range c.rows {
		if kinerja.ValidNIP(row.staff.NIP) {
			byNIP[row.staff.NIP] = append(byNIP[row.staff.NIP], row)
		}
	}
	for _, row := range c.rows {
		same := byNIP[row.staff.NIP]
		if len(same) < 2 {
			continue
		}
		var others []int
		for _, o := range same {
			if o != row {
				others = append(others, o.num)
			}
		}
		c.fail(row, ColNIP, "roster.nip_duplicate", rowList(others))
	}
}

// checkUnitNames fails rows that name a unit code differently from the rest
// of the file. The name most rows use is taken as meant (the earliest on a
// tie), so one typo fails one row rather than the whole unit.
func (c *checker) checkUnitNames() {
	type use struct{ count, first int }
	names := map[string]map[string]*use{}
	for _, row := range c.rows {
		code, name := row.staff.UnitCode, row.unitName
		if code == "" || name == "" {
			continue
		}
		if names[code] == nil {
			names[code] = map[string]*use{}
		}
		if u := names[code][name]; u != nil {
			u.count++
		} else {
			names[code][name] = &use{count: 1, first: row.num}
		}
	}
	for _, row := range c.rows {
		byName := names[row.staff.UnitCode]
		if len(byName) < 2 || row.unitName == "" {
			continue
		}
		best, bestUse := "", &use{}
		for name, u := range byName {
			if u.count > bestUse.count || (u.count == bestUse.count && u.first < bestUse.first) {
				best, bestUse = name, u
			}
		}
		if row.unitName != best {
			c.fail(row, ColUnitName, "roster.unit_name_conflict", row.staff.UnitCode, best, bestUse.first)
		}
	}
}

// fill copies the rows that passed into r.
func (c *checker) fill(r *Roster) {
	unitIndex := map[string]int{}
	members := map[string]map[string]bool{} // unit code -> NIPs of its good rows
	for _, row := range c.rows {
		if row.bad {
			r.BadRows = append(r.BadRows, row.num)
			continue
		}
		r.Staff = append(r.Staff, row.staff)
		if row.effective != "" {
			if r.Effective == nil {
				r.Effective = map[string]string{}
			}
			r.Effective[row.staff.NIP] = row.effective
		}
		code := row.staff.UnitCode
		if _, ok := unitIndex[code]; !ok {
			unitIndex[code] = len(r.Units)
			r.Units = append(r.Units, kinerja.Unit{Code: code, Name: row.unitName})
			members[code] = map[string]bool{}
		}
		members[code][row.staff.NIP] = true
	}
	// The head is the one member whose superior is outside the unit. Only
	// the file's rows are known to be members; with none or several such
	// people, HeadNIP stays "" and ApplyRoster keeps the head on record.
	heads := map[string][]string{}
	for _, s := range r.Staff {
		if !members[s.UnitCode][s.SuperiorNIP] {
			heads[s.UnitCode] = append(heads[s.UnitCode], s.NIP)
		}
	}
	for code, nips := range heads {
		if len(nips) == 1 {
			r.Units[unitIndex[code]].HeadNIP = nips[0]
		}
	}
}

// normNIP removes the spaces of the printed form "19700101 200001 1 001"
// and the apostrophe that forces text in a spreadsheet cell.
func normNIP(s string) string {
	s = strings.TrimPrefix(s, "'")
	return strings.Join(strings.Fields(s), "")
}

// invisible reports the characters removed from text cells: the
// bidirectional overrides and isolates, which can make a name display
// reversed or disguised, and the zero-width characters, which make two
// equal-looking names differ.
func invisible(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // LRE..RLO, LRI..PDI
		return true
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x200E, r == 0x200F, r == 0x2060, r == 0xFEFF, r == 0x061C:
		return true
	}
	return false
}

// cleanText removes invisible characters and reports whether it found any.
func cleanText(s string) (string, bool) {
	if strings.IndexFunc(s, invisible) < 0 {
		return s, false
	}
	return strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s), true
}

// squeeze collapses runs of spaces, a common typing slip that would
// otherwise make two spellings of one unit name differ.
func squeeze(s string) string { return strings.Join(strings.Fields(s), " ") }
