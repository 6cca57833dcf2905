package jobs

import "github.com/bkpsdm-solok/kinerjabot/bot"

func init() {
	bot.RegisterTexts(map[string][2]string{
		// Reminders.
		"jobs.snooze_hour":     {"⏰ Ingatkan 1 jam lagi", "⏰ Remind me in an hour"},
		"jobs.snooze_morning":  {"🌅 Ingatkan besok pagi", "🌅 Remind me tomorrow morning"},
		"jobs.open_approvals":  {"📂 Buka persetujuan", "📂 Open approvals"},
		"jobs.open_evaluation": {"📝 Buka penilaian", "📝 Open evaluations"},
		"jobs.open_parts":      {"🧩 Nilai bagian", "🧩 Rate the parts"},
		"jobs.open_report":     {"✍️ Kirim laporan", "✍️ Send a report"},
		"jobs.approvals": {
			"📋 <b>Pengingat persetujuan laporan</b>\n\n" +
				"Ada <b>%d laporan kerja</b> bawahan Anda yang menunggu persetujuan. " +
				"Laporan yang paling lama sudah menunggu %s.\n\n" +
				"Mohon diperiksa agar capaian kinerja pegawai tercatat tepat waktu.",
			"📋 <b>Report approval reminder</b>\n\n" +
				"<b>%d work reports</b> from your staff are waiting for your approval. " +
				"The oldest has been waiting %s.\n\n" +
				"Please review them so that your staff's results are recorded on time.",
		},
		"jobs.age_today":   {"sejak hari ini", "since today"},
		"jobs.age_one_day": {"1 hari (sejak %s)", "1 day (since %s)"},
		"jobs.age_days":    {"%d hari (sejak %s)", "%d days (since %s)"},
		"jobs.evaluation": {
			"📝 <b>Pengingat penilaian kinerja</b>\n\n" +
				"Penilaian kinerja periode <b>%s</b> untuk <b>%d pegawai</b> yang Anda nilai belum selesai. " +
				"Batas waktunya <b>%s</b>.",
			"📝 <b>Performance evaluation reminder</b>\n\n" +
				"The evaluation of <b>%s</b> for <b>%d people you evaluate</b> is not finished yet. " +
				"The deadline is <b>%s</b>.",
		},
		"jobs.evaluation_last_day": {
			"⚠️ Hari ini hari kerja terakhir sebelum batas waktu. Salinan daftar ini juga dikirim ke admin BKPSDM.",
			"⚠️ Today is the last working day before the deadline. A copy of this list also goes to the BKPSDM admin.",
		},
		"jobs.evaluation_admin": {
			"📝 <b>Penilaian kinerja %s belum selesai</b>\nBatas waktu: %s. Pejabat penilai yang belum menyelesaikan (%d):",
			"📝 <b>Evaluations of %s not finished</b>\nDeadline: %s. Assessors who have not finished (%d):",
		},
		"jobs.evaluation_admin_line":  {"%s: %d pegawai", "%s: %d staff"},
		"jobs.evaluation_admin_parts": {"dan %d bagian pegawai yang pindah", "and %d parts of staff who moved"},
		"jobs.evaluation_parts_too": {
			"Ada juga <b>%d bagian</b> dari pegawai yang pindah dari Anda dalam periode ini yang belum Anda nilai (lihat /nilai).",
			"There are also <b>%d parts</b> of staff who moved away from you within the period for you to rate (see /nilai).",
		},
		"jobs.evaluation_parts": {
			"📝 <b>Pengingat penilaian kinerja</b>\n\n" +
				"Periode <b>%s</b>: <b>%d bagian</b> dari pegawai yang pindah dari Anda belum Anda nilai. " +
				"Nilai Anda menjadi dasar usulan atasan barunya. Batas waktunya <b>%s</b>.",
			"📝 <b>Performance evaluation reminder</b>\n\n" +
				"<b>%s</b>: <b>%d parts</b> of staff who moved away from you are not rated yet. " +
				"Your rating is the basis of their new assessor's proposal. The deadline is <b>%s</b>.",
		},
		"jobs.not_reminded":       {"— tidak diingatkan: %s", "— not reminded: %s"},
		"jobs.left.not_linked":    {"belum menautkan Telegram", "Telegram not linked"},
		"jobs.left.on_leave":      {"sedang cuti", "on leave"},
		"jobs.left.unreachable":   {"memblokir bot", "blocked the bot"},
		"jobs.left.not_on_roster": {"tidak ada di daftar pegawai", "not on the roster"},
		"jobs.reporting": {
			"✍️ <b>Pengingat laporan kerja</b>\n\n" +
				"Anda belum mengirim laporan kerja dalam <b>%d hari kerja</b> terakhir (sejak %s). " +
				"Laporan yang dikirim tepat waktu membuat capaian Anda tercatat dan mudah dinilai.",
			"✍️ <b>Work report reminder</b>\n\n" +
				"You have not sent a work report in the last <b>%d working days</b> (since %s). " +
				"Reports sent on time get your results recorded and easy to evaluate.",
		},
		"jobs.snooze_not_yours": {"Pengingat ini bukan untuk Anda.", "This reminder is not for you."},
		"jobs.snooze_at":        {"pukul %s", "at %s"},
		"jobs.snooze_tomorrow":  {"%s pukul %s", "%s at %s"},
		"jobs.snooze_already":   {"Pengingat ini sudah dijadwalkan ulang.", "This reminder is already rescheduled."},
		"jobs.snooze_set":       {"Baik, saya ingatkan lagi %s.", "OK, I will remind you again %s."},
		"jobs.snoozed_note":     {"<i>⏰ Akan diingatkan lagi %s.</i>", "<i>⏰ You will be reminded again %s.</i>"},

		// Summaries.
		"jobs.group_label":   {"Grup %s", "Group of %s"},
		"jobs.channel_label": {"Kanal publik", "Public channel"},
		"jobs.ikm_value": {
			"%s — mutu %s (%s), %d responden",
			"%s — grade %s (%s), %d respondents",
		},
		"jobs.provisional": {
			"<i>(sementara: %d dari %d responden yang dibutuhkan)</i>",
			"<i>(provisional: %d of the %d respondents needed)</i>",
		},
		"jobs.weekly_head": {"📊 <b>Ringkasan mingguan — %s</b>\n%s", "📊 <b>Weekly summary — %s</b>\n%s"},
		"jobs.weekly_reports": {
			"📝 Laporan kerja: <b>%d</b> dikirim, <b>%d</b> disetujui, <b>%d</b> menunggu persetujuan.",
			"📝 Work reports: <b>%d</b> sent, <b>%d</b> approved, <b>%d</b> awaiting approval.",
		},
		"jobs.weekly_survey": {
			"⭐ Survei kepuasan masyarakat: <b>%d</b> responden minggu ini.",
			"⭐ Citizen satisfaction survey: <b>%d</b> respondents this week.",
		},
		"jobs.weekly_ikm":    {"IKM %s sejauh ini: %s", "IKM of %s so far: %s"},
		"jobs.weekly_no_ikm": {"Belum ada responden pada %s.", "No respondents in %s yet."},
		"jobs.monthly_head": {
			"📈 <b>Ringkasan bulanan kinerja — %s</b>",
			"📈 <b>Monthly performance summary — %s</b>",
		},
		"jobs.monthly_ikm": {
			"⭐ <b>Indeks Kepuasan Masyarakat (IKM) per unit</b>",
			"⭐ <b>Citizen Satisfaction Index (IKM) by unit</b>",
		},
		"jobs.monthly_site_head":  {"🌐 <b>Hasil lengkap di situs publik</b> (unsur, riwayat, waktu layanan):", "🌐 <b>Full results on the public site</b> (elements, history, service times):"},
		"jobs.monthly_site_unit":  {"%s: %s", "%s: %s"},
		"jobs.monthly_site_all":   {"🌐 Hasil lengkap setiap unit di situs publik: %s", "🌐 Every unit's full results on the public site: %s"},
		"jobs.monthly_speed_head": {"⏱ <b>Waktu layanan terukur</b> (dari kode \"Mulai layanan\" sampai survei):", "⏱ <b>Measured service times</b> (from the \"Mulai layanan\" code to the survey):"},
		"jobs.monthly_speed": {
			"%s: median %s menit dari %d layanan; %d%% dalam standar %s menit",
			"%s: median %s minutes over %d services; %d%% within the %s-minute standard",
		},
		"jobs.monthly_speed_nostd": {
			"%s: median %s menit dari %d layanan (standar waktu belum ditetapkan)",
			"%s: median %s minutes over %d services (no service standard published)",
		},
		"jobs.monthly_no_ikm":      {"Belum ada responden survei bulan ini.", "No survey respondents this month."},
		"jobs.monthly_unit_no_ikm": {"Belum ada responden untuk: %s.", "No respondents yet for: %s."},
		"jobs.monthly_predikat": {
			"🏅 <b>Sebaran predikat kinerja pegawai, %s</b> (jumlah orang)",
			"🏅 <b>Staff performance predicates, %s</b> (number of people)",
		},
		"jobs.monthly_no_predikat": {"belum ada penilaian yang dikonfirmasi", "no confirmed evaluation yet"},
		"jobs.monthly_all_units":   {"Seluruh unit", "All units"},
		"jobs.monthly_audit": {
			"🔐 Log audit: <b>%d</b> entri, kepala <code>%s</code>. Simpan baris ini: dengannya siapa pun dapat memeriksa kelak bahwa log tidak dipotong (<code>kinerjabot audit verify --head %s</code>).",
			"🔐 Audit log: <b>%d</b> entries, head <code>%s</code>. Keep this line: with it anyone can check later that the log was not cut back (<code>kinerjabot audit verify --head %s</code>).",
		},
		"jobs.chart_caption": {"📊 Grafik IKM per unit, %s.", "📊 IKM by unit, %s."},
		"jobs.chart_title":   {"IKM per unit — %s", "IKM by unit — %s"},
		"jobs.chart_subtitle": {
			"Indeks Kepuasan Masyarakat, skala 25–100 (PermenPANRB 14/2017). Warna pucat: sementara, responden kurang dari sampel.",
			"Citizen Satisfaction Index, scale 25–100 (PermenPANRB 14/2017). Pale: provisional, fewer respondents than the sample.",
		},
		"jobs.chart_legend_a": {"A ≥ 88,31 %s", "A ≥ 88.31 %s"},
		"jobs.chart_legend_b": {"B ≥ 76,61 %s", "B ≥ 76.61 %s"},
		"jobs.chart_legend_c": {"C ≥ 65,00 %s", "C ≥ 65.00 %s"},
		"jobs.chart_legend_d": {"D < 65,00 %s", "D < 65.00 %s"},

		// Undelivered messages, for admins.
		"jobs.failures_head": {
			"⚠️ <b>Pesan terjadwal yang tidak terkirim</b> (%d penerima):",
			"⚠️ <b>Scheduled messages not delivered</b> (%d recipients):",
		},
		"jobs.failures_more": {"… dan %d lainnya.", "… and %d more."},
		"jobs.failures_tail": {
			"Mohon minta pegawai tersebut membuka bot dan menekan Mulai, atau tambahkan kembali bot ke grup unit.",
			"Please ask these staff to open the bot and press Start, or add the bot back to the unit's group.",
		},
		"jobs.failure_unreachable": {"memblokir bot atau belum pernah memulai bot", "blocked the bot or never started it"},
		"jobs.failure_gone":        {"bot dikeluarkan dari grup, atau grup tidak ditemukan", "the bot was removed from the group, or the group does not exist"},
		"jobs.failure_refused":     {"ditolak Telegram: %s", "refused by Telegram: %s"},

		// Errors of the outbox and leave stores.
		"err.job_run_not_found": {"Jadwal %s belum pernah berjalan untuk %s.", "Job %s has not run for %s."},
		"err.outbox_not_found":  {"Pesan terjadwal tidak ditemukan.", "Scheduled message not found."},
		"err.outbox_settled":    {"Pesan terjadwal %d sudah selesai diproses.", "Scheduled message %d was already settled."},
	})
}
