package evaluation

import "github.com/bkpsdm-solok/kinerjabot/bot"

// Texts of the objection deadlines, the distribution re-check and the
// follow-up of poor results (/tindaklanjut).
func init() {
	bot.RegisterTexts(map[string][2]string{
		"obj.deadline_reminder": {
			"⏰ <b>Batas waktu keberatan</b>\nKeberatan %s atas penilaian %s menunggu keputusan Anda paling lambat <b>%s</b> (%d hari lagi).",
			"⏰ <b>Objection deadline</b>\n%s's objection to the evaluation of %s awaits your decision by <b>%s</b> (%d days left).",
		},
		"obj.overdue_admin": {
			"⚠️ <b>Keberatan melewati batas waktu</b>\nKeberatan %s atas penilaian %s belum diputuskan oleh %s. Batas waktu: %s (diajukan %s).",
			"⚠️ <b>Objection past its deadline</b>\n%s's objection to the evaluation of %s has not been decided by %s. Deadline: %s (filed %s).",
		},
		"eval.dist_recheck": {
			"⚖️ Predikat %s (%s) berubah menjadi %s. Pemeriksaan distribusi diulang:\n%s",
			"⚖️ The predicate of %s (%s) changed to %s. The distribution check was run again:\n%s",
		},

		"ftl.cmd": {"Rencana tindak lanjut hasil Kurang/Sangat Kurang", "Follow-up plans of Kurang/Sangat Kurang results"},
		"ftl.flow_expired": {
			"⏱ Pengisian rencana tindak lanjut berakhir karena tidak ada aktivitas. Ketik /tindaklanjut untuk mengulang.",
			"⏱ Writing the follow-up plan expired without activity. Type /tindaklanjut to start again.",
		},
		"ftl.opened_head": {
			"📌 <b>Tindak lanjut diperlukan</b>\n%s memperoleh predikat <b>%s</b> untuk %s.\nSusun rencana tindak lanjut (pembinaan): rencana, penanggung jawab, dan tanggal evaluasi.",
			"📌 <b>Follow-up needed</b>\n%s received the predicate <b>%s</b> for %s.\nWrite a follow-up (coaching) plan: the plan, who is responsible and a review date.",
		},
		"ftl.opened_admin": {
			"📌 Tindak lanjut dibuka: %s, %s, predikat <b>%s</b>. Rencana diisi oleh %s.",
			"📌 Follow-up opened: %s, %s, predicate <b>%s</b>. The plan is to be written by %s.",
		},
		"ftl.btn_fill":     {"📝 Isi rencana tindak lanjut", "📝 Write the follow-up plan"},
		"ftl.btn_fill_for": {"📝 Rencana: %s", "📝 Plan: %s"},
		"ftl.btn_close":    {"✅ Selesai: %s", "✅ Done: %s"},
		"ftl.btn_replan":   {"📝 Ubah rencana", "📝 Change the plan"},
		"ftl.btn_me":       {"👤 Saya sendiri", "👤 Myself"},
		"ftl.none":         {"Tidak ada tindak lanjut yang terbuka.", "No open follow-ups."},
		"ftl.list_head":    {"📌 <b>Tindak lanjut terbuka: %d</b>", "📌 <b>Open follow-ups: %d</b>"},
		"ftl.line":         {"• <b>%s</b> — %s, predikat %s (kepala: %s)", "• <b>%s</b> — %s, predicate %s (head: %s)"},
		"ftl.line_empty":   {"  Rencana belum diisi.", "  No plan yet."},
		"ftl.line_plan": {
			"  Rencana: %s\n  Penanggung jawab: %s\n  Evaluasi: %s",
			"  Plan: %s\n  Responsible: %s\n  Review: %s",
		},
		"ftl.ask_plan": {
			"📝 Rencana tindak lanjut untuk <b>%s</b> (%s, predikat %s).\nTuliskan rencana pembinaannya (paling sedikit 10 karakter).",
			"📝 Follow-up plan for <b>%s</b> (%s, predicate %s).\nWrite the coaching plan (at least 10 characters).",
		},
		"ftl.ask_responsible": {
			"👤 Siapa penanggung jawabnya? Tulis nama, atau tekan tombol di bawah.",
			"👤 Who is responsible? Type a name, or press the button below.",
		},
		"ftl.ask_day": {
			"📅 Penanggung jawab: %s.\nKapan rencana ini dievaluasi? Pilih tanggal atau ketik TTTT-BB-HH (misalnya 2026-12-15).",
			"📅 Responsible: %s.\nWhen is the plan reviewed? Choose a date or type YYYY-MM-DD (e.g. 2026-12-15).",
		},
		"ftl.saved": {
			"✅ Rencana tindak lanjut untuk %s tersimpan. Pengingat dikirim pada %s.",
			"✅ The follow-up plan for %s is saved. A reminder comes on %s.",
		},
		"ftl.closed": {"✅ Tindak lanjut %s (%s) ditutup.", "✅ The follow-up of %s (%s) is closed."},
		"ftl.review_reminder": {
			"📅 <b>Evaluasi tindak lanjut</b>\n%s, %s, predikat %s.\nRencana: %s\nPenanggung jawab: %s\nTanggal evaluasi: %s.\nTutup bila sudah selesai, atau ubah rencananya.",
			"📅 <b>Follow-up review</b>\n%s, %s, predicate %s.\nPlan: %s\nResponsible: %s\nReview date: %s.\nClose it when done, or change the plan.",
		},

		"err.followup_not_found":  {"Tindak lanjut tidak ditemukan.", "Follow-up not found."},
		"err.followup_not_yours":  {"Tindak lanjut ini bukan tugas Anda.", "This follow-up is not yours to fill in."},
		"err.followup_closed":     {"Tindak lanjut ini sudah ditutup.", "This follow-up is already closed."},
		"err.followup_not_filled": {"Isi rencananya dulu sebelum menutup.", "Write the plan before closing it."},
		"err.followup_plan_len": {
			"Rencana terdiri dari %d karakter; tulis %d sampai %d karakter.",
			"The plan has %d characters; write %d to %d.",
		},
		"err.followup_resp_len": {"Tulis nama penanggung jawab (3–200 karakter).", "Type the responsible person's name (3–200 characters)."},
		"err.followup_day": {
			"Tanggal tidak dikenali atau sudah lewat. Ketik TTTT-BB-HH, misalnya 2026-12-15.",
			"Date not recognised or already past. Type YYYY-MM-DD, e.g. 2026-12-15.",
		},
	})
}
