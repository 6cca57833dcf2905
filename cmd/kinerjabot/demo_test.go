package main

import (
	"strings"
	"testing"
)

func TestShortenCollapsesRunsSeenInThePreviousMessage(t *testing.T) {
	prev := []string{"Header", "Name", "NIP 1", "", "Value 1 of 7", "Rated:", "• one"}
	next := []string{"Header", "Name", "NIP 1", "", "Value 2 of 7", "Rated:", "• one", "• two"}
	got := strings.Join(shorten(next, prev), "|")
	want := "⋯ (3 baris seperti sebelumnya / 3 lines as before)|Value 2 of 7|⋯ (2 baris seperti sebelumnya / 2 lines as before)|• two"
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	// Fewer than minRepeat repeated lines: printed whole.
	short := []string{"Header", "Name", "other"}
	if got := shorten(short, prev); strings.Join(got, "|") != "Header|Name|other" {
		t.Fatalf("short message changed: %q", got)
	}
	// A line the previous message had once stands for one line only: the
	// second "a" is new and splits the runs; a run of one stays as it is.
	got = strings.Join(shorten([]string{"a", "a", "b", "c", "d"}, []string{"a", "b", "c", "d"}), "|")
	if got != "a|a|⋯ (3 baris seperti sebelumnya / 3 lines as before)" {
		t.Fatalf("got %s", got)
	}
}
