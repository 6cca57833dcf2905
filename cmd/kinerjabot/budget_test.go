package main

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

func TestBudgetImportListsBadRowsAndWritesNothing(t *testing.T) {
	path := seedFile(t)
	bad := writeFile(t, "budget.csv", "Kode Unit;Periode;Pagu;Realisasi\n"+
		"PKM-TGR;2026-01;1.200.000.000;60.000.000\n"+
		"NOPE;2026-01;1;1\n"+
		"PKM-TGR;Januari;1;1\n")
	code, _, stderr := run(t, path, "budget", "import", bad)
	if code != exitFailed {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	for _, want := range []string{"Baris 3, kolom Kode Unit", "Baris 4, kolom Periode", "tidak ada data anggaran yang disimpan"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("problem list lacks %q:\n%s", want, stderr)
		}
	}
	db := storagetest.MustOpenPath(t, path)
	if got, _ := db.Budgets(context.Background(), kinerja.BudgetFilter{}); len(got) != 0 {
		t.Fatalf("written despite problems: %v", got)
	}
	db.Close()
	code, stdout, _ := run(t, path, "budget", "import", bad, "--skip-invalid")
	if code != exitOK || !strings.Contains(stdout, "Anggaran: 1 bulan baru, 0 diubah, 0 tetap. Baris dilewati: 2.") {
		t.Fatalf("--skip-invalid: %d %q", code, stdout)
	}
	if code, stdout, _ := run(t, path, "budget", "import", "../../configs/budget.example.csv"); code != exitOK ||
		!strings.Contains(stdout, "2 bulan baru, 0 diubah, 1 tetap") {
		t.Fatalf("example: %d %q", code, stdout)
	}
	if code, _, stderr := run(t, path, "budget", "import", "--help"); code != exitOK || !strings.Contains(stderr, "Pagu") {
		t.Fatalf("--help: %d %q", code, stderr)
	}
	if code, _, _ := run(t, path, "budget"); code != exitUsage {
		t.Fatalf("budget without subcommand: %d", code)
	}
}
