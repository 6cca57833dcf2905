package survey

import "github.com/bkpsdm-solok/kinerjabot/bot"

func init() {
	bot.RegisterTexts(map[string][2]string{
		"svy.cmd_ikm": {"Indeks Kepuasan Masyarakat (IKM) unit layanan", "Public satisfaction index (IKM) of service units"},
		"svy.cmd_qr":  {"Kode QR survei kepuasan untuk dicetak", "Printable satisfaction survey QR code"},
		"svy.ex_ikm":  {"/ikm lalu pilih unit dengan tombol", "/ikm then choose a unit with the buttons"},
		"svy.ex_qr":   {"/qr lalu pilih unit dengan tombol", "/qr then choose a unit with the buttons"},

		// Starting a survey.
		"svy.link_invalid": {
			"Maaf, tautan survei ini tidak dikenali. Pindai kembali kode QR resmi yang terpasang di loket layanan.",
			"Sorry, this survey link is not recognised. Please scan the official QR code at the service counter again.",
		},
		"svy.link_revoked": {
			"Maaf, kode QR ini sudah tidak berlaku. Silakan pindai kode QR terbaru yang terpasang di loket layanan.",
			"Sorry, this QR code is no longer valid. Please scan the current QR code at the service counter.",
		},
		"svy.own_unit": {
			"Terima kasih, %s. Anda terdaftar sebagai pegawai <b>%s</b>, sehingga penilaian untuk unit Anda sendiri tidak dihitung. Survei ini untuk masyarakat penerima layanan.",
			"Thank you, %s. You are registered as staff of <b>%s</b>, so a rating of your own unit is not counted. This survey is for the citizens who were served.",
		},
		"svy.already_counted": {
			"🙏 Terima kasih! Penilaian Anda untuk <b>%s</b> hari ini sudah tercatat. Setiap orang dihitung satu kali sehari untuk satu unit layanan; silakan menilai lagi pada kunjungan berikutnya.",
			"🙏 Thank you! Your rating of <b>%s</b> for today has already been counted. Each person is counted once a day per service unit; you are welcome to rate again on your next visit.",
		},
		"svy.greeting": {
			"Halo! 👋 Terima kasih telah menggunakan layanan <b>%s</b>.\n\nMohon bantu kami dengan menilai pelayanan hari ini: %d pertanyaan singkat, cukup tekan tombol jawaban. Penilaian Anda <b>anonim</b>: nama dan akun Telegram Anda tidak disimpan.",
			"Hello! 👋 Thank you for using the services of <b>%s</b>.\n\nPlease help us by rating today's service: %d short questions, just press an answer button. Your rating is <b>anonymous</b>: your name and Telegram account are not stored.",
		},
		"svy.greeting_officer": {
			"Halo! 👋 Terima kasih telah menggunakan layanan <b>%s</b>, dilayani oleh <b>%s</b>.\n\nMohon bantu kami dengan menilai pelayanan hari ini: %d pertanyaan singkat, cukup tekan tombol jawaban. Penilaian Anda <b>anonim</b>: nama dan akun Telegram Anda tidak disimpan.",
			"Hello! 👋 Thank you for using the services of <b>%s</b>, served by <b>%s</b>.\n\nPlease help us by rating today's service: %d short questions, just press an answer button. Your rating is <b>anonymous</b>: your name and Telegram account are not stored.",
		},

		// The questions themselves are the questionnaire's (questionnaire.json).
		"svy.question": {
			"<b>Survei Kepuasan Masyarakat</b> · %s\n\n<b>Pertanyaan %d/%d</b> — %s\n%s",
			"<b>Public Satisfaction Survey</b> · %s\n\n<b>Question %d/%d</b> — %s\n%s",
		},
		"svy.btn_back":   {"⬅️ Kembali", "⬅️ Back"},
		"svy.btn_cancel": {"✖️ Batal", "✖️ Cancel"},
		"svy.btn_skip":   {"Lewati ➡️", "Skip ➡️"},

		// Optional respondent profile.
		"svy.profile_question": {
			"<b>Survei Kepuasan Masyarakat</b> · %s\n\n<b>Data responden %d/%d</b> (boleh dilewati)\n%s",
			"<b>Public Satisfaction Survey</b> · %s\n\n<b>About you %d/%d</b> (optional)\n%s",
		},
		"svy.p_skip":        {"Tidak ingin menjawab", "Prefer not to say"},
		"svy.p_gender":      {"Jenis kelamin Anda?", "Your gender?"},
		"svy.p_gender.L":    {"Laki-laki", "Male"},
		"svy.p_gender.P":    {"Perempuan", "Female"},
		"svy.p_age":         {"Usia Anda?", "Your age?"},
		"svy.p_age.lt20":    {"Di bawah 20 tahun", "Under 20"},
		"svy.p_age.20-29":   {"20–29 tahun", "20–29"},
		"svy.p_age.30-39":   {"30–39 tahun", "30–39"},
		"svy.p_age.40-49":   {"40–49 tahun", "40–49"},
		"svy.p_age.50+":     {"50 tahun ke atas", "50 or over"},
		"svy.p_edu":         {"Pendidikan terakhir Anda?", "Your highest education?"},
		"svy.p_edu.sd":      {"SD atau di bawahnya", "Primary school or less"},
		"svy.p_edu.smp":     {"SMP sederajat", "Junior high school"},
		"svy.p_edu.sma":     {"SMA/SMK sederajat", "Senior high school"},
		"svy.p_edu.d3":      {"Diploma (D1–D3)", "Diploma (D1–D3)"},
		"svy.p_edu.s1":      {"D4/S1", "Bachelor (D4/S1)"},
		"svy.p_edu.s2":      {"S2/S3", "Master or doctorate"},
		"svy.p_job":         {"Pekerjaan utama Anda?", "Your main occupation?"},
		"svy.p_job.asn":     {"PNS/TNI/Polri", "Civil servant/military/police"},
		"svy.p_job.swasta":  {"Pegawai swasta", "Private employee"},
		"svy.p_job.wira":    {"Wiraswasta/usahawan", "Self-employed"},
		"svy.p_job.pelajar": {"Pelajar/mahasiswa", "Student"},
		"svy.p_job.lain":    {"Lainnya", "Other"},

		// Suggestion and the end.
		"svy.saran_prompt": {
			"<b>Survei Kepuasan Masyarakat</b> · %s\n\n<b>Saran (boleh dilewati)</b>\nTulis saran atau masukan Anda dalam satu pesan, paling banyak %d karakter. Atau tekan <b>Lewati</b>.",
			"<b>Public Satisfaction Survey</b> · %s\n\n<b>Suggestion (optional)</b>\nWrite your suggestion or feedback in one message, at most %d characters. Or press <b>Skip</b>.",
		},
		"svy.saran_received": {"📝 Saran Anda sudah kami terima.", "📝 Your suggestion has been received."},
		"svy.thanks": {
			"🙏 Terima kasih! Penilaian Anda untuk <b>%s</b> sudah kami terima. Masukan Anda membantu kami memperbaiki pelayanan.",
			"🙏 Thank you! Your rating of <b>%s</b> has been received. Your feedback helps us improve the service.",
		},
		"svy.use_buttons": {
			"Silakan jawab dengan menekan salah satu tombol jawaban di bawah pertanyaan. Pertanyaannya saya kirim ulang di bawah ini.",
			"Please answer by pressing one of the answer buttons under the question. Here it is again.",
		},
		"svy.saran_text_only": {
			"Saran hanya dapat dikirim sebagai pesan teks. Tulis saran Anda, atau tekan <b>Lewati</b>.",
			"A suggestion can only be sent as a text message. Write your suggestion, or press <b>Skip</b>.",
		},
		"svy.saran_too_long": {
			"Saran Anda terlalu panjang (%d karakter); paling banyak %d karakter. Silakan persingkat lalu kirim lagi, atau tekan <b>Lewati</b>.",
			"Your suggestion is too long (%d characters); at most %d characters. Please shorten it and send it again, or press <b>Skip</b>.",
		},
		"svy.saran_empty": {
			"Saran masih kosong. Tulis saran Anda, atau tekan <b>Lewati</b>.",
			"The suggestion is empty. Write your suggestion, or press <b>Skip</b>.",
		},
		"svy.answered_before": {
			"Pertanyaan itu sudah dijawab. Tekan ⬅️ Kembali untuk mengubah jawaban.",
			"That question was already answered. Press ⬅️ Back to change the answer.",
		},
		"svy.first_question": {"Ini pertanyaan pertama.", "This is the first question."},
		"svy.not_running": {
			"Survei ini sudah berakhir atau dibatalkan; jawabannya tidak dihitung. Pindai kode QR di loket layanan untuk mengisi survei lagi.",
			"This survey has ended or was cancelled; its answers were not counted. Scan the QR code at the service counter to take the survey again.",
		},
		"svy.replaced": {
			"Survei ini digantikan oleh survei yang baru Anda buka. Silakan lanjutkan di pesan survei terbaru.",
			"This survey was replaced by the one you opened since. Please continue in the latest survey message.",
		},
		"svy.cancelled": {
			"Survei dibatalkan. Tidak ada jawaban yang dihitung. Terima kasih atas waktu Anda.",
			"Survey cancelled. No answers were counted. Thank you for your time.",
		},
		"svy.expired": {
			"⏱ Survei berakhir karena tidak ada jawaban selama 30 menit; jawabannya tidak dihitung. Pindai kode QR di loket layanan bila ingin mengisi lagi.",
			"⏱ The survey ended after 30 minutes without an answer; its answers were not counted. Scan the QR code at the service counter to take it again.",
		},

		// Alert to the unit head.
		"svy.alert": {
			"🔔 <b>Penilaian layanan baru</b> untuk <b>%s</b>\n\n%s\n\n<i>Diteruskan otomatis; identitas penilai tidak disimpan.</i>",
			"🔔 <b>New service rating</b> for <b>%s</b>\n\n%s\n\n<i>Forwarded automatically; the respondent's identity is not stored.</i>",
		},
		"svy.alert_officer": {" (petugas: %s)", " (officer: %s)"},
		"svy.alert_low":     {"Jawaban terendah (1 dari 4):", "Lowest answers (1 of 4):"},
		"svy.alert_saran":   {"Saran: «%s»", "Suggestion: «%s»"},

		// IKM report.
		"svy.ikm_choose_unit": {
			"Pilih unit layanan untuk melihat Indeks Kepuasan Masyarakat (IKM):",
			"Choose a service unit to see its public satisfaction index (IKM):",
		},
		"svy.ikm_nothing": {
			"Belum ada hasil survei yang dapat Anda lihat. IKM unit dapat dilihat admin BKPSDM dan kepala unit; hasil per petugas dapat dilihat pejabat penilainya.",
			"There are no survey results you can see. A unit's IKM is for BKPSDM admins and the unit head; per-officer results are for the officer's assessor.",
		},
		"svy.ikm_head": {
			"📊 <b>IKM %s</b> (%s)\nPermenPANRB 14/2017, skala 25–100\n",
			"📊 <b>IKM %s</b> (%s)\nPermenPANRB 14/2017, scale 25–100\n",
		},
		"svy.ikm_month":      {"• <b>%s</b>: IKM <b>%s</b>, mutu %s (%s), %d responden", "• <b>%s</b>: IKM <b>%s</b>, grade %s (%s), %d respondents"},
		"svy.ikm_month_none": {"• <b>%s</b>: belum ada responden", "• <b>%s</b>: no respondents yet"},
		"svy.ikm_provisional": {
			"\n   <i>sementara: sampel minimal %d responden</i>",
			"\n   <i>provisional: the sample needs %d respondents</i>",
		},
		"svy.ikm_breakdown": {"\n<b>NRR per unsur, %s</b> (skala 1–4):", "\n<b>NRR per element, %s</b> (scale 1–4):"},
		"svy.ikm_unsur":     {"%s %s: %s", "%s %s: %s"},
		"svy.ikm_weakest": {
			"\n🔻 Unsur terlemah: <b>%s %s</b> (NRR %s). Utamakan perbaikan di sini.",
			"\n🔻 Weakest element: <b>%s %s</b> (NRR %s). Improve this first.",
		},
		"svy.ikm_no_data": {
			"\nBelum ada responden dalam empat bulan terakhir. Pasang kode QR survei di loket layanan (admin: /qr).",
			"\nNo respondents in the last four months. Put the survey QR code up at the service counter (admin: /qr).",
		},
		"svy.ikm_officers_btn": {"👥 Hasil per petugas", "👥 Results per officer"},
		"svy.ikm_units_btn":    {"⬅️ Daftar unit", "⬅️ Unit list"},
		"svy.ikm_officers_head": {
			"👥 <b>Hasil survei per petugas</b> (bawahan Anda)\nHanya ditampilkan secara agregat, dan setelah ada paling sedikit %d penilaian dalam sebulan.\n",
			"👥 <b>Survey results per officer</b> (your staff)\nShown only in aggregate, and only once a month has at least %d ratings.\n",
		},
		"svy.ikm_officer_line": {"• <b>%s</b> — %s: IKM <b>%s</b>, mutu %s (%s), %d penilaian", "• <b>%s</b> — %s: IKM <b>%s</b>, grade %s (%s), %d ratings"},
		"svy.ikm_officer_few":  {"• <b>%s</b> — %s: belum cukup penilaian", "• <b>%s</b> — %s: not enough ratings yet"},
		"svy.ikm_no_officers":  {"Anda belum memiliki bawahan di daftar pegawai.", "You have no staff on the roster."},
		"svy.page_next":        {"Berikutnya ➡️", "Next ➡️"},
		"svy.page_prev":        {"⬅️ Sebelumnya", "⬅️ Previous"},

		// QR codes for admins.
		"svy.qr_choose_unit": {"Pilih unit layanan untuk kode QR survei:", "Choose the service unit for the survey QR code:"},
		"svy.qr_caption": {
			"Kode QR survei kepuasan untuk <b>%s</b>%s.\nTautan: %s\nCetak dan pasang di loket layanan.",
			"Satisfaction survey QR code for <b>%s</b>%s.\nLink: %s\nPrint it and put it up at the service counter.",
		},
		"svy.qr_sent": {
			"Kode QR untuk <b>%s</b> dikirim di bawah. Untuk kode QR per petugas (hasilnya juga masuk ke penilaian petugas itu), pilih petugas:",
			"The QR code for <b>%s</b> is sent below. For a QR code per officer (its results also count for that officer), choose the officer:",
		},
		"svy.qr_sent_officer": {"Kode QR untuk <b>%s</b> dikirim di bawah.", "The QR code for <b>%s</b> is sent below."},
		"svy.qr_scan_hint":    {"Pindai untuk menilai layanan kami", "Scan to rate our service"},
		"svy.qr_officer_line": {"Petugas: %s", "Officer: %s"},

		"err.survey_link_exists":     {"Kode survei bentrok; silakan ulangi.", "Survey code collision; please retry."},
		"err.survey_link_not_found":  {"Tautan survei tidak ditemukan.", "Survey link not found."},
		"err.survey_already_counted": {"Penilaian hari ini sudah tercatat.", "Today's rating was already counted."},
		"err.survey_officer_unit": {
			"Petugas %s bukan pegawai unit %s.",
			"Officer %s is not staff of unit %s.",
		},
		"err.survey_payload": {"Kode survei %q tidak valid.", "Survey code %q is not valid."},
	})
}
