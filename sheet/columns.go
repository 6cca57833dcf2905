package sheet

import (
	"strings"
)

// ColumnSpec describes a column a caller expects in the header row.
type ColumnSpec struct {
	Key      string   // the caller's name for the column, e.g. "nip"
	Names    []string // header texts accepted for it; the first is shown to users
	Required bool
}

// Problem is something wrong with a table's layout. It has the same fields as
// importer.Problem, so a caller can convert it directly and render it in the
// user's language; Key names the text and Args fill it.
type Problem struct {
	Row    int    // spreadsheet row number; 0 for the file as a whole
	Column string // the column as the file names it (or as expected, if missing)
	Key    string
	Args   []any
}

// Problem keys produced by Columns.
const (
	KeyNoHeader        = "sheet.no_header"        // the file has no rows at all
	KeyMissingColumn   = "sheet.missing_column"   // Args: accepted names joined with ", "
	KeyDuplicateColumn = "sheet.duplicate_column" // Args: the other header text, its column letter
)

// Columns maps each spec's Key to the index of its column in the header.
// Headers are matched case-insensitively, ignoring spaces and underscores,
// so "NIP Atasan", "nip_atasan" and "NIPATASAN" are the same column. A
// required column that is absent, or two header cells naming the same
// column, is a problem; optional absent columns are simply not in the map,
// and header cells matching no spec are ignored.
func (t *Table) Columns(spec []ColumnSpec) (map[string]int, []Problem) {
	if t.HeaderRow == 0 {
		return nil, []Problem{{Key: KeyNoHeader}}
	}
	byName := make(map[string]string)
	for _, s := range spec {
		for _, n := range s.Names {
			byName[headerKey(n)] = s.Key
		}
	}
	cols := make(map[string]int)
	var probs []Problem
	for i, h := range t.Header {
		key, ok := byName[headerKey(h)]
		if !ok || h == "" {
			continue
		}
		if prev, dup := cols[key]; dup {
			probs = append(probs, Problem{Row: t.HeaderRow, Column: h, Key: KeyDuplicateColumn,
				Args: []any{t.Header[prev], ColumnName(prev)}})
			continue
		}
		cols[key] = i
	}
	for _, s := range spec {
		if _, ok := cols[s.Key]; !ok && s.Required {
			probs = append(probs, Problem{Row: t.HeaderRow, Column: s.Names[0], Key: KeyMissingColumn,
				Args: []any{strings.Join(s.Names, ", ")}})
		}
	}
	return cols, probs
}

// headerKey folds a header text to what Columns compares.
func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.NewReplacer(" ", "", "_", "", "\u00a0", "").Replace(s)
}

// ColumnName returns the spreadsheet letter of the 0-based column i:
// 0 is "A", 25 is "Z", 26 is "AA".
func ColumnName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}
