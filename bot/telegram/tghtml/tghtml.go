// Package tghtml reads the HTML subset of Telegram's "HTML" parse mode: a
// strict validator, the length Telegram measures (UTF-16 code units of the
// visible text) and a splitter that cuts long texts only between
// characters, closing and reopening tags across parts.
//
// The validator is stricter than Telegram where Telegram is lenient by
// accident (a bare ">" or "&", upper-case tags, unknown attributes): what it
// accepts, Telegram accepts. The transport, the fake Bot API and the test
// recorder share it, so a text the bot would have refused fails in tests.
package tghtml

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error describes HTML Telegram would refuse with 400 "can't parse
// entities".
type Error struct {
	Offset int // byte offset of the problem
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("%s at byte offset %d", e.Msg, e.Offset) }

func errAt(off int, format string, args ...any) *Error {
	return &Error{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// tags are the tags Telegram's HTML mode knows, with the attributes each
// may carry.
var tags = map[string]map[string]bool{
	"b": nil, "strong": nil, "i": nil, "em": nil, "u": nil, "ins": nil,
	"s": nil, "strike": nil, "del": nil, "tg-spoiler": nil, "pre": nil,
	"span":       {"class": true},
	"a":          {"href": true},
	"code":       {"class": true},
	"blockquote": {"expandable": true},
	"tg-emoji":   {"emoji-id": true},
}

// atomKind tells a visible character from a tag.
type atomKind uint8

const (
	char atomKind = iota
	startTag
	endTag
)

// atom is one indivisible piece of a text: a visible character (a rune
// written as itself or as an entity) or a whole tag, at s[start:end]. It
// is kept small: a long text has one per character.
type atom struct {
	start, end int32
	r          rune // the character, for char
	kind       atomKind
	units      uint8 // UTF-16 code units of the character
}

// tagName is the name of the tag atom a of s.
func (a atom) tagName(s string) string {
	raw := s[a.start+1 : a.end-1]
	if a.kind == endTag {
		return raw[1:]
	}
	name, _, _ := strings.Cut(raw, " ")
	return name
}

// parse walks s atom by atom, calling visit for each, and checks every
// rule: known tags with their attributes, proper nesting, only the
// entities Telegram decodes, no bare "<", ">" or "&", valid UTF-8.
func parse(s string, visit func(atom)) error {
	if !utf8.ValidString(s) {
		return errAt(firstInvalid(s), "text must be encoded in UTF-8")
	}
	var open []string
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == '<':
			a, name, err := readTag(s, i)
			if err != nil {
				return err
			}
			if a.kind == endTag {
				if len(open) == 0 {
					return errAt(i, "unexpected end tag")
				}
				if top := open[len(open)-1]; top != name {
					return errAt(i, "unmatched end tag, expected </%s>, found </%s>", top, name)
				}
				open = open[:len(open)-1]
			} else {
				if err := checkNesting(open, name, i); err != nil {
					return err
				}
				open = append(open, name)
			}
			visit(a)
			i = int(a.end)
		case c == '>':
			return errAt(i, "character '>' must be escaped as &gt;")
		case c == '&':
			r, n, err := readEntity(s, i)
			if err != nil {
				return err
			}
			visit(atom{start: int32(i), end: int32(i + n), r: r, units: units(r)})
			i += n
		case c < utf8.RuneSelf:
			visit(atom{start: int32(i), end: int32(i + 1), r: rune(c), units: 1})
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			visit(atom{start: int32(i), end: int32(i + n), r: r, units: units(r)})
			i += n
		}
	}
	if len(open) > 0 {
		return errAt(len(s), "can't find end tag corresponding to start tag <%s>", open[len(open)-1])
	}
	return nil
}

// checkNesting applies the rules Telegram states for entities that contain
// others: nothing inside code or pre (except a code directly in a pre), no
// link inside a link, no quote inside a quote.
func checkNesting(open []string, name string, off int) error {
	for k, o := range open {
		switch {
		case o == "pre" && name == "code" && k == len(open)-1:
		case o == "pre" || o == "code":
			return errAt(off, "<%s> cannot be inside <%s>", name, o)
		case o == "a" && name == "a", o == "blockquote" && name == "blockquote":
			return errAt(off, "<%s> cannot be inside <%s>", name, o)
		}
	}
	return nil
}

// readTag reads the tag starting at s[i] == '<' and returns it with its
// name.
func readTag(s string, i int) (atom, string, error) {
	end := strings.IndexByte(s[i:], '>')
	if end < 0 {
		return atom{}, "", errAt(i, "unclosed start tag")
	}
	raw := s[i : i+end+1]
	body := raw[1 : len(raw)-1]
	if strings.ContainsRune(body, '<') {
		return atom{}, "", errAt(i, "character '<' must be escaped as &lt;")
	}
	if name, ok := strings.CutPrefix(body, "/"); ok {
		if _, known := tags[name]; !known {
			return atom{}, "", errAt(i, "unsupported end tag %q", name)
		}
		return atom{start: int32(i), end: int32(i + end + 1), kind: endTag}, name, nil
	}
	name, rest, _ := strings.Cut(body, " ")
	allowed, known := tags[name]
	if !known {
		return atom{}, "", errAt(i, "unsupported start tag %q", name)
	}
	attrs, err := readAttrs(rest, i)
	if err != nil {
		return atom{}, "", err
	}
	for k := range attrs {
		if !allowed[k] {
			return atom{}, "", errAt(i, "attribute %q not allowed on <%s>", k, name)
		}
	}
	switch {
	case name == "a" && attrs["href"] == "":
		return atom{}, "", errAt(i, "<a> needs an href")
	case name == "span" && attrs["class"] != "tg-spoiler":
		return atom{}, "", errAt(i, "tag \"span\" must have class \"tg-spoiler\"")
	case name == "code" && attrs["class"] != "" && !strings.HasPrefix(attrs["class"], "language-"):
		return atom{}, "", errAt(i, "<code> class must be language-…")
	case name == "tg-emoji" && !isDigits(attrs["emoji-id"]):
		return atom{}, "", errAt(i, "<tg-emoji> needs a numeric emoji-id")
	}
	return atom{start: int32(i), end: int32(i + end + 1), kind: startTag}, name, nil
}

// readAttrs reads name="value" pairs (single or double quotes; a bare name
// for blockquote's expandable), decoding entities in the values.
func readAttrs(s string, off int) (map[string]string, error) {
	attrs := map[string]string{}
	for {
		s = strings.TrimLeft(s, " ")
		if s == "" {
			return attrs, nil
		}
		n := 0
		for n < len(s) && (s[n] == '-' || s[n] >= 'a' && s[n] <= 'z') {
			n++
		}
		name := s[:n]
		if name == "" {
			return nil, errAt(off, "malformed attribute %q", s)
		}
		if _, dup := attrs[name]; dup {
			return nil, errAt(off, "attribute %q given twice", name)
		}
		s = s[n:]
		if !strings.HasPrefix(s, "=") {
			if s != "" && s[0] != ' ' {
				return nil, errAt(off, "malformed attribute %q", name)
			}
			attrs[name] = ""
			continue
		}
		s = s[1:]
		if s == "" || (s[0] != '"' && s[0] != '\'') {
			return nil, errAt(off, "attribute %q needs a quoted value", name)
		}
		q := s[0]
		end := strings.IndexByte(s[1:], q)
		if end < 0 {
			return nil, errAt(off, "unclosed value of attribute %q", name)
		}
		val, err := decode(s[1:1+end], off)
		if err != nil {
			return nil, err
		}
		attrs[name] = val
		s = s[end+2:]
		if s != "" && s[0] != ' ' {
			return nil, errAt(off, "malformed attribute %q", name)
		}
	}
}

// decode resolves the entities of an attribute value.
func decode(v string, off int) (string, error) {
	if strings.ContainsRune(v, '>') {
		return "", errAt(off, "character '>' must be escaped as &gt;")
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		if v[i] != '&' {
			b.WriteByte(v[i])
			i++
			continue
		}
		r, n, err := readEntity(v, i)
		if err != nil {
			return "", errAt(off, "%s", err.(*Error).Msg)
		}
		b.WriteRune(r)
		i += n
	}
	return b.String(), nil
}

// readEntity reads the entity at s[i] == '&': one of the four named
// entities Telegram decodes, or a numeric character reference.
func readEntity(s string, i int) (rune, int, error) {
	semi := strings.IndexByte(s[i:], ';')
	if semi < 0 || semi > 12 {
		return 0, 0, errAt(i, "character '&' must be escaped as &amp;")
	}
	name := s[i+1 : i+semi]
	n := semi + 1
	switch name {
	case "lt":
		return '<', n, nil
	case "gt":
		return '>', n, nil
	case "amp":
		return '&', n, nil
	case "quot":
		return '"', n, nil
	}
	digits, base := strings.TrimPrefix(name, "#"), 10
	if digits == name || digits == "" {
		return 0, 0, errAt(i, "unknown entity &%s;", name)
	}
	if digits[0] == 'x' || digits[0] == 'X' {
		digits, base = digits[1:], 16
	}
	code, err := strconv.ParseUint(digits, base, 32)
	if err != nil || digits == "" || digits[0] == '+' || code == 0 || code > unicode.MaxRune ||
		(code >= 0xD800 && code <= 0xDFFF) {
		return 0, 0, errAt(i, "invalid character reference &%s;", name)
	}
	return rune(code), n, nil
}

// firstInvalid is the byte offset of the first invalid UTF-8 sequence.
func firstInvalid(s string) int {
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				return i
			}
		}
	}
	return len(s)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// units is the number of UTF-16 code units of r.
func units(r rune) uint8 {
	if r > 0xFFFF {
		return 2
	}
	return 1
}

// Validate reports whether Telegram accepts s as HTML; the error says what
// it would refuse and where.
func Validate(s string) error { return parse(s, func(atom) {}) }

// Visible returns the text Telegram shows for s, tags removed and entities
// decoded, or the validation error.
func Visible(s string) (string, error) {
	var b strings.Builder
	b.Grow(len(s))
	err := parse(s, func(a atom) {
		if a.kind == char {
			b.WriteRune(a.r)
		}
	})
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// Len is the length Telegram checks against its limits: UTF-16 code units
// of the visible text. For HTML it cannot parse it returns the length of
// the raw text, which is never shorter.
func Len(s string) int {
	n := 0
	if err := parse(s, func(a atom) { n += int(a.units) }); err != nil {
		return PlainLen(s)
	}
	return n
}

// PlainLen is the length of text without parse mode, in UTF-16 code units.
func PlainLen(s string) int {
	n := 0
	for _, r := range s {
		n += int(units(r))
	}
	return n
}

// Escape makes s safe as text in Telegram's HTML: "<", ">" and "&" become
// entities, and invalid UTF-8 becomes U+FFFD. Quotes stay as they are:
// outside attributes Telegram needs no escaping for them.
func Escape(s string) string {
	return escaper.Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
