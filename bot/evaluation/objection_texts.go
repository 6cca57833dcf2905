package evaluation

import "github.com/bkpsdm-solok/kinerjabot/bot"

// Texts of /skor, objections, unit predicates and corrections.
func init() {
	bot.RegisterTexts(map[string][2]string{
		"objst.open":       {"menunggu keputusan atasan penilai", "waiting for the assessor's superior"},
		"objst.explaining": {"menunggu penjelasan", "waiting for an explanation"},
		"objst.upheld":     {"diputus: hasil dipertahankan", "decided: result upheld"},
		"objst.changed":    {"diputus: hasil diubah", "decided: result changed"},
		"party.staff":      {"pegawai", "staff member"},
		"party.assessor":   {"penilai", "assessor"},
		"party.reviewer":   {"atasan penilai", "assessor's superior"},

		"skor.cmd":      {"Lihat hasil penilaian Anda dan rinciannya", "See your evaluation result and how it came about"},
		"skor.ex":       {"/skor atau /skor 2026-10", "/skor or /skor 2026-10"},
		"skor.btn_view": {"🧾 Lihat rincian", "🧾 See the details"},
		"skor.none": {
			"Belum ada hasil penilaian yang dikonfirmasi untuk periode itu.",
			"There is no confirmed evaluation result for that period yet.",
		},
		"skor.head": {
			"🧾 <b>Rincian penilaian kinerja — %s</b>\n%s — %s (NIP %s)\nPenilai: %s",
			"🧾 <b>Performance evaluation in detail — %s</b>\n%s — %s (NIP %s)\nAssessor: %s",
		},
		"skor.step_numbers":   {"<b>1. Bukti: laporan disetujui → realisasi → capaian</b>", "<b>1. Evidence: approved reports → realisation → achievement</b>"},
		"skor.step_proposal":  {"<b>2. Usulan dari data</b>", "<b>2. Proposal from the data</b>"},
		"skor.step_decision":  {"<b>3. Keputusan penilai</b>", "<b>3. The assessor's decision</b>"},
		"skor.step_behaviour": {"<b>4. Perilaku kerja (BerAKHLAK)</b>", "<b>4. Work behaviour (BerAKHLAK)</b>"},
		"skor.behaviour_proposal": {
			"Usulan: <b>%s</b> (%s dari tujuh nilai)",
			"Proposal: <b>%s</b> (%s of the seven values)",
		},
		"skor.step_matrix":      {"<b>5. Matriks predikat</b>", "<b>5. Predikat matrix</b>"},
		"skor.step_revision":    {"<b>6. Perubahan setelah penetapan</b>", "<b>6. Change after the decision</b>"},
		"skor.final":            {"🏁 Predikat kinerja: <b>%s</b>", "🏁 Performance predikat: <b>%s</b>"},
		"skor.objection":        {"Keberatan: %s", "Objection: %s"},
		"skor.objection_reason": {"Alasan keputusan: <i>%s</i>", "Reason for the decision: <i>%s</i>"},
		"skor.can_object": {
			"Jika tidak setuju, keberatan dapat diajukan sampai %s.",
			"If you disagree, you may object until %s.",
		},
		"skor.locked": {"🔒 Hasil ini terkunci (batas keberatan %s telah lewat).", "🔒 This result is locked (the objection window ended on %s)."},
		"err.skor_forbidden": {
			"Anda hanya dapat melihat hasil Anda sendiri, pegawai yang Anda nilai, atau keberatan yang Anda putuskan.",
			"You may only see your own result, those of the staff you evaluate, or objections you decide.",
		},

		"obj.cmd": {"Ajukan keberatan atas hasil penilaian Anda", "Object to your evaluation result"},
		"obj.ex":  {"/keberatan atau /keberatan 2026-10", "/keberatan or /keberatan 2026-10"},
		"obj.flow_expired": {
			"⏱ Penulisan keberatan atau penjelasan berakhir karena tidak ada aktivitas selama 30 menit. Belum ada yang terkirim; ulangi lewat /keberatan atau tombol pada pesan sebelumnya.",
			"⏱ Writing the objection or explanation expired after 30 minutes without activity. Nothing was sent; start again with /keberatan or the button on the earlier message.",
		},
		"obj.btn_object":       {"📝 Ajukan keberatan", "📝 Object"},
		"obj.btn_object_for":   {"📝 Ajukan keberatan: %s", "📝 Object: %s"},
		"obj.btn_review":       {"⚖️ Putuskan: %s", "⚖️ Decide: %s"},
		"obj.btn_cancel":       {"✖️ Batal", "✖️ Cancel"},
		"obj.btn_answer":       {"✍️ Jawab", "✍️ Answer"},
		"obj.btn_open":         {"⚖️ Buka keberatan", "⚖️ Open the objection"},
		"obj.btn_ask_staff":    {"❓ Minta penjelasan pegawai", "❓ Ask the staff member"},
		"obj.btn_ask_assessor": {"❓ Minta penjelasan penilai", "❓ Ask the assessor"},
		"obj.btn_uphold":       {"✔️ Pertahankan", "✔️ Uphold"},
		"obj.btn_change":       {"✏️ Ubah", "✏️ Change"},
		"obj.list_head":        {"📝 <b>Keberatan</b>", "📝 <b>Objections</b>"},
		"obj.list_own_open": {
			"• Hasil Anda %s: %s — keberatan dapat diajukan sampai %s",
			"• Your result for %s: %s — you may object until %s",
		},
		"obj.list_own_filed": {"• Keberatan Anda atas %s: %s", "• Your objection to %s: %s"},
		"obj.list_review":    {"• Menunggu keputusan Anda: %s, %s (%s)", "• Waiting for your decision: %s, %s (%s)"},
		"obj.nothing": {
			"Tidak ada hasil penilaian yang dapat diajukan keberatan saat ini (batasnya %d hari setelah pemberitahuan), dan tidak ada keberatan yang menunggu keputusan Anda.",
			"There is no result you can object to now (the window is %d days after the notice), and no objection waits for your decision.",
		},
		"obj.ask_reason": {
			"📝 Keberatan atas hasil penilaian %s (predikat %s).\nKeberatan diputus oleh atasan penilai Anda, %s; keputusannya final.\nTuliskan alasan keberatan Anda dalam satu pesan (%d–%d karakter).",
			"📝 Objection to your evaluation for %s (predikat %s).\nYour assessor's superior, %s, decides it; the decision is final.\nWrite your reason in one message (%d–%d characters).",
		},
		"obj.ask_reason_top": {
			"📝 Keberatan atas hasil penilaian %s (predikat %s).\nAtasan pejabat penilai Anda tidak ada dalam aplikasi ini: keberatan diputus oleh penilai puncak yang ditetapkan, %s; keputusannya final.\nTuliskan alasan keberatan Anda dalam satu pesan (%d–%d karakter).",
			"📝 Objection to your evaluation for %s (predikat %s).\nYour assessor's superior is not in this bot: the designated top reviewer, %s, decides it; the decision is final.\nWrite your reason in one message (%d–%d characters).",
		},
		"obj.filed": {
			"✅ Keberatan Anda terkirim kepada %s. Anda akan diberi tahu keputusannya.",
			"✅ Your objection was sent to %s. You will be told the decision.",
		},
		"obj.assessor_informed": {
			"ℹ️ %s mengajukan keberatan atas penilaian periode %s. Keberatan diputus oleh %s; Anda mungkin diminta penjelasan.",
			"ℹ️ %s objected to the evaluation for %s. %s decides it; you may be asked for an explanation.",
		},
		"obj.admin_reviewer_unlinked": {
			"📣 Keberatan baru perlu diputus oleh %s (NIP %s), yang belum menghubungkan akun Telegram. Pegawai: %s, periode %s. Mohon sampaikan kepada beliau dan kirimkan undangan.",
			"📣 A new objection is to be decided by %s (NIP %s), who has not linked a Telegram account. Staff member: %s, period %s. Please tell them and send an invitation.",
		},
		"obj.review_head": {
			"⚖️ <b>Keberatan atas penilaian kinerja</b>\nPegawai: <b>%s</b> — %s (NIP %s)\nPeriode: %s · Penilai: %s",
			"⚖️ <b>Objection to a performance evaluation</b>\nStaff member: <b>%s</b> — %s (NIP %s)\nPeriod: %s · Assessor: %s",
		},
		"obj.review_result": {
			"Hasil yang dikeberatkan: predikat <b>%s</b> (hasil kerja %s, perilaku kerja %s)",
			"Result objected to: predikat <b>%s</b> (work result %s, work behaviour %s)",
		},
		"obj.review_reason": {"Alasan keberatan:\n<i>%s</i>", "Reason for the objection:\n<i>%s</i>"},
		"obj.msg_line":      {"💬 %s → %s: <i>%s</i>", "💬 %s → %s: <i>%s</i>"},
		"obj.review_status": {"Status: %s", "Status: %s"},
		"obj.awaiting":      {"⏳ Menunggu penjelasan dari %s", "⏳ Waiting for an explanation from the %s"},
		"obj.review_chain":  {"Rincian lengkap: <code>/skor %s %s</code>", "Full details: <code>/skor %s %s</code>"},
		"obj.ask_question": {
			"❓ Tuliskan pertanyaan untuk %s dalam satu pesan (10–1.000 karakter). Pertanyaan diteruskan apa adanya.",
			"❓ Write your question for %s in one message (10–1,000 characters). It is passed on as written.",
		},
		"obj.question_relayed": {
			"❓ <b>Permintaan penjelasan</b> dari %s (atasan penilai) atas keberatan periode %s (pegawai: %s):\n<i>%s</i>\nTekan «Jawab» untuk menuliskan penjelasan Anda.",
			"❓ <b>Request for an explanation</b> from %s (assessor's superior) on the objection for %s (staff member: %s):\n<i>%s</i>\nPress «Answer» to write your explanation.",
		},
		"obj.question_sent": {
			"✅ Pertanyaan terkirim kepada %s. Jawabannya akan diteruskan kepada Anda.",
			"✅ The question was sent to %s. The answer will be passed on to you.",
		},
		"obj.ask_answer": {
			"✍️ Tuliskan penjelasan Anda dalam satu pesan (%d–%d karakter). Penjelasan diteruskan kepada atasan penilai apa adanya.",
			"✍️ Write your explanation in one message (%d–%d characters). It is passed on to the assessor's superior as written.",
		},
		"obj.answer_relayed": {"💬 Penjelasan dari %s (%s) telah masuk.", "💬 An explanation from the %s (%s) has arrived."},
		"obj.answer_sent":    {"✅ Penjelasan Anda terkirim kepada %s.", "✅ Your explanation was sent to %s."},
		"obj.ask_uphold_reason": {
			"✔️ Anda akan <b>mempertahankan</b> hasil (predikat %s). Keputusan ini final.\nTuliskan alasannya dalam satu pesan (%d–%d karakter).",
			"✔️ You are about to <b>uphold</b> the result (predikat %s). The decision is final.\nWrite the reason in one message (%d–%d characters).",
		},
		"obj.choose_hasil": {
			"✏️ Ubah hasil: pilih rating <b>hasil kerja</b> yang baru (sekarang: %s).",
			"✏️ Change the result: choose the new <b>work result</b> rating (now: %s).",
		},
		"obj.choose_perilaku": {
			"Hasil kerja baru: <b>%s</b>. Pilih rating <b>perilaku kerja</b> (sekarang: %s).",
			"New work result: <b>%s</b>. Choose the <b>work behaviour</b> rating (now: %s).",
		},
		"obj.ask_change_reason": {
			"✏️ Hasil baru: hasil kerja <b>%s</b> × perilaku kerja <b>%s</b> → predikat <b>%s</b> (sebelumnya %s). Keputusan ini final.\nTuliskan alasannya dalam satu pesan (%d–%d karakter).",
			"✏️ New result: work result <b>%s</b> × work behaviour <b>%s</b> → predikat <b>%s</b> (was %s). The decision is final.\nWrite the reason in one message (%d–%d characters).",
		},
		"obj.outcome_upheld": {"hasil <b>dipertahankan</b>: predikat tetap <b>%s</b>", "the result is <b>upheld</b>: the predikat stays <b>%s</b>"},
		"obj.outcome_changed": {
			"hasil <b>diubah</b>: predikat %s menjadi <b>%s</b> (hasil kerja %s, perilaku kerja %s)",
			"the result is <b>changed</b>: predikat %s becomes <b>%s</b> (work result %s, work behaviour %s)",
		},
		"obj.decided_notice": {
			"⚖️ <b>Keputusan atas keberatan</b> — penilaian %s (%s):\n%s.\nDiputus oleh %s selaku atasan penilai. Alasan: <i>%s</i>\nKeputusan ini final.",
			"⚖️ <b>Decision on the objection</b> — evaluation for %s (%s):\n%s.\nDecided by %s as the assessor's superior. Reason: <i>%s</i>\nThe decision is final.",
		},
		"obj.decided_reviewer": {
			"✅ Keputusan tersimpan: %s. Pemberitahuan dikirim kepada %s dan %s.",
			"✅ Decision saved: %s. %s and %s have been told.",
		},
		"err.obj_not_own": {
			"Keberatan hanya dapat diajukan oleh pegawai yang dinilai sendiri, tidak dapat diwakilkan. Tidak ada yang diubah.",
			"Only the evaluated person may object; nobody can object on their behalf. Nothing was changed.",
		},
		"err.obj_no_result": {"Belum ada hasil penilaian yang dikonfirmasi untuk periode %s.", "There is no confirmed result for %s."},
		"err.obj_window_closed": {
			"Batas waktu keberatan sudah lewat (sampai %s). Keberatan tidak dapat diajukan lagi.",
			"The objection window has closed (it ran until %s). An objection is no longer possible.",
		},
		"err.obj_exists": {
			"Anda sudah mengajukan keberatan untuk periode ini (status: %s). Setiap periode hanya satu keberatan.",
			"You have already objected for this period (status: %s). There is one objection per period.",
		},
		"err.objection_exists": {"Keberatan untuk periode %s sudah ada.", "An objection for %s already exists."},
		"err.obj_no_reviewer": {
			"Penilai Anda tidak memiliki atasan dalam data pegawai, sehingga keberatan tidak dapat diproses lewat bot. Silakan hubungi BKPSDM.",
			"Your assessor has no superior on the roster, so the objection cannot be handled in the bot. Please contact BKPSDM.",
		},
		"err.obj_not_reviewer": {"Keberatan ini tidak menunggu keputusan Anda.", "This objection is not waiting for your decision."},
		"err.obj_decided":      {"Keberatan ini sudah diputus (%s). Keputusan itu final.", "This objection has been decided (%s). The decision is final."},
		"err.obj_party_unlinked": {
			"%s belum menghubungkan akun Telegram, jadi penjelasan tidak dapat diminta lewat bot.",
			"%s has not linked a Telegram account, so an explanation cannot be requested in the bot.",
		},
		"err.obj_no_question": {
			"Tidak ada pertanyaan yang menunggu jawaban Anda pada keberatan ini.",
			"No question on this objection is waiting for your answer.",
		},
		"err.obj_same_result": {
			"Rating yang dipilih sama dengan hasil sekarang. Untuk tidak mengubah hasil, gunakan «Pertahankan».",
			"The ratings chosen equal the current result. To leave it as it is, use «Uphold».",
		},
		"err.objection_not_found": {"Keberatan tidak ditemukan.", "Objection not found."},
		"err.objection_changed":   {"Keberatan ini baru saja berubah. Silakan buka lagi.", "This objection has just changed. Please open it again."},

		"upred.cmd": {"Tetapkan predikat unit untuk suatu periode (admin)", "Set a unit's predicate for a period (admin)"},
		"upred.ex":  {"/predikatunit PKM-TGR 2026-10", "/predikatunit PKM-TGR 2026-10"},
		"upred.choose_unit": {
			"🏢 Pilih unit untuk menetapkan predikat unit periode %s (periode lain: ketik <code>/predikatunit KODE 2026-Q3</code>):",
			"🏢 Choose the unit whose predicate to set for %s (another period: type <code>/predikatunit CODE 2026-Q3</code>):",
		},
		"upred.card": {
			"🏢 <b>%s</b> (%s) — periode %s\nPredikat unit sekarang: <b>%s</b>\nPilih predikat unit (SE MenPANRB 3/2023). Predikat pegawai tidak diubah; batas sebarannya hanya dipakai untuk peringatan.",
			"🏢 <b>%s</b> (%s) — period %s\nUnit predicate now: <b>%s</b>\nChoose the unit predicate (SE MenPANRB 3/2023). No staff predicate is changed; its limits are only used for warnings.",
		},
		"upred.unset": {"belum ditetapkan", "not set"},
		"upred.set": {
			"✅ Predikat unit %s periode %s: <b>%s</b>.\nBatas sebaran predikat pegawai:",
			"✅ Predicate of unit %s for %s: <b>%s</b>.\nLimits on the staff predicates:",
		},
		"upred.no_results": {
			"Belum ada hasil penilaian pegawai unit ini yang dikonfirmasi untuk periode itu.",
			"No staff result of this unit has been confirmed for that period yet.",
		},
		"upred.results_ok": {"Sebaran %d hasil yang sudah dikonfirmasi sesuai batas.", "The %d confirmed results are within the limits."},
		"upred.results_breach": {
			"⚠️ Sebaran %d hasil yang sudah dikonfirmasi tidak sesuai batas:%s\nBot tidak mengubah predikat siapa pun.",
			"⚠️ The %d confirmed results break the limits:%s\nThe bot changes nobody's predicate.",
		},

		"corr.cmd": {"Koreksi hasil penilaian yang sudah terkunci (admin)", "Correct a locked evaluation result (admin)"},
		"corr.ex":  {"/koreksi 198502022010012002 2026-10", "/koreksi 198502022010012002 2026-10"},
		"corr.usage": {
			"Ketik <code>/koreksi NIP PERIODE</code>, misalnya <code>/koreksi 198502022010012002 2026-10</code>. Koreksi hanya untuk hasil yang sudah terkunci, dan wajib dengan alasan.",
			"Type <code>/koreksi NIP PERIOD</code>, e.g. <code>/koreksi 198502022010012002 2026-10</code>. Only locked results can be corrected, always with a reason.",
		},
		"corr.card": {
			"🛠 <b>Koreksi hasil penilaian</b>\n%s (NIP %s), periode %s\nSekarang: predikat <b>%s</b> (hasil kerja %s, perilaku kerja %s)\nPilih rating <b>hasil kerja</b> yang benar:",
			"🛠 <b>Correcting an evaluation result</b>\n%s (NIP %s), period %s\nNow: predikat <b>%s</b> (work result %s, work behaviour %s)\nChoose the correct <b>work result</b> rating:",
		},
		"corr.choose_perilaku": {
			"Hasil kerja: <b>%s</b>. Pilih rating <b>perilaku kerja</b> (sekarang: %s):",
			"Work result: <b>%s</b>. Choose the <b>work behaviour</b> rating (now: %s):",
		},
		"corr.ask_reason": {
			"🛠 Hasil baru: hasil kerja <b>%s</b> × perilaku kerja <b>%s</b> → predikat <b>%s</b> (sebelumnya %s).\nTuliskan alasan koreksi dalam satu pesan (%d–%d karakter). Koreksi dicatat di log audit.",
			"🛠 New result: work result <b>%s</b> × work behaviour <b>%s</b> → predikat <b>%s</b> (was %s).\nWrite the reason for the correction in one message (%d–%d characters). It is recorded in the audit log.",
		},
		"corr.notice": {
			"🛠 Hasil penilaian %s (%s) dikoreksi oleh admin BKPSDM: predikat %s menjadi <b>%s</b>.\nOleh: %s. Alasan: <i>%s</i>",
			"🛠 The evaluation result for %s (%s) was corrected by a BKPSDM admin: predikat %s became <b>%s</b>.\nBy: %s. Reason: <i>%s</i>",
		},
		"corr.done": {
			"✅ Koreksi tersimpan: %s, %s → predikat <b>%s</b>. Pegawai dan penilai sudah diberi tahu.",
			"✅ Correction saved: %s, %s → predikat <b>%s</b>. The staff member and the assessor have been told.",
		},
		"err.corr_no_result": {
			"Belum ada hasil penilaian yang dikonfirmasi untuk NIP %s periode %s.",
			"There is no confirmed result for NIP %s, %s.",
		},
		"err.corr_not_locked": {
			"Penilaian ini belum terkunci (batas keberatan sampai %s). Sampai saat itu perubahan dilakukan oleh penilai atau lewat keberatan.",
			"This evaluation is not locked yet (objections are possible until %s). Until then the assessor, or an objection, changes it.",
		},
		"err.corr_open_objection": {
			"Ada keberatan yang belum diputus untuk penilaian ini. Tunggu keputusan atasan penilai.",
			"An objection to this evaluation is still undecided. Wait for the assessor's superior to decide.",
		},
	})
}
