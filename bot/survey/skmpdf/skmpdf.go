// Package skmpdf sets the SKM report as a PDF document. It is the only
// package that imports the PDF library (go-pdf/fpdf), so the library can be
// replaced by touching this folder alone; it knows nothing of surveys, only
// of a title, paragraphs and tables.
package skmpdf

import (
	"bytes"
	"fmt"
	"time"

	"github.com/go-pdf/fpdf"
)

// Document is what the report holds: a title, lines under it, and
// sections of a heading, paragraphs and a table.
type Document struct {
	Title    string
	Subtitle []string
	Sections []Section
	// Created is stamped in the file's metadata, so the same data gives
	// the same bytes.
	Created time.Time
}

// Section is one part of the report.
type Section struct {
	Heading string
	Text    []string
	Header  []string
	Rows    [][]string
	// Widths are the columns' relative widths; nil shares the page evenly.
	Widths []float64
}

// Render sets doc on A4 pages, landscape when a table is wide.
func Render(doc Document) ([]byte, error) {
	wide := false
	for _, s := range doc.Sections {
		wide = wide || len(s.Header) > 8
	}
	orientation := "P"
	if wide {
		orientation = "L"
	}
	pdf := fpdf.New(orientation, "mm", "A4", "")
	pdf.SetCreationDate(doc.Created)
	pdf.SetModificationDate(doc.Created)
	pdf.SetMargins(12, 12, 12)
	pdf.SetAutoPageBreak(true, 12)
	// Core fonts speak cp1252: Indonesian text and its dashes and
	// guillemets fit; anything else becomes a question mark.
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.SetTitle(tr(doc.Title), false)
	pdf.AddPage()
	pageW, _ := pdf.GetPageSize()
	left, _, right, _ := pdf.GetMargins()
	width := pageW - left - right

	pdf.SetFont("Helvetica", "B", 14)
	pdf.MultiCell(width, 7, tr(doc.Title), "", "L", false)
	pdf.SetFont("Helvetica", "", 9)
	for _, l := range doc.Subtitle {
		pdf.MultiCell(width, 5, tr(l), "", "L", false)
	}
	for _, s := range doc.Sections {
		pdf.Ln(4)
		pdf.SetFont("Helvetica", "B", 11)
		pdf.MultiCell(width, 6, tr(s.Heading), "", "L", false)
		pdf.SetFont("Helvetica", "", 9)
		for _, l := range s.Text {
			pdf.MultiCell(width, 5, tr(l), "", "L", false)
		}
		if len(s.Header) > 0 {
			table(pdf, tr, width, s)
		}
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("skm report pdf: %w", err)
	}
	return buf.Bytes(), nil
}

// table draws a section's table: a shaded header row, then the rows, each
// as tall as its longest cell.
func table(pdf *fpdf.Fpdf, tr func(string) string, width float64, s Section) {
	cols := len(s.Header)
	widths := make([]float64, cols)
	total := 0.0
	for i := range widths {
		widths[i] = 1
		if i < len(s.Widths) && s.Widths[i] > 0 {
			widths[i] = s.Widths[i]
		}
		total += widths[i]
	}
	for i := range widths {
		widths[i] *= width / total
	}
	const lineH = 4.5
	row := func(cells []string, header bool) {
		lines := 1
		for i := 0; i < cols; i++ {
			n := len(pdf.SplitLines([]byte(tr(cell(cells, i))), widths[i]-2))
			lines = max(lines, n)
		}
		h := float64(lines) * lineH
		_, pageH := pdf.GetPageSize()
		_, _, _, bottom := pdf.GetMargins()
		if pdf.GetY()+h > pageH-bottom {
			pdf.AddPage()
		}
		x, y := pdf.GetXY()
		for i := 0; i < cols; i++ {
			if header {
				pdf.SetFillColor(220, 228, 240)
				pdf.Rect(x, y, widths[i], h, "FD")
			} else {
				pdf.Rect(x, y, widths[i], h, "D")
			}
			pdf.SetXY(x+1, y)
			pdf.MultiCell(widths[i]-2, lineH, tr(cell(cells, i)), "", "L", false)
			x += widths[i]
		}
		pdf.SetXY(pdf.GetX(), y+h)
		left, _, _, _ := pdf.GetMargins()
		pdf.SetX(left)
	}
	pdf.SetFont("Helvetica", "B", 8)
	row(s.Header, true)
	pdf.SetFont("Helvetica", "", 8)
	for _, r := range s.Rows {
		row(r, false)
	}
}

func cell(cells []string, i int) string {
	if i < len(cells) {
		return cells[i]
	}
	return ""
}
