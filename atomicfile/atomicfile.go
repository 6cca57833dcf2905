// Package atomicfile writes files so that a reader sees either the old file
// or the whole new one, never a part: the bytes go to a temporary file in
// the target's directory, which is synced, closed and renamed over the
// target only when everything was written. On any failure the temporary
// file is removed and the previous file stays as it was. Every file the
// program writes (exports, QR cards) goes through here: an export cut off
// by a full disk must not replace the last good one.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is a file being written. Write to it, then Commit to put it in
// place, or Abort to drop it; deferring Abort right after Create is the
// usual shape, since Abort after Commit does nothing.
type File struct {
	path     string
	tmp      *os.File
	err      error // the first write error: a file that missed bytes is never committed
	prepared bool  // synced and closed; only the rename is left
	done     bool  // committed or aborted
}

// Create starts writing path. It fails at once when the directory is
// missing or refuses new files, so a caller can check that the target is
// writable before doing anything it would have to undo. The new file gets
// the mode of the file it replaces, or perm when there is none.
func Create(path string, perm os.FileMode) (*File, error) {
	if st, err := os.Stat(path); err == nil {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory", path)
		}
		perm = st.Mode().Perm()
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	// A hidden name beside the target: the rename stays within one file
	// system, so it is atomic, and a listing of the folder does not show it.
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("cannot write %s: %w", path, unwrapPath(err))
	}
	return &File{path: path, tmp: tmp}, nil
}

// Write writes to the temporary file. After a failed write every later
// write and Commit fail with the same error.
func (f *File) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	if f.done || f.prepared {
		return 0, fmt.Errorf("write %s: already closed", f.path)
	}
	n, err := f.tmp.Write(p)
	if err != nil {
		f.err = fmt.Errorf("cannot write %s: %w", f.path, unwrapPath(err))
		return n, f.err
	}
	return n, nil
}

// Prepare syncs and closes the temporary file, checking both: after it,
// everything is on disk except the rename, which Commit does. It lets a
// caller put the file in place only once something else (a database
// transaction) has succeeded. On failure the temporary file is removed.
func (f *File) Prepare() error {
	if f.done {
		return fmt.Errorf("write %s: already closed", f.path)
	}
	if f.prepared {
		return nil
	}
	if f.err != nil {
		f.Abort()
		return f.err
	}
	err := f.tmp.Sync()
	// Close is checked even after a good Sync: on some file systems (NFS)
	// it is where a full disk or a lost write shows.
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	f.prepared = true
	if err != nil {
		f.Abort()
		return fmt.Errorf("cannot write %s: %w", f.path, unwrapPath(err))
	}
	return nil
}

// Commit puts the file in place: Prepare, if not done yet, then a rename
// over the target. When it fails, the temporary file is gone and the
// target is as it was before Create.
func (f *File) Commit() error {
	if err := f.Prepare(); err != nil {
		return err
	}
	f.done = true
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("cannot write %s: %w", f.path, unwrapPath(err))
	}
	// Make the rename itself durable. The new file is already in place, so
	// a directory that cannot be synced (some file systems refuse) is not
	// a failure to report.
	if d, err := os.Open(filepath.Dir(f.path)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Abort drops the file: the temporary file is closed and removed and the
// target is left alone. It does nothing after Commit or a previous Abort.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	if !f.prepared {
		f.tmp.Close()
	}
	os.Remove(f.tmp.Name())
}

// Write writes path with what write produces, atomically: a failure of
// write, of the disk or of the rename leaves the previous file intact and
// is returned.
func Write(path string, perm os.FileMode, write func(w io.Writer) error) error {
	f, err := Create(path, perm)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := write(f); err != nil {
		if f.err != nil {
			return f.err // the disk's error says more than the writer's wrapping of it
		}
		return err
	}
	return f.Commit()
}

// WriteFile writes data to path atomically, like os.WriteFile but never
// leaving a partial file.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return Write(path, perm, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// unwrapPath drops the *os.PathError around err: its path is the temporary
// file's, which means nothing to the reader; the message names the target.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
