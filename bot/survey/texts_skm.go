package survey

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of the SKM report's parts (issue 15): services, suggestions
// and their follow-up, flags on suspicious ratings.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"svy.greeting_service": {"Layanan yang dinilai: <b>%s</b>", "Service rated: <b>%s</b>"},
		"svy.qr_service_line":  {"Layanan: %s", "Service: %s"},
		"svy.qr_sent_service":  {"Kode QR layanan %s dikirim.", "QR code of service %s sent."},

		"svy.ikm_services_head": {"\n<b>Per jenis layanan</b> (%s):", "\n<b>By type of service</b> (%s):"},
		"svy.ikm_service_line": {
			"• %s: IKM <b>%s</b>, mutu %s, %d responden",
			"• %s: IKM <b>%s</b>, grade %s, %d respondents",
		},
		"svy.ikm_officers_step": {
			"Bulan berjalan: hasil diperbarui setiap %d responden baru, agar satu penilaian tidak dapat dikenali.",
			"Current month: results are updated every %d new respondents, so that no single rating can be told.",
		},

		"svy.svc_bad_minutes": {"standar waktu %q bukan bilangan menit", "standard time %q is not a number of minutes"},
		"svy.svc_no_unit":     {"kode unit kosong", "the unit code is empty"},
		"svy.svc_bad_code": {
			"kode layanan %q tidak valid (huruf, angka, titik, - atau _, paling banyak 24)",
			"service code %q is not valid (letters, digits, dot, - or _, at most 24)",
		},
		"svy.svc_no_name":   {"nama layanan kosong", "the service name is empty"},
		"svy.svc_duplicate": {"layanan %s sudah ada di baris %d", "service %s already given in row %d"},

		"svy.cmd_saran":        {"Saran masyarakat dan tindak lanjutnya", "Citizens' suggestions and their follow-up"},
		"svy.saran_not_head":   {"Saran hanya untuk kepala unit dan admin.", "Suggestions are for unit heads and admins only."},
		"svy.saran_head":       {"💬 <b>Saran masyarakat</b> (%d, terbaru dahulu)", "💬 <b>Citizens' suggestions</b> (%d, newest first)"},
		"svy.saran_item":       {"<b>%d.</b> %s · %s\n«%s»", "<b>%d.</b> %s · %s\n«%s»"},
		"svy.saran_action":     {"✅ Tindak lanjut: %s (%s)", "✅ Follow-up: %s (%s)"},
		"svy.saran_none":       {"Belum ada saran.", "No suggestions yet."},
		"svy.saran_follow_btn": {"✍️ Tindak lanjut %d", "✍️ Follow-up %d"},
		"svy.saran_follow_ask": {
			"Tulis tindak lanjut untuk saran «%s» dalam satu pesan: apa yang sudah dilakukan.",
			"Write the follow-up to the suggestion «%s» in one message: what was done.",
		},
		"svy.saran_follow_bad": {
			"Tindak lanjut harus berupa teks, paling banyak %d karakter. Silakan tulis lagi.",
			"The follow-up must be text of at most %d characters. Please write it again.",
		},
		"svy.saran_follow_done":   {"✅ Tindak lanjut dicatat.", "✅ Follow-up recorded."},
		"ekspor.kind_suggestions": {"Saran masyarakat", "Citizens' suggestions"},

		"svy.flags_head": {
			"⚠️ <b>%d tanda belum ditinjau</b> (tidak mengubah IKM):",
			"⚠️ <b>%d flags not yet reviewed</b> (the IKM is unchanged):",
		},
		"svy.flag_line": {"%d. %s · %s: %s", "%d. %s · %s: %s"},
		"svy.flag_detail.burst": {
			"%d respons antara pukul %s dan %s (batas %d dalam %d menit)",
			"%d responses between %s and %s (threshold %d within %d minutes)",
		},
		"svy.flag_detail.off_hours": {"%d respons di luar jam layanan %s", "%d response(s) outside the opening hours %s"},
		"svy.flag_detail.officer": {
			"rata-rata jawaban petugas %.2f (n=%d) terhadap %.2f (n=%d) untuk bagian unit lainnya, z=%.1f (batas %.2f)",
			"officer's mean answer %.2f (n=%d) against %.2f (n=%d) for the rest of the unit, z=%.1f (threshold %.2f)",
		},
		"svy.flag_detail.pattern":  {"jawaban %s diberikan oleh %d dari %d responden", "the answers %s given by %d of %d respondents"},
		"svy.flag_kind.burst":      {"lonjakan penilaian", "burst of ratings"},
		"svy.flag_kind.off_hours":  {"di luar jam layanan", "outside opening hours"},
		"svy.flag_kind.officer":    {"petugas jauh dari unit", "officer far from the unit"},
		"svy.flag_kind.pattern":    {"pola jawaban berulang", "repeated answer pattern"},
		"svy.flag_review_btn":      {"✔️ Tandai %d sudah ditinjau", "✔️ Mark %d reviewed"},
		"svy.flag_reviewed":        {"Tanda ditandai sudah ditinjau.", "Flag marked reviewed."},
		"ekspor.kind_survey_flags": {"Tanda penilaian mencurigakan", "Flags on suspicious ratings"},

		"svy.report_unanswered":  {"Tidak menjawab", "Not answered"},
		"ekspor.kind_skm_report": {"Laporan SKM", "SKM report"},

		"err.survey_service_not_found":    {"Layanan %s tidak ada di unit %s.", "Service %s does not exist in unit %s."},
		"err.survey_suggestion_not_found": {"Saran tidak ditemukan.", "Suggestion not found."},
		"err.survey_flag_not_found":       {"Tanda tidak ditemukan.", "Flag not found."},
	})
}
