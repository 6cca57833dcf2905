// Package qr renders printable QR codes: the code itself with a few lines of
// text under it (the unit's name, the officer's), as a PNG ready to print
// and stand at a service counter. It is the only importer of the QR library.
package qr

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"github.com/skip2/go-qrcode"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// Layout of the card, in pixels. 900 px wide prints sharp on A5 at 150 dpi.
const (
	width      = 900
	qrSize     = 780 // the code with its own white quiet zone
	margin     = 40
	titleSize  = 44
	lineSize   = 32
	lineGap    = 14
	maxContent = 512 // a deep link is far shorter; refuse anything absurd
)

var (
	fontsOnce sync.Once
	fontsErr  error
	boldFont  *opentype.Font
	plainFont *opentype.Font
)

// newFaces returns a bold face for the title and a regular one for the
// other lines. The embedded Go fonts cover Latin text fully and are parsed
// once; a face keeps a glyph buffer and is not safe for concurrent use, so
// each rendering makes its own.
func newFaces() (title, line font.Face, err error) {
	fontsOnce.Do(func() {
		if boldFont, fontsErr = opentype.Parse(gobold.TTF); fontsErr == nil {
			plainFont, fontsErr = opentype.Parse(goregular.TTF)
		}
	})
	if fontsErr != nil {
		return nil, nil, fmt.Errorf("qr: font: %w", fontsErr)
	}
	if title, err = opentype.NewFace(boldFont, &opentype.FaceOptions{Size: titleSize, DPI: 72, Hinting: font.HintingFull}); err != nil {
		return nil, nil, fmt.Errorf("qr: font: %w", err)
	}
	if line, err = opentype.NewFace(plainFont, &opentype.FaceOptions{Size: lineSize, DPI: 72, Hinting: font.HintingFull}); err != nil {
		return nil, nil, fmt.Errorf("qr: font: %w", err)
	}
	return title, line, nil
}

// Render returns a PNG of a QR code encoding content, with title in bold and
// each of lines in regular type centred under it. Long lines are wrapped at
// word boundaries; empty lines are left out. The error correction level is
// high (30%), so a scuffed or partly covered print still scans.
func Render(content, title string, lines ...string) ([]byte, error) {
	if content == "" || len(content) > maxContent {
		return nil, fmt.Errorf("qr: content must be 1–%d bytes, got %d", maxContent, len(content))
	}
	titleFace, lineFace, err := newFaces()
	if err != nil {
		return nil, err
	}
	code, err := qrcode.New(content, qrcode.High)
	if err != nil {
		return nil, fmt.Errorf("qr: encode: %w", err)
	}
	// Every module gets the same whole number of pixels, so the printed
	// code has crisp, even squares.
	modules := len(code.Bitmap())
	size := qrSize / modules * modules
	type row struct {
		face font.Face
		text string
	}
	var rows []row
	for _, l := range wrap(titleFace, title, width-2*margin) {
		rows = append(rows, row{titleFace, l})
	}
	for _, line := range lines {
		for _, l := range wrap(lineFace, line, width-2*margin) {
			rows = append(rows, row{lineFace, l})
		}
	}
	height := margin + qrSize
	for _, r := range rows {
		height += r.face.Metrics().Height.Ceil() + lineGap
	}
	height += margin

	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	qimg := code.Image(size)
	at := image.Pt((width-size)/2, margin/2+(qrSize-size)/2)
	draw.Draw(img, qimg.Bounds().Add(at), qimg, image.Point{}, draw.Src)

	y := margin/2 + qrSize + margin/2
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.Black)}
	for _, r := range rows {
		m := r.face.Metrics()
		y += m.Ascent.Ceil()
		d.Face = r.face
		w := d.MeasureString(r.text).Ceil()
		d.Dot = fixed.P((width-w)/2, y)
		d.DrawString(r.text)
		y += m.Descent.Ceil() + lineGap
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("qr: png: %w", err)
	}
	return buf.Bytes(), nil
}

// wrap splits text into lines no wider than max pixels in face, breaking
// at spaces; a single word wider than max stays on its own line.
func wrap(face font.Face, text string, max int) []string {
	words := strings.Fields(text)
	var out []string
	cur := ""
	for _, w := range words {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && font.MeasureString(face, next).Ceil() > max {
			out = append(out, cur)
			next = w
		}
		cur = next
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
