package bot

import (
	"bufio"
	"errors"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
)

// SentLog notes, outside the database, the updates whose journalled
// replies went out, so that a replica started again after kill -9 skips
// them instead of sending them twice. A delivered reply is only deleted
// from the database in the next batched flush (tens of milliseconds
// later); a mark is one write to a file the kernel keeps even when the
// process is killed, taken the moment the reply is out. A power cut can
// lose marks: then replies are sent again, as without the log.
type SentLog interface {
	// Mark records that update's replies were sent.
	Mark(update int64) error
	// MarkPart records that the first n replies of update were sent (the
	// rest still to go), so that a kill between two replies of one update
	// does not send the first again.
	MarkPart(update int64, n int) error
	// Parts returns, per update marked in part since the last Reset, how
	// many of its first replies were sent.
	Parts() (map[int64]int, error)
	// Marked returns the updates marked since the last Reset.
	Marked() (map[int64]bool, error)
	// Reset forgets every mark but those of keep (sent, not yet deleted
	// from the database) and the part marks of parts (updates still being
	// sent: a kill before their last reply must not send the first ones
	// again).
	Reset(keep []int64, parts map[int64]int) error
}

// FileSentLog is a SentLog in a file: one update id per line, appended.
type FileSentLog struct {
	mu   sync.Mutex
	path string
	f    *os.File
	b    []byte
}

// OpenSentLog opens (creating) the sent log at path.
func OpenSentLog(path string) (*FileSentLog, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	// A line cut short by a kill is ended, so the next mark stands alone.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], st.Size()-1); err == nil && last[0] != '\n' {
			_, _ = f.Write([]byte{'\n'})
		}
	}
	return &FileSentLog{path: path, f: f}, nil
}

// Mark appends update's id: one write, no sync (kill -9 does not lose
// what the kernel was handed).
func (l *FileSentLog) Mark(update int64) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = strconv.AppendInt(l.b[:0], update, 10)
	l.b = append(l.b, '\n')
	_, err := l.f.Write(l.b)
	return err
}

// MarkPart appends "update:n": one write, no sync, as Mark.
func (l *FileSentLog) MarkPart(update int64, n int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = strconv.AppendInt(l.b[:0], update, 10)
	l.b = append(l.b, ':')
	l.b = strconv.AppendInt(l.b, int64(n), 10)
	l.b = append(l.b, '\n')
	_, err := l.f.Write(l.b)
	return err
}

// Parts reads the marks of updates sent in part, the highest count of
// each; lines of whole updates and a line cut short are ignored.
func (l *FileSentLog) Parts() (map[int64]int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	out := map[int64]int{}
	sc := bufio.NewScanner(l.f)
	for sc.Scan() {
		id, n, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		u, err1 := strconv.ParseInt(id, 10, 64)
		c, err2 := strconv.Atoi(n)
		if err1 == nil && err2 == nil && c > out[u] {
			out[u] = c
		}
	}
	return out, sc.Err()
}

// Marked reads the marks; a last line cut short by a crash is ignored.
func (l *FileSentLog) Marked() (map[int64]bool, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	out := map[int64]bool{}
	sc := bufio.NewScanner(l.f)
	for sc.Scan() {
		if id, err := strconv.ParseInt(sc.Text(), 10, 64); err == nil {
			out[id] = true
		}
	}
	return out, sc.Err()
}

// Reset replaces the log with the marks of keep and parts. The new log is
// written beside it and renamed over it, so a kill at any moment leaves
// either the old marks or the new ones, never none.
func (l *FileSentLog) Reset(keep []int64, parts map[int64]int) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = l.b[:0]
	for _, id := range keep {
		l.b = strconv.AppendInt(l.b, id, 10)
		l.b = append(l.b, '\n')
	}
	for id, n := range parts {
		l.b = strconv.AppendInt(l.b, id, 10)
		l.b = append(l.b, ':')
		l.b = strconv.AppendInt(l.b, int64(n), 10)
		l.b = append(l.b, '\n')
	}
	tmp := l.path + ".new"
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_TRUNC|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(l.b); err != nil {
		f.Close()
		return err
	}
	if err := os.Rename(tmp, l.path); err != nil {
		f.Close()
		return err
	}
	old := l.f
	l.f = f
	return old.Close()
}

// Close closes the file.
func (l *FileSentLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	return errors.Join(l.f.Sync(), l.f.Close())
}
