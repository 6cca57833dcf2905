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

		"err.survey_service_not_found":    {"Layanan %s tidak ada di unit %s.", "Service %s does not exist in unit %s."},
		"err.survey_suggestion_not_found": {"Saran tidak ditemukan.", "Suggestion not found."},
		"err.survey_flag_not_found":       {"Tanda tidak ditemukan.", "Flag not found."},
	})
}
