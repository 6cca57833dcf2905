package survey

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
)

func TestDayKeysSharedThroughTheDirectoryAndForgotten(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "keys")
	// Processes sharing the directory start at once: all agree on one key.
	const n = 8
	keys := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := newDayKeys(dir).key("2026-11-10")
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	for i := range keys {
		if len(keys[i]) != 32 || !bytes.Equal(keys[i], keys[0]) {
			t.Fatalf("process %d has key %x, process 0 %x", i, keys[i], keys[0])
		}
	}
	if info, err := os.Stat(dir); err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("key directory: %v %v", info.Mode(), err)
	}

	// A damaged file is replaced rather than stopping the survey.
	if err := os.WriteFile(filepath.Join(dir, "day-2026-11-11.key"), []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	k := newDayKeys(dir)
	if key, err := k.key("2026-11-10"); err != nil || !bytes.Equal(key, keys[0]) {
		t.Fatalf("a restart reads another key: %x %v", key, err)
	}
	if key, err := k.key("2026-11-11"); err != nil || len(key) != 32 {
		t.Fatalf("damaged key file: %x %v", key, err)
	}
	if _, err := readKeyFile(filepath.Join(dir, "day-2026-11-11.key")); err != nil {
		t.Fatalf("damaged key file not replaced: %v", err)
	}
	// Asking for a new day forgot the previous one, in memory and on disk;
	// other files in the directory are left alone.
	if err := os.WriteFile(filepath.Join(dir, "README"), []byte("keys"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := k.keys["2026-11-10"]; ok {
		t.Fatal("yesterday's key kept in memory")
	}
	if _, err := os.Stat(filepath.Join(dir, "day-2026-11-10.key")); !os.IsNotExist(err) {
		t.Fatalf("yesterday's key file kept: %v", err)
	}
	if err := k.forgetBefore("2026-11-12"); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if len(names) != 1 || names[0] != "README" || len(k.keys) != 0 {
		t.Fatalf("after the day: files %v, %d keys in memory", names, len(k.keys))
	}
	// Memory only: a key per day, nothing written.
	m := newDayKeys("")
	a, _ := m.key("2026-11-10")
	b, _ := m.key("2026-11-10")
	if !bytes.Equal(a, b) || len(a) != 32 {
		t.Fatalf("memory key not stable: %x %x", a, b)
	}
}
