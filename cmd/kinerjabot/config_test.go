package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaultsAndEnvironment(t *testing.T) {
	c, err := LoadConfig("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Database != "kinerjabot.db" || c.Location().String() != "Asia/Jakarta" || c.lang != "id" || c.Telegram.Endpoint != DefaultEndpoint {
		t.Fatalf("defaults: %+v", c)
	}
	c, err = LoadConfig("", env(map[string]string{
		"KINERJA_DB": "x.db", "KINERJA_TIMEZONE": "Asia/Makassar", "KINERJA_LANG": "en",
		"KINERJA_TELEGRAM_ENDPOINT": "http://127.0.0.1:8081/bot%s/%s", "KINERJA_TELEGRAM_TOKEN": "1:abc",
		"KINERJA_SURVEY_KEY_DIR": "/srv/keys",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if c.Database != "x.db" || c.Location().String() != "Asia/Makassar" || c.lang != "en" || c.Telegram.Token != "1:abc" ||
		c.Survey.KeyDir != "/srv/keys" {
		t.Fatalf("env not applied: %+v", c)
	}
}

func TestConfigBadValuesNameTheKey(t *testing.T) {
	cases := map[string]struct {
		env  map[string]string
		want string
	}{
		"zone":     {map[string]string{"KINERJA_TIMEZONE": "Asia/Padang"}, "KINERJA_TIMEZONE"},
		"lang":     {map[string]string{"KINERJA_LANG": "fr"}, "allowed: id, en"},
		"endpoint": {map[string]string{"KINERJA_TELEGRAM_ENDPOINT": "api.telegram.org"}, "KINERJA_TELEGRAM_ENDPOINT"},
		"level":    {map[string]string{"KINERJA_LOG_LEVEL": "loud"}, "log_level"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := LoadConfig("", env(c.env))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want mention of %q", err, c.want)
			}
		})
	}
}

func TestExampleConfigLoads(t *testing.T) {
	c, err := LoadConfig(filepath.Join("..", "..", "configs", "kinerjabot.example.yaml"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Units["PKM-TGR"].Population != 1200 {
		t.Fatalf("units not read: %+v", c.Units)
	}
}

func TestConfigUnknownKeyRefused(t *testing.T) {
	p := filepath.Join(t.TempDir(), "c.yaml")
	if err := os.WriteFile(p, []byte("timezon: Asia/Jakarta\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadConfig(p, env(nil)); err == nil || !strings.Contains(err.Error(), "timezon") {
		t.Fatalf("unknown key accepted: %v", err)
	}
}

func TestRelativePathsInTheFileAreTakenFromItsFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "kb.yaml")
	if err := os.WriteFile(path, []byte("database: data/k.db\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(path, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "data", "k.db"); c.Database != want {
		t.Errorf("database from the file = %q, want %q", c.Database, want)
	}
	c, err = LoadConfig(path, env(map[string]string{"KINERJA_DB": "here.db"}))
	if err != nil || c.Database != "here.db" {
		t.Errorf("database from the environment = %q, %v; want it as given", c.Database, err)
	}
	if err := os.WriteFile(path, []byte("database: postgres://u@h:5432/k\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c, _ := LoadConfig(path, env(nil)); c.Database != "postgres://u@h:5432/k" {
		t.Errorf("a URL was taken as a path: %q", c.Database)
	}
}

func TestExampleConfigurationWorksFromAnyFolder(t *testing.T) {
	example, err := filepath.Abs(filepath.Join("..", "..", "configs", "kinerjabot.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	c, err := LoadConfig(example, env(nil))
	if err != nil {
		t.Fatalf("the example configuration from another folder: %v", err)
	}
	if len(c.holidays) == 0 {
		t.Error("the holidays shipped beside the example were not found")
	}
	if c.Database != "kinerjabot.db" || c.Units["PKM-TGR"].Population != 1200 {
		t.Errorf("database %q, PKM-TGR %+v", c.Database, c.Units["PKM-TGR"])
	}
}
