package tour

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of the guided tour.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"tour.cmd": {"Panduan singkat: apa yang bisa bot ini lakukan untuk Anda", "A short guided tour: what this bot does for you"},
		"tour.citizen": {
			"🧭 <b>Cara menilai layanan:</b> pindai kode QR di loket unit layanan, lalu jawab pertanyaannya dengan tombol (sekitar satu menit).\n" +
				"🔒 Jawaban Anda anonim: akun Telegram Anda tidak disimpan bersama jawaban, dan setiap orang dihitung sekali sehari untuk satu unit.",
			"🧭 <b>How to rate a service:</b> scan the QR code at the service counter, then answer the questions with buttons (about a minute).\n" +
				"🔒 Your answers are anonymous: your Telegram account is not stored with them, and each person counts once a day per unit.",
		},
		"tour.offer": {
			"🧭 Baru di Kinerja Bot? Panduan singkat (%d halaman) menunjukkan apa yang bisa Anda lakukan sebagai %s, dengan tombol untuk mencoba setiap langkah.",
			"🧭 New to Kinerja Bot? A short tour (%d pages) shows what you can do as %s, with buttons to try each step.",
		},
		"tour.start":          {"🧭 Mulai panduan", "🧭 Start the tour"},
		"tour.started_answer": {"Panduan dimulai", "Tour started"},
		"tour.head":           {"🧭 <b>Panduan</b> (%d/%d)", "🧭 <b>Guided tour</b> (%d/%d)"},
		"tour.page_intro": {
			"Halo, <b>%s</b>! Peran Anda: %s.\n\n" +
				"Kinerja Bot mencatat kinerja ASN langsung di Telegram: pekerjaan dilaporkan dengan bukti, atasan menyetujuinya, " +
				"dan penilaian periode dihitung dari data itu — terbuka dan dapat diperiksa.\n\n" +
				"Panduan ini hanya beberapa halaman. Tombol <b>Coba</b> membuka perintahnya; tidak ada yang terkirim sebelum Anda menekan Kirim.",
			"Hello, <b>%s</b>! Your roles: %s.\n\n" +
				"Kinerja Bot records civil servants' performance right in Telegram: work is reported with evidence, the supervisor approves it, " +
				"and the period evaluation is computed from that data — open and verifiable.\n\n" +
				"This tour is only a few pages. The <b>Try</b> buttons open each command; nothing is sent until you press Send.",
		},
		"tour.page_report": {
			"📝 <b>Melaporkan pekerjaan</b>\n" +
				"/lapor — pilih indikator, isi jumlah, tanggal dan uraian, lampirkan foto atau dokumen sebagai bukti, lalu Kirim. " +
				"Atasan Anda menyetujui, menolak atau mengembalikannya dengan alasan.\n" +
				"/laporan — status laporan Anda; yang masih menunggu dapat diubah atau ditarik.\n" +
				"/capaian — capaian terhadap target. Hanya laporan yang disetujui yang dihitung.",
			"📝 <b>Reporting work</b>\n" +
				"/lapor — choose the indicator, enter the quantity, day and description, attach photos or documents as evidence, then Send. " +
				"Your supervisor approves, rejects or returns it with a reason.\n" +
				"/laporan — the status of your reports; a pending one can be edited or withdrawn.\n" +
				"/capaian — achievement against target. Only approved reports count.",
		},
		"tour.page_result": {
			"⭐ <b>Hasil penilaian dan cuti</b>\n" +
				"Setelah periode berakhir, atasan menilai Anda. Bot mengusulkan rating dari data; setiap pilihan lain disertai alasan.\n" +
				"/skor — hasil dan rinciannya. Tidak setuju? /keberatan sebelum batas waktu yang tertera pada hasil; atasan dari atasan Anda yang memutuskan.\n" +
				"/cuti — catat cuti agar tidak menerima pengingat selama cuti.",
			"⭐ <b>Results and leave</b>\n" +
				"After a period ends, your supervisor evaluates you. The bot proposes ratings from the data; any other choice comes with a reason.\n" +
				"/skor — the result and how it came about. Disagree? /keberatan before the deadline shown with the result; your supervisor's superior decides.\n" +
				"/cuti — record leave so you get no reminders while away.",
		},
		"tour.page_approve": {
			"✅ <b>Sebagai pejabat penilai: persetujuan</b>\n" +
				"Laporan bawahan Anda datang sebagai pesan dengan tombol <b>Setujui</b> / <b>Tolak</b> / <b>Kembalikan</b> (menolak atau mengembalikan meminta alasan, yang diteruskan ke pegawai).\n" +
				"/persetujuan — semua yang menunggu, per halaman, dengan \"setujui semua di halaman ini\". Bila ada yang menunggu terlalu lama, bot mengingatkan.",
			"✅ <b>As an assessor: approvals</b>\n" +
				"Your staff's reports arrive as messages with <b>Approve</b> / <b>Reject</b> / <b>Return</b> buttons (rejecting or returning asks for a reason, which the staff member is told).\n" +
				"/persetujuan — everything pending, a page at a time, with \"approve all on this page\". When something waits too long, the bot reminds you.",
		},
		"tour.page_evaluate": {
			"📋 <b>Penilaian periode</b>\n" +
				"/nilai — nilai setiap bawahan dengan tombol: laporan yang disetujui, capaian, usulan hasil kerja, tujuh nilai BerAKHLAK dan predikat. " +
				"Memilih selain usulan meminta alasan. Setiap tekanan tersimpan; /nilai melanjutkan dari tempat terakhir.\n" +
				"/ikm — Indeks Kepuasan Masyarakat unit Anda dari survei warga.",
			"📋 <b>Period evaluation</b>\n" +
				"/nilai — evaluate each subordinate with buttons: approved reports, achievement, the proposed work result, the seven BerAKHLAK values and the predicate. " +
				"Choosing anything but the proposal asks for a reason. Every press is saved; /nilai resumes where you stopped.\n" +
				"/ikm — your unit's public satisfaction index from the citizens' survey.",
		},
		"tour.page_admin": {
			"🛠 <b>Sebagai admin BKPSDM</b>\n" +
				"/ekspor — hasil (laporan, IKM, penilaian, panduan) sebagai XLSX untuk e-Kinerja.\n" +
				"/qr — kode QR survei untuk dicetak di loket.\n" +
				"/predikatunit — predikat kinerja unit; /koreksi — koreksi penilaian yang sudah terkunci, dengan alasan.\n" +
				"/persetujuan dan /ikm mencakup semua unit.",
			"🛠 <b>As a BKPSDM admin</b>\n" +
				"/ekspor — results (reports, IKM, evaluations, onboarding) as XLSX for e-Kinerja.\n" +
				"/qr — the survey QR code to print for the counter.\n" +
				"/predikatunit — a unit's own predicate; /koreksi — correct a locked evaluation, with a reason.\n" +
				"/persetujuan and /ikm cover every unit.",
		},
		"tour.page_end": {
			"🎉 <b>Itu saja!</b>\nUlangi panduan ini kapan saja dengan /panduan; semua perintah ada di /help. Tekan Selesai untuk menutup panduan.",
			"🎉 <b>That's all!</b>\nRepeat this tour any time with /panduan; every command is in /help. Press Done to close the tour.",
		},
		"tour.try":    {"▶️ Coba %s", "▶️ Try %s"},
		"tour.back":   {"◀️ Kembali", "◀️ Back"},
		"tour.next":   {"Lanjut ▶️", "Next ▶️"},
		"tour.skip":   {"Lewati panduan", "Skip the tour"},
		"tour.finish": {"✅ Selesai", "✅ Done"},
		"tour.try_answer": {
			"Membuka %s — panduan tetap di atas.",
			"Opening %s — the tour stays above.",
		},
		"tour.skipped_answer": {"Panduan dilewati", "Tour skipped"},
		"tour.skipped": {
			"Panduan dilewati. Buka lagi kapan saja dengan /panduan; semua perintah ada di /help.",
			"Tour skipped. Open it again any time with /panduan; every command is in /help.",
		},
		"tour.done_answer": {"Panduan selesai", "Tour completed"},
		"tour.done": {
			"✅ Panduan selesai. Ulangi kapan saja dengan /panduan; semua perintah ada di /help.",
			"✅ Tour completed. Repeat it any time with /panduan; every command is in /help.",
		},
		"tour.export_label": {"🧭 Panduan per unit", "🧭 Onboarding per unit"},
	})
}
