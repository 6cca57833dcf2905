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
		// Publishing a follow-up (publish.go).
		"svy.saran_publish_btn":   {"🌐 Publikasikan %d", "🌐 Publish %d"},
		"svy.saran_unpublish_btn": {"🚫 Tarik %d", "🚫 Unpublish %d"},
		"svy.saran_published": {
			"🌐 Dipublikasikan %s sebagai: «%s»",
			"🌐 Published %s as: «%s»",
		},
		"svy.pub_ask_action": {
			"🌐 <b>Publikasikan dengan tanggapan</b>\n\nSaran: «%s»\n\nTuliskan tindakan yang sudah dilakukan atas saran ini. Tindakan ini tampil di situs publik, di bagian \"Anda berkata, kami lakukan\". /cancel untuk batal.",
			"🌐 <b>Publish with a response</b>\n\nSuggestion: «%s»\n\nWrite the action taken on this suggestion. It is shown on the public site, under \"You said, we did\". /cancel to stop.",
		},
		"svy.pub_current_action": {"Tindak lanjut tercatat: «%s»", "Recorded follow-up: «%s»"},
		"svy.pub_keep_action":    {"✅ Pakai tindak lanjut tercatat", "✅ Use the recorded follow-up"},
		"svy.pub_ask_text": {
			"Teks saran yang akan tampil di situs publik. Warga menulis:\n«%s»\n\nKirim teks yang sudah disunting bila perlu: tanpa nama, nomor telepon atau hal pribadi lain. Atau pakai teks aslinya.",
			"The wording of the suggestion on the public site. The citizen wrote:\n«%s»\n\nSend an edited wording if needed: no names, phone numbers or other personal details. Or use the original wording.",
		},
		"svy.pub_original_btn": {"Pakai teks asli", "Use the original wording"},
		"svy.pub_text_bad":     {"Kirim teks saran sebagai pesan teks, paling banyak %d karakter.", "Send the suggestion's wording as a text message of at most %d characters."},
		"svy.pub_personal": {
			"Teks ini tampaknya memuat nomor telepon, alamat e-mail atau nama pengguna. Kirim teks yang sudah disunting tanpa data pribadi.",
			"This wording seems to hold a phone number, an e-mail address or a username. Send an edited wording without personal details.",
		},
		"svy.pub_personal_short": {"Memuat data pribadi: sunting dulu.", "Holds personal details: edit it first."},
		"svy.pub_preview": {
			"👀 <b>Pratinjau di situs publik</b>\n\n<b>Anda berkata:</b> %s\n<b>Kami lakukan:</b> %s (%s)\n\nTidak ada nama yang ditampilkan.",
			"👀 <b>Preview on the public site</b>\n\n<b>You said:</b> %s\n<b>We did:</b> %s (%s)\n\nNo name is shown.",
		},
		"svy.pub_publish_btn":       {"✅ Publikasikan", "✅ Publish"},
		"svy.pub_edit_btn":          {"✏️ Ubah teks saran", "✏️ Edit the wording"},
		"svy.pub_cancel_btn":        {"✖️ Batal", "✖️ Cancel"},
		"svy.pub_use_buttons":       {"Gunakan tombol di bawah pratinjau.", "Use the buttons under the preview."},
		"svy.pub_not_open":          {"Publikasi ini sudah tidak berjalan. Mulai lagi dari /saran.", "This publishing is no longer open. Start again from /saran."},
		"svy.pub_done_short":        {"Dipublikasikan", "Published"},
		"svy.pub_done":              {"✅ Dipublikasikan di halaman unit:\n<b>Anda berkata:</b> %s\n<b>Kami lakukan:</b> %s", "✅ Published on the unit's page:\n<b>You said:</b> %s\n<b>We did:</b> %s"},
		"svy.pub_unpublish_btn":     {"🚫 Tarik dari situs", "🚫 Take it off the site"},
		"svy.pub_unpublished_short": {"Ditarik", "Unpublished"},
		"svy.pub_unpublished": {
			"🚫 Saran «%s» ditarik dari situs publik.",
			"🚫 The suggestion «%s» was taken off the public site.",
		},
		"svy.pub_again_btn":           {"🌐 Publikasikan lagi", "🌐 Publish again"},
		"err.service_start_not_found": {"Tidak ada waktu mulai layanan yang tercatat.", "No start of service is noted."},
		"ekspor.kind_service_times":   {"⏱ Waktu layanan terukur", "⏱ Measured service times"},
	})
}
