package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// The demo roster's head of the puskesmas and one of her staff.
const (
	evDemoRina = "197804152005012003"
	evDemoBudi = "198502022010011002"
)

// evPressData presses the newest button in from's chat whose data starts with
// prefix and waits until the bot has answered it.
func evPressData(t *testing.T, fake *fakeapi.Fake, from fakeapi.User, prefix string) {
	t.Helper()
	msgs := fake.Messages(from.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, row := range msgs[i].Buttons {
			for _, b := range row {
				if strings.HasPrefix(b.Data, prefix) {
					id := fake.Press(from, msgs[i].ID, b.Data)
					// The press is answered first, its reply follows.
					if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return f.RepliedAfterAnswer(id, from.ID) }) {
						t.Fatalf("press %q not answered", b.Data)
					}
					return
				}
			}
		}
	}
	t.Fatalf("no button %q in chat %d", prefix, from.ID)
}

// evLastText returns the text of the newest message in a chat.
func evLastText(fake *fakeapi.Fake, chat int64) string {
	m, _ := fake.LastMessage(chat)
	return m.Text
}

// seedEvalCase seeds the demo roster, links Rina and Budi, and gives Budi
// one approved report of 97 against a target of 100 in the previous
// month, which it returns with the database's path.
func seedEvalCase(t *testing.T, rina, budi fakeapi.User) (string, kinerja.Period) {
	t.Helper()
	path := seedFile(t)
	p := kinerja.MonthOf(time.Now(), mustZone(t)).Prev()
	db := storagetest.MustOpenPath(t, path)
	defer db.Close()
	ctx := context.Background()
	for nip, u := range map[string]fakeapi.User{evDemoRina: rina, evDemoBudi: budi} {
		if err := db.LinkTelegram(ctx, nip, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	tg := &kinerja.Target{NIP: evDemoBudi, Period: p.String(), Code: "K1", Name: "Pasien dilayani", Unit: "pasien",
		Target: 100, Direction: kinerja.HigherIsBetter}
	if _, err := db.PutTarget(ctx, tg); err != nil {
		t.Fatal(err)
	}
	rep := &kinerja.Report{NIP: evDemoBudi, TargetID: tg.ID, WorkDate: p.Start(mustZone(t)).Format(time.DateOnly), Quantity: 97,
		Description: "pelayanan", Status: kinerja.ReportApproved, AssessorNIP: evDemoRina, CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := db.CreateReport(ctx, rep); err != nil {
		t.Fatal(err)
	}
	return path, p
}

// Through the Bot API emulator, an assessor evaluates a subordinate with
// buttons; an override without a reason is refused; the predikat is the
// matrix cell; the export shows proposal, decision and reason side by side.
func TestEvaluationThroughTheEmulatorAndExport(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	rina, budi := fakeapi.User{ID: 9103, FirstName: "Rina"}, fakeapi.User{ID: 9102, FirstName: "Budi"}
	path, p := seedEvalCase(t, rina, budi)
	startBot(t, fake, path)

	if got := reply(t, fake, rina, "/nilai"); !strings.Contains(got, "0 dari 2 pegawai") {
		t.Fatalf("/nilai: %q", got)
	}
	k := evDemoBudi + ":" + p.String()
	evPressData(t, fake, rina, "nil:s:"+k)
	if got := evLastText(fake, rina.ID); !strings.Contains(got, "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>") {
		t.Fatalf("card: %q", got)
	}
	evPressData(t, fake, rina, "nil:hc:"+k+":3")
	// Confirming now would keep the change without a reason: refused.
	fake.Press(rina, 1, "nil:ok:"+k)
	if !fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return strings.Contains(evLastText(f, rina.ID), "Putuskan dulu") }) {
		t.Fatalf("confirm without a reason: %q", evLastText(fake, rina.ID))
	}
	reason := "Menangani lonjakan pasien di luar jam kerja."
	if got := reply(t, fake, rina, reason); !strings.Contains(got, "Alasan tersimpan") {
		t.Fatalf("reason: %q", got)
	}
	for i := range 7 {
		evPressData(t, fake, rina, "nil:b:"+k+":"+strconv.Itoa(i)+":2")
	}
	evPressData(t, fake, rina, "nil:pa:"+k)
	evPressData(t, fake, rina, "nil:ok:"+k)
	want, _ := scoring.Predicate(kinerja.RatingAbove, kinerja.RatingMeets)
	if got := evLastText(fake, budi.ID); !strings.Contains(got, "Predikat: <b>"+string(want)+"</b>") {
		t.Fatalf("Budi's notification: %q, want predikat %s", got, want)
	}

	out, err := evExport(t, path, "evaluations", p, "")
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("export rows %v %v", rows, err)
	}
	col := map[string]string{}
	for i, c := range rows[0] {
		col[c] = rows[1][i]
	}
	for c, v := range map[string]string{"nip": evDemoBudi, "capaian_pct": "97.00", "proposed_hasil": "Sesuai Ekspektasi",
		"decided_hasil": "Di Atas Ekspektasi", "hasil_reason": reason, "predikat": string(want), "assessor_nip": evDemoRina} {
		if col[c] != v {
			t.Errorf("export %s = %q, want %q", c, col[c], v)
		}
	}
	out, err = evExport(t, path, "indicators", p, "")
	if err != nil || !strings.Contains(out, evDemoBudi+",Budi Santoso,PKM-TGR,"+p.String()+",K1,Pasien dilayani,pasien,naik,0,100,97,97.00,reports") {
		t.Fatalf("indicators export: %v %q", err, out)
	}
	xlsx := filepath.Join(t.TempDir(), "penilaian.xlsx")
	if _, err := evExport(t, path, "evaluations", p, xlsx); err != nil {
		t.Fatalf("xlsx export: %v", err)
	}
	tab, err := sheet.Read(xlsx)
	if err != nil || len(tab.Rows) != 1 || tab.Rows[0].Cell(0) != evDemoBudi || tab.Header[9] != "hasil_reason" {
		t.Fatalf("xlsx: %+v %v", tab, err)
	}
}

// evExport runs the export command for what of period p: CSV returned, or
// XLSX written to xlsx when it is not "".
func evExport(t *testing.T, path, what string, p kinerja.Period, xlsx string) (string, error) {
	t.Helper()
	args := []string{"export", "--what", what, "--period", p.String()}
	if xlsx != "" {
		args = append(args, "--format", "xlsx", "--out", xlsx)
	}
	code, out, errOut := run(t, path, args...)
	if code != exitOK {
		return "", fmt.Errorf("exit %d: %s", code, errOut)
	}
	return out, nil
}

func TestUnitPredicateCommand(t *testing.T) {
	path := seedFile(t)
	code, out, errOut := run(t, path, "unit-predicate", "--unit", "pkm-tgr", "--period", "2026-10", "--predicate", "butuh perbaikan")
	if code != 0 || !strings.Contains(out, "Butuh Perbaikan") || !strings.Contains(out, "paling sedikit 60% pegawai Butuh Perbaikan") ||
		strings.Contains(out, "<b>") {
		t.Fatalf("exit %d: %q %q", code, out, errOut)
	}
	db := storagetest.MustOpenPath(t, path)
	up, err := db.UnitPredicate(context.Background(), "PKM-TGR", "2026-10")
	if err != nil || up.Predikat != kinerja.OrgButuhPerbaikan {
		t.Fatalf("stored %+v %v", up, err)
	}
	entries, _ := db.AuditEntries(context.Background(), 0, 10)
	if len(entries) != 1 || entries[0].Action != "unit_predicate.set" {
		t.Fatalf("audit %+v", entries)
	}
	db.Close()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--unit", "PKM-TGR", "--period", "2026-10", "--predicate", "Luar Biasa"}, exitFailed, "tidak dikenal"},
		{[]string{"--unit", "NOPE", "--period", "2026-10", "--predicate", "Baik"}, exitFailed, "tidak ditemukan"},
		{[]string{"--unit", "PKM-TGR", "--period", "2026-13", "--predicate", "Baik"}, exitFailed, "tidak dikenali"},
		{[]string{"--unit", "PKM-TGR"}, exitUsage, "Usage"},
	} {
		code, _, errOut := run(t, path, append([]string{"unit-predicate"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d %q, want %d %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

func TestEvaluationConfigChecked(t *testing.T) {
	for body, key := range map[string]string{
		"evaluation:\n  thresholds:\n    above: 80\n    meets: 90\n": "evaluation.thresholds",
		"evaluation:\n  behaviour_policy: mode\n":                    "evaluation.behaviour_policy",
		"evaluation:\n  objection_days: 400\n":                       "evaluation.objection_days",
		"evaluation:\n  deadline_day: 31\n":                          "evaluation.deadline_day",
		"evaluation:\n  prorate: days\n":                             "evaluation.prorate",
	} {
		cfg := writeFile(t, "k.yaml", body)
		code, _, errOut := run(t, filepath.Join(t.TempDir(), "k.db"), "--config", cfg, "export", "--help")
		if code != exitUsage || !strings.Contains(errOut, key) {
			t.Errorf("%q: exit %d %q, want the key %s", body, code, errOut, key)
		}
	}
	cfg := writeFile(t, "k.yaml", "evaluation:\n  thresholds:\n    above: 105\n    meets: 85\n  behaviour_policy: mean\n  objection_days: 7\n  prorate: working_days\n")
	c, err := LoadConfig(cfg, env(nil))
	if err != nil {
		t.Fatal(err)
	}
	got := (&app{cfg: c}).evaluationConfig()
	if got.Thresholds.Above != 105 || got.Thresholds.Meets != 85 || got.Behaviour != scoring.BehaviourMeanRounded || got.ObjectionDays != 7 ||
		got.Targets.Prorate != scoring.ProrateWorkingDays {
		t.Fatalf("bot config %+v", got)
	}
}

func TestDemoShowsAnOverriddenProposal(t *testing.T) {
	code, out, errOut := run(t, filepath.Join(t.TempDir(), "unused.db"), "demo")
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"berbeda dari usulan Sesuai Ekspektasi", "Alasan terlalu pendek (1 karakter)",
		"Hasil kerja: Di Atas Ekspektasi (usulan: Sesuai Ekspektasi; alasan: Menangani lonjakan",
		"Hasil penilaian kinerja Anda", "Rincian penilaian kinerja", "proposed_hasil,decided_hasil,hasil_reason",
		"Sesuai Ekspektasi,Di Atas Ekspektasi,\"Menangani lonjakan",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo transcript lacks %q", want)
		}
	}
}
