package evaluation

import "github.com/bkpsdm-solok/kinerjabot/bot"

// The texts of the earlier assessors' part ratings (partrating.go,
// partchat.go).
func init() {
	bot.RegisterTexts(map[string][2]string{
		"part.rating": {
			"Nilai atasan bagian ini: <b>%s</b> %s",
			"This part's assessor's rating: <b>%s</b> %s",
		},
		"part.rating_none": {
			"Nilai atasan bagian ini: <i>belum dinilai</i>",
			"This part's assessor's rating: <i>not rated yet</i>",
		},
		"part.rating_none_short": {"belum dinilai", "not rated yet"},
		"part.rated_acting": {
			"— diberikan oleh Plt/Plh atas nama beliau",
			"— given by the acting assessor (Plt/Plh) on their behalf",
		},
		"part.basis_ratings": {
			"Usulan dari nilai tiap bagian (Di Bawah = 1, Sesuai = 2, Di Atas = 3; bagian penilai akhir dengan usulannya; " +
				"rata-rata ditimbang hari kerja, ,5 dibulatkan ke atas): %s → <b>%s</b> (dasar usulan)",
			"Proposal from each part's rating (below = 1, meets = 2, above = 3; the final assessor's part with its proposal; " +
				"mean weighted by working days, .5 rounded up): %s → <b>%s</b> (the basis of the proposal)",
		},
		"part.basis_waiting": {
			"(dasar usulan selama bagian atasan sebelumnya belum dinilai)",
			"(the basis of the proposal while an earlier assessor's part is not rated)",
		},
		"part.basis_capaian": {"(dasar usulan)", "(the basis of the proposal)"},
		"part.hasil_proposal": {
			"Usulan hasil kerja: <b>%s</b>\n<i>Dari nilai tiap bagian, ditimbang hari kerja: %s.</i>",
			"Proposed work result: <b>%s</b>\n<i>From each part's rating, weighted by working days: %s.</i>",
		},
		"part.overview_head": {
			"🧩 <b>Bagian yang Anda nilai</b> (pegawai yang pindah dari Anda dalam periode ini; penilaian akhir oleh atasan barunya):",
			"🧩 <b>Parts for you to rate</b> (staff who moved away from you within this period; their new assessor evaluates the period):",
		},
		"part.overview_line": {"%s %s — %s–%s: %s", "%s %s — %s–%s: %s"},
		"part.btn_part":      {"Bagian %s", "Part of %s"},
		"part.card_head": {
			"🧩 <b>Penilaian bagian — %s</b>",
			"🧩 <b>Rating of a part — %s</b>",
		},
		"part.card_part": {
			"Bagian Anda sebagai atasan sebelumnya: %s–%s, %d hari kerja, %d laporan disetujui, capaian %s%% → usulan <b>%s</b>",
			"Your part as the earlier assessor: %s–%s, %d working days, %d approved reports, achievement %s%% → proposal <b>%s</b>",
		},
		"part.card_final": {
			"Penilaian akhir periode oleh %s (atasan di akhir periode); nilai Anda menjadi dasar usulan bagian ini.",
			"The period is evaluated by %s (the assessor at its end); your rating is the basis of this part's proposal.",
		},
		"part.card_acting": {
			"Anda menilai sebagai Plt/Plh atas nama %s.",
			"You rate as acting assessor (Plt/Plh) on behalf of %s.",
		},
		"part.choose": {
			"Pilih nilai hasil kerja untuk bagian ini. Usulan: <b>%s</b>; pilihan lain memerlukan alasan. Nilai dapat diubah sampai penilai akhir memutuskan hasil kerja.",
			"Choose the work-result rating of this part. Proposal: <b>%s</b>; another choice needs a reason. You may change it until the final assessor decides the work result.",
		},
		"part.ask_reason": {
			"✍️ Bagian %s: Anda memilih <b>%s</b>, berbeda dari usulan <b>%s</b>.\nTuliskan alasannya dalam satu pesan (%d–%d karakter). Tanpa alasan, pilihan ini tidak disimpan.",
			"✍️ Part of %s: you chose <b>%s</b>, which differs from the proposal <b>%s</b>.\nWrite the reason in one message (%d–%d characters). Without a reason the choice is not saved.",
		},
		"part.saved": {"✅ Nilai bagian tersimpan.", "✅ The part's rating is saved."},
		"part.notify_final": {
			"🧩 %s menilai bagian %s (%s–%s): <b>%s</b>. Nilai ini ikut menentukan usulan penilaian %s.",
			"🧩 %s rated the part of %s (%s–%s): <b>%s</b>. It counts in the proposal of the evaluation of %s.",
		},
		"part.btn_open_card": {"📝 Buka penilaian %s", "📝 Open the evaluation of %s"},
		"err.part_locked": {
			"🔒 Hasil kerja %s untuk periode ini sudah diputuskan oleh %s; nilai bagian tidak dapat diubah lagi.",
			"🔒 The work result of %s for this period has been decided by %s; the part's rating can no longer change.",
		},
		"err.part_not_yours": {
			"Bagian ini bukan bagian yang Anda nilai. Tidak ada yang diubah.",
			"This is not a part for you to rate. Nothing was changed.",
		},
	})
}
