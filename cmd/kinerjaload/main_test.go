package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A small run goes through the real transport and handlers, counts every
// survey exactly once and prints every figure.
func TestLoadRunCountsEverySurveyOnce(t *testing.T) {
	res, err := Run(context.Background(), Options{Citizens: 40})
	if err != nil {
		t.Fatal(err)
	}
	if res.Respondents != 40 || res.Updates != 40*11 {
		t.Fatalf("respondents %d, updates %d", res.Respondents, res.Updates)
	}
	if res.PerSecond() <= 0 || res.Handling[len(res.Handling)-1] <= 0 || res.MaxRSS <= 0 {
		t.Fatalf("figures missing: %+v", res)
	}
	var out bytes.Buffer
	res.Print(&out)
	for _, want := range []string{"updates/s", "handling latency   p50", "p99", "peak memory", "counted responses  40 of 40"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
