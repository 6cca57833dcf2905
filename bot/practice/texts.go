package practice

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of practice mode.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"ltn.cmd":     {"Mode latihan: coba semua fitur dengan data latihan yang tidak dihitung", "Practice mode: try everything on practice data that never counts"},
		"ltn.example": {"/latihan, lalu /latihan selesai", "/practice, then /practice done"},
		"ltn.private_only": {"Mode latihan hanya tersedia di chat pribadi dengan bot.",
			"Practice mode is available only in a private chat with the bot."},
		"ltn.unavailable": {"Mode latihan belum tersedia di sini.", "Practice mode is not available here."},
		"ltn.usage": {"Ketik /latihan untuk mulai berlatih dan /latihan selesai untuk kembali.",
			"Type /practice to start practising and /practice done to go back."},
		"ltn.not_on": {"Anda sedang tidak dalam mode latihan.", "You are not in practice mode."},
		"ltn.welcome": {
			"Anda sekarang dalam <b>mode latihan</b>. Semua perintah bekerja seperti biasa, tetapi pada data latihan: " +
				"tidak dihitung dan tidak masuk ekspor, ringkasan, maupun log audit. Latihan berakhir dengan /latihan selesai atau otomatis setelah sehari. " +
				"Setiap pesan latihan diberi tanda 🧪.",
			"You are now in <b>practice mode</b>. Every command works as usual, but on practice data: " +
				"it never counts and never reaches exports, summaries or the audit log. Practice ends with /practice done or by itself after a day. " +
				"Every practice message is marked 🧪.",
		},
		"ltn.try_staff": {
			"Coba: /lapor laporkan pekerjaan dengan foto atau dokumen sebagai bukti, /laporan lihat dan ubah laporan, /capaian, /skor, /cuti.",
			"Try: /lapor report work with a photo or document as evidence, /laporan see and edit reports, /capaian, /skor, /cuti.",
		},
		"ltn.superior_real": {"Laporan latihan Anda menunggu keputusan <b>%s</b> (di mode latihannya).",
			"Your practice reports wait for <b>%s</b> to decide (in their practice mode)."},
		"ltn.superior_invented": {"Laporan latihan Anda dikirim ke atasan latihan, <b>%s</b>.",
			"Your practice reports go to a practice assessor, <b>%s</b>."},
		"ltn.try_assessor": {
			"Sebagai penilai: <b>Pegawai Latihan</b> sudah mengirim dua laporan latihan. Buka /persetujuan untuk menyetujui, menolak atau mengembalikannya, lalu coba /nilai dan /ikm.",
			"As an assessor: <b>Pegawai Latihan</b> has sent two practice reports. Open /persetujuan to approve, reject or return them, then try /nilai and /ikm.",
		},
		"ltn.how_to_end": {"Selesai? Ketik /latihan selesai atau tekan tombol di bawah.", "Done? Type /practice done or press the button below."},
		"ltn.end_button": {"✅ Selesai latihan", "✅ End practice"},
		"ltn.status": {"Anda dalam mode latihan sejak %s; latihan berakhir otomatis %s.",
			"You have been in practice mode since %s; it ends by itself at %s."},
		"ltn.ended_answer": {"Latihan selesai", "Practice ended"},
		"ltn.ended": {"✅ Latihan selesai; mulai sekarang semua yang Anda kirim adalah data sebenarnya. Data latihan tidak pernah dihitung dan dihapus begitu tidak ada lagi yang sedang berlatih, paling lambat dua hari.",
			"✅ Practice ended; from now on everything you send is real. Practice data never counts and is deleted as soon as nobody is practising, within two days at most."},
		"ltn.ended_done": {"👍 Anda sudah mencoba melaporkan atau memutuskan laporan. Terima kasih!",
			"👍 You have tried reporting or deciding a report. Thank you!"},
		"ltn.expired": {"⏰ Mode latihan Anda berakhir otomatis setelah sehari; mulai sekarang semua yang Anda kirim adalah data sebenarnya. Ketik /latihan untuk berlatih lagi.",
			"⏰ Your practice mode ended by itself after a day; from now on everything you send is real. Type /practice to practise again."},
		"ltn.stale": {"🧪 Tombol ini dari latihan yang sudah selesai.", "🧪 This button is from a practice that has ended."},
	})
}
