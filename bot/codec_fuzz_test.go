package bot

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzDecodeData: callback data decodes only into fields a Buttons could
// have written, and writing them again gives the same data (up to a
// version written with leading zeros, "p.02", which decodes the same).
func FuzzDecodeData(f *testing.F) {
	for _, s := range []string{"rpt:a:1", "rpt.2:a", "rpt", "rpt.1:a", "rpt.x:a", "rpt.99999:a", "lang:id", "lp:d:0",
		"ekspor:k:2026-11:ikm", ":", "::", "a.:b", "a.2.3:b", "a.1001:b", "a.0002:b", "lp:ev", "x:" + strings.Repeat("9", 70)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		prefix, version, action, args, ok := decodeData(data)
		if !ok {
			if prefix != "" || version != 0 || action != "" || args != nil {
				t.Fatalf("decodeData(%q) refused but returned fields", data)
			}
			return
		}
		if strings.ContainsAny(prefix, ":.") || strings.Contains(action, ":") || version < 1 || version > 10009 {
			t.Fatalf("decodeData(%q) = %q %d %q: fields no Buttons writes", data, prefix, version, action)
		}
		anyArgs := make([]any, len(args))
		for i, a := range args {
			if strings.Contains(a, ":") {
				t.Fatalf("decodeData(%q): argument %q holds a ':'", data, a)
			}
			anyArgs[i] = a
		}
		again := Buttons{Prefix: prefix, Version: version}.Data(action, anyArgs...)
		p2, v2, a2, args2, ok2 := decodeData(again)
		if !ok2 || p2 != prefix || v2 != version || a2 != action || strings.Join(args2, ":") != strings.Join(args, ":") || len(args2) != len(args) {
			t.Fatalf("decodeData(%q) = %q %d %q %q, written again as %q which decodes differently", data, prefix, version, action, args, again)
		}
		head, _, _ := strings.Cut(data, ":")
		if _, digits, dotted := strings.Cut(head, "."); !dotted || digits == strconv.Itoa(version) {
			if again != data {
				t.Fatalf("decodeData(%q) written again as %q", data, again)
			}
		}
	})
}
