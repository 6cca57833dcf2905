package tghtml

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	valid := []string{
		"plain text",
		`He said "hi" and 'bye'`,
		"<b>bold</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>i</ins> <s>s</s> <strike>s</strike> <del>d</del>",
		`<span class="tg-spoiler">x</span> <tg-spoiler>y</tg-spoiler>`,
		`<a href="https://t.me/x?start=a&amp;b=1">link</a>`,
		`<a href='https://example.org'>single quotes</a>`,
		"<code>x &lt; y</code> <pre>block</pre>",
		`<pre><code class="language-go">x := 1</code></pre>`,
		"<blockquote>q</blockquote> <blockquote expandable>long</blockquote>",
		`<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>`,
		"<b>nested <i>tags <u>deep</u></i></b>",
		"&lt; &gt; &amp; &quot; &#34; &#x1F600; &#X41;",
		"<b></b>",
		"😀 مرحبا \u200f\u202e עברית",
	}
	for _, s := range valid {
		if err := Validate(s); err != nil {
			t.Errorf("Validate(%q) = %v, want nil", s, err)
		}
	}
	invalid := []string{
		"a < b", "a > b", "Budi & Co", "&nbsp;", "&lt", "&#;", "&#xZZ;", "&#0;", "&#xD800;", "&#1114112;",
		"<b>unclosed", "stray </i>", "<b><i>crossed</b></i>", "<B>upper</B>", "<p>para</p>", "<br>",
		"<span>no class</span>", `<span class="x">bad class</span>`, "<a>no href</a>", `<a href="">empty</a>`,
		`<a href=unquoted>x</a>`, `<a href="x" href="y">twice</a>`, `<b class="x">attr</b>`, `<a href="x>y">gt</a>`,
		`<a href="a&b">raw amp</a>`, "<code><b>in code</b></code>", "<pre><b>in pre</b></pre>",
		`<a href="x"><a href="y">in link</a></a>`, "<blockquote><blockquote>q</blockquote></blockquote>",
		"<tg-emoji>no id</tg-emoji>", "< b>space</b>", "<b", "<b</b>", "\xff\xfe", "<>",
	}
	for _, s := range invalid {
		if err := Validate(s); err == nil {
			t.Errorf("Validate(%q) = nil, want an error", s)
		}
	}
}

func TestLen(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"abc", 3},
		{"<b>abc</b>", 3},
		{"&lt;&gt;&amp;&quot;", 4},
		{`<a href="https://example.org/very/long">x</a>`, 1},
		{"😀", 2},
		{"&#x1F600;", 2},
		{"é\n", 2},
		{"a < b", 5}, // invalid: the raw length
	}
	for _, tt := range tests {
		if got := Len(tt.in); got != tt.want {
			t.Errorf("Len(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestEscape(t *testing.T) {
	got := Escape(`<b>"Budi" & 'Co'</b>` + "\xff")
	if want := `&lt;b&gt;"Budi" &amp; 'Co'&lt;/b&gt;` + "\uFFFD"; got != want {
		t.Fatalf("Escape = %q, want %q", got, want)
	}
	if Validate(got) != nil || Len(got) != 21 {
		t.Fatalf("escaped text invalid or mis-measured: %v, %d", Validate(got), Len(got))
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		limit int
		want  []string
	}{
		{"short stays whole", "<b>short</b>", 10, []string{"<b>short</b>"}},
		{"at a line break", "aaa\nbbb\nccc", 8, []string{"aaa\nbbb", "ccc"}},
		{"at a space", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"a word longer than a part", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"never inside a surrogate pair", "😀😀😀", 4, []string{"😀😀", "😀"}},
		{"tags do not count", "<b>aaaa</b>\n<i>bbbb</i>", 4, []string{"<b>aaaa</b>", "<i>bbbb</i>"}},
		{"entities count as one", "&lt;&lt;&lt;&lt;\n&amp;", 4, []string{"&lt;&lt;&lt;&lt;", "&amp;"}},
		{"tags closed and reopened", "<b>aa <i>bb cc</i> dd</b>", 6, []string{"<b>aa <i>bb</i></b>", "<b><i>cc</i> dd</b>"}},
		{"a link reopened with its href", `<a href="https://x.org/?a=1&amp;b=2">aaaa bbbb</a>`, 5,
			[]string{`<a href="https://x.org/?a=1&amp;b=2">aaaa</a>`, `<a href="https://x.org/?a=1&amp;b=2">bbbb</a>`}},
		{"a tag opened at the cut goes with its text", "aaaa<b>bbbb</b>", 4, []string{"aaaa", "<b>bbbb</b>"}},
		{"blank parts are left out", "aaaa\n    \n    \nbbbb", 4, []string{"aaaa", "bbbb"}},
		{"an accent stays with its letter", "abce\u0301f", 4, []string{"abc", "e\u0301f"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Split(tt.in, tt.limit)
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("Split(%q, %d) = %q, %v; want %q", tt.in, tt.limit, got, err, tt.want)
			}
		})
	}
	if _, err := Split("a <i>b", 10); err == nil {
		t.Error("Split accepted invalid HTML")
	}
}

// hostile pieces of text and markup a random document is built from.
var pieces = []string{
	"a", "kata", " ", " ", "\n", "\n\n", "&quot;", `"`, "'", "&lt;", "&gt;", "&amp;", "&#x1F600;", "😀", "👨‍👩‍👧",
	"e\u0301", "\u200f", "\u202e", "مرحبا", "🇮🇩", "x\uFE0F", strings.Repeat(`"`, 50), strings.Repeat("w", 300),
}

var wrappers = [][2]string{
	{"<b>", "</b>"}, {"<i>", "</i>"}, {"<u>", "</u>"}, {"<s>", "</s>"}, {"<code>", "</code>"},
	{`<a href="https://example.org/?q=&quot;x&quot;">`, "</a>"}, {`<span class="tg-spoiler">`, "</span>"},
	{"<blockquote>", "</blockquote>"}, {"<pre>", "</pre>"},
}

// randomDoc builds a valid document of about n pieces with nested tags.
func randomDoc(rng *rand.Rand, n, depth int) string {
	var b strings.Builder
	for b.Len() < n {
		if depth < 3 && rng.IntN(6) == 0 {
			w := wrappers[rng.IntN(len(wrappers))]
			inner := randomDoc(rng, rng.IntN(n/3+1)+1, depth+1)
			if w[0] == "<code>" || w[0] == "<pre>" {
				inner = strings.Repeat(pieces[rng.IntN(len(pieces))], rng.IntN(40)+1)
			}
			if (w[0] == "<blockquote>" || strings.HasPrefix(w[0], "<a ")) && strings.Contains(inner, w[0][:2]) {
				inner = "q"
			}
			b.WriteString(w[0] + inner + w[1])
			continue
		}
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// Every part of every split is valid, within the limit and not blank, and
// the parts show the whole visible text but for the separators dropped.
func TestSplitProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	for round := range 400 {
		doc := randomDoc(rng, rng.IntN(12000)+1, 0)
		if err := Validate(doc); err != nil {
			t.Fatalf("generator made invalid HTML: %v", err)
		}
		limit := []int{4096, 1024, 100, 7, 2}[round%5]
		parts, err := Split(doc, limit)
		if err != nil {
			t.Fatal(err)
		}
		var seen strings.Builder
		for i, p := range parts {
			vis, err := Visible(p)
			if err != nil {
				t.Fatalf("round %d part %d invalid: %v\n%q", round, i, err, p)
			}
			if n := Len(p); n > limit {
				t.Fatalf("round %d part %d: %d units > %d", round, i, n, limit)
			}
			if strings.TrimSpace(vis) == "" {
				t.Fatalf("round %d part %d is blank: %q", round, i, p)
			}
			seen.WriteString(vis)
		}
		whole, _ := Visible(doc)
		strip := func(s string) string { return strings.NewReplacer(" ", "", "\n", "").Replace(s) }
		if strip(seen.String()) != strip(whole) {
			t.Fatalf("round %d: parts lost or changed text", round)
		}
	}
}
