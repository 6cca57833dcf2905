package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/evaluation"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

// The check of issue 14, part 2: a citizen scans "Mulai layanan", then
// the survey 20 minutes later (a pinned clock); the unit's page shows one
// 20-minute service against the standard, and export --what service-times
// has it, in CSV and XLSX.
func TestServiceTimeFromStartCodeToUnitPageAndExport(t *testing.T) {
	config := writeFile(t, "kinerjabot.yaml", "units:\n  PKM-TGR:\n    service_standard_minutes: 30\n")
	c, err := LoadConfig(config, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	h := bottest.New(t, bot.Config{})
	h.Now = time.Date(2026, 11, 10, 8, 5, 0, 0, bottest.WIB)
	a := &app{cfg: c, now: h.Clock(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	deps := a.deps(h.DB)
	deps.Location, deps.Username = bottest.WIB, h.Cfg.BotUsername
	fs, _, err := a.features(deps)
	if err != nil {
		t.Fatal(err)
	}
	h.Features = fs
	h.Restart()
	h.Seed()
	var surveys *survey.Feature
	for _, f := range fs {
		if s, ok := f.(*survey.Feature); ok {
			surveys = s
		}
	}
	ctx := context.Background()
	l, _, err := surveys.CreateLink(ctx, survey.LinkTarget{Unit: "PKM-TGR"})
	if err != nil {
		t.Fatal(err)
	}
	_, start, err := surveys.ActiveStartLink(ctx, survey.LinkTarget{Unit: "PKM-TGR"})
	if err != nil || !strings.HasPrefix(start, "https://t.me/KinerjaSolokBot?start=m_") {
		t.Fatalf("start link %q %v", start, err)
	}
	const citizen = 777001
	bottest.MustSay(t, h.Text(citizen, "/start "+start[strings.Index(start, "=")+1:]), "Waktu mulai layanan", "Puskesmas Tanah Garam")
	h.Now = h.Now.Add(20 * time.Minute)
	msgs := h.Text(citizen, "/start "+l.Payload)
	for range 9 {
		msgs = h.Press(citizen, 50, answerData(t, msgs, "4"))
	}
	bottest.MustSay(t, h.Press(citizen, 50, answerData(t, msgs, "skip")), "Terima kasih")

	// The unit page, with a threshold of one so that one service shows.
	srv := httptest.NewServer(web.New(web.Config{Survey: surveys, Store: h.DB, Now: h.Clock(), Location: bottest.WIB, MinRespondents: 1}).Handler())
	defer srv.Close()
	res, err := http.Get(srv.URL + "/unit/PKM-TGR")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	want := `<td>Semua layanan</td><td class="n count">1</td><td class="n median">20 menit</td><td class="n p90">20 menit</td><td class="n std">30 menit</td><td class="n within">100%</td>`
	if !strings.Contains(string(body), want) {
		t.Fatalf("unit page lacks %s", want)
	}
	// With the default threshold (5) the one service shows no figure.
	srv5 := httptest.NewServer(web.New(web.Config{Survey: surveys, Store: h.DB, Now: h.Clock(), Location: bottest.WIB}).Handler())
	defer srv5.Close()
	if res, err := http.Get(srv5.URL + "/unit/PKM-TGR"); err != nil {
		t.Fatal(err)
	} else {
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if strings.Contains(string(body), "20 menit") {
			t.Error("one service is shown under the default anonymity threshold")
		}
	}

	// The export command, CSV then XLSX, over the same database.
	code, out, errOut := run(t, h.Path, "--config", config, "export", "--what", "service-times", "--period", "2026-11")
	wantCSV := "unit_code,service_code,month,count,median_minutes,p90_minutes,standard_minutes,within_standard_pct\n" +
		"PKM-TGR,,2026-11,1,20,20,30,100.0\n"
	if code != exitOK || out != wantCSV {
		t.Fatalf("export: %d %q %q", code, out, errOut)
	}
	xlsx := filepath.Join(t.TempDir(), "waktu.xlsx")
	if code, _, errOut := run(t, h.Path, "--config", config, "export", "--what", "service-times", "--period", "2026-11",
		"--format", "xlsx", "--out", xlsx); code != exitOK {
		t.Fatalf("xlsx export: %d %s", code, errOut)
	}
	tab, err := sheet.Read(xlsx)
	if err != nil || len(tab.Rows) != 1 || tab.Rows[0].Cell(0) != "PKM-TGR" || tab.Rows[0].Cell(4) != "20" {
		t.Fatalf("xlsx %+v %v", tab, err)
	}
	// Nothing stored links the duration to the account or the time of day.
	ds, err := h.DB.ServiceDurations(ctx, kinerja.ServiceDurationFilter{})
	if err != nil || len(ds) != 1 || ds[0] != (kinerja.ServiceDuration{UnitCode: "PKM-TGR", Month: "2026-11", Minutes: 20}) {
		t.Fatalf("stored %+v %v", ds, err)
	}
	// The unit head's speed-of-service indicator reads the same measure,
	// in the bot's features and in the commands without a chat.
	nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
	for _, f := range fs {
		if e, ok := f.(*evaluation.Feature); ok {
			sp, ok, err := e.Config().Speed.ServiceSpeed(ctx, h.DB, "PKM-TGR", nov)
			if err != nil || !ok || sp.Count != 1 || sp.MedianMinutes != 20 || sp.StandardMinutes != 30 {
				t.Fatalf("evaluation's speed source: %+v %v %v", sp, ok, err)
			}
		}
	}
	sp, ok, err := a.evaluationFeature(h.DB).Config().Speed.ServiceSpeed(ctx, h.DB, "PKM-TGR", nov)
	if err != nil || !ok || sp.MedianMinutes != 20 {
		t.Fatalf("command evaluation's speed source: %+v %v %v", sp, ok, err)
	}
}

// answerData is the data of the survey button for value on the newest
// message that has one.
func answerData(t *testing.T, msgs []bot.OutMessage, value string) string {
	t.Helper()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, "svy:") && strings.HasSuffix(b.Data, ":"+value) {
					return b.Data
				}
			}
		}
	}
	t.Fatalf("no survey button %q in %+v", value, msgs)
	return ""
}

// survey-link --start prints the start code of the unit's active link
// (creating one when there is none) and writes its card.
func TestSurveyLinkStartPrintsTheStartCode(t *testing.T) {
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	if err := db.PutSetting(context.Background(), settingBotUsername, "KinerjaSolokBot"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, out, _ := run(t, path, "survey-link", "--unit", "PKM-TGR")
	if code != exitOK {
		t.Fatalf("create: %d", code)
	}
	survey := strings.TrimSpace(out)
	qr := filepath.Join(t.TempDir(), "mulai.png")
	code, out, errOut := run(t, path, "survey-link", "--start", "--unit", "PKM-TGR", "--qr", qr)
	random := survey[strings.Index(survey, "start=s_")+len("start=s_"):]
	if code != exitOK || strings.TrimSpace(out) != "https://t.me/KinerjaSolokBot?start=m_"+random || !strings.Contains(errOut, "QR code written") {
		t.Fatalf("start: %d %q %q (survey link %s)", code, out, errOut, survey)
	}
	if _, err := os.Stat(qr); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, path, "survey-link", "--start", "--unit", "NOPE"); code == exitOK || !strings.Contains(errOut, "NOPE") {
		t.Fatalf("unknown unit: %d %q", code, errOut)
	}
}

func TestServiceTimeConfigurationIsChecked(t *testing.T) {
	for body, key := range map[string]string{
		"units:\n  PKM-TGR:\n    service_standard_minutes: -5\n": "units.PKM-TGR.service_standard_minutes",
		"survey:\n  service_max_minutes: 0.5\n":                  "survey.service_max_minutes",
		"survey:\n  service_max_minutes: 5000\n":                 "survey.service_max_minutes",
	} {
		_, err := LoadConfig(writeFile(t, "k.yaml", body), env(nil))
		if err == nil || !strings.Contains(err.Error(), key) {
			t.Errorf("%q: %v, want an error naming %s", body, err, key)
		}
	}
	c, err := LoadConfig(writeFile(t, "k.yaml", "units:\n  PKM-TGR:\n    service_standard_minutes: 45\nsurvey:\n  service_max_minutes: 240\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	a := &app{cfg: c}
	if sc := a.surveyConfig(); sc.ServiceStandard["PKM-TGR"] != 45 || sc.ServiceMaxMinutes != 240 {
		t.Fatalf("survey config %+v", sc)
	}
}
