// Package typeface sets text in images with the Go fonts, which are
// embedded and cover Latin text fully, so charts and QR posters render the
// same on any machine with no font files. It is the only package that
// imports golang.org/x/image.
package typeface

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

var (
	parseOnce   sync.Once
	parseErr    error
	regularFont *opentype.Font
	boldFont    *opentype.Font
)

// Face is a font at one size. A face keeps a glyph buffer and is not safe
// for concurrent use: each rendering makes its own with New.
type Face struct{ f font.Face }

// New returns the regular or bold Go font at size points (72 DPI, so
// points are pixels).
func New(bold bool, size float64) (*Face, error) {
	parseOnce.Do(func() {
		if regularFont, parseErr = opentype.Parse(goregular.TTF); parseErr == nil {
			boldFont, parseErr = opentype.Parse(gobold.TTF)
		}
	})
	if parseErr != nil {
		return nil, fmt.Errorf("typeface: %w", parseErr)
	}
	f := regularFont
	if bold {
		f = boldFont
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		return nil, fmt.Errorf("typeface: %w", err)
	}
	return &Face{face}, nil
}

// Draw writes s in colour c with its baseline starting at (x, y).
func (f *Face) Draw(img draw.Image, c color.Color, x, y int, s string) {
	d := &font.Drawer{Dst: img, Src: image.NewUniform(c), Face: f.f, Dot: fixed.P(x, y)}
	d.DrawString(s)
}

// Width returns how many pixels s takes, rounded up.
func (f *Face) Width(s string) int { return font.MeasureString(f.f, s).Ceil() }

// Ascent, Descent and Height are the face's line metrics in whole pixels.
func (f *Face) Ascent() int { return f.f.Metrics().Ascent.Ceil() }

// Descent is how far glyphs reach below the baseline.
func (f *Face) Descent() int { return f.f.Metrics().Descent.Ceil() }

// Height is the recommended distance between baselines.
func (f *Face) Height() int { return f.f.Metrics().Height.Ceil() }

// Fit shortens s with an ellipsis until it is at most w pixels wide.
func (f *Face) Fit(s string, w int) string {
	if f.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && f.Width(string(r)+"…") > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// Wrap splits text into lines no wider than max pixels, breaking at
// spaces; a single word wider than max stays on its own line.
func (f *Face) Wrap(text string, max int) []string {
	var out []string
	cur := ""
	for _, w := range strings.Fields(text) {
		next := w
		if cur != "" {
			next = cur + " " + w
		}
		if cur != "" && f.Width(next) > max {
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
