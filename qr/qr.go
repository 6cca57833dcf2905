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

	"github.com/bkpsdm-solok/kinerjabot/typeface"
	"github.com/skip2/go-qrcode"
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

// Render returns a PNG of a QR code encoding content, with title in bold and
// each of lines in regular type centred under it. Long lines are wrapped at
// word boundaries; empty lines are left out. The error correction level is
// high (30%), so a scuffed or partly covered print still scans.
func Render(content, title string, lines ...string) ([]byte, error) {
	if content == "" || len(content) > maxContent {
		return nil, fmt.Errorf("qr: content must be 1–%d bytes, got %d", maxContent, len(content))
	}
	titleFace, err := typeface.New(true, titleSize)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
	}
	lineFace, err := typeface.New(false, lineSize)
	if err != nil {
		return nil, fmt.Errorf("qr: %w", err)
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
		face *typeface.Face
		text string
	}
	var rows []row
	for _, l := range titleFace.Wrap(title, width-2*margin) {
		rows = append(rows, row{titleFace, l})
	}
	for _, line := range lines {
		for _, l := range lineFace.Wrap(line, width-2*margin) {
			rows = append(rows, row{lineFace, l})
		}
	}
	height := margin + qrSize
	for _, r := range rows {
		height += r.face.Height() + lineGap
	}
	height += margin

	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	qimg := code.Image(size)
	at := image.Pt((width-size)/2, margin/2+(qrSize-size)/2)
	draw.Draw(img, qimg.Bounds().Add(at), qimg, image.Point{}, draw.Src)

	y := margin/2 + qrSize + margin/2
	for _, r := range rows {
		y += r.face.Ascent()
		r.face.Draw(img, color.Black, (width-r.face.Width(r.text))/2, y, r.text)
		y += r.face.Descent() + lineGap
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("qr: png: %w", err)
	}
	return buf.Bytes(), nil
}
