package main

import (
	"context"
	"os"
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
	code, stdout, stderr := run(t, path, "budget", "import", bad, "--skip-invalid")
	if code != exitOK || !strings.Contains(stdout, "Anggaran: 1 bulan baru, 0 diubah, 0 tetap. Baris dilewati: 2.") {
		t.Fatalf("--skip-invalid: %d %q", code, stdout)
	}
	if code, stdout, _ := run(t, path, "budget", "import", "../../configs/budget.example.csv"); code != exitOK ||
		!strings.Contains(stdout, "2 bulan baru, 0 diubah, 1 tetap") {
		t.Fatalf("example: %d %q", code, stdout)
	}
	code, stdout, stderr = run(t, path, "export", "--what", "budget", "--period", "2026-03")
	if code != exitOK || !strings.Contains(stdout, "PKM-TGR,Puskesmas Tanah Garam,2026-03,1200000000,94500000,240000000,20.00,20.00,15.00,25.00,100.00,import") {
		t.Fatalf("export --what budget: %d %s %s", code, stdout, stderr)
	}
	if code, _, stderr := run(t, path, "budget", "import", "--help"); code != exitOK || !strings.Contains(stderr, "Pagu") {
		t.Fatalf("--help: %d %q", code, stderr)
	}
	if code, _, _ := run(t, path, "budget"); code != exitUsage {
		t.Fatalf("budget without subcommand: %d", code)
	}
}

func TestBudgetSettings(t *testing.T) {
	dir := t.TempDir()
	load := func(body string) (*Config, error) {
		t.Helper()
		path := dir + "/k.yaml"
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return LoadConfig(path, env(nil))
	}
	c, err := load("units:\n  PKM-TGR:\n    finance_nip: \"198502022010011002\"\nevaluation:\n  budget_plan:\n    quarters: [10, 40, 75, 100]\n    band: 10\n")
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: c}
	if bp := a.budgetPlan(); bp.Curve != [4]float64{10, 40, 75, 100} || bp.Band != 10 {
		t.Fatalf("plan %+v", bp)
	}
	if fin := a.budgetConfig().FinanceNIPs; fin["PKM-TGR"] != "198502022010011002" {
		t.Fatalf("finance officers %v", fin)
	}
	if bp := a.evaluationConfig().Budget; bp.Band != 10 {
		t.Fatalf("evaluation plan %+v", bp)
	}
	c, _ = load("")
	if bp := (&app{cfg: c}).budgetPlan(); bp.Curve != [4]float64{20, 45, 70, 95} || bp.Band != 5 {
		t.Fatalf("default plan %+v", bp)
	}
	for body, key := range map[string]string{
		"units:\n  X:\n    finance_nip: \"123\"\n":                      "units.X.finance_nip",
		"evaluation:\n  budget_plan:\n    quarters: [20, 45, 70]\n":     "evaluation.budget_plan.quarters",
		"evaluation:\n  budget_plan:\n    quarters: [50, 45, 70, 95]\n": "evaluation.budget_plan",
		"evaluation:\n  budget_plan:\n    band: 60\n":                   "evaluation.budget_plan",
		"evaluation:\n  budget_plan:\n    band: -1\n":                   "evaluation.budget_plan.band",
	} {
		if _, err := load(body); err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: err = %v, want %s", body, err, key)
		}
	}
}

func TestEvaluationPeriodSetting(t *testing.T) {
	path := t.TempDir() + "/k.yaml"
	for body, want := range map[string]kinerja.PeriodKind{"": kinerja.Monthly,
		"evaluation:\n  period: quarterly\n": kinerja.Quarterly, "evaluation:\n  period: semester\n": kinerja.Semester} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := LoadConfig(path, env(nil))
		if err != nil {
			t.Fatal(err)
		}
		a := &app{cfg: c}
		if got := a.evaluationConfig().Period; got != want {
			t.Errorf("%q: evaluation period %s, want %s", body, got, want)
		}
		if got := a.jobsConfig().EvaluationPeriod; got != want {
			t.Errorf("%q: jobs period %s, want %s", body, got, want)
		}
	}
	if err := os.WriteFile(path, []byte("evaluation:\n  period: weekly\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(path, env(nil)); err == nil || !strings.Contains(err.Error(), "evaluation.period") {
		t.Fatalf("weekly: %v", err)
	}
}
