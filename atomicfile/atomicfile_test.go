package atomicfile

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// oldFile writes the previous good file of a test and returns its path and bytes.
func oldFile(t *testing.T, dir string) (string, []byte) {
	t.Helper()
	path := filepath.Join(dir, "export.csv")
	old := []byte("nip,name\n198502022010011002,Budi Santoso\n")
	if err := os.WriteFile(path, old, 0o640); err != nil {
		t.Fatal(err)
	}
	return path, old
}

// assertUntouched checks that path still holds old and that nothing else
// (no temporary file) is left in its directory.
func assertUntouched(t *testing.T, path string, old []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, old) {
		t.Fatalf("old file changed: %q, want %q", got, old)
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("files left beside the target: %v", names)
	}
}

func TestWriteReplacesTheFileAndKeepsItsMode(t *testing.T) {
	path, _ := oldFile(t, t.TempDir())
	if err := WriteFile(path, []byte("new\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if string(got) != "new\n" {
		t.Fatalf("content %q", got)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o640 {
		t.Fatalf("mode %v, want the old file's 0640", st.Mode().Perm())
	}
	fresh := filepath.Join(filepath.Dir(path), "qr.png")
	if err := WriteFile(fresh, []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o644 {
		t.Fatalf("new file mode %v, want 0644", st.Mode().Perm())
	}
}

// failingWriter passes n bytes on and then fails, like a disk that fills up
// in the middle of a row.
type failingWriter struct {
	w io.Writer
	n int
}

var errDiskFull = errors.New("no space left on device")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n, _ := f.w.Write(p[:f.n])
		f.n = 0
		return n, errDiskFull
	}
	f.n -= len(p)
	return f.w.Write(p)
}

func TestAWriterFailingMidwayLeavesTheOldFile(t *testing.T) {
	path, old := oldFile(t, t.TempDir())
	err := Write(path, 0o644, func(w io.Writer) error {
		fw := &failingWriter{w: w, n: 10}
		for i := 0; i < 100; i++ {
			if _, err := io.WriteString(fw, "1985,Budi,PKM-TGR,approved\n"); err != nil {
				return err
			}
		}
		return nil
	})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want the writer's", err)
	}
	assertUntouched(t, path, old)
}

func TestAWriteErrorIsNeverCommitted(t *testing.T) {
	path, old := oldFile(t, t.TempDir())
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("half a row"))
	f.tmp.Close() // the disk goes away: the next write fails
	if _, err := f.Write([]byte("the rest")); err == nil {
		t.Fatal("write to a closed file succeeded")
	}
	// The caller ignores the write error and commits anyway.
	if err := f.Commit(); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("commit after a failed write: %v", err)
	}
	assertUntouched(t, path, old)
}

func TestAbortDropsTheNewFile(t *testing.T) {
	path, old := oldFile(t, t.TempDir())
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("complete but unwanted"))
	f.Abort()
	f.Abort() // twice is harmless
	if err := f.Commit(); err == nil {
		t.Fatal("commit after abort succeeded")
	}
	assertUntouched(t, path, old)
}

func TestADirectoryThatRefusesWritesLeavesTheOldFile(t *testing.T) {
	dir := t.TempDir()
	path, old := oldFile(t, dir)
	refuseWrites(t, dir)
	called := false
	err := Write(path, 0o644, func(w io.Writer) error {
		called = true
		_, err := w.Write([]byte("new"))
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "cannot write "+path) {
		t.Fatalf("err = %v", err)
	}
	if called {
		t.Fatal("the content was produced although the directory refuses files")
	}
	allowWrites(t, dir)
	assertUntouched(t, path, old)
}

func TestAMissingDirectoryFailsBeforeAnythingIsWritten(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "q.png")
	if _, err := Create(path, 0o644); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Fatalf("the directory was created: %v", err)
	}
}

func TestADirectoryIsNotATarget(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFile(dir, []byte("x"), 0o644); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Fatalf("err = %v", err)
	}
}

func TestPreparedFileWaitsForCommitOrAbort(t *testing.T) {
	path, old := oldFile(t, t.TempDir())
	f, err := Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("card of a link whose transaction failed"))
	if err := f.Prepare(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("more")); err == nil {
		t.Fatal("write after Prepare succeeded")
	}
	before := func() {
		if got, _ := os.ReadFile(path); !bytes.Equal(got, old) {
			t.Fatalf("target changed before Commit: %q", got)
		}
	}
	before()
	f.Abort()
	assertUntouched(t, path, old)

	f, err = Create(path, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte("card"))
	if err := f.Prepare(); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "card" {
		t.Fatalf("after commit: %q", got)
	}
}
