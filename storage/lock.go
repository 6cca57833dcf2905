package storage

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// FileLock is the lock a process that runs the bot holds on a SQLite
// database for its lifetime: SQLite serves one machine and one bot process,
// and a second bot on the same file would send every queued message again.
// It is an flock(2) on a sidecar file "<db>.lock", so the kernel releases it
// when the process dies, however it dies; the file keeps the holder's pid
// and host for the message that refuses a second process.
type FileLock struct {
	f *os.File
}

// LockSQLite takes the single-process lock on the SQLite database named by
// dsn, or refuses with an EConflict error naming the file and the process
// that holds it. For PostgreSQL, where several processes are welcome, it
// returns a nil lock and no error. Commands that only read or queue (export,
// jobs run, imports) do not take it: they keep working beside the bot.
func LockSQLite(dsn string, now time.Time) (*FileLock, error) {
	path, ok := sqlitePath(dsn)
	if !ok {
		return nil, nil
	}
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("storage: lock file: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, kinerja.Errorf(kinerja.EConflict, "err.db_locked", path, holderText(path+".lock"))
		}
		return nil, fmt.Errorf("storage: lock %s.lock: %w", path, err)
	}
	host, _ := os.Hostname()
	// Who holds it, for the next process's message and for "jobs list".
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("pid %d on %s since %s\n", os.Getpid(), host, now.Format(time.RFC3339))), 0)
	return &FileLock{f: f}, nil
}

// Unlock releases the lock. A nil lock (PostgreSQL) is fine.
func (l *FileLock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// The file stays: removing it would race with a process about to lock it.
	err := l.f.Close() // closing the descriptor releases the flock
	l.f = nil
	return err
}

// SQLiteHolder tells whether a process runs the bot on the SQLite database
// named by dsn and, if so, which ("pid 4711 on host since …"). It is false
// for PostgreSQL and for a file nobody holds.
func SQLiteHolder(dsn string) (string, bool) {
	path, ok := sqlitePath(dsn)
	if !ok {
		return "", false
	}
	f, err := os.Open(path + ".lock")
	if err != nil {
		return "", false
	}
	defer f.Close()
	// A shared lock succeeds only while no process holds the exclusive one.
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB); err == nil {
		return "", false
	}
	return holderText(path + ".lock"), true
}

// holderText is what the lock file says about its holder.
func holderText(lockPath string) string {
	b, err := os.ReadFile(lockPath)
	if s := strings.TrimSpace(string(b)); err == nil && s != "" {
		return s
	}
	return "another process (pid unknown)"
}

// sqlitePath is the file of a SQLite dsn; false for PostgreSQL.
func sqlitePath(dsn string) (string, bool) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return "", false
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "sqlite:"), "?")
	return path, path != ""
}
