package bot_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Marks survive reopening, a line cut short by a kill is ignored, and
// Reset keeps only what it is given.
func TestFileSentLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sent")
	l, err := bot.OpenSentLog(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{5, 900000000001, 7} {
		if err := l.Mark(id); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("12x") // killed in the middle of a write
	f.Close()

	l, err = bot.OpenSentLog(path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.Mark(6); err != nil { // not glued to the cut line
		t.Fatal(err)
	}
	got, err := l.Marked()
	if want := map[int64]bool{5: true, 900000000001: true, 7: true, 6: true}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Marked() = %v, %v; want %v", got, err, want)
	}
	if err := l.MarkPart(9, 1); err != nil {
		t.Fatal(err)
	}
	if err := l.Reset([]int64{7}, map[int64]int{9: 2}); err != nil {
		t.Fatal(err)
	}
	if err := l.Mark(8); err != nil {
		t.Fatal(err)
	}
	got, err = l.Marked()
	if want := map[int64]bool{7: true, 8: true}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("after Reset: Marked() = %v, %v; want %v", got, err, want)
	}
	if parts, err := l.Parts(); err != nil || !reflect.DeepEqual(parts, map[int64]int{9: 2}) {
		t.Fatalf("after Reset: Parts() = %v, %v; want the part mark kept", parts, err)
	}
}
