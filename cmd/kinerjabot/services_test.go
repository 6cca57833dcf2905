package main

import (
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
