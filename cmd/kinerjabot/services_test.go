package main

import (
	"os"
	"strings"
	"testing"
)

// Services come from the configuration and from "services import"; a
// survey link names one, and an unknown one is refused.
func TestServicesImportListAndSurveyLink(t *testing.T) {
	path := seedFile(t)
	cfg := writeFile(t, "k.yaml", "telegram:\n  username: KinerjaSolokBot\nunits:\n  PKM-TGR:\n    services:\n      - {code: UMUM, name: Poli Umum, standard_minutes: 20}\n")
	bad := writeFile(t, "bad.csv", "Kode Unit;Kode Layanan;Nama Layanan\nPKM-TGR;;Tanpa kode\n")
	if code, _, errOut := run(t, path, "--config", cfg, "services", "import", bad); code != exitFailed || !strings.Contains(errOut, "nothing was written") {
		t.Fatalf("bad file: exit %d %q", code, errOut)
	}
	good := writeFile(t, "svc.csv", "Kode Unit;Kode Layanan;Nama Layanan;Standar Waktu (menit)\nPKM-TGR;KIA;Kesehatan Ibu dan Anak;30\n")
	if code, out, errOut := run(t, path, "--config", cfg, "services", "import", good); code != exitOK || !strings.Contains(out, "1 services imported") {
		t.Fatalf("import: exit %d %q %q", code, out, errOut)
	}
	code, out, _ := run(t, path, "--config", cfg, "services", "list", "--unit", "PKM-TGR")
	if code != exitOK || out != "PKM-TGR\tKIA\tKesehatan Ibu dan Anak\t30\nPKM-TGR\tUMUM\tPoli Umum\t20\n" {
		t.Fatalf("list: exit %d %q", code, out)
	}
	for _, svc := range []string{"KIA", "UMUM"} {
		if code, out, errOut := run(t, path, "--config", cfg, "survey-link", "--unit", "PKM-TGR", "--service", svc); code != exitOK ||
			!strings.Contains(out, "start=s_") {
			t.Fatalf("link for %s: exit %d %q %q", svc, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, path, "--config", cfg, "survey-link", "--unit", "PKM-TGR", "--service", "GIGI"); code != exitFailed ||
		!strings.Contains(errOut, "GIGI") {
		t.Fatalf("unknown service: exit %d %q", code, errOut)
	}
	bcfg := writeFile(t, "b.yaml", "units:\n  PKM-TGR:\n    services:\n      - {code: 'a b', name: X}\n")
	if code, _, errOut := run(t, path, "--config", bcfg, "services", "list"); code != exitUsage || !strings.Contains(errOut, "units.PKM-TGR.services[0]") {
		t.Fatalf("bad configured service: exit %d %q", code, errOut)
	}
}

// The SKM report comes out of "export" as XLSX or PDF, for one unit or
// all; --unit and pdf are refused for kinds without them.
func TestExportSKMReport(t *testing.T) {
	path := seedFile(t)
	period := "2026-11"
	dir := t.TempDir()
	for _, c := range [][]string{
		{"--unit", "PKM-TGR", "--format", "xlsx", "--out", dir + "/skm.xlsx"},
		{"--format", "pdf", "--out", dir + "/skm.pdf"},
		{"--unit", "PKM-TGR", "--format", "pdf", "--out", dir + "/skm-tgr.pdf"},
	} {
		args := append([]string{"export", "--what", "skm-report", "--period", period}, c...)
		if code, _, errOut := run(t, path, args...); code != exitOK {
			t.Fatalf("%v: exit %d %q", c, code, errOut)
		}
	}
	if data, err := os.ReadFile(dir + "/skm.pdf"); err != nil || !strings.HasPrefix(string(data), "%PDF-") {
		t.Fatalf("pdf: %v", err)
	}
	if code, _, errOut := run(t, path, "export", "--what", "ikm", "--period", period, "--format", "pdf"); code != exitUsage || !strings.Contains(errOut, "no PDF") {
		t.Fatalf("ikm as pdf: exit %d %q", code, errOut)
	}
	if code, _, errOut := run(t, path, "export", "--what", "ikm", "--period", period, "--unit", "PKM-TGR"); code != exitUsage || !strings.Contains(errOut, "--unit") {
		t.Fatalf("ikm with --unit: exit %d %q", code, errOut)
	}
	if code, _, _ := run(t, path, "export", "--what", "skm-report", "--period", period, "--unit", "NOPE", "--format", "xlsx", "--out", dir+"/x.xlsx"); code != exitFailed {
		t.Fatalf("unknown unit: exit %d", code)
	}
	if code, out, _ := run(t, path, "export", "--what", "suggestions", "--period", period); code != exitOK || !strings.HasPrefix(out, "unit_code,unit_name,service_code") {
		t.Fatalf("suggestions export: exit %d %q", code, out)
	}
}
