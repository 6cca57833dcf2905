// Package sheet reads and writes the tables that HR officers exchange with
// kinerjabot: CSV files (as exported by Excel with an Indonesian locale, which
// separates fields with semicolons) and XLSX workbooks.
//
// It is the only package that imports excelize, so the spreadsheet library can
// be upgraded or replaced by touching this folder alone. It knows nothing of
// the roster: it turns a file into trimmed text cells with their row numbers,
// and maps a header row onto the columns a caller expects.
package sheet

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Formats that Read and ReadFrom understand, as file extensions.
const (
	FormatCSV  = ".csv"
	FormatXLSX = ".xlsx"
)

// Table is the content of one sheet: a header row and the data rows below it.
// Blank rows are dropped, but every row keeps the number the officer sees in
// the spreadsheet, so that a problem can point at it.
type Table struct {
	HeaderRow int      // spreadsheet row number of the header, normally 1
	Header    []string // the header cells, trimmed
	Rows      []Row    // the non-blank rows below the header, in order
}

// Row is one data row.
type Row struct {
	Num   int      // 1-based spreadsheet row number
	Cells []string // trimmed cell texts; may be shorter than the header
}

// Cell returns the cell in column i, or "" when the row is shorter (a
// spreadsheet drops trailing empty cells) or i is negative (a column that the
// header does not have).
func (r Row) Cell(i int) string {
	if i < 0 || i >= len(r.Cells) {
		return ""
	}
	return r.Cells[i]
}

// Read reads the file at path; its extension (.csv or .xlsx, any case)
// selects the format.
func Read(path string) (*Table, error) {
	format := strings.ToLower(filepath.Ext(path))
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("sheet: %w", err)
	}
	defer f.Close()
	return ReadFrom(f, format)
}

// ReadFrom reads a table in the given format (".csv" or ".xlsx"; the dot and
// case do not matter). An XLSX workbook is read from its first sheet.
func ReadFrom(r io.Reader, format string) (*Table, error) {
	format = strings.ToLower(format)
	if !strings.HasPrefix(format, ".") {
		format = "." + format
	}
	if err := checkFormat(format); err != nil {
		return nil, err
	}
	var (
		rows []Row
		err  error
	)
	if format == FormatCSV {
		rows, err = readCSV(r)
	} else {
		rows, err = readXLSX(r)
	}
	if err != nil {
		return nil, err
	}
	return newTable(rows), nil
}

// checkFormat refuses anything but CSV and XLSX with a message for the user:
// the old binary .xls is a common thing to be handed, and the fix is a
// "Save As" away.
func checkFormat(format string) error {
	switch format {
	case FormatCSV, FormatXLSX:
		return nil
	}
	return kinerja.Errorf(kinerja.EInvalid, "sheet.unsupported_format", format)
}

// newTable trims every cell, drops blank rows and takes the first remaining
// row as the header.
func newTable(raw []Row) *Table {
	t := &Table{}
	for _, r := range raw {
		blank := true
		for i, c := range r.Cells {
			r.Cells[i] = strings.TrimSpace(c)
			if r.Cells[i] != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		// Trailing empty cells carry nothing; dropping them makes CSV and
		// XLSX rows look alike.
		for len(r.Cells) > 0 && r.Cells[len(r.Cells)-1] == "" {
			r.Cells = r.Cells[:len(r.Cells)-1]
		}
		if t.HeaderRow == 0 {
			t.HeaderRow, t.Header = r.Num, r.Cells
			continue
		}
		t.Rows = append(t.Rows, r)
	}
	return t
}
