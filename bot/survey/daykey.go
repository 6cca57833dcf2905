package survey

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// The duplicate key of a response is an HMAC of Telegram id, unit and day
// under a random key of that day. The day key never enters the database:
// it is held in memory and in a file of the key directory, so a restart
// the same day still recognises a repeat, and it is destroyed once the day
// is over. With it goes any way to test a Telegram id against the day's
// duplicate keys, which the clean-up job erases from the responses too.

// dayKeyPrefix and dayKeySuffix frame a key file's name around its day:
// "day-2026-11-10.key".
const (
	dayKeyPrefix = "day-"
	dayKeySuffix = ".key"
)

// dayKeys holds the key of each local day ("2006-01-02"). The zero dir
// keeps keys in memory only: a restart forgets who was counted that day.
type dayKeys struct {
	dir  string
	mu   sync.Mutex
	keys map[string][]byte
	// today is the latest day a key was asked for; a later one forgets
	// the keys of the days before it.
	today string
}

// newDayKeys returns the day keys kept in dir ("" for memory only).
func newDayKeys(dir string) *dayKeys {
	return &dayKeys{dir: dir, keys: map[string][]byte{}}
}

// key returns the key of day, read from its file or generated (and
// written) at its first use. Asking for a new day destroys the keys of
// the days before it.
func (k *dayKeys) key(day string) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if day > k.today {
		// A key file that cannot be removed now is removed by the
		// clean-up job, which reports the failure; the survey goes on.
		k.today = day
		_ = k.forgetLocked(day)
	}
	if key, ok := k.keys[day]; ok {
		return key, nil
	}
	key, err := k.load(day)
	if err != nil {
		return nil, err
	}
	k.keys[day] = key
	return key, nil
}

// forgetBefore destroys the keys of the days before today, in memory and
// on disk.
func (k *dayKeys) forgetBefore(today string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.forgetLocked(today)
}

func (k *dayKeys) forgetLocked(today string) error {
	for day := range k.keys {
		if day < today {
			delete(k.keys, day)
		}
	}
	if k.dir == "" {
		return nil
	}
	entries, err := os.ReadDir(k.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("survey key directory: %w", err)
	}
	var errs []error
	for _, e := range entries {
		day, ok := keyFileDay(e.Name())
		if ok && day < today {
			if err := os.Remove(filepath.Join(k.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// keyFileDay returns the day of a key file's name.
func keyFileDay(name string) (string, bool) {
	day, ok := strings.CutPrefix(name, dayKeyPrefix)
	if !ok {
		return "", false
	}
	day, ok = strings.CutSuffix(day, dayKeySuffix)
	return day, ok && len(day) == len("2006-01-02")
}

// load reads the key file of day, or creates it with a new random key. Two
// processes sharing the directory agree: the file appears whole under its
// name (a hard link of a finished temporary file) and the first one wins.
func (k *dayKeys) load(day string) ([]byte, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	if k.dir == "" {
		return key, nil
	}
	path := filepath.Join(k.dir, dayKeyPrefix+day+dayKeySuffix)
	if stored, err := readKeyFile(path); err == nil {
		return stored, nil
	} else if !errors.Is(err, fs.ErrNotExist) {
		// A damaged file is replaced: repeats of that day before it are
		// not recognised, which costs less than refusing every survey.
		_ = os.Remove(path)
	}
	if err := os.MkdirAll(k.dir, 0o700); err != nil {
		return nil, fmt.Errorf("survey key directory: %w", err)
	}
	tmp, err := os.CreateTemp(k.dir, ".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("survey key: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, werr := tmp.WriteString(hex.EncodeToString(key) + "\n")
	if err := errors.Join(werr, tmp.Sync(), tmp.Close()); err != nil {
		return nil, fmt.Errorf("survey key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return readKeyFile(path)
	} else if err != nil {
		return nil, fmt.Errorf("survey key: %w", err)
	}
	return key, nil
}

// readKeyFile reads a day key written by load.
func readKeyFile(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	key, err := hex.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("survey key %s: damaged", path)
	}
	return key, nil
}
