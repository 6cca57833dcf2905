package acting

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of /plt. The refusals (err.acting_*) are the domain's, shared
// with the command line and registered with the reports (bot/report).
func init() {
	bot.RegisterTexts(map[string][2]string{
		"plt.cmd": {"Pelaksana tugas/harian (Plt/Plh) penilai: lihat, tambah, akhiri", "Acting assessors (Plt/Plh): list, add, end"},
		"plt.head": {"👥 <b>Pelaksana Plt/Plh</b> (yang berlaku dan yang akan datang):",
			"👥 <b>Acting assessors (Plt/Plh)</b> (in force and to come):"},
		"plt.none":     {"Belum ada penugasan.", "No assignments."},
		"plt.line":     {"#%d <b>%s</b>: %s bertindak untuk %s, %s", "#%d <b>%s</b>: %s acts for %s, %s"},
		"plt.in_force": {"(berlaku hari ini)", "(in force today)"},
		"plt.explain": {
			"Selama penugasan berlaku, laporan, pengingat, penilaian, dan keberatan yang seharusnya ke pejabat yang berhalangan dikirim ke pelaksananya; setiap keputusan mencatat keduanya.",
			"While an assignment holds, reports, reminders, evaluations and objections that would go to the absent assessor go to the acting one; every decision records both.",
		},
		"plt.btn_new":     {"➕ Tambah Plt/Plh", "➕ Add Plt/Plh"},
		"plt.btn_end":     {"⏹ Akhiri #%d", "⏹ End #%d"},
		"plt.btn_end_yes": {"⏹ Ya, akhiri sekarang", "⏹ Yes, end it now"},
		"plt.btn_back":    {"↩ Kembali", "↩ Back"},
		"plt.btn_list":    {"📋 Daftar Plt/Plh", "📋 Acting list"},
		"plt.btn_cancel":  {"✖ Batal", "✖ Cancel"},
		"plt.btn_save":    {"✅ Simpan", "✅ Save"},
		"plt.btn_plt":     {"Plt (pelaksana tugas)", "Plt (acting, long absence or vacancy)"},
		"plt.btn_plh":     {"Plh (pelaksana harian)", "Plh (acting, short absence)"},
		"plt.end_ask":     {"Akhiri penugasan ini sekarang?\n\n%s", "End this assignment now?\n\n%s"},
		"plt.ended_short": {"Penugasan diakhiri.", "Assignment ended."},
		"plt.cancelled":   {"Dibatalkan.", "Cancelled."},
		"plt.ask_for": {"Siapa pejabat penilai yang <b>berhalangan</b>? Ketik nama atau NIP-nya.",
			"Who is the <b>absent</b> assessor? Type their name or NIP."},
		"plt.ask_by": {"Siapa yang <b>bertindak</b> untuk %s? Ketik nama atau NIP-nya.",
			"Who <b>acts</b> for %s? Type their name or NIP."},
		"plt.who": {"%s untuk %s", "%s for %s"},
		"plt.ask_from": {"%s.\nMulai tanggal berapa? Pilih pada kalender atau ketik tanggal (mis. <b>9-11-2026</b>).",
			"%s.\nFrom which day? Pick it on the calendar or type it (e.g. <b>9-11-2026</b>)."},
		"plt.ask_to": {"%s, mulai %s.\nSampai tanggal berapa (termasuk)? Pilih pada kalender atau ketik tanggal.",
			"%s, from %s.\nUntil which day (inclusive)? Pick it on the calendar or type it."},
		"plt.ask_kind":    {"%s, %s.\nJenis penugasan?", "%s, %s.\nWhich kind?"},
		"plt.draft":       {"<b>%s</b>: %s bertindak untuk %s, %s", "<b>%s</b>: %s acts for %s, %s"},
		"plt.confirm":     {"Simpan penugasan ini?\n\n%s", "Save this assignment?\n\n%s"},
		"plt.saved":       {"✅ Penugasan disimpan:\n\n%s", "✅ Assignment saved:\n\n%s"},
		"plt.saved_short": {"Tersimpan.", "Saved."},
		"plt.type_name":   {"Ketik nama atau NIP.", "Type a name or NIP."},
		"plt.bad_date": {"Tanggal %q tidak dikenali. Pilih pada kalender atau tulis misalnya <b>9-11-2026</b>.",
			"Date %q not recognised. Pick it on the calendar or write for example <b>9-11-2026</b>."},
		"plt.use_buttons": {"Silakan pilih dengan tombol di atas.", "Please choose with the buttons above."},
		"plt.no_match":    {"Tidak ada pegawai dengan nama atau NIP %q. Coba ketik lagi.", "Nobody on the roster has the name or NIP %q. Try again."},
		"plt.too_many": {"Ada %d pegawai yang cocok dengan %q. Ketik lebih lengkap (nama lengkap atau NIP).",
			"%d people match %q. Type more (the full name or the NIP)."},
		"plt.pick_for": {"%d pegawai cocok. Pilih pejabat yang berhalangan:", "%d people match. Pick the absent assessor:"},
		"plt.pick_by":  {"%d pegawai cocok. Pilih pelaksananya:", "%d people match. Pick the acting one:"},
		"plt.notify_new": {"👥 Penugasan <b>%s</b>: %s bertindak sebagai penilai untuk %s, %s. Laporan, penilaian, dan keberatan yang seharusnya ke %[3]s dikirim ke %[2]s selama itu.",
			"👥 <b>%s</b> assignment: %s acts as assessor for %s, %s. Reports, evaluations and objections that would go to %[3]s go to %[2]s meanwhile."},
		"plt.notify_ended": {"👥 Penugasan <b>%s</b> %s untuk %s (%s) diakhiri oleh admin.",
			"👥 The <b>%s</b> assignment of %s for %s (%s) was ended by an admin."},
	})
}
