package acting

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	_ "github.com/bkpsdm-solok/kinerjabot/bot/report" // registers the domain's err.acting_* texts, as in the binary
)

func newHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, bot.Config{})
	h.Features = []bot.Feature{New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: bottest.WIB})}
	h.Restart()
	h.Seed()
	h.LinkAll()
	return h
}

// press presses the first button whose data starts with prefix.
func press(t *testing.T, h *bottest.Harness, from int64, msgs []bot.OutMessage, prefix string) []bot.OutMessage {
	t.Helper()
	return h.Press(from, 7, bottest.ButtonData(t, msgs, prefix))
}

// TestAdminRecordsListsAndEndsAnAssignment: the admin finds Rina by name
// and Yusuf by NIP, picks the days on the calendar and the kind, saves;
// both are told, the audit log has it, and the list ends it.
func TestAdminRecordsListsAndEndsAnAssignment(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	list := h.Text(bottest.TGAdmin, "/plt")
	bottest.MustSay(t, list, "Pelaksana Plt/Plh", "Belum ada penugasan")
	out := press(t, h, bottest.TGAdmin, list, "plt:new")
	bottest.MustSay(t, out, "berhalangan", "nama atau NIP")
	out = h.Text(bottest.TGAdmin, "rina")
	bottest.MustSay(t, out, "1 pegawai cocok")
	out = press(t, h, bottest.TGAdmin, out, "plt:p:for:"+bottest.NIPHead)
	bottest.MustSay(t, out, "bertindak</b> untuk dr. Rina Marlina")
	out = h.Text(bottest.TGAdmin, bottest.NIPOtherBos[:10])
	out = press(t, h, bottest.TGAdmin, out, "plt:p:by:"+bottest.NIPOtherBos)
	bottest.MustSay(t, out, "Ns. Yusuf", "Mulai tanggal")
	out = press(t, h, bottest.TGAdmin, out, "plt:d:20261110")
	bottest.MustSay(t, out, "mulai Selasa, 10 November 2026", "Sampai tanggal")
	out = h.Text(bottest.TGAdmin, "13-11-2026")
	bottest.MustSay(t, out, "Jenis penugasan")
	out = press(t, h, bottest.TGAdmin, out, "plt:k:plh")
	bottest.MustSay(t, out, "Simpan penugasan ini", "PLH", "Selasa, 10 November 2026 – Jumat, 13 November 2026")
	out = press(t, h, bottest.TGAdmin, out, "plt:ok")
	bottest.MustSay(t, bottest.To(bottest.TGAdmin, out), "Penugasan disimpan", "Ns. Yusuf", "dr. Rina Marlina")
	bottest.MustSay(t, bottest.To(bottest.TGOtherBos, out), "Ns. Yusuf bertindak sebagai penilai untuk dr. Rina Marlina")
	bottest.MustSay(t, bottest.To(bottest.TGHead, out), "Ns. Yusuf bertindak sebagai penilai untuk dr. Rina Marlina")

	as, err := h.DB.ListActing(ctx, kinerja.ActingFilter{})
	if err != nil || len(as) != 1 {
		t.Fatalf("assignments %v %v", as, err)
	}
	a := as[0]
	if a.ForNIP != bottest.NIPHead || a.ByNIP != bottest.NIPOtherBos || a.Kind != kinerja.ActingPlh ||
		a.From != "2026-11-10" || a.To != "2026-11-13" || a.CreatedBy != bottest.NIPAdmin {
		t.Fatalf("stored %+v", a)
	}
	if !hasAudit(t, h, "acting.create", bottest.NIPAdmin) {
		t.Error("no audit entry of the creation by the admin")
	}

	list = h.Text(bottest.TGAdmin, "/plt")
	bottest.MustSay(t, list, "#1 <b>PLH</b>", "berlaku hari ini")
	out = press(t, h, bottest.TGAdmin, list, "plt:end:1")
	bottest.MustSay(t, out, "Akhiri penugasan ini sekarang?")
	out = press(t, h, bottest.TGAdmin, out, "plt:endok:1")
	bottest.MustSay(t, bottest.To(bottest.TGAdmin, out), "Belum ada penugasan")
	bottest.MustSay(t, bottest.To(bottest.TGOtherBos, out), "diakhiri oleh admin")
	if as, _ := h.DB.ListActing(ctx, kinerja.ActingFilter{Day: "2026-11-11"}); len(as) != 0 {
		t.Fatalf("still in force after ending: %+v", as)
	}
	if !hasAudit(t, h, "acting.end", bottest.NIPAdmin) {
		t.Error("no audit entry of the end")
	}
	// The same end pressed again is stale.
	if out := h.Press(bottest.TGAdmin, 7, "plt:endok:1"); len(bottest.To(bottest.TGOtherBos, out)) != 0 {
		t.Fatalf("ended twice: %+v", out)
	}
}

// TestOverlapIsRefusedAndTheDaysAskedAgain: a second assignment for the
// same post over common days is refused with the CLI's message, keeping
// the people and asking the days again.
func TestOverlapIsRefusedAndTheDaysAskedAgain(t *testing.T) {
	h := newHarness(t)
	if err := h.DB.CreateActing(context.Background(), &kinerja.Acting{ForNIP: bottest.NIPHead, ByNIP: bottest.NIPAdmin,
		Kind: kinerja.ActingPlt, From: "2026-11-09", To: "2026-11-20", CreatedAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	out := press(t, h, bottest.TGAdmin, h.Text(bottest.TGAdmin, "/plt"), "plt:new")
	out = press(t, h, bottest.TGAdmin, h.Text(bottest.TGAdmin, bottest.NIPHead), "plt:p:for:")
	out = press(t, h, bottest.TGAdmin, h.Text(bottest.TGAdmin, "yusuf"), "plt:p:by:")
	out = press(t, h, bottest.TGAdmin, out, "plt:d:20261112")
	out = press(t, h, bottest.TGAdmin, out, "plt:d:20261112")
	out = press(t, h, bottest.TGAdmin, out, "plt:k:plt")
	out = press(t, h, bottest.TGAdmin, out, "plt:ok")
	bottest.MustSay(t, out, "tumpang tindih", "Mulai tanggal")
	if as, _ := h.DB.ListActing(context.Background(), kinerja.ActingFilter{}); len(as) != 1 {
		t.Fatalf("an overlapping assignment was stored: %+v", as)
	}
	// Later days pass.
	out = press(t, h, bottest.TGAdmin, out, "plt:cal:")
	out = h.Text(bottest.TGAdmin, "21-11-2026")
	out = h.Text(bottest.TGAdmin, "21-11-2026")
	out = press(t, h, bottest.TGAdmin, out, "plt:k:plt")
	bottest.MustSay(t, press(t, h, bottest.TGAdmin, out, "plt:ok"), "Penugasan disimpan")
}

// TestPickingTheSamePersonTwiceIsRefused: nobody acts for themselves.
func TestPickingTheSamePersonTwiceIsRefused(t *testing.T) {
	h := newHarness(t)
	press(t, h, bottest.TGAdmin, h.Text(bottest.TGAdmin, "/plt"), "plt:new")
	press(t, h, bottest.TGAdmin, h.Text(bottest.TGAdmin, "rina"), "plt:p:for:")
	out := h.Text(bottest.TGAdmin, "rina")
	data := bottest.ButtonData(t, out, "plt:p:by:")
	h.Press(bottest.TGAdmin, 7, data)
	if got := h.Msg.Answer("cb" + data); !strings.Contains(got, "dirinya sendiri") {
		t.Errorf("answer %q, want the refusal", got)
	}
	if s, _ := h.DB.Session(context.Background(), bottest.TGAdmin); s == nil || s.Step != "by" {
		t.Fatalf("the dialogue moved on: %+v", s)
	}
}

// TestOnlyAdminsUsePlt: staff and assessors are refused, by command and
// by a forged press.
func TestOnlyAdminsUsePlt(t *testing.T) {
	h := newHarness(t)
	for _, who := range []int64{bottest.TGBudi, bottest.TGHead} {
		if out := h.Text(who, "/plt"); strings.Contains(strings.Join(bottest.Texts(out), ""), "Pelaksana Plt/Plh") {
			t.Errorf("%d sees the list: %q", who, bottest.Texts(out))
		}
		h.Press(who, 7, "plt:new")
		if s, _ := h.DB.Session(context.Background(), who); s != nil {
			t.Errorf("%d started the dialogue", who)
		}
	}
}

func TestTexts(t *testing.T) { bottest.CheckTexts(t, "plt.") }

func TestParseDay(t *testing.T) {
	today := kinerja.Date(2026, 11, 10, bottest.WIB)
	for in, want := range map[string]string{"2026-11-13": "2026-11-13", "13-11-2026": "2026-11-13", "13/11": "2026-11-13",
		"besok": "2026-11-11", "31-11-2026": "", "13 nov": "2026-11-13", "": ""} {
		d, ok := bot.ParseDay(in, today)
		got := ""
		if ok {
			got = kinerja.DayOf(d, bottest.WIB)
		}
		if got != want {
			t.Errorf("bot.ParseDay(%q) = %q, want %q", in, got, want)
		}
	}
}

// hasAudit reports whether the log has action by actor.
func hasAudit(t *testing.T, h *bottest.Harness, action, actor string) bool {
	t.Helper()
	entries, err := h.DB.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == action && e.ActorNIP == actor {
			return true
		}
	}
	return false
}

// TestNoticesOfTheCommandLine: an assignment recorded or ended on the
// command line tells both linked people the same as the chat does, each in
// their own language, through the outbox.
func TestNoticesOfTheCommandLine(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.DB.PutAccount(ctx, &kinerja.Account{TelegramID: bottest.TGOtherBos, Lang: kinerja.LangEN}); err != nil {
		t.Fatal(err)
	}
	a := &kinerja.Acting{ID: 3, ForNIP: bottest.NIPHead, ByNIP: bottest.NIPOtherBos, Kind: kinerja.ActingPlh,
		From: "2026-11-30", To: "2026-12-06"}
	msgs, err := Notices(ctx, h.DB, a, false, bottest.WIB, kinerja.LangID, h.Now)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("notices %+v %v", msgs, err)
	}
	to := map[int64]string{}
	for _, m := range msgs {
		to[m.ChatID] = m.Text
	}
	if !strings.Contains(to[bottest.TGHead], "Ns. Yusuf bertindak sebagai penilai untuk dr. Rina Marlina") ||
		!strings.Contains(to[bottest.TGOtherBos], "Ns. Yusuf acts as assessor for dr. Rina Marlina") {
		t.Fatalf("notices: %v", to)
	}
	msgs, err = Notices(ctx, h.DB, a, true, bottest.WIB, kinerja.LangID, h.Now)
	if err != nil || len(msgs) != 2 || !strings.Contains(msgs[1].Text+msgs[0].Text, "diakhiri oleh admin") {
		t.Fatalf("ended notices %+v %v", msgs, err)
	}
}
