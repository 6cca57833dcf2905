package budget

import "github.com/bkpsdm-solok/kinerjabot/bot"

func init() {
	bot.RegisterTexts(map[string][2]string{
		"ang.cmd": {"laporkan pagu dan realisasi anggaran unit (petugas keuangan)", "report the unit's budget ceiling and spending (finance officer)"},
		"ang.not_finance": {
			"Anda belum terdaftar sebagai petugas keuangan unit mana pun. Admin BKPSDM dapat mendaftarkan Anda (units.KODE.finance_nip), atau anggaran diimpor dengan `budget import`.",
			"You are not registered as the finance officer of any unit. A BKPSDM admin can register you (units.CODE.finance_nip), or the budget can be imported with `budget import`.",
		},
		"ang.not_finance_of": {"Anda bukan petugas keuangan unit ini.", "You are not this unit's finance officer."},
		"ang.choose_unit":    {"💰 Pilih unit yang anggarannya akan dilaporkan:", "💰 Choose the unit whose budget to report:"},
		"ang.head":           {"💰 Anggaran %s tahun %s", "💰 Budget of %s, %s"},
		"ang.none_yet":       {"Belum ada data anggaran tahun ini.", "No budget figures this year yet."},
		"ang.absorption": {
			"Penyerapan s.d. %s: %s dari pagu %s = <b>%s%%</b> (rencana %s%%, rentang %s–%s%%) → capaian <b>%s%%</b>",
			"Absorption to %s: %s of a ceiling of %s = <b>%s%%</b> (plan %s%%, band %s–%s%%) → achievement <b>%s%%</b>",
		},
		"ang.choose_month": {"Pilih bulan yang akan dilaporkan:", "Choose the month to report:"},
		"ang.ask_pagu": {
			"Ketik <b>pagu</b> anggaran yang berlaku pada %s (rupiah, misalnya 1.250.000.000), atau pakai tombol jika sama dengan sebelumnya. /cancel untuk berhenti.",
			"Type the budget <b>ceiling (pagu)</b> in force in %s (rupiah, for example 1,250,000,000), or use the button if it is unchanged. /cancel to stop.",
		},
		"ang.btn_same": {"Sama: %s", "Unchanged: %s"},
		"ang.ask_real": {
			"Ketik <b>realisasi</b> (belanja) bulan %s saja, bukan kumulatif (rupiah; 0 jika tidak ada).",
			"Type the <b>realisation</b> (spending) of %s alone, not cumulative (rupiah; 0 if none).",
		},
		"ang.type_amount": {"Ketik jumlahnya dalam rupiah.", "Type the amount in rupiah."},
		"ang.bad_amount": {
			"%q bukan jumlah rupiah. Contoh: 1250000000 atau 1.250.000.000.",
			"%q is not an amount of rupiah. For example: 1250000000 or 1,250,000,000.",
		},
		"ang.pagu_zero":   {"Pagu harus lebih dari nol.", "The ceiling must be above zero."},
		"ang.use_buttons": {"Gunakan tombol di atas, atau /cancel untuk berhenti.", "Use the buttons above, or /cancel to stop."},
		"ang.confirm": {
			"Periksa sebelum disimpan:\nUnit: %s\nBulan: %s\nPagu: %s\nRealisasi bulan ini: %s",
			"Check before saving:\nUnit: %s\nMonth: %s\nCeiling: %s\nThis month's realisation: %s",
		},
		"ang.replaces":   {"(menggantikan pagu %s, realisasi %s)", "(replacing a ceiling of %s, realisation %s)"},
		"ang.over_pagu":  {"⚠️ Realisasi kumulatif melebihi pagu; periksa kembali angkanya.", "⚠️ Cumulative realisation exceeds the ceiling; check the figures."},
		"ang.btn_save":   {"✅ Simpan", "✅ Save"},
		"ang.btn_cancel": {"✖️ Batal", "✖️ Cancel"},
		"ang.saved":      {"✅ Anggaran %s disimpan.", "✅ Budget of %s saved."},
		"ang.cancelled":  {"Dibatalkan; tidak ada yang disimpan.", "Cancelled; nothing was saved."},
	})
}
