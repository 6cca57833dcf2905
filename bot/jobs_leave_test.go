package bot

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

func TestParseLeaveDay(t *testing.T) {
	today := at(2026, 11, 10, 0, 0)
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
			got, ok := parseLeaveDay(tc.in, today)
			if tc.want == "" {
				if ok {
					t.Fatalf("got %v, want not a date", got)
				}
				return
			}
			if !ok || kinerja.DayString(got, wib) != tc.want || got.Location() != wib {
				t.Fatalf("got %v %v, want %s", got, ok, tc.want)
			}
		})
	}
}

func TestLeaveTypedInOneLine(t *testing.T) {
	h := newJobsHarness(t)
	mustSay(t, h.text(jtBudi, "/cuti 1-12-2026 5-12-2026"), "Cuti dicatat", "Selasa, 1 Desember 2026 – Sabtu, 5 Desember 2026")
	mustSay(t, h.text(jtBudi, "/cuti 5-12-2026 1-12-2026"), "tidak boleh sebelum")
	mustSay(t, h.text(jtBudi, "/cuti 32-12-2026"), "tidak dikenali")
	mustSay(t, h.text(jtBudi, "/cuti "+nipSari+" 1-12-2026"), "Hanya admin")
	list, _ := h.db.Leaves(context.Background(), "", "2026-01-01")
	if len(list) != 1 || list[0].NIP != nipBudi || list[0].SetBy != nipBudi {
		t.Fatalf("leaves %+v", list)
	}
	// Citizens (not linked) cannot use it.
	mustSay(t, h.text(9999, "/cuti"), "khusus pegawai")
}

func TestLeaveWithButtonsAndDelete(t *testing.T) {
	h := newJobsHarness(t)
	ctx := context.Background()
	list := h.text(jtSari, "/cuti")
	m := mustSay(t, list, "Cuti Anda", "Belum ada cuti")
	if m.Buttons[0][0].Data != "cuti:add:"+nipSari {
		t.Fatalf("buttons %+v", m.Buttons)
	}
	mustSay(t, h.press(jtSari, 3, "cuti:add:"+nipSari), "Mulai tanggal berapa")
	mustSay(t, h.press(jtSari, 3, "cuti:from:tomorrow"), "Mulai Rabu, 11 November 2026", "Sampai tanggal berapa")
	mustSay(t, h.text(jtSari, "9-11-2026"), "tidak boleh sebelum")
	mustSay(t, h.text(jtSari, "13 November"), "Cuti dicatat", "Rabu, 11 November 2026 – Jumat, 13 November 2026")
	leaves, _ := h.db.Leaves(ctx, nipSari, "2026-01-01")
	if len(leaves) != 1 || leaves[0].From != "2026-11-11" || leaves[0].To != "2026-11-13" {
		t.Fatalf("leaves %+v", leaves)
	}
	del := mustSay(t, h.text(jtSari, "/cuti"), "Rabu, 11 November 2026")
	data := del.Buttons[1][0].Data
	// Someone else's forged press does not delete it.
	h.press(jtBudi, 4, data)
	if l, _ := h.db.Leaves(ctx, nipSari, "2026-01-01"); len(l) != 1 {
		t.Fatal("another staff member deleted Sari's leave")
	}
	mustSay(t, h.press(jtSari, 4, data), "Belum ada cuti")
	if l, _ := h.db.Leaves(ctx, nipSari, "2026-01-01"); len(l) != 0 {
		t.Fatalf("leave not deleted: %+v", l)
	}
}

func TestAdminRecordsLeaveForSomeoneAndTheyAreTold(t *testing.T) {
	h := newJobsHarness(t)
	out := h.text(jtAdmin, "/cuti "+nipBudi+" 1-12-2026 3-12-2026")
	mustSay(t, out, "Cuti Budi Santoso dicatat")
	told := mustSay(t, out, "Admin BKPSDM mencatat cuti Anda")
	if told.ChatID != jtBudi {
		t.Fatalf("the notice went to %d", told.ChatID)
	}
	mustSay(t, h.text(jtAdmin, "/cuti "+nipBudi), "Cuti Budi Santoso", "Selasa, 1 Desember 2026")
	// That the reminders skip people on leave is tested in bot/jobs.
}

func TestExportInChat(t *testing.T) {
	h := newJobsHarness(t)
	saved := exportKinds
	t.Cleanup(func() { exportKinds = saved })
	exportKinds = nil
	mustSay(t, h.text(jtAdmin, "/ekspor"), "Belum ada data yang dapat diekspor")
	var asked kinerja.Period
	registerExportKind(exportKind{key: "uji", label: "cuti.today", build: func(b *Bot, ctx context.Context, tx kinerja.Tx, p kinerja.Period) ([]sheet.Sheet, error) {
		asked = p
		return []sheet.Sheet{{Name: "Uji", Header: []string{"NIP", "nama"}, Rows: [][]string{{nipBudi, "Budi"}}}}, nil
	}})
	mustSay(t, h.text(jtBudi, "/ekspor"), "tidak tersedia")
	m := mustSay(t, h.text(jtAdmin, "/ekspor"), "Pilih periode")
	if m.Buttons[1][0].Data != "ekspor:p:2026-10" || m.Buttons[2][0].Data != "ekspor:p:2026" {
		t.Fatalf("period buttons %+v", m.Buttons)
	}
	mustSay(t, h.press(jtAdmin, 5, "ekspor:p:2026-10"), "Oktober 2026")
	out := h.press(jtAdmin, 5, "ekspor:k:2026-10:uji")
	mustSay(t, out, "Menyiapkan")
	doc := mustSay(t, out, "Ekspor")
	if doc.Document == nil || doc.FileName != "kinerja-uji-2026-10.xlsx" || asked.String() != "2026-10" {
		t.Fatalf("document %q (%d bytes), period %v", doc.FileName, len(doc.Document), asked)
	}
	tbl, err := sheet.ReadFrom(strings.NewReader(string(doc.Document)), ".xlsx")
	if err != nil || len(tbl.Rows) != 1 || tbl.Rows[0].Cell(0) != nipBudi {
		t.Fatalf("workbook: %+v, %v", tbl, err)
	}
	// A forged press by a non-admin builds nothing.
	asked = kinerja.Period{}
	h.press(jtBudi, 5, "ekspor:k:2026-10:uji")
	if !asked.IsZero() {
		t.Fatal("a non-admin's press built an export")
	}
}
