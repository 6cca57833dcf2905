package bot

import (
	"errors"
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
	got := T(kinerja.LangID, "core.hello_name", `<b>"Budi" & 'Co'</b>`)
	if want := `&lt;b&gt;"Budi" &amp; 'Co'&lt;/b&gt;`; !strings.Contains(got, want) {
		t.Fatalf("T did not escape only <, > and &: %q", got)
	}
	type name string // a named string type is user text too
	for _, arg := range []any{name("a<b"), errors.New("a<b"), stringer("a<b")} {
		if got := T(kinerja.LangID, "core.hello_name", arg); !strings.Contains(got, "a&lt;b") {
			t.Errorf("%T argument not escaped: %q", arg, got)
		}
	}
	if got := T(kinerja.LangID, "core.hello_name", Raw("<b>x</b>")); !strings.Contains(got, "<b>x</b>") {
		t.Errorf("Raw escaped: %q", got)
	}
	// %q quotes for people: typed quotes stay, "<" is escaped, a line break
	// or a right-to-left override shows as an escape.
	got = T(kinerja.LangID, "err.period_format", "say \"hi\"\n<\u202e")
	if want := `Periode "say "hi"\n&lt;\u202e" tidak`; !strings.HasPrefix(got, want) {
		t.Errorf("%%q argument: %q, want it to start %q", got, want)
	}
	if got := Esc("a\xffb"); got != "a\uFFFDb" {
		t.Errorf("Esc kept invalid UTF-8: %q", got)
	}
	if got := T(kinerja.LangID, "no.such.key"); got != "no.such.key" {
		t.Fatalf("missing key = %q", got)
	}
}

func TestErrorsRepeatOnlyTheStartOfWhatWasTyped(t *testing.T) {
	long := strings.Repeat("z", 5000)
	got := T(kinerja.LangID, "err.period_format", long)
	if len([]rune(got)) > 400 || !strings.Contains(got, strings.Repeat("z", 79)+"…") {
		t.Fatalf("error text of %d characters: %.120q", len([]rune(got)), got)
	}
	if got := quotedArgs("a %d %q %[1]s %[3]q %%q %s", 3); got[0] || !got[1] || !got[2] {
		t.Fatalf("quotedArgs = %v", got)
	}
	if got := T(kinerja.LangID, "core.hello_name", long); !strings.Contains(got, long) {
		t.Fatal("a text that is not an error lost its argument")
	}
}

type stringer string

func (s stringer) String() string { return string(s) }

// A name ending in a title's full stop at the end of a sentence gets one
// full stop, not two; inside a sentence or quoted it stays as it is, and so
// does an argument printed twice, once quoted (its one text cannot suit
// both places).
func TestNoDoubleFullStopAfterATitle(t *testing.T) {
	RegisterTexts(map[string][2]string{
		"test.dot_after": {"Dikirim kepada %s. Oleh %[3]s. Untuk %[2]s, %q.", "Sent to %s. By %[3]s. For %[2]s, %q."},
	})
	got := T(kinerja.LangID, "test.dot_after", "Hj. Yulia Rahmi, S.H., M.M.", "Drs. Rusdi, M.Si.", "Rani, S.Kom.")
	if want := `Dikirim kepada Hj. Yulia Rahmi, S.H., M.M. Oleh Rani, S.Kom.. Untuk Drs. Rusdi, M.Si., "Rani, S.Kom.".`; got != want {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	if got := T(kinerja.LangID, "test.dot_after", "Tunggu...", "x", "y"); !strings.HasPrefix(got, "Dikirim kepada Tunggu.... Oleh") {
		t.Fatalf("an ellipsis lost a dot: %q", got)
	}
}
