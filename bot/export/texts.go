package export

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of /ekspor, with the labels of the kinds features declare.
func init() {
	bot.RegisterTexts(map[string][2]string{
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
