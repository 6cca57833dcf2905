package main

import (
	"context"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// citizen drives one account through the emulator with buttons only.
type citizen struct {
	t    *testing.T
	fake *fakeapi.Fake
	u    fakeapi.User
}

// start opens the survey link and returns the bot's last message.
func (c citizen) start(payload string, until func(fakeapi.Message) bool) fakeapi.Message {
	c.t.Helper()
	before := len(c.fake.Messages(c.u.ID))
	id := c.fake.SendText(c.u, "/start "+payload)
	// Replies go out after the update is confirmed, one after another:
	// wait for the one that settles the answer.
	var m fakeapi.Message
	if !c.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		var ok bool
		m, ok = f.LastMessage(c.u.ID)
		return ok && len(f.Messages(c.u.ID)) > before && !contains(f.Pending(), id) && until(m)
	}) {
		c.t.Fatalf("no answer to /start for %d (last %q)", c.u.ID, m.Text)
	}
	return m
}

// hasButtons is true of a message carrying buttons (a survey question).
func hasButtons(m fakeapi.Message) bool { return len(m.Buttons) > 0 }

// says returns a test that a message contains s.
func says(s string) func(fakeapi.Message) bool {
	return func(m fakeapi.Message) bool { return strings.Contains(m.Text, s) }
}

// press presses the button on m whose data ends with ":"+value and returns
// the message as it stands once the bot answered the press and edited the
// message to the next step (the answer comes first, the edit after it).
func (c citizen) press(m fakeapi.Message, value string) fakeapi.Message {
	c.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasSuffix(b.Data, ":"+value) {
				id := c.fake.Press(c.u, m.ID, b.Data)
				var now fakeapi.Message
				if !c.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
					for _, msg := range f.Messages(c.u.ID) {
						if msg.ID == m.ID {
							now = msg
						}
					}
					return f.CallbackAnswered(id) && now.Text != m.Text
				}) {
					c.t.Fatalf("press %q not answered with the next step", b.Data)
				}
				return now
			}
		}
	}
	c.t.Fatalf("no button %q on %q", value, m.Text)
	return m
}

// complete answers the nine questions and skips the suggestion.
func (c citizen) complete(payload string, answers [9]int) string {
	c.t.Helper()
	m := c.start(payload, hasButtons)
	for _, a := range answers {
		m = c.press(m, string(rune('0'+a)))
	}
	return c.press(m, "skip").Text
}

func contains(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Thirty accounts answer through the Bot API emulator with buttons only;
// the exported IKM, NRR and category equal the hand computation.
func TestSurveyThirtyAccountsThroughTheEmulatorAndExport(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	r := startBot(t, fake, path)

	qrPath := filepath.Join(t.TempDir(), "loket.png")
	code, out, errOut := run(t, path, "survey-link", "--unit", "PKM-TGR", "--qr", qrPath)
	if code != 0 || !strings.HasPrefix(out, "https://t.me/KinerjaSolokBot?start=s_") {
		t.Fatalf("survey-link: exit %d, %q %q", code, out, errOut)
	}
	payload := strings.TrimSpace(out[strings.Index(out, "start=")+len("start="):])
	f, err := os.Open(qrPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := png.Decode(f); err != nil {
		t.Fatalf("QR file is not a PNG: %v", err)
	}
	f.Close()

	// Hand computation: 12 answer all 4, 10 all 3, 8 answer 2 3 1 4 3 2 3 2 3.
	// Sums 94 102 86 110 102 94 102 94 102 (total 886) over 30:
	// NRR 3.1333 3.4000 2.8667 3.6667 3.4000 3.1333 3.4000 3.1333 3.4000;
	// IKM = 886/30/9·25 = 82.0370… → 82.04, B, Baik. Population 1200 →
	// n = 3841·1200/(10·1199+3841) = 291.15… → 291; 30 < 291: provisional.
	pattern := [9]int{2, 3, 1, 4, 3, 2, 3, 2, 3}
	for i := range 30 {
		answers := pattern
		switch {
		case i < 12:
			answers = [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}
		case i < 22:
			answers = [9]int{3, 3, 3, 3, 3, 3, 3, 3, 3}
		}
		c := citizen{t, fake, fakeapi.User{ID: int64(7001 + i), FirstName: "Warga"}}
		if got := c.complete(payload, answers); !strings.Contains(got, "Terima kasih") {
			t.Fatalf("citizen %d: %q", i, got)
		}
	}
	again := citizen{t, fake, fakeapi.User{ID: 7001, FirstName: "Warga"}}
	if m := again.start(payload, says("sudah tercatat")); !strings.Contains(m.Text, "sudah tercatat") {
		t.Fatalf("a repeat the same day: %q", m.Text)
	}
	watch := storagetest.MustOpenPath(t, path)
	if err := watch.LinkTelegram(context.Background(), "199003032015032003", 7100); err != nil {
		t.Fatal(err)
	}
	staff := citizen{t, fake, fakeapi.User{ID: 7100, FirstName: "Sari"}}
	if m := staff.start(payload, says("tidak dihitung")); !strings.Contains(m.Text, "tidak dihitung") {
		t.Fatalf("staff of the unit: %q", m.Text)
	}
	r.stop()

	cfg := writeFile(t, "k.yaml", "units:\n  PKM-TGR:\n    population: 1200\n")
	period := kinerja.MonthOf(time.Now(), mustZone(t)).String()
	code, out, errOut = run(t, path, "--config", cfg, "export", "--what", "ikm", "--period", period)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"unit_code", "unit_name", "period", "respondents", "nrr_u1", "nrr_u2", "nrr_u3", "nrr_u4", "nrr_u5", "nrr_u6", "nrr_u7", "nrr_u8", "nrr_u9", "ikm", "mutu", "kinerja", "sample_needed", "provisional", "service_code", "service_name", "open_flags"},
		// Thirty surveys within seconds are a burst: one open flag beside
		// the unchanged IKM.
		{"PKM-TGR", "Puskesmas Tanah Garam", period, "30", "3.1333", "3.4000", "2.8667", "3.6667", "3.4000", "3.1333", "3.4000", "3.1333", "3.4000", "82.04", "B", "Baik", "291", "true", "", "", "1"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("export:\n got %q\nwant %q", rows, want)
	}
	xlsx := filepath.Join(t.TempDir(), "ikm.xlsx")
	if code, _, errOut := run(t, path, "export", "--what", "ikm", "--period", period, "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("xlsx export: %s", errOut)
	}
}

func TestSurveyLinkRevokeAndList(t *testing.T) {
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	if err := db.PutSetting(context.Background(), settingBotUsername, "KinerjaSolokBot"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, _ := run(t, path, "survey-link", "--unit", "PKM-TGR", "--officer", "198502022010011002")
	if code != 0 {
		t.Fatalf("create: %d", code)
	}
	link := strings.TrimSpace(out)
	if code, out, _ := run(t, path, "survey-link", "--list", "--unit", "PKM-TGR"); code != 0 ||
		!strings.Contains(out, link+"\tPKM-TGR\t198502022010011002\t") || !strings.Contains(out, "active") {
		t.Fatalf("list: %d %q", code, out)
	}
	if code, out, errOut := run(t, path, "survey-link", "--revoke", link); code != 0 || strings.TrimSpace(out) != "revoked" {
		t.Fatalf("revoke: %d %q %q", code, out, errOut)
	}
	if _, out, _ := run(t, path, "survey-link", "--list"); !strings.Contains(out, "revoked") {
		t.Fatalf("list after revoke: %q", out)
	}
	for name, args := range map[string][]string{
		"unknown unit":          {"survey-link", "--unit", "NOPE"},
		"officer of other unit": {"survey-link", "--unit", "DUKCAPIL", "--officer", "198502022010011002"},
		"revoke unknown":        {"survey-link", "--revoke", "s_AAAAAAAAAAAAAAAA"},
		"revoke an invite":      {"survey-link", "--revoke", "i_AAAAAAAAAAAAAAAA"},
	} {
		if code, _, errOut := run(t, path, args...); code != exitFailed || errOut == "" {
			t.Errorf("%s: exit %d, %q", name, code, errOut)
		}
	}
	if code, _, _ := run(t, path, "survey-link"); code != exitUsage {
		t.Errorf("no flags: exit %d, want usage", code)
	}
}

// A QR card that cannot be written leaves no link: nothing is printed,
// nothing is listed, and the exit status says so.
func TestSurveyLinkWithAnUnwritableQRCreatesNoLink(t *testing.T) {
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	if err := db.PutSetting(context.Background(), settingBotUsername, "KinerjaSolokBot"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	dir := t.TempDir()
	for name, qr := range map[string]string{
		"missing folder": filepath.Join(dir, "missing", "q.png"),
		"a folder":       dir,
	} {
		code, out, errOut := run(t, path, "survey-link", "--unit", "PKM-TGR", "--qr", qr)
		if code != exitFailed || out != "" || !strings.Contains(errOut, "no link was created") {
			t.Errorf("%s: exit %d, %q %q", name, code, out, errOut)
		}
	}
	if code, out, _ := run(t, path, "survey-link", "--list"); code != exitOK || out != "" {
		t.Fatalf("links after failed QR writes: %d %q", code, out)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("files left behind: %v", entries)
	}
}

func TestSurveyConfigChecked(t *testing.T) {
	for body, want := range map[string]string{
		"survey:\n  once_per: week\n":        "survey.once_per",
		"survey:\n  suggestion_max: 99999\n": "survey.suggestion_max",
	} {
		if _, err := LoadConfig(writeFile(t, "c.yaml", body), env(nil)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v", body, err)
		}
	}
	c, err := LoadConfig(writeFile(t, "c.yaml", "survey:\n  alerts: false\n  profile_questions: true\nunits:\n  PKM-TGR:\n    population: 50\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: c}
	sc := a.surveyConfig()
	if !sc.NoAlerts || !sc.Profile || sc.Population["PKM-TGR"] != 50 {
		t.Fatalf("survey config: %+v", sc)
	}
	if a.cfg.Survey = (SurveySettings{}); a.surveyConfig().NoAlerts {
		t.Fatal("alerts off by default")
	}
}

func mustZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDemoShowsTheSurveyAndTheIKM(t *testing.T) {
	code, out, errOut := run(t, filepath.Join(t.TempDir(), "unused.db"), "demo")
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Pertanyaan 1/9", "Pertanyaan 9/9", "Saran Anda sudah kami terima", "Penilaian layanan baru",
		"hari ini sudah tercatat", "Unsur terlemah", "unit_code,unit_name,period,respondents",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo transcript lacks %q", want)
		}
	}
}

// survey.questionnaire names a YAML (or JSON) file whose questions replace
// the regulation's nine; a malformed one is a configuration error.
func TestSurveyQuestionnaireFromConfiguration(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "q.yaml")
	if err := os.WriteFile(good, []byte(`unsur:
  - code: A1
    name: {id: Kebersihan, en: Cleanliness}
    question: {id: "Bersihkah?", en: "Is it clean?"}
    answers:
      - {id: Kotor, en: Dirty}
      - {id: Kurang bersih, en: Less clean}
      - {id: Bersih, en: Clean}
      - {id: Sangat bersih, en: Very clean}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	s := SurveySettings{Questionnaire: good}
	if err := s.check(); err != nil {
		t.Fatal(err)
	}
	if got := s.questionnaire.Codes(); len(got) != 1 || got[0] != "A1" {
		t.Fatalf("codes = %v", got)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"unsur": [{"code": "A1"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s = SurveySettings{Questionnaire: bad}
	if err := s.check(); err == nil || !strings.Contains(err.Error(), "survey.questionnaire") {
		t.Fatalf("bad questionnaire: %v", err)
	}
}

func TestSurveyKeyDirDefaultsNextToTheDatabase(t *testing.T) {
	for db, want := range map[string]string{
		"/var/lib/kinerjabot/kinerjabot.db":             "/var/lib/kinerjabot/kinerjabot.db.keys",
		"sqlite:data/k.db?_busy_timeout=1":              "data/k.db.keys",
		"postgres://kinerja@db:5432/kinerja":            "kinerjabot.keys",
		"postgresql://kinerja@db:5432/k?sslmode=verify": "kinerjabot.keys",
	} {
		a := &app{cfg: &Config{Database: db}}
		if got := a.surveyKeyDir(); got != want {
			t.Errorf("database %s: key directory %q, want %q", db, got, want)
		}
		if got := a.surveyConfig().KeyDir; got != want {
			t.Errorf("database %s: survey configured with %q, want %q", db, got, want)
		}
	}
	a := &app{cfg: &Config{Database: "k.db", Survey: SurveySettings{KeyDir: "/srv/keys"}}}
	if got := a.surveyConfig().KeyDir; got != "/srv/keys" {
		t.Errorf("survey.key_dir ignored: %q", got)
	}
}
