package sheet

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet to write.
type Sheet struct {
	Name   string // tab name; shortened and cleaned to what Excel accepts
	Header []string
	Rows   [][]string
}

// WriteCSV writes a comma-separated table with a header row. A cell that a
// spreadsheet would run as a formula (starting with =, +, - or @ and not a
// number) is prefixed with an apostrophe: exports carry text typed by staff,
// and a report description must never execute when HR opens the file.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("sheet: write csv: %w", err)
	}
	for _, r := range rows {
		safe := make([]string, len(r))
		for i, c := range r {
			safe[i] = defuse(c)
		}
		if err := cw.Write(safe); err != nil {
			return fmt.Errorf("sheet: write csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("sheet: write csv: %w", err)
	}
	return nil
}

// defuse neutralises a cell that would start a formula.
func defuse(c string) string {
	if c == "" || !strings.ContainsRune("=+-@\t\r", rune(c[0])) || plainNumber.MatchString(c) {
		return c
	}
	return "'" + c
}

// plainNumber matches a number worth storing as a spreadsheet number: at most
// 15 significant digits (more would be rounded), no leading zero (which a
// number would drop), an optional decimal part.
var plainNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?$`)

// WriteXLSX writes a workbook with one worksheet per Sheet. Each header row
// is bold and frozen, columns are as wide as their content (within limits),
// and plain numbers are stored as numbers so HR can sum them. Every other
// cell is text; a column whose header mentions NIP is formatted as Text
// throughout, so an 18-digit NIP is never turned into 1.97E+17, not even
// when someone types a new one into the exported file.
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // 49 is the built-in "@" (Text)
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	first := f.GetSheetName(0)
	used := map[string]bool{}
	for i, s := range sheets {
		name := sheetName(s.Name, i, used)
		if i == 0 {
			err = f.SetSheetName(first, name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("sheet: add %q: %w", name, err)
		}
		if err := writeSheet(f, name, s, bold, text); err != nil {
			return err
		}
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("sheet: write xlsx: %w", err)
	}
	return nil
}

// writeSheet fills one worksheet.
func writeSheet(f *excelize.File, name string, s Sheet, bold, text int) error {
	ncol := len(s.Header)
	for _, r := range s.Rows {
		ncol = max(ncol, len(r))
	}
	for j := 0; j < ncol; j++ {
		col := ColumnName(j)
		width := 8
		if j < len(s.Header) {
			width = max(width, utf8.RuneCountInString(s.Header[j])+2)
		}
		for _, r := range s.Rows {
			if j < len(r) {
				width = max(width, utf8.RuneCountInString(r[j])+2)
			}
		}
		if err := f.SetColWidth(name, col, col, float64(min(width, 60))); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
		if j < len(s.Header) && strings.Contains(headerKey(s.Header[j]), "nip") {
			if err := f.SetColStyle(name, col, text); err != nil {
				return fmt.Errorf("sheet: %w", err)
			}
		}
	}
	for j, h := range s.Header {
		cell := ColumnName(j) + "1"
		if err := f.SetCellStr(name, cell, h); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
		if err := f.SetCellStyle(name, cell, cell, bold); err != nil {
			return fmt.Errorf("sheet: %w", err)
		}
	}
	for i, r := range s.Rows {
		for j, c := range r {
			if err := setCell(f, name, fmt.Sprintf("%s%d", ColumnName(j), i+2), c); err != nil {
				return err
			}
		}
	}
	if len(s.Header) > 0 {
		err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		if err != nil {
			return fmt.Errorf("sheet: freeze header: %w", err)
		}
	}
	return nil
}

// setCell stores c as a number when it is a plain number, else as text.
// Text cells are written as strings, never parsed, so they cannot become
// formulas or dates.
func setCell(f *excelize.File, name, cell, c string) error {
	var err error
	if v, perr := strconv.ParseFloat(c, 64); perr == nil && plainNumber.MatchString(c) {
		err = f.SetCellFloat(name, cell, v, -1, 64)
	} else {
		err = f.SetCellStr(name, cell, c)
	}
	if err != nil {
		return fmt.Errorf("sheet: %w", err)
	}
	return nil
}

// sheetName makes a worksheet name Excel accepts: at most 31 characters,
// none of []:*?/\, not empty, and unique in the workbook.
func sheetName(s string, i int, used map[string]bool) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if s == "" {
		s = fmt.Sprintf("Sheet%d", i+1)
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	base := []rune(s)
	for n := 2; used[strings.ToLower(s)]; n++ {
		suffix := fmt.Sprintf(" (%d)", n)
		s = string(base[:min(len(base), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(s)] = true
	return s
}
