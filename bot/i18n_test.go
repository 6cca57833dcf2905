package bot

import (
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Every text exists in both languages with the same placeholders, so a
// switch to English never shows a key or a %!v(MISSING).
func TestCatalogueComplete(t *testing.T) {
	for _, key := range Keys() {
		forms := catalogue[key]
		if forms[0] == "" || forms[1] == "" {
			t.Errorf("%s: missing a language: %q", key, forms)
			continue
		}
		if got, want := verbCount(forms[1]), verbCount(forms[0]); got != want {
			t.Errorf("%s: English has %d placeholders, Indonesian %d", key, got, want)
		}
	}
}

func TestTEscapesUserText(t *testing.T) {
	got := T(kinerja.LangID, "core.hello_name", "<b>Budi & Co</b>")
	if want := "&lt;b&gt;Budi &amp; Co&lt;/b&gt;"; !strings.Contains(got, want) {
		t.Fatalf("T did not escape: %q", got)
	}
	if got := T(kinerja.LangID, "no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key = %q", got)
	}
}
