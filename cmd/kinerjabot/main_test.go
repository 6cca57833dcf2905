package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
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

func TestInviteAgainEndsTheEarlierCodeUnlessKept(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	if code, _, errOut := run(t, path, "roster", "import", writeFile(t, "r.csv", goodRoster)); code != exitOK {
		t.Fatal(errOut)
	}
	e := map[string]string{"KINERJA_DB": path, "KINERJA_TELEGRAM_USERNAME": "KinerjaSolokBot"}
	invite := func(args ...string) (string, string) {
		var out, errOut bytes.Buffer
		if code := Main(t.Context(), append([]string{"invite"}, args...), nil, &out, &errOut, env(e)); code != exitOK {
			t.Fatalf("invite %v: exit %d: %s", args, code, errOut.String())
		}
		fields := strings.Split(strings.TrimSpace(out.String()), "\t")
		return fields[2], errOut.String()
	}
	first, _ := invite("198502022010011002")
	kept, note := invite("--keep-earlier", "198502022010011002")
	if note != "" {
		t.Fatalf("--keep-earlier said %q", note)
	}
	_, note = invite("198502022010011002")
	if !strings.Contains(note, "2 earlier unused code(s) no longer valid") {
		t.Fatalf("third invite said %q; want the two earlier codes ended", note)
	}
	db := storagetest.MustOpenPath(t, path)
	for _, c := range []string{first, kept} {
		inv, err := db.Invite(t.Context(), bot.HashInviteCode(c))
		if err != nil || inv.ExpiresAt.After(time.Now()) {
			t.Fatalf("earlier code %s still valid: %+v %v", c, inv, err)
		}
	}
}

func TestInviteChecksTheUnitBeforeTheUsername(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	if code, _, errOut := run(t, path, "roster", "import", writeFile(t, "r.csv", goodRoster)); code != exitOK {
		t.Fatal(errOut)
	}
	code, _, errOut := run(t, path, "invite", "--unit", "NOPE")
	if code == exitOK || strings.Contains(errOut, "username") || !strings.Contains(errOut, "NOPE") {
		t.Fatalf("exit %d: %s; want the unknown unit named first", code, errOut)
	}
}
