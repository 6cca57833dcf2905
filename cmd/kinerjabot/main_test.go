package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestGlobalFlagsStandBeforeOrAfterTheCommand(t *testing.T) {
	for _, args := range [][]string{
		{"--config", "kb.yaml", "invite", "--unit", "X"},
		{"invite", "--config", "kb.yaml", "--unit", "X"},
		{"invite", "--unit", "X", "--config=kb.yaml"},
		{"invite", "-config", "kb.yaml", "--unit", "X"},
	} {
		path, rest, err := globalFlags(args)
		if err != nil || path != "kb.yaml" || strings.Join(rest, " ") != "invite --unit X" {
			t.Errorf("%q → %q %q %v", args, path, rest, err)
		}
	}
	if _, rest, _ := globalFlags([]string{"export", "--", "--config", "x"}); len(rest) != 4 {
		t.Errorf("arguments after -- were taken: %q", rest)
	}
	if _, _, err := globalFlags([]string{"invite", "--config"}); err == nil {
		t.Error("--config without a file accepted")
	}
}

func TestConfigAfterTheCommandIsUsedAndListedInHelp(t *testing.T) {
	cfg := writeFile(t, "kb.yaml", "timezone: Asia/Makassar\n")
	var out, errOut bytes.Buffer
	code := Main(t.Context(), []string{"jobs", "list", "--config", cfg}, nil, &out, &errOut, env(map[string]string{"KINERJA_DB": t.TempDir() + "/k.db"}))
	if code != exitOK || !strings.Contains(out.String(), "Asia/Makassar") {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	errOut.Reset()
	Main(t.Context(), []string{"invite", "--help"}, nil, &out, &errOut, env(nil))
	if !strings.Contains(errOut.String(), "--config FILE") {
		t.Fatalf("invite --help does not mention --config:\n%s", errOut.String())
	}
}

func TestLogTimesAreInTheConfiguredZone(t *testing.T) {
	var buf bytes.Buffer
	log := newLogger(&buf, "info", "", time.FixedZone("WITA", 8*3600))
	log.Info("hello")
	if !strings.Contains(buf.String(), "+08:00") {
		t.Fatalf("log line not in WITA: %s", buf.String())
	}
}
