package bot

import (
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
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
// (and Stringers, errors, named string types) are escaped with Esc, since
// they may come from users; wrap trusted HTML in Raw. A missing key returns
// the key itself, so a mistake shows rather than panics.
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
	// An error echoes what the user typed: a 4,000-character answer is
	// shown by its start, so the message stays short and readable. Texts
	// quote typed values with %q, and errors echo them with any verb.
	quoted := quotedArgs(form, len(args))
	dotted := dotAfter(form, len(args))
	isErr := strings.HasPrefix(key, "err.")
	safe := make([]any, len(args))
	for i, a := range args {
		var text string
		switch v := a.(type) {
		case Raw:
			safe[i] = string(v)
			continue
		case string:
			text = v
		case fmt.Stringer:
			text = v.String()
		case error:
			text = v.Error()
		default:
			rv := reflect.ValueOf(a)
			if rv.Kind() != reflect.String {
				safe[i] = v
				continue
			}
			text = rv.String()
		}
		if isErr || quoted[i] {
			text = clip(text, errArgMax)
		}
		// A name ending in a title's full stop ("M.Si.") at the end of a
		// sentence is not followed by a second one ("M.Si.. Batas").
		if dotted[i] && strings.HasSuffix(text, ".") && !strings.HasSuffix(text, "..") {
			text = text[:len(text)-1]
		}
		safe[i] = userText(text)
	}
	return fmt.Sprintf(form, safe...)
}

// userText is an argument of T that came from outside: escaped when
// printed, and quoted for people rather than for Go by %q.
type userText string

// Format implements fmt.Formatter. %q puts the text in plain double quotes
// and shows control and invisible characters (a line break, a right-to-left
// override) as escapes, so an echo cannot reorder or break the message
// around it; the quotes the user typed stay as typed, not as \".
func (u userText) Format(f fmt.State, verb rune) {
	if verb != 'q' {
		_, _ = io.WriteString(f, Esc(string(u)))
		return
	}
	var b strings.Builder
	for _, r := range string(u) {
		if r == '"' || r == '\\' || strconv.IsPrint(r) {
			b.WriteRune(r)
		} else {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	_, _ = io.WriteString(f, `"`+Esc(b.String())+`"`)
}

// errArgMax is how many characters of a typed value an error repeats.
const errArgMax = 80

// quotedArgs reports, for each of n arguments, whether form prints it with
// %q.
func quotedArgs(form string, n int) []bool {
	out := make([]bool, n)
	for i, v := range ArgVerbs(form) {
		if i < n && v == 'q' {
			out[i] = true
		}
	}
	return out
}

// dotAfter reports, for each of n arguments, whether form prints it only
// with %s or %v immediately followed by a full stop.
func dotAfter(form string, n int) []bool {
	out := make([]bool, n)
	other := make([]bool, n)
	walkArgs(form, func(k int, verb byte, rest string) {
		if k >= n {
			return
		}
		if (verb == 's' || verb == 'v') && strings.HasPrefix(rest, ".") {
			out[k] = true
		} else {
			other[k] = true
		}
	})
	for k := range out {
		out[k] = out[k] && !other[k]
	}
	return out
}

// ArgVerbs returns, for each argument a text's format takes, its verb
// letter, following explicit indexes such as %[2]s; an argument no verb
// names reads 's'.
func ArgVerbs(form string) []byte {
	var out []byte
	walkArgs(form, func(k int, v byte, _ string) {
		for len(out) <= k {
			out = append(out, 's')
		}
		out[k] = v
	})
	return out
}

// walkArgs calls visit for each verb of form with the index of the
// argument it prints, its letter and the form after it.
func walkArgs(form string, visit func(k int, verb byte, rest string)) {
	next := 0
	for i := 0; i < len(form); i++ {
		if form[i] != '%' {
			continue
		}
		i++
		if i < len(form) && form[i] == '%' {
			continue
		}
		for i < len(form) && strings.IndexByte("+-# 0123456789.", form[i]) >= 0 {
			i++
		}
		if i < len(form) && form[i] == '[' {
			end := strings.IndexByte(form[i:], ']')
			if end < 0 {
				return
			}
			k, err := strconv.Atoi(form[i+1 : i+end])
			if err != nil || k < 1 {
				return
			}
			next, i = k-1, i+end+1
		}
		if i < len(form) {
			visit(next, form[i], form[i+1:])
		}
		next++
	}
}

// clip shortens s to at most n characters, marking the cut with "…".
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Esc escapes user-typed text for HTML replies: only "<", ">" and "&", the
// characters Telegram's HTML mode reserves. Quotes stay as typed: escaped,
// each would travel as six characters ("&quot;") for one shown. Invalid
// UTF-8, which Telegram refuses, becomes U+FFFD.
func Esc(s string) string { return escaper.Replace(strings.ToValidUTF8(s, "\uFFFD")) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

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
