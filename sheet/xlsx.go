package sheet

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/xuri/excelize/v2"
)

// Limits on the unzipped size of a workbook: far above any roster, far below
// what a zip bomb would inflate to.
const (
	maxUnzipBytes    = 256 << 20
	maxUnzipXMLBytes = 64 << 20
)

// longInteger matches a plain integer literal longer than the 15 significant
// digits a spreadsheet number can hold.
var longInteger = regexp.MustCompile(`^[0-9]{16,}$`)

// readXLSX reads the first sheet of a workbook, each cell as the text the
// spreadsheet displays, with one exception for long numbers (see cellText).
func readXLSX(r io.Reader) ([]Row, error) {
	f, err := excelize.OpenReader(r, excelize.Options{
		UnzipSizeLimit:    maxUnzipBytes,
		UnzipXMLSizeLimit: maxUnzipXMLBytes,
	})
	if err != nil {
		// A corrupt or password-protected file: the officer can fix it,
		// so it is their error rather than ours. The cause goes to the log.
		return nil, fmt.Errorf("sheet: open xlsx: %v: %w", err,
			kinerja.Errorf(kinerja.EInvalid, "sheet.xlsx_unreadable"))
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil
	}
	shown, err := f.GetRows(sheets[0])
	if err != nil {
		return nil, fmt.Errorf("sheet: read %q: %w", sheets[0], err)
	}
	raw, err := f.GetRows(sheets[0], excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, fmt.Errorf("sheet: read %q: %w", sheets[0], err)
	}
	rows := make([]Row, len(shown))
	for i, cells := range shown {
		for j := range cells {
			isText := func() bool {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				typ, _ := f.GetCellType(sheets[0], ref)
				return typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString
			}
			cells[j] = cellText(cells[j], at(raw, i, j), isText)
		}
		rows[i] = Row{Num: i + 1, Cells: cells}
	}
	return rows, nil
}

// cellText chooses between what a cell displays and what the file stores.
// A spreadsheet number keeps only 15 significant digits, so an 18-digit NIP
// typed into a General cell shows as 1.97001012000011E+17, and with the
// format "0" as 197001012000011000: whole-looking, its last digits gone.
//
// When the file holds more than 15 significant digits as a plain integer
// (tools that write workbooks directly do this), those digits are the truth
// and are returned. A long number with only 15 significant digits is
// returned in scientific notation, so that the caller can say the value was
// cut short instead of this package guessing the lost digits. isText tells
// a text cell, whose digits are never cut, from a number.
func cellText(shown, raw string, isText func() bool) string {
	if longInteger.MatchString(raw) {
		if len(strings.TrimRight(raw, "0")) > 15 || isText() {
			return raw
		}
	}
	if f, err := strconv.ParseFloat(raw, 64); err == nil && math.Abs(f) >= 1e15 && !isText() {
		return strconv.FormatFloat(f, 'G', 15, 64)
	}
	return shown
}

// at returns rows[i][j], or "" when out of range.
func at(rows [][]string, i, j int) string {
	if i < len(rows) && j < len(rows[i]) {
		return rows[i][j]
	}
	return ""
}
