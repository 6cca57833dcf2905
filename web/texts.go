package web

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// texts are the site's words, Indonesian then English.
var texts = map[string][2]string{
	"site_title":       {"Indeks Kepuasan Masyarakat", "Public Satisfaction Index"},
	"site_intro":       {"Hasil Survei Kepuasan Masyarakat (SKM) setiap unit layanan, dari penilaian warga sendiri.", "Results of the public satisfaction survey (SKM) of every service unit, as rated by citizens."},
	"other_lang":       {"English", "Bahasa Indonesia"},
	"search":           {"Cari unit", "Search units"},
	"search_go":        {"Cari", "Search"},
	"sort_by":          {"Urutkan:", "Sort by:"},
	"sort_name":        {"Nama", "Name"},
	"sort_ikm":         {"IKM", "IKM"},
	"sort_respondents": {"Responden", "Respondents"},
	"sort_code":        {"Kode", "Code"},
	"unit":             {"Unit", "Unit"},
	"ikm":              {"IKM", "IKM"},
	"mutu":             {"Mutu", "Grade"},
	"respondents":      {"Responden", "Respondents"},
	"trend":            {"Tren 12 bulan", "12-month trend"},
	"provisional":      {"sementara", "provisional"},
	"provisional_note": {"Sementara: responden belum mencapai jumlah sampel yang diperlukan.", "Provisional: respondents have not yet reached the required sample."},
	"no_figure":        {"belum ada angka", "no figure yet"},
	"few":              {"kurang dari %d responden", "fewer than %d respondents"},
	"few_note":         {"Angka tidak ditampilkan bila responden kurang dari %d, agar penilai tidak dapat dikenali.", "No figure is shown with fewer than %d respondents, so that no respondent can be identified."},
	"no_units":         {"Tidak ada unit yang cocok.", "No unit matches."},
	"unsur":            {"Unsur pelayanan", "Service elements"},
	"nrr":              {"NRR", "NRR"},
	"weakest":          {"Terlemah", "Weakest"},
	"weakest_is":       {"Unsur terlemah:", "Weakest element:"},
	"history":          {"Riwayat IKM", "IKM history"},
	"month":            {"Bulan", "Month"},
	"services":         {"Jenis layanan", "Services"},
	"service":          {"Layanan", "Service"},
	"standard":         {"Standar waktu", "Standard time"},
	"minutes":          {"menit", "minutes"},
	"all_units":        {"← Semua unit", "← All units"},
	"tv_board":         {"Layar antrean", "Counter screen"},
	"this_month":       {"Bulan ini", "This month"},
	"today":            {"Hari ini", "Today"},
	"scan":             {"Pindai untuk menilai layanan kami", "Scan to rate our service"},
	"open_data":        {"Data terbuka:", "Open data:"},
	"notfound_title":   {"Halaman tidak ditemukan", "Page not found"},
	"notfound_text":    {"Unit atau halaman ini tidak ada. Periksa kodenya, atau lihat daftar semua unit.", "This unit or page does not exist. Check the code, or see the list of all units."},
	"error_title":      {"Permintaan tidak dapat dilayani", "The request cannot be served"},
	"bad_request":      {"Alamat berisi parameter yang tidak dikenali. Buka kembali dari daftar unit.", "The address has a parameter that is not recognised. Start again from the list of units."},
	"server_error":     {"Terjadi gangguan. Silakan coba beberapa saat lagi.", "Something went wrong. Please try again in a moment."},
	"period":           {"Periode", "Period"},
	// Measured service times and published follow-ups (servicetime.go).
	"service_times":      {"Waktu layanan terukur", "Measured service times"},
	"served":             {"Dilayani", "Served"},
	"median":             {"Median", "Median"},
	"p90":                {"90% selesai dalam", "90% done within"},
	"within":             {"Sesuai standar", "Within standard"},
	"all_services":       {"Semua layanan", "All services"},
	"service_times_note": {"Diukur dari pindaian kode \"Mulai layanan\" sampai warga membuka survei, tanpa nama. Angka tidak ditampilkan bila layanan terukur kurang dari ambang anonimitas.", "Measured from the scan of the \"Mulai layanan\" code until the citizen opens the survey, without names. No figure is shown below the anonymity threshold."},
	"tv_speed":           {"Median waktu layanan", "Median service time"},
	"tv_within":          {"sesuai standar", "within the standard"},
	"you_said":           {"Anda berkata, kami lakukan", "You said, we did"},
	"said":               {"Anda berkata:", "You said:"},
	"done":               {"Kami lakukan:", "We did:"},
}

// text returns key in lang, the key itself when missing.
func text(lang kinerja.Lang, key string) string {
	t, ok := texts[key]
	if !ok {
		return key
	}
	if lang == kinerja.LangEN {
		return t[1]
	}
	return t[0]
}
