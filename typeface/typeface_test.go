package typeface

import (
	"image"
	"image/color"
	"testing"
)

func TestWrapFitAndDraw(t *testing.T) {
	f, err := New(false, 20)
	if err != nil {
		t.Fatal(err)
	}
	lines := f.Wrap("Puskesmas Tanah Garam Kota Solok", 150)
	if len(lines) < 2 {
		t.Fatalf("Wrap = %q, want several lines", lines)
	}
	for _, l := range lines {
		if f.Width(l) > 150 && len(l) > 0 && !containsNoSpace(l) {
			t.Errorf("line %q is %d px wide", l, f.Width(l))
		}
	}
	if got := f.Fit("Dinas Kependudukan dan Pencatatan Sipil", 100); f.Width(got) > 100 || got[len(got)-3:] != "…" {
		t.Errorf("Fit = %q (%d px)", got, f.Width(got))
	}
	img := image.NewRGBA(image.Rect(0, 0, 200, 40))
	f.Draw(img, color.Black, 2, 30, "IKM 88,5")
	inked := 0
	for i := 3; i < len(img.Pix); i += 4 {
		if img.Pix[i] != 0 {
			inked++
		}
	}
	if inked == 0 {
		t.Fatal("Draw left the image blank")
	}
	b, err := New(true, 20)
	if err != nil {
		t.Fatal(err)
	}
	if b.Width("Solok") <= f.Width("Solok") {
		t.Errorf("bold is not wider than regular")
	}
}

func containsNoSpace(s string) bool {
	for _, r := range s {
		if r == ' ' {
			return false
		}
	}
	return true
}
