package main

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/tghtml"
)

// plainText matches the keys of texts that are not sent as HTML: button
// labels (plain text on Telegram) and the words drawn in the IKM chart.
var plainText = regexp.MustCompile(`(^|[._])btn([._]|$)|_button$|^jobs\.chart_(legend_[a-d]|title|subtitle)$`)

// hostileTexts are what a user may type, or what may sit in a roster or a
// report: markup-like text, quotes, entities, emoji, right-to-left marks,
// invalid UTF-8, and values as long as a whole message.
func hostileTexts() []string {
	out := []string{
		`"`, `'`, "<", ">", "&", "&amp;", "&quot;", "&lt;b&gt;", "&#128512;", "&nbsp;", "<b>", "</i>", "<i>",
		`<a href="javascript:alert(1)">x</a>`, "</b><b>", "</code>", "<pre>", "%s %d %% %!", "a\nb\n\nc",
		"👨‍👩‍👧‍👦🇮🇩👍🏽", "\u200f\u202eעברית مرحبا\u202c", "e\u0301\u0301", "\xff\xfe", "Budi \"Bud\" <Santoso> & Co.",
		strings.Repeat(`"`, 4096), strings.Repeat("'", 4096), strings.Repeat("<", 4096), strings.Repeat("&", 4096),
		strings.Repeat("😀", 4096), strings.Repeat("\"kutipan\" ", 410), strings.Repeat("<i>\"x\"</i>\n", 400),
		strings.Repeat("\u200f", 4096), strings.Repeat(" ", 4095) + "x", strings.Repeat("w", 4096),
	}
	pieces := []string{"a", "kata", " ", "\n", `"`, "'", "<", ">", "&", "&quot;", "<b>", "</i>", "😀", "\u200f", "é", "\t", "%"}
	rng := rand.New(rand.NewPCG(16, 16))
	for range 12 {
		var b strings.Builder
		for n := rng.IntN(5000); b.Len() < n; {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		b.WriteString("z") // never all blank
		out = append(out, b.String())
	}
	return out
}

// hostileArg is the value for one argument printed with verb: the text
// for a string verb, an extreme number for a numeric one.
func hostileArg(verb byte, text string, round int) any {
	switch verb {
	case 'd':
		return []int{0, -1, math.MaxInt64, math.MinInt64}[round%4]
	case 'f', 'g', 'e':
		return []float64{0, -1e300, math.NaN(), math.Inf(1)}[round%4]
	case 't':
		return round%2 == 0
	}
	return text
}

// Property: every registered text, in both languages, with every argument
// hostile, gives HTML Telegram accepts, and the transport's splitter turns
// it into parts each valid and within 4,096 (and 1,024 for captions) UTF-16
// units. This package imports every feature, so bot.Keys() is the whole
// catalogue.
func TestEveryTextIsValidWithHostileArguments(t *testing.T) {
	keys := bot.Keys()
	if len(keys) < 200 {
		t.Fatalf("only %d texts registered: a feature's texts are missing", len(keys))
	}
	texts := hostileTexts()
	checked := 0
	for _, key := range keys {
		if plainText.MatchString(key) {
			continue
		}
		for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
			form := bot.T(lang, key)
			if err := tghtml.Validate(form); err != nil && len(bot.ArgVerbs(form)) == 0 {
				t.Errorf("%s (%s): template is not valid HTML: %v", key, lang, err)
				continue
			}
			vs := bot.ArgVerbs(form)
			for round, text := range texts {
				args := make([]any, len(vs))
				for i, v := range vs {
					args[i] = hostileArg(v, text, round)
				}
				msg := bot.T(lang, key, args...)
				if !checkMessage(t, key, lang, text, msg) {
					break // one report per text is enough
				}
				checked++
			}
		}
	}
	t.Logf("%d texts, %d messages checked", len(keys), checked)
}

// checkMessage splits msg as the transport does, for a message and for a
// caption, and reports each part Telegram would refuse.
func checkMessage(t *testing.T, key string, lang kinerja.Lang, arg, msg string) bool {
	t.Helper()
	for _, limit := range []int{4096, 1024} {
		parts, err := tghtml.Split(msg, limit)
		if err != nil {
			t.Errorf("%s (%s) with %.40q: invalid HTML: %v\n%.300q", key, lang, arg, err, msg)
			return false
		}
		for i, p := range parts {
			if err := tghtml.Validate(p); err != nil {
				t.Errorf("%s (%s) with %.40q: part %d invalid: %v", key, lang, arg, i, err)
				return false
			}
			if n := tghtml.Len(p); n > limit {
				t.Errorf("%s (%s) with %.40q: part %d of %d units > %d", key, lang, arg, i, n, limit)
				return false
			}
		}
	}
	return true
}
