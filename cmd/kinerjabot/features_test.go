package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// featuresHarness is the shared harness with every feature as the bot
// runs them, wired by features() over the harness's database and clock.
func featuresHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	c, err := LoadConfig("", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	h := bottest.New(t, bot.Config{})
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
	h.LinkAll()
	return h
}

// TestRandomInputNeverBreaksAnyFeature plays random updates through every
// command and button of every feature: each is committed without an
// internal error and every pressed button is answered.
func TestRandomInputNeverBreaksAnyFeature(t *testing.T) {
	h := featuresHarness(t)
	n := 3000
	if testing.Short() {
		n = 500
	}
	h.RandomInput(n, []int64{10, bottest.TGBudi, bottest.TGHead, bottest.TGAdmin})
}

// TestEveryFeatureIsInTheMenuAndHelp checks that the wiring registers each
// feature's commands once, in the help of the roles that may use them.
func TestEveryFeatureIsInTheMenuAndHelp(t *testing.T) {
	h := featuresHarness(t)
	cmds := strings.Join(h.Bot.Commands(), " ")
	for _, c := range []string{"lapor", "laporan", "capaian", "persetujuan", "ikm", "qr", "nilai", "skor", "keberatan", "cuti", "ekspor", "panduan"} {
		if !strings.Contains(" "+cmds+" ", " "+c+" ") {
			t.Errorf("/%s is not registered; commands: %s", c, cmds)
		}
	}
	help := bottest.MustSay(t, h.Text(bottest.TGAdmin, "/help"), "/ekspor")
	if strings.Contains(bottest.MustSay(t, h.Text(bottest.TGBudi, "/help"), "/lapor").Text, "/ekspor") {
		t.Errorf("staff help offers /ekspor:\n%s", help.Text)
	}
}

// TestAdminExportsEveryKindInChat: /ekspor offers the kinds the features
// registered, and each sends a workbook with the same table as the export
// command.
func TestAdminExportsEveryKindInChat(t *testing.T) {
	h := featuresHarness(t)
	ctx := context.Background()
	if err := h.DB.AddSurveyResponse(ctx, &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Day: h.Now, Answers: bottest.NineAnswers(4)}); err != nil {
		t.Fatal(err)
	}
	h.Text(bottest.TGAdmin, "/ekspor")
	kinds := h.Press(bottest.TGAdmin, 5, "ekspor:p:2026-11")
	for kind, header := range map[string]string{"reports": "report_id", "ikm": "unit_code", "evaluations": "nip", "onboarding": "unit_code"} {
		data := bottest.ButtonData(t, kinds, "ekspor:k:2026-11:"+kind)
		doc := bottest.MustSay(t, h.Press(bottest.TGAdmin, 5, data), "Ekspor")
		tbl, err := sheet.ReadFrom(bytes.NewReader(doc.Document), ".xlsx")
		if err != nil || len(tbl.Header) == 0 || tbl.Header[0] != header {
			t.Errorf("%s workbook: %+v, %v", kind, tbl, err)
		}
	}
	if _, ok := bottest.FindButton(kinds, "ekspor:k:2026-11:indicators"); ok {
		t.Error("the indicators kind (command line only) is offered in chat")
	}
}
