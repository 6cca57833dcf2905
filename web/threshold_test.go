package web_test

import (
	"strings"
	"testing"
)

// The anonymity threshold is configuration: every page hides figures
// under it and names it, never a hard-coded 5.
func TestTheSiteHidesAndNamesTheConfiguredThreshold(t *testing.T) {
	t.Run("ten hides a unit of five", func(t *testing.T) {
		fx := newFixtureMin(t, 10)
		_, index := fx.get(t, "/")
		row := between(t, index, `data-unit="BKPSDM"`, "</tr>")
		if !strings.Contains(row, "&lt; 10") || strings.Contains(row, "<strong>") {
			t.Errorf("/ shows BKPSDM (5 respondents) under a threshold of 10 as %s", row)
		}
		if !strings.Contains(index, "kurang dari 10,") {
			t.Error("/ does not name the threshold of 10 in its note")
		}
		for _, path := range []string{"/", "/unit/BKPSDM", "/tv/BKPSDM"} {
			_, body := fx.get(t, path)
			if strings.Contains(body, "&lt; 5") {
				t.Errorf("%s names 5 under a threshold of 10", path)
			}
			if !strings.Contains(body, "&lt; 10") {
				t.Errorf("%s does not show BKPSDM's respondents as < 10", path)
			}
		}
		_, tv := fx.get(t, "/tv/BKPSDM")
		if got := between(t, tv, `class="fig ikm">`, "<"); got != "—" {
			t.Errorf("/tv/BKPSDM shows the IKM %q under the threshold", got)
		}
	})
	t.Run("three shows a unit of three", func(t *testing.T) {
		fx := newFixtureMin(t, 3)
		_, index := fx.get(t, "/")
		if row := between(t, index, `data-unit="PKM-KTK"`, "</tr>"); !strings.Contains(row, "<strong>25,00</strong>") {
			t.Errorf("/ hides PKM-KTK (3 respondents) under a threshold of 3: %s", row)
		}
		_, tv := fx.get(t, "/tv/PKM-KTK")
		if got := between(t, tv, `class="resp">`, "<"); got != "3" {
			t.Errorf("/tv/PKM-KTK shows respondents %q, want 3", got)
		}
	})
}
