package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"golang.org/x/text/encoding/charmap"
)

// maxCSVBytes bounds what readCSV accepts: a whole provincial roster is a few
// megabytes, and the file is held in memory to detect delimiter and encoding.
const maxCSVBytes = 32 << 20

// readCSV reads comma-, semicolon- or tab-separated text, with or without a
// UTF-8 byte order mark, in UTF-8 or (as Excel's plain "CSV" export writes
// it) Windows-1252.
func readCSV(r io.Reader) ([]Row, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxCSVBytes+1))
	if err != nil {
		return nil, fmt.Errorf("sheet: read csv: %w", err)
	}
	if len(data) > maxCSVBytes {
		return nil, kinerja.Errorf(kinerja.EInvalid, "sheet.too_large")
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		if data, err = charmap.Windows1252.NewDecoder().Bytes(data); err != nil {
			return nil, fmt.Errorf("sheet: decode windows-1252: %w", err)
		}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = detectDelimiter(data)
	cr.FieldsPerRecord = -1 // short rows are normal: Excel drops trailing empty cells
	var (
		rows    []Row
		lastRow int // spreadsheet row of the previous record
		lastEnd int // text line on which the previous record ended
	)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, kinerja.Errorf(kinerja.EInvalid, "sheet.csv_syntax", pe.StartLine)
			}
			return nil, fmt.Errorf("sheet: read csv: %w", err)
		}
		// encoding/csv skips blank lines and lets a quoted field span lines;
		// a spreadsheet counts a blank line as a row and a multi-line cell as
		// one. Counting from line numbers keeps our row numbers equal to the
		// ones the officer sees after opening the file.
		start, _ := cr.FieldPos(0)
		lastRow += start - lastEnd
		endLine, _ := cr.FieldPos(len(rec) - 1)
		lastEnd = endLine + strings.Count(rec[len(rec)-1], "\n")
		rows = append(rows, Row{Num: lastRow, Cells: rec})
	}
}

// detectDelimiter picks the most frequent of ';', ',' and tab on the first
// line (outside quotes). Excel with an Indonesian locale writes semicolons
// because the comma is the decimal separator; most other tools write commas.
func detectDelimiter(data []byte) rune {
	counts := map[rune]int{}
	inQuote := false
	for _, c := range string(data) {
		if c == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c == '\n' || c == '\r' {
			break
		}
		counts[c]++
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}
