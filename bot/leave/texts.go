package leave

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of /cuti.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"cuti.cmd":     {"Catat cuti agar tidak menerima pengingat", "Record leave so you get no reminders"},
		"cuti.example": {"/cuti 1-12-2026 5-12-2026", "/cuti 1-12-2026 5-12-2026"},
		"cuti.admin_only": {
			"Hanya admin BKPSDM yang dapat mencatat cuti pegawai lain.",
			"Only a BKPSDM admin can record leave for someone else.",
		},
		"cuti.bad_date": {
			"Tanggal %q tidak dikenali. Tulis misalnya <b>5-12-2026</b>, <b>5 Desember 2026</b>, atau <b>besok</b>.",
			"Date %q not recognised. Write for example <b>5-12-2026</b>, <b>5 December 2026</b>, or <b>tomorrow</b>.",
		},
		"cuti.usage": {
			"Cara memakai: /cuti untuk melihat dan menambah cuti, atau langsung <b>/cuti 1-12-2026 5-12-2026</b>.",
			"How to use: /cuti to see and add leave, or directly <b>/cuti 1-12-2026 5-12-2026</b>.",
		},
		"cuti.head_own":      {"🏖 <b>Cuti Anda</b> (hari ini dan seterusnya):", "🏖 <b>Your leave</b> (today onwards):"},
		"cuti.head_other":    {"🏖 <b>Cuti %s</b> (NIP %s):", "🏖 <b>Leave of %s</b> (NIP %s):"},
		"cuti.none":          {"Belum ada cuti yang dicatat.", "No leave recorded."},
		"cuti.delete_button": {"🗑 Hapus %s", "🗑 Remove %s"},
		"cuti.explain": {
			"Selama cuti, Anda tidak menerima pengingat laporan, persetujuan, maupun penilaian.",
			"While on leave you get no reminders about reports, approvals or evaluations.",
		},
		"cuti.add_button": {"➕ Catat cuti", "➕ Record leave"},
		"cuti.ask_from": {
			"Mulai tanggal berapa? Pilih tombol, atau ketik tanggalnya (misalnya <b>1-12-2026</b>).",
			"From which day? Pick a button, or type the date (for example <b>1-12-2026</b>).",
		},
		"cuti.today":     {"Hari ini", "Today"},
		"cuti.tomorrow":  {"Besok", "Tomorrow"},
		"cuti.type_date": {"Silakan ketik tanggalnya, misalnya <b>5-12-2026</b>.", "Please type the date, for example <b>5-12-2026</b>."},
		"cuti.ask_to": {
			"Mulai %s. Sampai tanggal berapa? Ketik tanggal terakhir cuti, atau pilih tombol.",
			"From %s. Until which day? Type the last day of leave, or pick the button.",
		},
		"cuti.one_day": {"Hanya 1 hari", "Just that day"},
		"cuti.end_before_start": {
			"Tanggal akhir tidak boleh sebelum tanggal mulai (%s). Silakan ketik lagi.",
			"The last day cannot be before the first (%s). Please type it again.",
		},
		"cuti.too_long":     {"Satu catatan cuti paling lama %d hari.", "One leave record is at most %d days."},
		"cuti.out_of_range": {"Tanggal cuti harus dalam satu tahun dari hari ini.", "Leave dates must be within a year of today."},
		"cuti.saved_own": {
			"✅ Cuti dicatat: <b>%s</b>. Selama itu Anda tidak menerima pengingat.",
			"✅ Leave recorded: <b>%s</b>. You will get no reminders during it.",
		},
		"cuti.saved_other": {
			"✅ Cuti %s dicatat: <b>%s</b>. Ia tidak menerima pengingat selama itu.",
			"✅ Leave of %s recorded: <b>%s</b>. They get no reminders during it.",
		},
		"cuti.saved_by_admin": {
			"ℹ️ Admin BKPSDM mencatat cuti Anda: <b>%s</b>. Selama itu Anda tidak menerima pengingat.",
			"ℹ️ The BKPSDM admin recorded your leave: <b>%s</b>. You will get no reminders during it.",
		},
		"cuti.deleted": {"Catatan cuti dihapus.", "Leave removed."},

		// Errors of the leave store, which /cuti writes through.
		"err.leave_day":       {"Tanggal %q tidak valid.", "Date %q is not valid."},
		"err.leave_order":     {"Tanggal akhir cuti (%[2]s) sebelum tanggal mulai (%[1]s).", "Leave ends (%[2]s) before it starts (%[1]s)."},
		"err.leave_not_found": {"Catatan cuti tidak ditemukan.", "Leave record not found."},
	})
}
