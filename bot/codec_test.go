package bot

import (
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// TestButtonsCodec stays in the internal package: it checks the unexported
// decoder directly.
func TestButtonsCodec(t *testing.T) {
	k := Buttons{Prefix: "rpt"}
	p, _ := kinerja.ParsePeriod("2026-11")
	if got, want := k.Data("a", int64(12), 3, "x", p), "rpt:a:12:3:x:2026-11"; got != want {
		t.Fatalf("Data = %q, want %q", got, want)
	}
	if got, want := (Buttons{Prefix: "rpt", Version: 2}).Data("a"), "rpt.2:a"; got != want {
		t.Fatalf("Data = %q, want %q", got, want)
	}
	for data, ok := range map[string]bool{"rpt:a:1": true, "rpt.2:a": true, "rpt": false, "rpt.1:a": false, "rpt.x:a": false, "rpt.99999:a": false} {
		if _, _, _, _, got := decodeData(data); got != ok {
			t.Errorf("decodeData(%q) ok = %v, want %v", data, got, ok)
		}
	}
}
