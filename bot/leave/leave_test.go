package leave

import (
	"context"
	"strconv"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// newHarness is a bot with /cuti over the seeded, linked roster.
func newHarness(t *testing.T) *bottest.Harness {
	t.Helper()
	h := bottest.New(t, bot.Config{}, New(bot.Deps{}))
	h.Seed()
	h.LinkAll()
	return h
}

func TestParseDay(t *testing.T) {
	today := time.Date(2026, 11, 10, 0, 0, 0, 0, bottest.WIB)
	for _, tc := range []struct {
		in   string
		want string // "" for not a date
	}{
		{"5-12-2026", "2026-12-05"},
		{"05/12/2026", "2026-12-05"},
		{"5.12.26", "2026-12-05"},
		{"2026-12-05", "2026-12-05"},
		{"5 Desember 2026", "2026-12-05"},
		{"5 des", "2026-12-05"},
		{"17 Agustus", "2026-08-17"},
		{"5-12", "2026-12-05"},
		{"besok", "2026-11-11"},
		{"Hari ini", "2026-11-10"},
		{"31-11-2026", ""},
		{"5-13-2026", ""},
		{"5 Brumaire 2026", ""},
		{"kemarin", ""},
		{"", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := bot.ParseDay(tc.in, today)
			if tc.want == "" {
				if ok {
					t.Fatalf("got %v, want not a date", got)
				}
				return
			}
			if !ok || kinerja.DayString(got, bottest.WIB) != tc.want || got.Location() != bottest.WIB {
				t.Fatalf("got %v %v, want %s", got, ok, tc.want)
			}
		})
	}
}

func TestLeaveTypedInOneLine(t *testing.T) {
	h := newHarness(t)
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/cuti 1-12-2026 5-12-2026"), "Cuti dicatat", "Selasa, 1 Desember 2026 – Sabtu, 5 Desember 2026")
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/cuti 5-12-2026 1-12-2026"), "tidak boleh sebelum")
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/cuti 32-12-2026"), "tidak dikenali")
	bottest.MustSay(t, h.Text(bottest.TGBudi, "/cuti "+bottest.NIPSari+" 1-12-2026"), "Hanya admin")
	list, _ := h.DB.Leaves(context.Background(), "", "2026-01-01")
	if len(list) != 1 || list[0].NIP != bottest.NIPBudi || list[0].SetBy != bottest.NIPBudi {
		t.Fatalf("leaves %+v", list)
	}
	// Citizens (not linked) cannot use it.
	bottest.MustSay(t, h.Text(9999, "/cuti"), "khusus pegawai")
}

func TestLeaveWithButtonsAndDelete(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	list := h.Text(bottest.TGSari, "/cuti")
	m := bottest.MustSay(t, list, "Cuti Anda", "Belum ada cuti")
	if m.Buttons[0][0].Data != "cuti:add:"+bottest.NIPSari {
		t.Fatalf("buttons %+v", m.Buttons)
	}
	bottest.MustSay(t, h.Press(bottest.TGSari, 3, "cuti:add:"+bottest.NIPSari), "Mulai tanggal berapa")
	bottest.MustSay(t, h.Press(bottest.TGSari, 3, "cuti:from:tomorrow"), "Mulai Rabu, 11 November 2026", "Sampai tanggal berapa")
	bottest.MustSay(t, h.Text(bottest.TGSari, "9-11-2026"), "tidak boleh sebelum")
	bottest.MustSay(t, h.Text(bottest.TGSari, "13 November"), "Cuti dicatat", "Rabu, 11 November 2026 – Jumat, 13 November 2026")
	leaves, _ := h.DB.Leaves(ctx, bottest.NIPSari, "2026-01-01")
	if len(leaves) != 1 || leaves[0].From != "2026-11-11" || leaves[0].To != "2026-11-13" {
		t.Fatalf("leaves %+v", leaves)
	}
	del := bottest.MustSay(t, h.Text(bottest.TGSari, "/cuti"), "Rabu, 11 November 2026")
	data := del.Buttons[1][0].Data
	if want := "cuti:del:" + itoa(leaves[0].ID) + ":" + bottest.NIPSari; data != want || del.Buttons[1][0].Text != "🗑 Hapus 11–13 November 2026" {
		t.Fatalf("delete button %+v; want data %q", del.Buttons[1][0], want)
	}
	// Someone else's forged press does not delete it.
	h.Press(bottest.TGBudi, 4, data)
	if l, _ := h.DB.Leaves(ctx, bottest.NIPSari, "2026-01-01"); len(l) != 1 {
		t.Fatal("another staff member deleted Sari's leave")
	}
	bottest.MustSay(t, h.Press(bottest.TGSari, 4, data), "Belum ada cuti")
	if l, _ := h.DB.Leaves(ctx, bottest.NIPSari, "2026-01-01"); len(l) != 0 {
		t.Fatalf("leave not deleted: %+v", l)
	}
	// Pressed again, the button is stale.
	h.Press(bottest.TGSari, 4, data)
	if got := h.Msg.Answer("cb" + data); got != bot.T(kinerja.LangID, "core.stale_button") {
		t.Fatalf("second press answered %q", got)
	}
}

func TestQuickPickOfAnotherStepIsStale(t *testing.T) {
	h := newHarness(t)
	h.Text(bottest.TGSari, "/cuti")
	h.Press(bottest.TGSari, 3, "cuti:add:"+bottest.NIPSari)
	// "Just that day" belongs to the second step.
	h.Press(bottest.TGSari, 3, "cuti:to:same")
	if got := h.Msg.Answer("cbcuti:to:same"); got != bot.T(kinerja.LangID, "core.stale_button") {
		t.Fatalf("answered %q", got)
	}
	h.Press(bottest.TGSari, 3, "cuti:from:today")
	bottest.MustSay(t, h.Press(bottest.TGSari, 3, "cuti:to:same"), "Cuti dicatat", "Selasa, 10 November 2026")
}

func TestAdminRecordsLeaveForSomeoneAndTheyAreTold(t *testing.T) {
	h := newHarness(t)
	out := h.Text(bottest.TGAdmin, "/cuti "+bottest.NIPBudi+" 1-12-2026 3-12-2026")
	bottest.MustSay(t, out, "Cuti Budi Santoso dicatat")
	told := bottest.MustSay(t, out, "Admin BKPSDM mencatat cuti Anda")
	if told.ChatID != bottest.TGBudi {
		t.Fatalf("the notice went to %d", told.ChatID)
	}
	bottest.MustSay(t, h.Text(bottest.TGAdmin, "/cuti "+bottest.NIPBudi), "Cuti Budi Santoso", "Selasa, 1 Desember 2026")
	// The admin may add and remove it with the buttons too.
	m := bottest.MustSay(t, h.Text(bottest.TGAdmin, "/cuti "+bottest.NIPBudi), "Cuti Budi Santoso")
	bottest.MustSay(t, h.Press(bottest.TGAdmin, 7, m.Buttons[1][0].Data), "Belum ada cuti")
}

func TestTexts(t *testing.T) {
	bottest.CheckTexts(t, "cuti.")
	bottest.CheckTexts(t, "err.leave_")
}

func TestRandomInput(t *testing.T) {
	h := newHarness(t)
	h.RandomInput(300, []int64{bottest.TGBudi, bottest.TGAdmin, 9999})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
