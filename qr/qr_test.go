package qr

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/skip2/go-qrcode"
)

const link = "https://t.me/KinerjaSolokBot?start=s_q8YzPj1vXk3mT0aB"

// dark reports whether the pixel at (x, y) is closer to black than white.
func dark(img image.Image, x, y int) bool {
	r, g, b, _ := img.At(x, y).RGBA()
	return r+g+b < 3*0x8000
}

func TestRenderKeepsEveryModuleOfTheCode(t *testing.T) {
	data, err := Render(link, "Puskesmas Tanah Garam", "Petugas: Budi Santoso", "Pindai untuk menilai layanan kami")
	if err != nil {
		t.Fatal(err)
	}
	if path := os.Getenv("QR_SAVE"); path != "" {
		_ = os.WriteFile(path, data, 0o644) // for looking at the card by eye
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if got := img.Bounds().Dx(); got != width {
		t.Fatalf("width = %d, want %d", got, width)
	}
	code, _ := qrcode.New(link, qrcode.High)
	bits := code.Bitmap()
	n := len(bits)
	ppm := qrSize / n
	x0 := (width - ppm*n) / 2
	y0 := margin/2 + (qrSize-ppm*n)/2
	for y := range n {
		for x := range n {
			cx, cy := x0+x*ppm+ppm/2, y0+y*ppm+ppm/2
			if got, want := dark(img, cx, cy), bits[y][x]; got != want {
				t.Fatalf("module (%d,%d): dark=%v, want %v", x, y, got, want)
			}
		}
	}
	// The text under the code is drawn: dark pixels below the code.
	inks := 0
	for y := margin/2 + qrSize; y < img.Bounds().Dy(); y++ {
		for x := 0; x < width; x++ {
			if dark(img, x, y) {
				inks++
			}
		}
	}
	if inks < 2000 {
		t.Fatalf("only %d dark pixels under the code: the names are missing", inks)
	}
}

func TestLongNamesWrapAndGrowTheCard(t *testing.T) {
	short, err := Render(link, "Dukcapil")
	if err != nil {
		t.Fatal(err)
	}
	long, err := Render(link, strings.Repeat("Dinas Kependudukan dan Pencatatan Sipil ", 4))
	if err != nil {
		t.Fatal(err)
	}
	hs := mustHeight(t, short)
	hl := mustHeight(t, long)
	if hl <= hs {
		t.Fatalf("a long title did not wrap onto more lines: heights %d and %d", hs, hl)
	}
}

func mustHeight(t *testing.T, data []byte) int {
	t.Helper()
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return cfg.Height
}

func TestRenderRefusesEmptyOrAbsurdContent(t *testing.T) {
	for _, c := range []string{"", strings.Repeat("x", maxContent+1)} {
		if _, err := Render(c, "Unit"); err == nil {
			t.Errorf("Render(%d bytes) gave no error", len(c))
		}
	}
}

func TestRenderIsSafeConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Render(link, "Puskesmas", "Petugas"); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
