package report

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of work reports, approvals and achievement ("rpt."), of the
// audit check cmd prints ("audit.") and of the storage errors reports and
// targets raise ("err.").
func init() {
	bot.RegisterTexts(map[string][2]string{
		"rpt.cmd_lapor":       {"Laporkan pekerjaan yang sudah selesai", "Report completed work"},
		"rpt.ex_lapor":        {"/lapor, lalu pilih indikator dengan tombol", "/lapor, then choose the indicator with the buttons"},
		"rpt.cmd_laporan":     {"Laporan saya bulan ini dan statusnya", "My reports this month and their status"},
		"rpt.cmd_capaian":     {"Capaian saya terhadap target", "My achievement against target"},
		"rpt.ex_capaian":      {"/capaian atau /capaian 2026-10", "/capaian or /capaian 2026-10"},
		"rpt.cmd_persetujuan": {"Laporan bawahan yang menunggu persetujuan", "Subordinates' reports awaiting approval"},

		"rpt.expired": {
			"⏱ Pengisian laporan berakhir karena tidak ada aktivitas selama 30 menit. Laporan yang belum dikirim tidak disimpan; ketik /lapor untuk mulai lagi.",
			"⏱ Your report expired after 30 minutes without activity. Unsent reports are not saved; type /lapor to start again.",
		},
		"rpt.no_targets": {
			"Belum ada indikator kinerja dengan target untuk Anda pada %s. Silakan hubungi admin BKPSDM.",
			"You have no performance indicators with targets for %s yet. Please contact the BKPSDM admin.",
		},
		"rpt.ask_target": {
			"📝 <b>Lapor pekerjaan</b>\nPilih indikator pekerjaan yang Anda laporkan (atau ketik kodenya):",
			"📝 <b>Report work</b>\nChoose the indicator of the work you are reporting (or type its code):",
		},
		"rpt.target_not_yours": {
			"Indikator itu tidak tersedia untuk Anda pada periode yang masih terbuka.",
			"That indicator is not available to you in an open period.",
		},
		"rpt.target_unknown": {
			"Kode indikator %q tidak ada dalam daftar Anda.",
			"Indicator code %q is not in your list.",
		},
		"rpt.ask_qty": {
			"Indikator: <b>%s</b> — %s\nBerapa jumlah yang diselesaikan (dalam %s)? Ketik angka, misalnya <code>3</code> atau <code>2,5</code>. Paling banyak %s per laporan.",
			"Indicator: <b>%s</b> — %s\nHow much was completed (in %s)? Type a number, for example <code>3</code> or <code>2.5</code>. At most %s per report.",
		},
		"rpt.qty_not_number": {
			"⚠️ %q bukan angka. Ketik jumlahnya dengan angka saja, misalnya 3 atau 2,5.",
			"⚠️ %q is not a number. Type the quantity in digits only, for example 3 or 2.5.",
		},
		"rpt.qty_not_positive": {
			"⚠️ Jumlah %q tidak bisa diterima: jumlah harus lebih dari nol.",
			"⚠️ %q cannot be accepted: the quantity must be above zero.",
		},
		"rpt.qty_ambiguous": {
			"⚠️ %q bisa berarti ribuan atau desimal. Tulis tanpa pemisah ribuan, misalnya <code>2500</code>, atau desimal dengan koma, misalnya <code>2,5</code>.",
			"⚠️ %q could mean thousands or a decimal. Write it without a thousands separator, for example <code>2500</code>, or as a decimal such as <code>2.5</code>.",
		},
		"rpt.qty_too_big": {
			"⚠️ Jumlah terlalu besar untuk satu laporan: paling banyak %s %s. Periksa kembali angkanya.",
			"⚠️ That is too much for one report: at most %s %s. Please check the number.",
		},
		"rpt.ask_date": {
			"Kapan pekerjaan ini dilakukan? Pilih tombol, atau ketik tanggalnya, misalnya <code>7</code>, <code>7/11</code> atau <code>7-11-2026</code>.",
			"When was this work done? Choose a button, or type the date, for example <code>7</code>, <code>7/11</code> or <code>7-11-2026</code>.",
		},
		"rpt.btn_today":     {"Hari ini (%s)", "Today (%s)"},
		"rpt.btn_yesterday": {"Kemarin (%s)", "Yesterday (%s)"},
		"rpt.date_invalid": {
			"⚠️ %q bukan tanggal yang dikenali.",
			"⚠️ %q is not a date I recognise.",
		},
		"rpt.date_future": {
			"⚠️ Tanggal itu belum terjadi. Laporkan pekerjaan yang sudah selesai saja.",
			"⚠️ That date is in the future. Only report work that is already done.",
		},
		"rpt.date_locked": {
			"⚠️ Periode %s sudah dikunci; laporannya tidak bisa dikirim atau diubah lagi.",
			"⚠️ The period %s is locked; its reports can no longer be sent or changed.",
		},
		"rpt.date_outside_target": {
			"⚠️ Indikator ini berlaku untuk periode %s. Pilih tanggal dalam periode itu.",
			"⚠️ This indicator applies to the period %s. Choose a date within it.",
		},
		"rpt.ask_desc": {
			"Tuliskan uraian singkat pekerjaan yang dilakukan (wajib, paling banyak %d karakter).",
			"Write a short description of the work done (required, at most %d characters).",
		},
		"rpt.desc_empty": {"⚠️ Uraian tidak boleh kosong.", "⚠️ The description cannot be empty."},
		"rpt.desc_too_long": {
			"⚠️ Uraian terlalu panjang (%d karakter); paling banyak %d karakter. Silakan persingkat.",
			"⚠️ The description is too long (%d characters); at most %d. Please shorten it.",
		},
		"rpt.need_text": {
			"⚠️ Di langkah ini saya memerlukan jawaban berupa teks.",
			"⚠️ This step needs a typed answer.",
		},
		"rpt.use_buttons": {
			"Silakan gunakan tombol di bawah pesan, atau ketik /batal untuk membatalkan.",
			"Please use the buttons under the message, or type /cancel to cancel.",
		},
		"rpt.ask_ev": {
			"📎 Kirim foto atau dokumen sebagai bukti (boleh lebih dari satu, paling banyak %d). Jika sudah, tekan <b>Selesai</b>. Tidak ada bukti? Tekan <b>Lewati</b>.",
			"📎 Send photos or documents as evidence (several allowed, at most %d). When done, press <b>Done</b>. No evidence? Press <b>Skip</b>.",
		},
		"rpt.btn_ev_skip":  {"Lewati (tanpa bukti)", "Skip (no evidence)"},
		"rpt.btn_ev_done":  {"✅ Selesai (%d bukti)", "✅ Done (%d files)"},
		"rpt.btn_ev_clear": {"🗑 Hapus semua bukti", "🗑 Remove all evidence"},
		"rpt.ev_added":     {"📎 Bukti ke-%d diterima.", "📎 Evidence file %d received."},
		"rpt.ev_cleared":   {"Semua bukti dihapus dari laporan ini.", "All evidence was removed from this report."},
		"rpt.ev_text": {
			"⚠️ Di langkah ini kirim foto atau dokumen, atau tekan tombol di bawah.",
			"⚠️ At this step send a photo or a document, or press a button below.",
		},
		"rpt.ev_sticker": {
			"⚠️ Stiker tidak bisa dijadikan bukti. Kirim foto atau dokumen.",
			"⚠️ A sticker cannot be evidence. Send a photo or a document.",
		},
		"rpt.ev_voice": {
			"⚠️ Pesan suara tidak bisa dijadikan bukti. Kirim foto atau dokumen.",
			"⚠️ A voice message cannot be evidence. Send a photo or a document.",
		},
		"rpt.ev_location": {
			"⚠️ Lokasi tidak bisa dijadikan bukti. Kirim foto atau dokumen.",
			"⚠️ A location cannot be evidence. Send a photo or a document.",
		},
		"rpt.ev_other": {
			"⚠️ Jenis pesan ini tidak bisa dijadikan bukti. Kirim foto atau dokumen.",
			"⚠️ This kind of message cannot be evidence. Send a photo or a document.",
		},
		"rpt.ev_too_big": {
			"⚠️ Berkas terlalu besar; paling besar %d MB. Kirim berkas yang lebih kecil.",
			"⚠️ The file is too large; at most %d MB. Send a smaller file.",
		},
		"rpt.ev_too_many": {
			"⚠️ Satu laporan paling banyak berisi %d bukti.",
			"⚠️ One report can carry at most %d evidence files.",
		},
		"rpt.ev_same": {
			"Berkas ini sudah Anda lampirkan pada laporan ini.",
			"You already attached this file to this report.",
		},
		"rpt.preview_head":      {"🔎 <b>Periksa laporan Anda</b>", "🔎 <b>Check your report</b>"},
		"rpt.preview_head_edit": {"🔎 <b>Periksa perubahan laporan #%s</b>", "🔎 <b>Check the changes to report #%s</b>"},
		"rpt.preview_body": {
			"Indikator: <b>%s</b> — %s\nJumlah: <b>%s %s</b>\nTanggal kerja: %s\nUraian: %s\nBukti: %d berkas",
			"Indicator: <b>%s</b> — %s\nQuantity: <b>%s %s</b>\nDate of work: %s\nDescription: %s\nEvidence: %d files",
		},
		"rpt.preview_returned": {
			"↩️ Dikembalikan untuk diperbaiki. Alasan: %s",
			"↩️ Returned for correction. Reason: %s",
		},
		"rpt.btn_send":        {"✅ Kirim", "✅ Send"},
		"rpt.btn_change":      {"✏️ Ubah", "✏️ Change"},
		"rpt.btn_cancel":      {"✖️ Batal", "✖️ Cancel"},
		"rpt.btn_back":        {"« Kembali", "« Back"},
		"rpt.ask_field":       {"Bagian mana yang ingin diubah?", "Which part do you want to change?"},
		"rpt.field_target":    {"Indikator", "Indicator"},
		"rpt.field_qty":       {"Jumlah", "Quantity"},
		"rpt.field_date":      {"Tanggal", "Date"},
		"rpt.field_desc":      {"Uraian", "Description"},
		"rpt.field_ev":        {"Bukti", "Evidence"},
		"rpt.cancelled":       {"Laporan dibatalkan; tidak ada yang disimpan.", "Report cancelled; nothing was saved."},
		"rpt.cancelled_short": {"Dibatalkan", "Cancelled"},
		"rpt.edit_cancelled": {
			"Perubahan dibatalkan; laporan #%s tetap seperti semula.",
			"Changes cancelled; report #%s stays as it was.",
		},
		"rpt.no_assessor_short": {"Belum ada pejabat penilai", "No assessor yet"},
		"rpt.no_assessor": {
			"⚠️ Anda belum memiliki pejabat penilai (atasan langsung) di daftar pegawai, jadi laporan belum bisa dikirim. Hubungi admin BKPSDM; jawaban Anda tetap tersimpan selama 30 menit.",
			"⚠️ You have no assessor (direct superior) on the roster yet, so the report cannot be sent. Contact the BKPSDM admin; your answers are kept for 30 minutes.",
		},
		"rpt.sent": {
			"✅ Laporan #%d terkirim ke <b>%s</b> untuk disetujui. Lihat statusnya dengan /laporan.",
			"✅ Report #%d was sent to <b>%s</b> for approval. See its status with /laporan.",
		},
		"rpt.sent_acting": {
			"✅ Laporan #%d terkirim ke <b>%s</b> (%s, atas nama %s) untuk disetujui. Lihat statusnya dengan /laporan.",
			"✅ Report #%d was sent to <b>%s</b> (%s, on behalf of %s) for approval. See its status with /laporan.",
		},
		"rpt.sent_short": {"Terkirim", "Sent"},
		"rpt.assessor_unlinked": {
			"ℹ️ Pejabat penilai Anda belum terhubung ke bot; laporan akan ia lihat setelah terhubung.",
			"ℹ️ Your assessor has not linked their account yet; they will see the report once they do.",
		},
		"rpt.changed_meanwhile": {
			"⚠️ Laporan #%d sudah berubah sejak Anda membukanya (misalnya sudah diputuskan). Tidak ada yang diubah; buka /laporan untuk melihat keadaan terbaru.",
			"⚠️ Report #%d changed since you opened it (it may have been decided). Nothing was changed; open /laporan to see its current state.",
		},
		"rpt.report_not_found": {"Laporan itu tidak ditemukan.", "That report was not found."},
		"rpt.not_your_report":  {"⛔ Laporan itu bukan milik Anda.", "⛔ That report is not yours."},
		"rpt.not_editable": {
			"Laporan #%d berstatus %s dan tidak bisa diubah lagi.",
			"Report #%d is %s and can no longer be changed.",
		},

		"rpt.status_pending":   {"menunggu", "pending"},
		"rpt.status_approved":  {"disetujui", "approved"},
		"rpt.status_rejected":  {"ditolak", "rejected"},
		"rpt.status_returned":  {"dikembalikan", "returned"},
		"rpt.status_withdrawn": {"ditarik", "withdrawn"},

		"rpt.my_none": {
			"Anda belum mengirim laporan untuk periode yang masih terbuka (%s). Ketik /lapor untuk melapor.",
			"You have not sent any reports for the open period (%s). Type /lapor to report.",
		},
		"rpt.my_head":        {"📋 <b>Laporan saya</b> (periode terbuka, s.d. %s)", "📋 <b>My reports</b> (open period, up to %s)"},
		"rpt.my_skipped":     {"(%d laporan lebih lama tidak ditampilkan)", "(%d older reports not shown)"},
		"rpt.my_line":        {"%s <b>#%d</b> · %s · %s · %s %s — %s", "%s <b>#%d</b> · %s · %s · %s %s — %s"},
		"rpt.my_reason":      {"Alasan: %s", "Reason: %s"},
		"rpt.btn_edit_n":     {"✏️ Ubah #%d", "✏️ Edit #%d"},
		"rpt.btn_withdraw_n": {"🚫 Tarik #%d", "🚫 Withdraw #%d"},
		"rpt.btn_fix_n":      {"✏️ Perbaiki & kirim ulang #%d", "✏️ Correct & resend #%d"},
		"rpt.withdraw_ask": {
			"Tarik laporan #%d? Laporan yang ditarik tidak akan dinilai.",
			"Withdraw report #%d? A withdrawn report is not assessed.",
		},
		"rpt.btn_withdraw_yes": {"Ya, tarik", "Yes, withdraw"},
		"rpt.btn_withdraw_no":  {"Tidak", "No"},
		"rpt.withdraw_kept":    {"Baik, laporan tidak ditarik.", "OK, the report was not withdrawn."},
		"rpt.withdrawn":        {"🚫 Laporan #%d sudah ditarik.", "🚫 Report #%d was withdrawn."},
		"rpt.withdrawn_short":  {"Ditarik", "Withdrawn"},
		"rpt.withdrawn_notice": {
			"🚫 Laporan #%d dari %s ditarik oleh pegawai; tidak perlu diputuskan.",
			"🚫 Report #%d from %s was withdrawn by its author; no decision is needed.",
		},

		"rpt.head_create":   {"📝 <b>Laporan kerja baru #%d</b> menunggu persetujuan Anda", "📝 <b>New work report #%d</b> awaits your approval"},
		"rpt.head_edit":     {"✏️ <b>Laporan #%d diubah</b> oleh pegawai; menunggu persetujuan Anda", "✏️ <b>Report #%d was edited</b> by its author; it awaits your approval"},
		"rpt.head_resubmit": {"🔁 <b>Laporan #%d diperbaiki dan dikirim ulang</b>; menunggu persetujuan Anda", "🔁 <b>Report #%d was corrected and resent</b>; it awaits your approval"},
		"rpt.head_decided":  {"📝 <b>Laporan #%d</b>", "📝 <b>Report #%d</b>"},
		"rpt.summary": {
			"Pegawai: <b>%s</b> (NIP %s)\nIndikator: <b>%s</b> — %s\nJumlah: <b>%s %s</b> (target %s)\nTanggal kerja: %s\nUraian: %s",
			"Staff: <b>%s</b> (NIP %s)\nIndicator: <b>%s</b> — %s\nQuantity: <b>%s %s</b> (target %s)\nDate of work: %s\nDescription: %s",
		},
		"rpt.summary_no_ev": {"Bukti: tidak ada", "Evidence: none"},
		"rpt.summary_ev":    {"Bukti %d: %s, %s", "Evidence %d: %s, %s"},
		"rpt.hash_pending":  {"sidik berkas belum tersedia", "fingerprint not yet available"},
		"rpt.kind_photo":    {"foto", "photo"},
		"rpt.kind_document": {"dokumen", "document"},
		"rpt.summary_dup": {
			"⚠️ Bukti %d sama persis dengan bukti pada laporan #%d. Mohon periksa.",
			"⚠️ Evidence %d is identical to evidence on report #%d. Please check.",
		},
		"rpt.ev_caption":     {"Bukti %d/%d — laporan #%d", "Evidence %d/%d — report #%d"},
		"rpt.ev_sending":     {"Bukti sedang dikirim…", "Sending the evidence…"},
		"rpt.ev_unavailable": {"Bukti %d tidak dapat diambil dari Telegram.", "Evidence %d could not be fetched from Telegram."},
		"rpt.btn_approve":    {"✅ Setujui", "✅ Approve"},
		"rpt.btn_reject":     {"❌ Tolak", "❌ Reject"},
		"rpt.btn_return":     {"↩️ Kembalikan", "↩️ Return"},
		"rpt.btn_show_ev":    {"📎 Lihat bukti (%d)", "📎 Show evidence (%d)"},

		"rpt.decide_own": {
			"⛔ Anda tidak dapat memutuskan laporan Anda sendiri.",
			"⛔ You cannot decide on your own report.",
		},
		"rpt.decide_not_assessor": {
			"⛔ Anda bukan pejabat penilai untuk laporan #%d. Tidak ada yang diubah.",
			"⛔ You are not the assessor of report #%d. Nothing was changed.",
		},
		"rpt.decide_done": {
			"Laporan #%d sudah berstatus %s; keputusan tidak bisa diubah.",
			"Report #%d is already %s; the decision cannot be changed.",
		},
		"rpt.decide_stale": {
			"⚠️ Laporan #%d sudah diubah sejak pesan ini dikirim. Buka /persetujuan untuk melihat versi terbaru.",
			"⚠️ Report #%d changed since this message was sent. Open /persetujuan to see the latest version.",
		},
		"rpt.ask_reason_reject": {
			"Tuliskan alasan <b>penolakan</b> laporan #%d (%d–%d karakter). Alasan ini akan disampaikan kepada pegawai. Ketik /batal untuk membatalkan.",
			"Write the reason for <b>rejecting</b> report #%d (%d–%d characters). It will be shown to the staff member. Type /cancel to cancel.",
		},
		"rpt.ask_reason_return": {
			"Tuliskan apa yang perlu <b>diperbaiki</b> pada laporan #%d (%d–%d karakter). Pesan ini akan disampaikan kepada pegawai. Ketik /batal untuk membatalkan.",
			"Write what needs <b>correcting</b> in report #%d (%d–%d characters). It will be shown to the staff member. Type /cancel to cancel.",
		},
		"rpt.ask_reason_short": {"Tuliskan alasannya", "Write the reason"},
		"rpt.reason_need_text": {
			"⚠️ Alasan harus berupa teks (%d–%d karakter).",
			"⚠️ The reason must be typed text (%d–%d characters).",
		},
		"rpt.reason_length": {
			"⚠️ Alasan berisi %d karakter; harus %d–%d karakter. Silakan tulis ulang.",
			"⚠️ The reason has %d characters; it must have %d–%d. Please write it again.",
		},
		"rpt.reason_expired": {
			"⏱ Penulisan alasan berakhir karena tidak ada aktivitas selama 30 menit; laporan tetap menunggu keputusan Anda.",
			"⏱ Writing the reason expired after 30 minutes without activity; the report still awaits your decision.",
		},
		"rpt.outcome_approved": {"✅ <b>Disetujui</b> pada %s.", "✅ <b>Approved</b> on %s."},
		"rpt.outcome_rejected": {"❌ <b>Ditolak</b> pada %s.", "❌ <b>Rejected</b> on %s."},
		"rpt.outcome_returned": {"↩️ <b>Dikembalikan</b> pada %s.", "↩️ <b>Returned</b> on %s."},
		"rpt.as_delegate":      {"(sebagai admin, atas nama pejabat penilai)", "(as admin, on behalf of the assessor)"},
		"rpt.as_acting":        {"(sebagai %s, atas nama %s)", "(as %s, on behalf of %s)"},
		"rpt.decision_saved":   {"Keputusan atas laporan #%d tersimpan.", "The decision on report #%d was saved."},
		"rpt.told_approved": {
			"✅ Laporan #%d (%s, %s %s, %s) <b>disetujui</b> oleh %s.",
			"✅ Report #%d (%s, %s %s, %s) was <b>approved</b> by %s.",
		},
		"rpt.told_rejected": {
			"❌ Laporan #%d (%s, %s %s, %s) <b>ditolak</b> oleh %s.",
			"❌ Report #%d (%s, %s %s, %s) was <b>rejected</b> by %s.",
		},
		"rpt.told_returned": {
			"↩️ Laporan #%d (%s, %s %s, %s) <b>dikembalikan</b> oleh %s untuk diperbaiki.",
			"↩️ Report #%d (%s, %s %s, %s) was <b>returned</b> by %s for correction.",
		},
		"rpt.told_fix_hint": {
			"Perbaiki dan kirim ulang lewat /laporan.",
			"Correct it and send it again through /laporan.",
		},

		"rpt.delegate_admin_only": {
			"Hanya admin BKPSDM yang dapat membuka daftar persetujuan pejabat lain.",
			"Only a BKPSDM admin can open another assessor's approval list.",
		},
		"rpt.delegate_bad_nip": {"NIP %q tidak valid (harus 18 angka).", "NIP %q is not valid (it must be 18 digits)."},
		"rpt.apv_none":         {"✅ Tidak ada laporan yang menunggu persetujuan.", "✅ No reports are awaiting approval."},
		"rpt.apv_head": {
			"🗂 <b>Menunggu persetujuan</b> — halaman %d dari %d (%d laporan)",
			"🗂 <b>Awaiting approval</b> — page %d of %d (%d reports)",
		},
		"rpt.apv_acting":       {"Atas nama %s (Anda %s untuk jabatan ini).", "On behalf of %s (you are %s for this post)."},
		"rpt.apv_acting_posts": {"Anda hari ini juga pelaksana (Plt/Plh) untuk:", "Today you also act (Plt/Plh) for:"},
		"rpt.btn_acting_list":  {"📋 Laporan menunggu — atas nama %s (%s)", "📋 Reports waiting — for %s (%s)"},
		"rpt.apv_delegate":     {"Atas nama pejabat penilai NIP %s (Anda tercatat sebagai admin).", "On behalf of assessor NIP %s (you are recorded as admin)."},
		"rpt.btn_prev":         {"« Sebelumnya", "« Previous"},
		"rpt.btn_next":         {"Berikutnya »", "Next »"},
		"rpt.btn_approve_page": {"✅ Setujui semua di halaman ini (%d)", "✅ Approve all on this page (%d)"},
		"rpt.apv_not_yours":    {"⛔ Daftar itu bukan milik Anda.", "⛔ That list is not yours."},
		"rpt.apv_all_ask": {
			"Setujui %d laporan ini sekaligus: %s? Pastikan Anda sudah memeriksanya.",
			"Approve these %d reports at once: %s? Make sure you have checked them.",
		},
		"rpt.btn_apv_all_yes": {"Ya, setujui %d laporan", "Yes, approve %d reports"},
		"rpt.apv_all_kept":    {"Baik, tidak ada yang disetujui.", "OK, nothing was approved."},
		"rpt.apv_all_done":    {"✅ %d laporan disetujui.", "✅ %d reports approved."},
		"rpt.apv_all_skipped": {
			"%d laporan dilewati karena sudah berubah atau sudah diputuskan.",
			"%d reports were skipped because they changed or were already decided.",
		},
		"rpt.digest_head": {
			"🗂 Ada <b>%d laporan</b> baru atau diubah yang menunggu persetujuan Anda:",
			"🗂 <b>%d reports</b>, new or changed, await your approval:",
		},
		"rpt.digest_more": {"… dan %d laporan lainnya.", "… and %d more."},
		"rpt.apv_line": {
			"<b>#%d</b> %s — %s, <b>%s %s</b>, %s, bukti: %d\n<i>%s</i>",
			"<b>#%d</b> %s — %s, <b>%s %s</b>, %s, evidence: %d\n<i>%s</i>",
		},
		"rpt.status_is":    {"Status: <b>%s</b>", "Status: <b>%s</b>"},
		"rpt.digest_line":  {"• #%d %s — %s %s %s (%s)", "• #%d %s — %s %s %s (%s)"},
		"rpt.btn_open_apv": {"Buka daftar persetujuan", "Open the approval list"},

		"rpt.capaian_bad_month": {
			"Periode %q tidak dikenali. Tulis seperti <code>/capaian 2026-10</code> (bulan), <code>/capaian 2026-Q3</code> (triwulan) atau <code>/capaian 2026</code> (tahun).",
			"Period %q not recognised. Write it like <code>/capaian 2026-10</code> (a month), <code>/capaian 2026-Q3</code> (a quarter) or <code>/capaian 2026</code> (a year).",
		},
		"rpt.capaian_head":    {"📊 <b>Capaian %s</b> — %s", "📊 <b>Achievement, %s</b> — %s"},
		"rpt.dir_naik":        {"makin tinggi makin baik", "higher is better"},
		"rpt.dir_turun":       {"makin rendah makin baik", "lower is better"},
		"rpt.yearly":          {"target tahunan", "yearly target"},
		"rpt.capaian_ind":     {"<b>%s</b> %s (%s)", "<b>%s</b> %s (%s)"},
		"rpt.capaian_real":    {"Realisasi %s / target %s %s", "Realised %s / target %s %s"},
		"rpt.capaian_pct":     {"capaian <b>%s</b>", "achievement <b>%s</b>"},
		"rpt.capaian_none":    {"belum ada realisasi", "nothing realised yet"},
		"rpt.capaian_pending": {"(masih menunggu persetujuan: %s %s)", "(still awaiting approval: %s %s)"},
		"rpt.capaian_weighted": {
			"Capaian tertimbang: <b>%s</b>",
			"Weighted achievement: <b>%s</b>",
		},
		"rpt.capaian_note": {
			"Hanya laporan yang sudah disetujui yang dihitung (PermenPANRB 8/2021).",
			"Only approved reports count (PermenPANRB 8/2021).",
		},

		"audit.ok": {
			"Rantai audit utuh: %d entri. Hash kepala: %s",
			"Audit chain intact: %d entries. Head hash: %s",
		},
		"audit.entry": {" (%s pada %s %s, %s)", " (%s on %s %s, %s)"},
		"audit.altered": {
			"Rantai audit RUSAK: entri #%d%s telah diubah (isinya tidak cocok dengan hash-nya). %d entri sebelumnya utuh.",
			"Audit chain BROKEN: entry #%d%s was altered (its content does not match its hash). The %d entries before it are intact.",
		},
		"audit.removed": {
			"Rantai audit RUSAK: entri #%d%s hilang (dihapus). %d entri sebelumnya utuh.",
			"Audit chain BROKEN: entry #%d%s is missing (removed). The %d entries before it are intact.",
		},
		"audit.reordered": {
			"Rantai audit RUSAK: entri #%d%s tidak tersambung ke entri sebelumnya (urutan diubah, atau entri sebelumnya ditulis ulang). %d entri sebelumnya utuh.",
			"Audit chain BROKEN: entry #%d%s does not link to the entry before it (reordered, or the one before was rewritten). The %d entries before it are intact.",
		},
		"audit.head_missing": {
			"Rantai audit TIDAK MENCAPAI kepala %s yang dicatat di luar: tidak ada entri dengan hash itu (%d entri tersisa, kepala sekarang %s). Entri setelah kepala itu, atau kepala itu sendiri, telah dihapus atau ditulis ulang.",
			"Audit chain DOES NOT REACH the head %s recorded elsewhere: no entry has that hash (%d entries left, head now %s). Entries up to that head, or after it, were removed or rewritten.",
		},
		"audit.head_ok": {"Kepala %s yang dicatat di luar tercapai: entri #%d.", "The head %s recorded elsewhere is reached: entry #%d."},
		"audit.head_bad": {
			"--head %q bukan hash kepala: berikan hash SHA-256 (64 digit heksadesimal) atau awalannya, paling sedikit %d digit.",
			"--head %q is not a head hash: give the SHA-256 hash (64 hexadecimal digits) or its first %d digits at least.",
		},
		"audit.uncovered": {
			"Log audit TIDAK LENGKAP: %d dari %d %s tidak punya entri audit (%s). Entri audit telah dihapus, atau data diubah langsung di basis data.",
			"Audit log INCOMPLETE: %d of %d %s have no audit entry (%s). Audit entries were removed, or the data was changed directly in the database.",
		},
		"audit.kind_report.pending":    {"laporan menunggu", "pending reports"},
		"audit.kind_report.approved":   {"laporan disetujui", "approved reports"},
		"audit.kind_report.rejected":   {"laporan ditolak", "rejected reports"},
		"audit.kind_report.returned":   {"laporan dikembalikan", "returned reports"},
		"audit.kind_report.withdrawn":  {"laporan ditarik", "withdrawn reports"},
		"audit.kind_evaluation.final":  {"penilaian yang dikonfirmasi", "confirmed evaluations"},
		"audit.kind_objection.filed":   {"keberatan", "objections"},
		"audit.kind_objection.upheld":  {"keberatan yang ditolak (hasil tetap)", "objections decided (result stands)"},
		"audit.kind_objection.changed": {"keberatan yang dikabulkan (hasil diubah)", "objections decided (result changed)"},

		"err.target_not_found": {"Indikator tidak ditemukan.", "Indicator not found."},
		"err.target_period": {
			"Periode target %q harus berupa bulan (YYYY-MM), triwulan (YYYY-Qn) atau tahun (YYYY).",
			"Target period %q must be a month (YYYY-MM), a quarter (YYYY-Qn) or a year (YYYY).",
		},
		"err.report_not_found": {"Laporan tidak ditemukan.", "Report not found."},
		"err.report_changed": {
			"Laporan ini baru saja diubah orang lain. Tidak ada yang disimpan; silakan buka lagi.",
			"This report was just changed by someone else. Nothing was saved; please open it again.",
		},
	})
}
