package evaluation

import "github.com/bkpsdm-solok/kinerjabot/bot"

// Texts of /nilai, the ratings, the BerAKHLAK values, the distribution
// check and the errors of package scoring.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"rating.none":   {"—", "—"},
		"rating.1":      {"Di Bawah Ekspektasi", "Below expectations"},
		"rating.2":      {"Sesuai Ekspektasi", "Meets expectations"},
		"rating.3":      {"Di Atas Ekspektasi", "Above expectations"},
		"rating.short1": {"Di Bawah", "Below"},
		"rating.short2": {"Sesuai", "Meets"},
		"rating.short3": {"Di Atas", "Above"},

		"value.berorientasi_pelayanan": {"Berorientasi Pelayanan", "Service-oriented"},
		"value.akuntabel":              {"Akuntabel", "Accountable"},
		"value.kompeten":               {"Kompeten", "Competent"},
		"value.harmonis":               {"Harmonis", "Harmonious"},
		"value.loyal":                  {"Loyal", "Loyal"},
		"value.adaptif":                {"Adaptif", "Adaptive"},
		"value.kolaboratif":            {"Kolaboratif", "Collaborative"},
		"value_desc.berorientasi_pelayanan": {
			"Memahami dan memenuhi kebutuhan masyarakat; ramah, cekatan, solutif, dan dapat diandalkan; terus memperbaiki layanan.",
			"Understands and meets the public's needs; friendly, quick, solution-minded and reliable; keeps improving the service.",
		},
		"value_desc.akuntabel": {
			"Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan berintegritas; memakai barang milik negara secara bertanggung jawab; tidak menyalahgunakan wewenang.",
			"Works honestly, responsibly, carefully, with discipline and integrity; uses state property responsibly; does not abuse authority.",
		},
		"value_desc.kompeten": {
			"Terus belajar dan mengembangkan kapabilitas; membantu orang lain belajar; melaksanakan tugas dengan kualitas terbaik.",
			"Keeps learning and building capability; helps others learn; does the work to the best quality.",
		},
		"value_desc.harmonis": {
			"Menghargai setiap orang apa pun latar belakangnya; suka menolong; membangun lingkungan kerja yang kondusif.",
			"Respects everyone whatever their background; helps others; builds a good working environment.",
		},
		"value_desc.loyal": {
			"Setia kepada Pancasila, UUD 1945, NKRI, dan pemerintahan yang sah; menjaga nama baik ASN, pimpinan, instansi, dan negara; menjaga rahasia jabatan.",
			"Loyal to Pancasila, the 1945 Constitution, the Republic and its lawful government; upholds the good name of the civil service, leaders, office and state; keeps official secrets.",
		},
		"value_desc.adaptif": {
			"Cepat menyesuaikan diri menghadapi perubahan; terus berinovasi dan mengembangkan kreativitas; bertindak proaktif.",
			"Adapts quickly to change; keeps innovating and being creative; acts proactively.",
		},
		"value_desc.kolaboratif": {
			"Memberi kesempatan berbagai pihak berkontribusi; terbuka bekerja sama menghasilkan nilai tambah; menggerakkan sumber daya untuk tujuan bersama.",
			"Lets others contribute; works together openly to add value; mobilises resources for shared goals.",
		},

		"eval.cmd_nilai": {"Nilai kinerja pegawai Anda untuk satu periode", "Evaluate your staff for a period"},
		"eval.ex_nilai":  {"/nilai (bulan lalu) atau /nilai 2026-10", "/nilai (last month) or /nilai 2026-10"},
		"eval.flow_expired": {
			"⏱ Penulisan alasan berakhir karena tidak ada aktivitas selama 30 menit. Penilaian yang sudah tersimpan tidak hilang; ketik /nilai untuk melanjutkan.",
			"⏱ Writing the reason expired after 30 minutes without activity. What was already saved is kept; type /nilai to continue.",
		},
		"eval.overview_head": {
			"📋 <b>Penilaian kinerja — %s</b>\nBatas penilaian: %s\nSelesai: <b>%d dari %d pegawai</b>\n",
			"📋 <b>Performance evaluation — %s</b>\nDeadline: %s\nDone: <b>%d of %d staff</b>\n",
		},
		"eval.overview_late": {"⚠️ Batas penilaian sudah lewat; mohon segera diselesaikan.", "⚠️ The deadline has passed; please finish soon."},
		"eval.overview_line": {"%s %s — %s", "%s %s — %s"},
		"eval.st_none":       {"belum dinilai", "not started"},
		"eval.st_draft":      {"sedang dinilai", "in progress"},
		"eval.no_subordinates": {
			"Tidak ada pegawai yang Anda nilai untuk periode ini (menurut data atasan pada akhir periode).",
			"You evaluate nobody for this period (by the roster's superiors at the end of the period).",
		},
		"eval.btn_continue": {"▶️ Lanjutkan: %s", "▶️ Continue: %s"},
		"eval.all_done":     {"🎉 Semua pegawai untuk periode ini sudah dinilai.", "🎉 Everyone for this period has been evaluated."},
		"eval.overview_other_periods": {
			"Periode lain: tombol di bawah, atau ketik misalnya <code>/nilai 2026-Q3</code> (triwulan), <code>/nilai 2026-S1</code> (semester), <code>/nilai 2026</code> (tahunan).",
			"Other periods: the buttons below, or type e.g. <code>/nilai 2026-Q3</code> (quarter), <code>/nilai 2026-S1</code> (semester), <code>/nilai 2026</code> (year).",
		},
		"eval.card_head":      {"📋 Penilaian %s — pegawai <b>%d dari %d</b> (selesai %d)", "📋 Evaluation %s — staff <b>%d of %d</b> (%d done)"},
		"eval.card_person":    {"<b>%s</b> — %s\nNIP %s", "<b>%s</b> — %s\nNIP %s"},
		"eval.card_on_behalf": {"👥 Anda menilai atas nama %s.", "👥 You evaluate on behalf of %s."},
		"eval.reports":        {"📑 Laporan kerja disetujui: <b>%d</b>", "📑 Approved work reports: <b>%d</b>"},
		"eval.no_indicators": {
			"📊 Belum ada indikator dengan target untuk periode ini.",
			"📊 No indicator with a target for this period yet.",
		},
		"eval.indicators_head": {"📊 Indikator (realisasi dari laporan yang disetujui):", "📊 Indicators (realisation from approved reports):"},
		"eval.indicator": {
			"• %s: realisasi %s dari target %s %s → capaian <b>%s%%</b>",
			"• %s: realised %s of a target of %s %s → achievement <b>%s%%</b>",
		},
		"eval.indicator_lower": {
			"• %s: realisasi %s terhadap target %s %s (makin kecil makin baik) → capaian <b>%s%%</b>",
			"• %s: realised %s against a target of %s %s (lower is better) → achievement <b>%s%%</b>",
		},
		"eval.indicator_from_ikm": {" <i>(IKM unit dari survei masyarakat)</i>", " <i>(the unit's IKM from the citizen survey)</i>"},
		"eval.indicator_ikm_missing": {
			"• %s: target %s — belum ada data survei unit, tidak dihitung",
			"• %s: target %s — no unit survey data yet, not counted",
		},
		"eval.indicator_no_result": {
			"• %s: target %s %s — belum ada laporan yang disetujui, tidak dihitung",
			"• %s: target %s %s — nothing approved yet, not counted",
		},
		"eval.capaian":      {"Capaian tertimbang: <b>%s%%</b>", "Weighted achievement: <b>%s%%</b>"},
		"eval.capaian_unit": {"Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>%s%%</b>", "Unit achievement (unit head, SE MenPANRB 3/2023): <b>%s%%</b>"},
		"eval.unit_fallback": {
			"ℹ️ Untuk kepala unit, hasil kerja diambil dari capaian unit, tetapi data capaian unit (IKM, anggaran, kecepatan pelayanan) periode ini belum ada. Usulan memakai indikator pribadi.",
			"ℹ️ A unit head's work result is the unit's achievement, but there is no unit achievement data (IKM, budget, speed of service) for this period. The proposal uses their own indicators.",
		},
		"eval.survey": {
			"🗣 Survei masyarakat tentang pegawai ini: IKM <b>%s</b> (mutu %s, %s) dari %d responden",
			"🗣 Citizen survey about this officer: IKM <b>%s</b> (grade %s, %s) from %d respondents",
		},
		"eval.survey_few": {
			"🗣 Survei masyarakat tentang pegawai ini: belum ditampilkan (kurang dari %d responden, demi kerahasiaan warga).",
			"🗣 Citizen survey about this officer: not shown (fewer than %d respondents, to keep citizens anonymous).",
		},
		"eval.reports_open": {
			"ℹ️ Laporan kerja periode ini masih dapat dikirim sampai %s, jadi angkanya masih dapat bertambah.",
			"ℹ️ Work for this period may still be reported until %s, so the numbers may still grow.",
		},
		"eval.no_proposal": {
			"Usulan hasil kerja: <b>tidak ada</b> (belum ada data capaian).",
			"Proposed work result: <b>none</b> (no achievement data).",
		},
		"eval.hasil_proposal": {
			"Usulan hasil kerja: <b>%s</b>\n<i>Aturan: capaian ≥ %s%% Di Atas Ekspektasi; ≥ %s%% Sesuai Ekspektasi; di bawah %s%% Di Bawah Ekspektasi.</i>",
			"Proposed work result: <b>%s</b>\n<i>Rule: achievement ≥ %s%% above expectations; ≥ %s%% meets them; below %s%% below them.</i>",
		},
		"eval.hasil_choose": {
			"Terima usulan, atau pilih rating lain (wajib dengan alasan):",
			"Accept the proposal, or choose another rating (a reason is required):",
		},
		"eval.hasil_choose_none": {
			"Pilih rating hasil kerja; alasannya wajib ditulis:",
			"Choose the work-result rating; a reason is required:",
		},
		"eval.btn_accept":       {"✅ Terima usulan: %s", "✅ Accept proposal: %s"},
		"eval.hasil_line":       {"Hasil kerja: <b>%s</b> %s", "Work result: <b>%s</b> %s"},
		"eval.perilaku_line":    {"Perilaku kerja: <b>%s</b> %s", "Work behaviour: <b>%s</b> %s"},
		"eval.as_proposed":      {"(sesuai usulan)", "(as proposed)"},
		"eval.without_proposal": {"(tanpa usulan; alasan: <i>%s</i>)", "(no proposal; reason: <i>%s</i>)"},
		"eval.departed":         {"(usulan: %s; alasan: <i>%s</i>)", "(proposal: %s; reason: <i>%s</i>)"},
		"eval.value_ask": {
			"🧭 Perilaku kerja (BerAKHLAK) — nilai <b>%d dari %d</b>:\n<b>%s</b>\n<i>%s</i>",
			"🧭 Work behaviour (BerAKHLAK) — value <b>%d of %d</b>:\n<b>%s</b>\n<i>%s</i>",
		},
		"eval.values_so_far": {"Sudah dinilai:", "Rated so far:"},
		"eval.value_line":    {"• %s: %s", "• %s: %s"},
		"eval.values_head":   {"🧭 Perilaku kerja (BerAKHLAK):", "🧭 Work behaviour (BerAKHLAK):"},
		"eval.perilaku_proposal": {
			"Usulan perilaku kerja: <b>%s</b> (%s dari tujuh nilai)\nTerima usulan, atau pilih rating lain (wajib dengan alasan):",
			"Proposed work behaviour: <b>%s</b> (%s of the seven values)\nAccept the proposal, or choose another rating (a reason is required):",
		},
		"eval.policy_median":   {"median", "median"},
		"eval.policy_mean":     {"rata-rata dibulatkan", "rounded mean"},
		"eval.btn_redo_values": {"↩️ Ulangi tujuh nilai", "↩️ Rate the seven values again"},
		"eval.btn_restart":     {"↩️ Mulai ulang penilaian ini", "↩️ Start this evaluation again"},
		"eval.btn_list":        {"📋 Daftar pegawai", "📋 Staff list"},
		"eval.btn_back":        {"↩️ Kembali", "↩️ Back"},
		"eval.btn_next":        {"▶️ Berikutnya: %s", "▶️ Next: %s"},
		"eval.btn_reopen":      {"✏️ Ubah penilaian", "✏️ Change the evaluation"},
		"eval.btn_confirm":     {"✅ Konfirmasi dan kirim ke pegawai", "✅ Confirm and send to the staff member"},
		"eval.matrix": {
			"📐 Matriks PermenPANRB 6/2022: hasil kerja <b>%s</b> × perilaku kerja <b>%s</b> → predikat <b>%s</b>",
			"📐 PermenPANRB 6/2022 matrix: work result <b>%s</b> × work behaviour <b>%s</b> → predikat <b>%s</b>",
		},
		"eval.confirm_ask": {
			"Periksa sekali lagi. Setelah dikonfirmasi, %s menerima hasil ini dan dapat mengajukan keberatan.",
			"Check once more. Once confirmed, %s receives this result and may object to it.",
		},
		"eval.confirmed": {
			"✅ Penilaian <b>%s</b> disimpan: predikat <b>%s</b> (%s).",
			"✅ The evaluation of <b>%s</b> is saved: predikat <b>%s</b> (%s).",
		},
		"eval.notified": {"Pegawai sudah diberi tahu.", "The staff member has been told."},
		"eval.not_reachable": {
			"ℹ️ %s belum menghubungkan akun Telegram, jadi pemberitahuan tidak terkirim; hasilnya dapat dilihat lewat /skor setelah akun terhubung.",
			"ℹ️ %s has not linked a Telegram account, so no notice was sent; they can see the result with /skor once linked.",
		},
		"eval.dist_unset": {
			"⚖️ Ini penilaian terakhir di unit %s untuk periode ini. Predikat unit belum ditetapkan admin, jadi batas distribusi (SE MenPANRB 3/2023) belum dapat diperiksa.",
			"⚖️ This is the last evaluation in unit %s for this period. The admin has not set the unit's predicate, so the distribution limits (SE MenPANRB 3/2023) cannot be checked.",
		},
		"eval.dist_ok": {
			"⚖️ Pemeriksaan distribusi unit %s (predikat unit: %s): sebaran predikat pegawai sesuai batas SE MenPANRB 3/2023.",
			"⚖️ Distribution check of unit %s (unit predicate: %s): the staff predicates are within the SE MenPANRB 3/2023 limits.",
		},
		"eval.dist_breach": {
			"⚠️ <b>Pemeriksaan distribusi unit %s</b> (predikat unit: %s): sebaran predikat pegawai tidak sesuai batas SE MenPANRB 3/2023:%s\nBot tidak mengubah predikat siapa pun.",
			"⚠️ <b>Distribution check of unit %s</b> (unit predicate: %s): the staff predicates break the SE MenPANRB 3/2023 limits:%s\nThe bot changes nobody's predicate.",
		},
		"eval.dist_still_confirm": {
			"Anda tetap dapat mengonfirmasi; admin BKPSDM akan diberi tahu.",
			"You can still confirm; the BKPSDM admin will be told.",
		},
		"eval.dist_admin": {
			"📣 <b>Laporan distribusi predikat</b>\n%s\nPeriode: %s. Penilaian terakhir dikonfirmasi oleh %s.",
			"📣 <b>Predicate distribution report</b>\n%s\nPeriod: %s. The last evaluation was confirmed by %s.",
		},
		"eval.notify": {
			"📣 <b>Hasil penilaian kinerja Anda — %s</b>\nDitetapkan oleh penilai: %s\n\nPredikat: <b>%s</b>\n%s\n%s\n\nRincian lengkap: tombol di bawah atau /skor.\nJika tidak setuju, Anda dapat mengajukan keberatan sampai <b>%s</b>.",
			"📣 <b>Your performance evaluation — %s</b>\nDecided by your assessor: %s\n\nPredikat: <b>%s</b>\n%s\n%s\n\nFull details: the button below or /skor.\nIf you disagree, you may object until <b>%s</b>.",
		},
		"eval.final_predikat": {"Predikat: <b>%s</b>", "Predikat: <b>%s</b>"},
		// Who decided in another's place, in the result notice.
		"eval.on_behalf":         {"%s atas nama %s", "%s on behalf of %s"},
		"eval.on_behalf_outside": {"%s atas nama %s (%s)", "%s on behalf of %s (%s)"},
		"eval.revised": {
			"🔁 Diubah menjadi hasil kerja <b>%s</b>, perilaku kerja <b>%s</b> oleh %s. Alasan: <i>%s</i>",
			"🔁 Changed to work result <b>%s</b>, work behaviour <b>%s</b> by %s. Reason: <i>%s</i>",
		},
		"eval.locked_since": {
			"🔒 Terkunci: batas keberatan berakhir %s. Perubahan hanya oleh admin BKPSDM.",
			"🔒 Locked: the objection window ended on %s. Only a BKPSDM admin may change it.",
		},
		"eval.window_until": {
			"Dikonfirmasi %s. Keberatan dapat diajukan sampai %s.",
			"Confirmed on %s. Objections are possible until %s.",
		},
		"eval.objection_status": {"Keberatan: %s", "Objection: %s"},
		"eval.reason_saved":     {"✍️ Alasan tersimpan.", "✍️ Reason saved."},
		"eval.reason_text_only": {"Mohon tuliskan dalam bentuk pesan teks.", "Please write it as a text message."},
		"eval.reopened_notice": {
			"ℹ️ Penilaian kinerja Anda periode %s dibuka kembali oleh %s untuk diperbaiki. Hasil baru akan dikirimkan setelah dikonfirmasi.",
			"ℹ️ Your performance evaluation for %s was reopened by %s for a correction. The new result will be sent once confirmed.",
		},
		"eval.ask_reason_hasil": {
			"✍️ Hasil kerja %s: Anda memilih <b>%s</b>, berbeda dari usulan <b>%s</b>.\nTuliskan alasannya dalam satu pesan (%d–%d karakter). Tanpa alasan, pilihan ini tidak disimpan.",
			"✍️ Work result of %s: you chose <b>%s</b>, which differs from the proposal <b>%s</b>.\nWrite the reason in one message (%d–%d characters). Without a reason the choice is not saved.",
		},
		"eval.ask_reason_hasil_none": {
			"✍️ Hasil kerja %[1]s: Anda memilih <b>%[2]s</b>; tidak ada usulan karena belum ada data capaian.\nTuliskan alasannya dalam satu pesan (%[4]d–%[5]d karakter). Tanpa alasan, pilihan ini tidak disimpan.",
			"✍️ Work result of %[1]s: you chose <b>%[2]s</b>; there is no proposal because there is no achievement data.\nWrite the reason in one message (%[4]d–%[5]d characters). Without a reason the choice is not saved.",
		},
		"eval.ask_reason_perilaku": {
			"✍️ Perilaku kerja %s: Anda memilih <b>%s</b>, berbeda dari usulan <b>%s</b>.\nTuliskan alasannya dalam satu pesan (%d–%d karakter). Tanpa alasan, pilihan ini tidak disimpan.",
			"✍️ Work behaviour of %s: you chose <b>%s</b>, which differs from the proposal <b>%s</b>.\nWrite the reason in one message (%d–%d characters). Without a reason the choice is not saved.",
		},
		"eval.ask_reason_perilaku_none": {
			"✍️ Perilaku kerja %[1]s: Anda memilih <b>%[2]s</b> tanpa usulan.\nTuliskan alasannya dalam satu pesan (%[4]d–%[5]d karakter).",
			"✍️ Work behaviour of %[1]s: you chose <b>%[2]s</b> without a proposal.\nWrite the reason in one message (%[4]d–%[5]d characters).",
		},

		"err.eval_period_open": {
			"Periode %s belum berakhir. Penilaian dapat dilakukan mulai %s.",
			"Period %s has not ended yet. It can be evaluated from %s.",
		},
		"err.eval_not_subordinate": {
			"Anda bukan penilai pegawai ini untuk periode tersebut. Tidak ada yang diubah.",
			"You are not this person's assessor for that period. Nothing was changed.",
		},
		"err.eval_not_started": {"Penilaian pegawai ini belum dibuka. Buka lewat /nilai.", "This evaluation has not been opened. Open it with /nilai."},
		"err.eval_already_final": {
			"Penilaian %s sudah dikonfirmasi. Untuk mengubahnya, buka kartunya lewat /nilai lalu tekan «Ubah penilaian» (selama belum terkunci).",
			"The evaluation of %s is already confirmed. To change it, open its card with /nilai and press «Change the evaluation» (until it locks).",
		},
		"err.eval_bad_rating": {"Pilihan rating tidak dikenal.", "Unknown rating."},
		"err.eval_changed":    {"Penilaian ini baru saja berubah. Silakan buka lagi lewat /nilai.", "This evaluation has just changed. Please open it again with /nilai."},
		"err.eval_has_objection": {
			"Pegawai sudah mengajukan keberatan, jadi penilaian tidak dapat diubah oleh penilai. Keputusan ada pada atasan penilai.",
			"The person has objected, so the assessor can no longer change the evaluation. The assessor's superior decides.",
		},
		"err.eval_hasil_first":    {"Putuskan dulu rating hasil kerja.", "Decide the work-result rating first."},
		"err.eval_perilaku_first": {"Putuskan dulu rating perilaku kerja.", "Decide the work-behaviour rating first."},
		"err.eval_locked": {
			"Penilaian ini sudah terkunci (batas keberatan berakhir %s). Perubahan hanya dapat dilakukan admin BKPSDM dengan alasan.",
			"This evaluation is locked (the objection window ended on %s). Only a BKPSDM admin may change it, with a reason.",
		},
		"err.eval_no_proposal": {"Tidak ada usulan untuk diterima; pilih rating lalu tuliskan alasannya.", "There is no proposal to accept; choose a rating and write the reason."},
		"err.eval_reason_missing": {
			"Pilihan yang berbeda dari usulan wajib disertai alasan. Penilaian belum dikonfirmasi.",
			"A choice that differs from the proposal needs a reason. The evaluation was not confirmed.",
		},
		"err.eval_values_missing": {
			"Masih ada %d nilai BerAKHLAK yang belum dinilai. Nilai ketujuhnya dulu.",
			"%d BerAKHLAK values are not rated yet. Rate all seven first.",
		},
		"err.reason_short": {
			"Alasan terlalu pendek (%d karakter). Tuliskan paling sedikit %d karakter agar dapat dipahami.",
			"The reason is too short (%d characters). Write at least %d characters so that it can be understood.",
		},
		"err.reason_long": {
			"Alasan terlalu panjang (%d karakter). Ringkas menjadi paling banyak %d karakter.",
			"The reason is too long (%d characters). Shorten it to at most %d characters.",
		},
		"err.eval_not_found":           {"Penilaian NIP %s periode %s tidak ditemukan.", "No evaluation of NIP %s for %s."},
		"err.unit_predicate_not_found": {"Predikat unit %s periode %s belum ditetapkan.", "The predicate of unit %s for %s is not set."},
		"err.org_predikat": {
			"Predikat unit %q tidak dikenal. Pilih salah satu: Istimewa, Baik, Butuh Perbaikan, Kurang, Sangat Kurang.",
			"Unit predicate %q is not known. Use one of: Istimewa, Baik, Butuh Perbaikan, Kurang, Sangat Kurang.",
		},
		"err.admin_only": {"Tindakan ini khusus admin BKPSDM.", "Only a BKPSDM admin may do this."},

		// Errors of package scoring (see scoring/doc.go).
		"err.capaian_target":    {"Target %v tidak valid: harus lebih dari 0.", "Target %v is not valid: it must be above 0."},
		"err.capaian_realisasi": {"Realisasi %v tidak valid: tidak boleh negatif.", "Realisation %v is not valid: it cannot be negative."},
		"err.capaian_direction": {"Arah indikator %q tidak dikenal (naik atau turun).", "Indicator direction %q is not known (naik or turun)."},
		"err.capaian_range":     {"Rentang target %v–%v tidak valid.", "Target range %v–%v is not valid."},
		"err.capaian_none":      {"Tidak ada indikator untuk dihitung.", "There are no indicators to compute."},
		"err.capaian_weight":    {"Bobot %v tidak valid.", "Weight %v is not valid."},
		"err.capaian_value":     {"Capaian %v tidak valid.", "Achievement %v is not valid."},
		"err.thresholds":        {"Ambang rating tidak valid (Sesuai %v, Di Atas %v).", "Rating thresholds are not valid (meets %v, above %v)."},
		"err.behaviour_policy":  {"Aturan perilaku %q tidak dikenal (median atau mean).", "Behaviour rule %q is not known (median or mean)."},
		"err.behaviour_count":   {"Ada %d nilai perilaku; dibutuhkan %d.", "There are %d behaviour ratings; %d are needed."},
		"err.behaviour_rating":  {"Nilai %s belum dinilai.", "Value %s is not rated."},
		"err.behaviour_missing": {"Nilai %s belum dinilai.", "Value %s is not rated."},
		"err.predikat_rating":   {"Rating hasil (%d) dan perilaku (%d) harus lengkap untuk menentukan predikat.", "Both ratings, result (%d) and behaviour (%d), are needed for the predikat."},

		// Distribution breaches: percent, count, total, allowed, share.
		"dist.max_sangat_baik": {
			"Sangat Baik paling banyak %d%%: ada %d dari %d pegawai (batas %d orang; kini %.0f%%).",
			"At most %d%% Sangat Baik: %d of %d staff (limit %d people; now %.0f%%).",
		},
		"dist.max_baik": {
			"Baik paling banyak %d%%: ada %d dari %d pegawai (batas %d orang; kini %.0f%%).",
			"At most %d%% Baik: %d of %d staff (limit %d people; now %.0f%%).",
		},
		"dist.min_butuh_perbaikan_or_kurang": {
			"Paling sedikit %[4]d pegawai Butuh Perbaikan atau Kurang/Misconduct: ada %[2]d dari %[3]d pegawai.",
			"At least %[4]d staff Butuh Perbaikan or Kurang/Misconduct: %[2]d of %[3]d staff.",
		},
		"dist.min_butuh_perbaikan": {
			"Butuh Perbaikan paling sedikit %d%%: ada %d dari %d pegawai (dibutuhkan %d orang; kini %.0f%%).",
			"At least %d%% Butuh Perbaikan: %d of %d staff (%d people needed; now %.0f%%).",
		},
		"dist.min_kurang": {
			"Kurang/Misconduct paling sedikit %d%%: ada %d dari %d pegawai (dibutuhkan %d orang; kini %.0f%%).",
			"At least %d%% Kurang/Misconduct: %d of %d staff (%d people needed; now %.0f%%).",
		},
		"dist.min_sangat_kurang": {
			"Sangat Kurang paling sedikit %d%%: ada %d dari %d pegawai (dibutuhkan %d orang; kini %.0f%%).",
			"At least %d%% Sangat Kurang: %d of %d staff (%d people needed; now %.0f%%).",
		},
		"dist.min_kurang_or_butuh_perbaikan": {
			"Kurang/Misconduct atau Butuh Perbaikan paling sedikit %d%%: ada %d dari %d pegawai (dibutuhkan %d orang; kini %.0f%%).",
			"At least %d%% Kurang/Misconduct or Butuh Perbaikan: %d of %d staff (%d people needed; now %.0f%%).",
		},
		"dist.no_sangat_baik": {
			"Tidak boleh ada Sangat Baik: ada %[2]d dari %[3]d pegawai.",
			"No Sangat Baik allowed: %[2]d of %[3]d staff.",
		},
		"distrule.max_sangat_baik":               {"paling banyak %d%% pegawai Sangat Baik", "at most %d%% of staff Sangat Baik"},
		"distrule.max_baik":                      {"paling banyak %d%% pegawai Baik", "at most %d%% of staff Baik"},
		"distrule.min_butuh_perbaikan_or_kurang": {"paling sedikit satu pegawai Butuh Perbaikan atau Kurang/Misconduct", "at least one staff member Butuh Perbaikan or Kurang/Misconduct"},
		"distrule.min_butuh_perbaikan":           {"paling sedikit %d%% pegawai Butuh Perbaikan", "at least %d%% of staff Butuh Perbaikan"},
		"distrule.min_kurang":                    {"paling sedikit %d%% pegawai Kurang/Misconduct", "at least %d%% of staff Kurang/Misconduct"},
		"distrule.min_sangat_kurang":             {"paling sedikit %d%% pegawai Sangat Kurang", "at least %d%% of staff Sangat Kurang"},
		"distrule.min_kurang_or_butuh_perbaikan": {"paling sedikit %d%% pegawai Kurang/Misconduct atau Butuh Perbaikan", "at least %d%% of staff Kurang/Misconduct or Butuh Perbaikan"},
		"distrule.no_sangat_baik":                {"tidak boleh ada pegawai Sangat Baik", "no staff member Sangat Baik"},
	})
}
