//go:build !linux

package atomicfile

import (
	"os"
	"testing"
)

// refuseWrites makes dir refuse new files through its permissions.
func refuseWrites(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { allowWrites(t, dir) })
	if f, err := os.CreateTemp(dir, "probe"); err == nil {
		f.Close()
		os.Remove(f.Name())
		t.Fatalf("%s still accepts files (running as root?)", dir)
	}
}

// allowWrites undoes refuseWrites.
func allowWrites(t *testing.T, dir string) {
	t.Helper()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}
