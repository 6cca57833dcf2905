package survey

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of the measured speed of service and of published follow-ups.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"svy.start_ack": {
			"⏱ Waktu mulai layanan Anda di <b>%s</b> tercatat. Setelah selesai dilayani, pindai kode QR survei untuk menilai layanan kami.",
			"⏱ The start of your service at <b>%s</b> is noted. When you have been served, scan the survey QR code to rate our service.",
		},
		"svy.start_own_unit": {
			"Kode ini untuk masyarakat yang dilayani <b>%s</b>; waktu layanan pegawai unit sendiri tidak diukur.",
			"This code is for citizens served by <b>%s</b>; the unit's own staff are not timed.",
		},
		"svy.start_card_title": {"MULAI LAYANAN", "START OF SERVICE"},
		"svy.start_card_hint": {
			"Pindai saat mengambil nomor antrean. Waktu layanan diukur tanpa nama sampai Anda mengisi survei.",
			"Scan when you take your queue number. The service time is measured without your name until you fill in the survey.",
		},
		"svy.qr_start_btn": {"⏱ QR Mulai layanan", "⏱ Start-of-service QR"},
		"svy.qr_start_caption": {
			"Kode QR <b>Mulai layanan</b> untuk <b>%s</b>%s.\nTautan: %s\nPasang di mesin antrean atau pintu masuk: waktu dari pindaian ini sampai warga membuka survei diukur sebagai waktu layanan (anonim).",
			"<b>Start-of-service</b> QR code for <b>%s</b>%s.\nLink: %s\nPut it at the queue ticket machine or the entrance: the time from this scan until the citizen opens the survey is measured as the service time (anonymously).",
		},
		"err.service_start_not_found": {"Tidak ada waktu mulai layanan yang tercatat.", "No start of service is noted."},
		"ekspor.kind_service_times":   {"⏱ Waktu layanan terukur", "⏱ Measured service times"},
	})
}
