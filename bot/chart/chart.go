// Package chart draws the PNG bar chart of the monthly summary: the IKM
// (citizen satisfaction index, 0–100) of each unit as a horizontal bar,
// coloured by its mutu grade A–D, with the grade boundaries drawn across.
//
// It draws with the standard library's image/draw and the Go fonts (set by
// package typeface), rather than a charting library:
// one chart of one kind does not justify go-chart's or gonum/plot's weight,
// and drawing it directly keeps long Indonesian unit names readable (they
// get their own column and are shortened with an ellipsis only when they
// would not fit). All texts come from the caller, already translated.
package chart

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"

	"github.com/bkpsdm-solok/kinerjabot/typeface"
)

// Bar is one unit's bar.
type Bar struct {
	Label       string  // the unit's name
	Value       float64 // the IKM, 0–100
	ValueText   string  // how the value is written beside the bar, e.g. "84,21 (B)"
	Grade       string  // "A", "B", "C" or "D"; decides the colour
	Provisional bool    // drawn paler: fewer respondents than the sample needs
}

// Chart is what to draw.
type Chart struct {
	Title    string
	Subtitle string
	Bars     []Bar
	// Legend has one text per grade, A to D, e.g. "A: ≥ 88,31 Sangat Baik".
	Legend [4]string
	// Bounds are the lower bounds of grades A, B and C, drawn as lines.
	Bounds [3]float64
}

// Grade colours, A to D, chosen to stay distinct for colour-blind readers
// (blue, teal, orange, vermilion) and in grey scale.
var gradeColours = map[string]color.RGBA{
	"A": {0x1f, 0x5f, 0xa8, 0xff},
	"B": {0x2a, 0x9d, 0x8f, 0xff},
	"C": {0xe9, 0x9a, 0x2c, 0xff},
	"D": {0xc8, 0x3e, 0x2a, 0xff},
}

var (
	ink    = color.RGBA{0x22, 0x22, 0x22, 0xff}
	grey   = color.RGBA{0x77, 0x77, 0x77, 0xff}
	rule   = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	paper  = color.RGBA{0xff, 0xff, 0xff, 0xff}
	stripe = color.RGBA{0xf4, 0xf4, 0xf4, 0xff}
)

// Layout in pixels.
const (
	width     = 1200
	margin    = 32
	labelW    = 430 // the unit-name column
	valueW    = 150 // room for the value after the longest bar
	rowH      = 40
	barH      = 26
	titleH    = 140
	axisH     = 40
	legendH   = 30
	titleSize = 30
	textSize  = 19
	smallSize = 16
)

// faces are the three sizes of type a chart uses.
type faces struct{ title, text, small *typeface.Face }

// newFaces makes a chart's faces; each chart makes its own, since a face
// is not safe for concurrent use.
func newFaces() (*faces, error) {
	var fs faces
	var err error
	if fs.title, err = typeface.New(true, titleSize); err != nil {
		return nil, err
	}
	if fs.text, err = typeface.New(false, textSize); err != nil {
		return nil, err
	}
	if fs.small, err = typeface.New(false, smallSize); err != nil {
		return nil, err
	}
	return &fs, nil
}

// PNG draws the chart and encodes it as PNG.
func PNG(c Chart) ([]byte, error) {
	if len(c.Bars) == 0 {
		return nil, fmt.Errorf("chart: no bars to draw")
	}
	faces, err := newFaces()
	if err != nil {
		return nil, fmt.Errorf("chart: fonts: %w", err)
	}
	height := titleH + len(c.Bars)*rowH + axisH + legendH + margin
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)

	faces.title.Draw(img, ink, margin, margin+titleSize, c.Title)
	faces.small.Draw(img, grey, margin, margin+titleSize+30, c.Subtitle)

	x0 := margin + labelW
	plotW := width - x0 - valueW - margin
	xOf := func(v float64) int { return x0 + int(v/100*float64(plotW)+0.5) }
	top, bottom := titleH, titleH+len(c.Bars)*rowH

	// Striped rows, then gridlines every 25 points and the grade
	// boundaries, then the bars on top.
	for i := range c.Bars {
		if y := top + i*rowH; i%2 == 1 {
			fill(img, image.Rect(margin, y, width-margin, y+rowH), stripe)
		}
	}
	for v := 0.0; v <= 100; v += 25 {
		vline(img, xOf(v), top-6, bottom, rule)
		label := fmt.Sprintf("%.0f", v)
		faces.small.Draw(img, grey, xOf(v)-faces.small.Width(label)/2, bottom+22, label)
	}
	for i, b := range c.Bounds {
		grade := string(rune('A' + i))
		dashed(img, xOf(b), top-6, bottom, gradeColours[grade])
		faces.small.Draw(img, gradeColours[grade], xOf(b)-faces.small.Width(grade)/2, top-12, grade)
	}

	for i, b := range c.Bars {
		y := top + i*rowH
		name := faces.text.Fit(b.Label, labelW-16)
		faces.text.Draw(img, ink, margin+4, y+rowH/2+7, name)
		col, ok := gradeColours[b.Grade]
		if !ok {
			col = grey
		}
		if b.Provisional {
			col = pale(col)
		}
		v := min(max(b.Value, 0), 100)
		by := y + (rowH-barH)/2
		fill(img, image.Rect(x0, by, xOf(v), by+barH), col)
		// The value sits on a patch of the row's background, so the grade
		// lines never run through its digits.
		bg := paper
		if i%2 == 1 {
			bg = stripe
		}
		vx := xOf(v) + 6
		fill(img, image.Rect(vx, by, vx+faces.text.Width(b.ValueText)+6, by+barH), bg)
		faces.text.Draw(img, ink, vx+3, y+rowH/2+7, b.ValueText)
	}
	hline(img, x0, xOf(100), bottom, grey)

	// Legend: a swatch and a text per grade, in one row.
	lx, ly := margin, bottom+axisH+16
	for i, l := range c.Legend {
		if l == "" {
			continue
		}
		fill(img, image.Rect(lx, ly-14, lx+18, ly+4), gradeColours[string(rune('A'+i))])
		faces.small.Draw(img, ink, lx+26, ly, l)
		lx += 26 + faces.small.Width(l) + 36
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("chart: %w", err)
	}
	return buf.Bytes(), nil
}

// pale mixes a colour halfway with white, for provisional bars.
func pale(c color.RGBA) color.RGBA {
	mix := func(v uint8) uint8 { return uint8((int(v) + 255*2) / 3) }
	return color.RGBA{mix(c.R), mix(c.G), mix(c.B), 0xff}
}

func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, image.NewUniform(c), image.Point{}, draw.Over)
}

func vline(img *image.RGBA, x, y0, y1 int, c color.Color) {
	for y := y0; y < y1; y++ {
		img.Set(x, y, c)
	}
}

func hline(img *image.RGBA, x0, x1, y int, c color.Color) {
	for x := x0; x <= x1; x++ {
		img.Set(x, y, c)
	}
}

// dashed draws a two-pixel dashed vertical line.
func dashed(img *image.RGBA, x, y0, y1 int, c color.Color) {
	for y := y0; y < y1; y++ {
		if (y/6)%2 == 0 {
			img.Set(x, y, c)
			img.Set(x+1, y, c)
		}
	}
}
