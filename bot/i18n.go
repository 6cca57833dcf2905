package bot

import (
	"fmt"
	"html"
	"sort"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// catalogue maps a text key to its Indonesian and English forms. Texts are
// HTML (Telegram's parse mode); placeholders use fmt verbs.
var catalogue = map[string][2]string{}

// RegisterTexts adds texts to the catalogue; each feature registers its
// own in an init function of its texts file. A key registered twice is a
// bug.
func RegisterTexts(texts map[string][2]string) { register(texts) }

func register(texts map[string][2]string) {
	for k, v := range texts {
		if _, dup := catalogue[k]; dup {
			panic("bot: text key registered twice: " + k)
		}
		catalogue[k] = v
	}
}

// Raw marks a string argument of T as already-safe HTML, so it is not escaped.
type Raw string

// T returns the text for key in lang with args filled in. String arguments
// are HTML-escaped (they may come from users); wrap trusted HTML in Raw. A
// missing key returns the key itself, so a mistake shows rather than panics.
func T(lang kinerja.Lang, key string, args ...any) string {
	forms, ok := catalogue[key]
	if !ok {
		return key
	}
	form := forms[0]
	if lang == kinerja.LangEN && forms[1] != "" {
		form = forms[1]
	}
	if len(args) == 0 {
		return form
	}
	safe := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case Raw:
			safe[i] = string(v)
		case string:
			safe[i] = html.EscapeString(v)
		case fmt.Stringer:
			safe[i] = html.EscapeString(v.String())
		default:
			safe[i] = v
		}
	}
	return fmt.Sprintf(form, safe...)
}

// Esc escapes user-typed text for HTML replies.
func Esc(s string) string { return html.EscapeString(s) }

// Keys returns every registered key, sorted (for tests).
func Keys() []string {
	keys := make([]string, 0, len(catalogue))
	for k := range catalogue {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// CheckTexts returns a problem for each text under prefix ("" for all)
// that lacks a language or whose English has other placeholders than its
// Indonesian, so a switch to English never shows a key or a %!v(MISSING).
func CheckTexts(prefix string) []string {
	var problems []string
	for _, key := range Keys() {
		if !strings.HasPrefix(key, prefix) {
			continue
		}
		forms := catalogue[key]
		if forms[0] == "" || forms[1] == "" {
			problems = append(problems, fmt.Sprintf("%s: missing a language: %q", key, forms))
		} else if en, id := verbCount(forms[1]), verbCount(forms[0]); en != id {
			problems = append(problems, fmt.Sprintf("%s: English has %d placeholders, Indonesian %d", key, en, id))
		}
	}
	return problems
}

// verbCount counts the fmt verbs in a text, for the catalogue test.
func verbCount(s string) int {
	s = strings.ReplaceAll(s, "%%", "")
	return strings.Count(s, "%")
}
