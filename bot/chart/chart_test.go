package chart_test

import (
	"bytes"
	"image/png"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot/chart"
)

func sample(n int) chart.Chart {
	c := chart.Chart{Title: "IKM per unit — Oktober 2026", Subtitle: "PermenPANRB 14/2017",
		Legend: [4]string{"A", "B", "C", "D"}, Bounds: [3]float64{88.31, 76.61, 65}}
	for i := range n {
		c.Bars = append(c.Bars, chart.Bar{Label: "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", Value: float64(60 + 10*i),
			ValueText: "70,00 (C)", Grade: "C", Provisional: i%2 == 0})
	}
	return c
}

func TestPNGDecodesAndGrowsWithTheUnits(t *testing.T) {
	var heights []int
	for _, n := range []int{1, 4} {
		b, err := chart.PNG(sample(n))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("not a PNG: %v", err)
		}
		if img.Bounds().Dx() != 1200 {
			t.Fatalf("width %d", img.Bounds().Dx())
		}
		heights = append(heights, img.Bounds().Dy())
	}
	if heights[1] <= heights[0] {
		t.Fatalf("heights %v: four units should need more room than one", heights)
	}
}

func TestPNGRefusesNothing(t *testing.T) {
	if _, err := chart.PNG(chart.Chart{}); err == nil {
		t.Fatal("an empty chart should be an error, not a blank picture")
	}
}
