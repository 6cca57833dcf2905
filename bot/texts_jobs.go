package bot

// The texts of /cuti and /ekspor, until they move to their own package.
func init() {
	register(map[string][2]string{
		// Leave (/cuti).
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

		// Exports (/ekspor).
		"ekspor.cmd":     {"Ekspor data (XLSX) untuk laporan", "Export data (XLSX) for reporting"},
		"ekspor.nothing": {"Belum ada data yang dapat diekspor pada versi ini.", "Nothing can be exported in this version yet."},
		"ekspor.ask_period": {
			"📤 <b>Ekspor data</b>\nPilih periode:",
			"📤 <b>Export data</b>\nChoose the period:",
		},
		"ekspor.this_month":       {"Bulan ini (%s)", "This month (%s)"},
		"ekspor.last_month":       {"Bulan lalu (%s)", "Last month (%s)"},
		"ekspor.this_year":        {"Tahun ini (%s)", "This year (%s)"},
		"ekspor.ask_kind":         {"📤 Periode <b>%s</b>. Data apa yang diekspor?", "📤 Period <b>%s</b>. What should be exported?"},
		"ekspor.kind_all":         {"Semua", "Everything"},
		"ekspor.kind_evaluations": {"🏅 Penilaian kinerja dan indikator", "🏅 Evaluations and indicators"},
		"ekspor.kind_reports":     {"📝 Laporan kerja pegawai", "📝 Staff work reports"},
		"ekspor.kind_ikm":         {"⭐ IKM per unit (survei kepuasan)", "⭐ IKM by unit (satisfaction survey)"},
		"ekspor.preparing": {
			"⏳ Menyiapkan berkas ekspor %s… Berkas akan dikirim di chat ini.",
			"⏳ Preparing the export of %s… The file will be sent in this chat.",
		},
		"ekspor.failed": {
			"Maaf, berkas ekspor gagal dibuat. Silakan coba lagi nanti atau hubungi pengelola sistem.",
			"Sorry, the export could not be made. Please try again later or contact the system operator.",
		},
		"ekspor.caption": {"📤 Ekspor %s — %s", "📤 Export of %s — %s"},
	})
}
