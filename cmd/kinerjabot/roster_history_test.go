package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRosterMoveWithEffectiveDateAndHistory: Budi moves to BKPSDM from 16
// November in a file imported on 20 November; the history shows both
// spans split on the 16th, and the listing re-imports with no change.
func TestRosterMoveWithEffectiveDateAndHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	cfg, err := LoadConfig("", env(map[string]string{"KINERJA_DB": db}))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	now := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC) // 09:00 WIB
	a := &app{cfg: cfg, stdout: &out, stderr: &errOut, now: func() time.Time { return now }}
	ctx := context.Background()
	runOK := func(args ...string) string {
		t.Helper()
		out.Reset()
		errOut.Reset()
		if code := runRoster(ctx, a, args); code != exitOK {
			t.Fatalf("roster %v: exit %d: %s", args, code, errOut.String())
		}
		return out.String()
	}
	runOK("import", writeFile(t, "a.csv", goodRoster))
	now = time.Date(2026, 11, 20, 2, 0, 0, 0, time.UTC)
	moved := strings.Replace(goodRoster, "NIP Atasan,Peran", "NIP Atasan,Peran,Tanggal Efektif", 1)
	moved = strings.Replace(moved, "Budi Santoso,Perawat,PKM-TGR,Puskesmas Tanah Garam,197804152005012003,",
		"Budi Santoso,Perawat,BKPSDM,BKPSDM,198103102006041001,,16-11-2026", 1)
	runOK("import", writeFile(t, "b.csv", moved))
	got := runOK("history", "198502022010011002")
	want := "unit\tPKM-TGR\t2026-11-01\t2026-11-16\nunit\tBKPSDM\t2026-11-16\t-\n" +
		"superior\t197804152005012003\t2026-11-01\t2026-11-16\nsuperior\t198103102006041001\t2026-11-16\t-\n"
	if got != want {
		t.Errorf("history:\n%s\nwant:\n%s", got, want)
	}
	list := runOK("list")
	if strings.Contains(list, "Efektif") {
		t.Errorf("the listing prints Tanggal Efektif: %s", list)
	}
	if sum := runOK("import", writeFile(t, "c.csv", list)); !strings.Contains(sum, "Tidak ada perubahan") {
		t.Errorf("listing re-imported: %s", sum)
	}
	errOut.Reset()
	if code := runRoster(ctx, a, []string{"history", "199999999999999999"}); code != exitFailed || !strings.Contains(errOut.String(), "tidak ada") {
		t.Errorf("history of an unknown NIP: exit %d %s", code, errOut.String())
	}
}
