package bot

func init() {
	register(map[string][2]string{
		"period.quarter":  {"Triwulan %s %d", "Quarter %s %d"},
		"period.semester": {"Semester %s %d", "Semester %s %d"},
		"period.year":     {"Tahun %d", "Year %d"},

		"role.staff":    {"Pegawai", "Staff"},
		"role.assessor": {"Pejabat Penilai Kinerja", "Assessor"},
		"role.admin":    {"Admin BKPSDM", "BKPSDM admin"},
		"role.citizen":  {"Masyarakat", "Citizen"},

		"core.cmd_start":  {"Mulai dan lihat peran Anda", "Start and see your role"},
		"core.cmd_help":   {"Bantuan: apa yang bisa Anda lakukan", "Help: what you can do"},
		"core.cmd_cancel": {"Batalkan percakapan yang sedang berjalan", "Cancel the current dialogue"},
		"core.cmd_bahasa": {"Ganti bahasa (Indonesia/English)", "Change language (Indonesian/English)"},

		"core.welcome_citizen": {
			"Selamat datang di <b>Kinerja Bot</b> Pemerintah Kota Solok. 👋\n\n" +
				"Warga dapat menilai layanan publik dengan memindai kode QR di loket layanan.\n" +
				"Pegawai: buka tautan undangan dari BKPSDM untuk menghubungkan akun Anda.\n\n" +
				"Ketik /help untuk bantuan.",
			"Welcome to <b>Kinerja Bot</b> of the Solok city government. 👋\n\n" +
				"Citizens can rate a public service by scanning the QR code at the service counter.\n" +
				"Staff: open the invitation link from BKPSDM to link your account.\n\n" +
				"Type /help for help.",
		},
		"core.welcome_staff": {
			"Selamat datang kembali, <b>%s</b>. Peran Anda: %s.\nKetik /help untuk melihat perintah yang tersedia.",
			"Welcome back, <b>%s</b>. Your roles: %s.\nType /help to see the available commands.",
		},
		"core.hello_name": {"Halo, %s!", "Hello, %s!"},
		"core.help_head": {
			"<b>Bantuan Kinerja Bot</b>\nPerintah yang dapat Anda gunakan:",
			"<b>Kinerja Bot help</b>\nCommands you can use:",
		},
		"core.help_citizen_tail": {
			"Untuk menilai layanan, pindai kode QR di loket unit layanan.\n" +
				"Pegawai ASN: minta tautan undangan ke admin BKPSDM, lalu buka tautan itu.",
			"To rate a service, scan the QR code at the service counter.\n" +
				"Civil servants: ask the BKPSDM admin for an invitation link, then open it.",
		},
		"core.cancelled": {
			"Baik, dibatalkan. Tidak ada yang disimpan dari percakapan tadi.",
			"OK, cancelled. Nothing from that dialogue was saved.",
		},
		"core.choose_lang": {"Pilih bahasa:", "Choose a language:"},
		"core.lang_set":    {"Bahasa diubah ke Bahasa Indonesia.", "Language set to English."},
		"core.unknown_hint": {
			"Maaf, saya tidak memahami pesan itu. Ketik /help untuk melihat apa yang bisa saya bantu.",
			"Sorry, I did not understand that. Type /help to see what I can do.",
		},
		"core.unknown_command": {
			"Perintah %s tidak dikenal. Ketik /help untuk daftar perintah.",
			"Unknown command %s. Type /help for the list of commands.",
		},
		"core.need_link": {
			"Perintah ini khusus pegawai yang akunnya sudah terhubung. Minta tautan undangan ke admin BKPSDM, lalu buka tautan itu.",
			"This command is for staff with a linked account. Ask the BKPSDM admin for an invitation link, then open it.",
		},
		"core.not_allowed": {
			"Maaf, perintah %s tidak tersedia untuk peran Anda.",
			"Sorry, %s is not available for your role.",
		},
		"core.not_allowed_button": {
			"Maaf, tombol ini tidak tersedia untuk peran Anda.",
			"Sorry, this button is not available for your role.",
		},
		"core.stale_button": {
			"Tombol ini sudah tidak berlaku.",
			"This button is no longer valid.",
		},
		"core.edited_ignored": {
			"Pesan yang diedit tidak diproses. Silakan kirim ulang sebagai pesan baru.",
			"Edited messages are not processed. Please send it again as a new message.",
		},
		"core.session_expired": {
			"⏱ Percakapan sebelumnya berakhir karena tidak ada aktivitas selama 30 menit. Jawaban yang belum dikirim tidak disimpan.",
			"⏱ Your previous dialogue expired after 30 minutes without activity. Unsent answers were not saved.",
		},
		"core.use_private": {
			"Silakan gunakan bot ini lewat chat pribadi.",
			"Please use this bot in a private chat.",
		},
		"core.use_private_link": {
			"Silakan gunakan bot ini lewat chat pribadi: https://t.me/%s",
			"Please use this bot in a private chat: https://t.me/%s",
		},
		"core.internal_error": {
			"Maaf, terjadi gangguan di sistem kami. Silakan coba lagi beberapa saat lagi.",
			"Sorry, something went wrong on our side. Please try again in a moment.",
		},
		// The database could not commit an update (disk full, locked): the
		// update comes again by itself; the sender is told once.
		"core.busy": {
			"⏳ Maaf, sistem sedang sibuk sehingga pesan Anda belum dapat diproses. Kami mencoba lagi secara otomatis; bila belum ada jawaban dalam beberapa menit, silakan coba lagi.",
			"⏳ Sorry, the system is busy and could not process your message yet. We retry automatically; if there is no answer within a few minutes, please try again.",
		},
		"core.busy_short": {
			"⏳ Sistem sedang sibuk. Silakan coba lagi sebentar lagi.",
			"⏳ The system is busy. Please try again in a moment.",
		},
		"core.alert_uncommitted": {
			"⚠️ <b>Peringatan Kinerja Bot</b>\nBasis data tidak dapat menyimpan pesan pengguna (%s).\nPenyebab: <code>%s</code>\n" +
				"Pesan itu diproses ulang otomatis; pengguna diberi tahu bahwa sistem sibuk. Total percobaan gagal sejak bot berjalan: %d.\n" +
				"Periksa ruang disk dan proses lain yang memakai basis data. Peringatan ini dikirim paling banyak sekali per %d menit.",
			"⚠️ <b>Kinerja Bot alert</b>\nThe database cannot commit users' messages (%s).\nCause: <code>%s</code>\n" +
				"Those messages are retried automatically; users are told the system is busy. Failed attempts since the bot started: %d.\n" +
				"Check the disk space and other processes using the database. This alert is sent at most once per %d minutes.",
		},
		"core.bad_payload": {
			"Tautan ini tidak dikenali. Pastikan Anda membuka tautan lengkap dari BKPSDM atau memindai kode QR resmi.",
			"This link is not recognised. Make sure you opened the full link from BKPSDM or scanned an official QR code.",
		},
		"core.invite_invalid": {
			"Kode undangan tidak valid. Periksa kembali tautan Anda atau minta tautan baru ke admin BKPSDM.",
			"This invitation code is not valid. Check your link or ask the BKPSDM admin for a new one.",
		},
		"core.invite_used": {
			"Kode undangan ini sudah pernah dipakai. Setiap kode hanya berlaku sekali; minta kode baru ke admin BKPSDM.",
			"This invitation code has already been used. Each code works once; ask the BKPSDM admin for a new one.",
		},
		"core.invite_expired": {
			"Kode undangan ini sudah kedaluwarsa. Minta kode baru ke admin BKPSDM.",
			"This invitation code has expired. Ask the BKPSDM admin for a new one.",
		},
		"core.already_linked_same": {
			"Akun Telegram Anda sudah terhubung sebagai <b>%s</b>. Tidak perlu menghubungkan lagi.",
			"Your Telegram account is already linked as <b>%s</b>. No need to link again.",
		},
		"core.already_linked_other": {
			"Akun Telegram ini sudah terhubung dengan NIP %s. Satu akun hanya untuk satu NIP; hubungi admin BKPSDM bila perlu diganti.",
			"This Telegram account is already linked to NIP %s. One account serves one NIP; contact the BKPSDM admin to change it.",
		},
		"core.nip_linked_elsewhere": {
			"NIP ini sudah terhubung dengan akun Telegram lain. Hubungi admin BKPSDM bila itu bukan Anda.",
			"This NIP is already linked to another Telegram account. Contact the BKPSDM admin if that was not you.",
		},
		"core.linked": {
			"✅ Akun terhubung. Selamat datang, <b>%s</b> (NIP %s).\nPeran Anda: %s.\nKetik /help untuk melihat apa yang bisa Anda lakukan.",
			"✅ Account linked. Welcome, <b>%s</b> (NIP %s).\nYour roles: %s.\nType /help to see what you can do.",
		},

		"err.period_format": {
			"Periode %q tidak dikenali. Gunakan YYYY-MM (bulan), YYYY-Qn (triwulan), YYYY-Sn (semester) atau YYYY (tahun).",
			"Period %q not recognised. Use YYYY-MM (month), YYYY-Qn (quarter), YYYY-Sn (semester) or YYYY (year).",
		},
		"err.staff_not_found":          {"NIP %s tidak ada di daftar pegawai.", "NIP %s is not on the roster."},
		"err.not_linked":               {"Akun Telegram ini belum terhubung dengan NIP mana pun.", "This Telegram account is not linked to any NIP."},
		"err.not_linked_nip":           {"NIP %s belum terhubung dengan akun Telegram.", "NIP %s is not linked to a Telegram account."},
		"err.account_linked_elsewhere": {"Akun Telegram ini sudah terhubung dengan NIP lain.", "This Telegram account is already linked to another NIP."},
		"err.unit_not_found":           {"Unit %s tidak ditemukan.", "Unit %s not found."},
		"err.invite_exists":            {"Kode undangan bentrok; silakan ulangi.", "Invitation code collision; please retry."},
		"err.invite_invalid":           {"Kode undangan tidak valid.", "Invalid invitation code."},
		"err.invite_used":              {"Kode undangan sudah dipakai.", "The invitation code was already used."},
		"err.account_not_found":        {"Akun tidak ditemukan.", "Account not found."},
		// Scoring and storage refuse an answer outside the survey's scale
		// with this error, whatever feature stored it.
		"err.ikm_answer": {
			"Jawaban %s bernilai %d; skala survei adalah 1–4.",
			"Answer %s is %d; the survey scale is 1–4.",
		},
		// Storage refuses to open a database that does not exist for a
		// command that only reads.
		"err.db_missing": {
			"Basis data %s tidak ada (atau belum pernah dipakai bot). Periksa KINERJA_DB atau kunci database di konfigurasi; perintah ini tidak membuat basis data baru.",
			"Database %s does not exist (or the bot never used it). Check KINERJA_DB or the database key of the configuration; this command does not create a database.",
		},
		// A second bot process on one SQLite file (storage.LockSQLite).
		"err.db_locked": {
			"Basis data %s sedang dipakai bot lain yang berjalan (%s). Dengan SQLite hanya satu proses bot boleh berjalan: hentikan proses itu dulu, atau pakai PostgreSQL untuk menjalankan beberapa replika.",
			"Database %s is in use by another running bot (%s). With SQLite only one bot process may run: stop that one first, or use PostgreSQL to run several replicas.",
		},
		"err.no_session": {"Tidak ada percakapan yang sedang berjalan.", "No dialogue in progress."},
	})
}
