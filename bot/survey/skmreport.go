package survey

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey/skmpdf"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// The SKM report a unit submits (PermenPANRB 14/2017): the respondents'
// profile, the NRR and IKM per service and unit with mutu and the weakest
// unsur, the suggestions with their follow-up, and the flags. In
// Indonesian, the language it is submitted in; as XLSX sheets or a PDF.

// profileColumns are the stored names of the profile questions, in the
// order of surveyProfile.
var profileColumns = []string{"gender", "age_band", "education", "occupation"}

// skmReport is the report's content, set as sheets or as a PDF.
type skmReport struct {
	title    string
	subtitle []string
	profile  [][]string // question, option, count, percent
	ikm      [][]string
	weakest  []string
	saran    [][]string
	flags    [][]string
}

// SKMReport builds the report of period p for one unit ("" for every
// unit with responses).
func (f *Feature) SKMReport(ctx context.Context, p kinerja.Period, unit string) (*skmReport, error) {
	lang, loc, store := kinerja.LangID, f.deps.Location, f.deps.Store
	if unit != "" {
		if _, err := store.Unit(ctx, unit); err != nil {
			return nil, err
		}
	}
	flagRows, err := f.FlagsTable(ctx, p, unit) // checks the period's flags first
	if err != nil {
		return nil, err
	}
	rep := &skmReport{title: "Laporan Survei Kepuasan Masyarakat (SKM) " + p.String(), flags: flagRows}
	filter := kinerja.SurveyFilter{UnitCode: unit, From: p.Start(loc), To: p.End(loc)}
	counts, err := store.SurveyProfileCounts(ctx, filter)
	if err != nil {
		return nil, err
	}
	respondents := 0
	for _, c := range counts {
		if c.Question == profileColumns[0] {
			respondents += c.N
		}
	}
	scope := "semua unit"
	if unit != "" {
		u, _ := store.Unit(ctx, unit)
		scope = u.Name + " (" + u.Code + ")"
	}
	rep.subtitle = []string{
		"Unit: " + scope,
		"Periode: " + bot.MonthLabel(lang, p) + " · responden: " + strconv.Itoa(respondents),
		fmt.Sprintf("Sel dengan kurang dari %d responden tidak ditampilkan sebagai angka (kerahasiaan responden).", f.cfg.OfficerMinResponses),
	}
	rep.profile = f.profileRows(counts)
	if err := f.ikmRows(ctx, rep, p, unit); err != nil {
		return nil, err
	}
	if rep.saran, err = f.SuggestionsTable(ctx, p, unit); err != nil {
		return nil, err
	}
	return rep, nil
}

// profileRows turns the counts into the profile table: per question every
// option and "tidak menjawab", with counts and percentages of the
// respondents (summing to 100.00). A count below the anonymity threshold
// is hidden; when it would be the only hidden one of its question, the
// next smallest is hidden too, so subtraction cannot recover it.
func (f *Feature) profileRows(counts []kinerja.SurveyProfileCount) [][]string {
	k := f.cfg.OfficerMinResponses
	rows := [][]string{{"Pertanyaan", "Pilihan", "Jumlah", "Persen"}}
	for qi, col := range profileColumns {
		q := surveyProfile[qi]
		byOption := map[string]int{}
		for _, c := range counts {
			if c.Question == col {
				byOption[c.Option] += c.N
			}
		}
		options := append(append([]string{}, q.options...), "")
		ns := make([]int, len(options))
		known := map[string]bool{"": true}
		for i, o := range options {
			ns[i] = byOption[o]
			known[o] = true
		}
		for o, n := range byOption {
			if !known[o] { // an option of an earlier release: count it as unanswered
				ns[len(ns)-1] += n
			}
		}
		pct := percents(ns)
		hidden := suppress(ns, k)
		label := bot.T(kinerja.LangID, q.key)
		for i, o := range options {
			name := bot.T(kinerja.LangID, "svy.report_unanswered")
			if o != "" {
				name = bot.T(kinerja.LangID, q.key+"."+o)
			}
			n, p := strconv.Itoa(ns[i]), pct[i]
			if hidden[i] {
				n, p = "< "+strconv.Itoa(k), "—"
			}
			rows = append(rows, []string{label, name, n, p})
		}
	}
	return rows
}

// percents returns each count's share of their total as "12.34", the
// hundredths shared by largest remainder so that they sum to 100.00;
// "0.00" each when the total is 0.
func percents(ns []int) []string {
	total := 0
	for _, n := range ns {
		total += n
	}
	out := make([]string, len(ns))
	if total == 0 {
		for i := range out {
			out[i] = "0.00"
		}
		return out
	}
	bp := make([]int, len(ns))
	type rem struct{ i, r int }
	var rems []rem
	sum := 0
	for i, n := range ns {
		bp[i] = n * 10000 / total
		sum += bp[i]
		rems = append(rems, rem{i, n * 10000 % total})
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].r > rems[b].r })
	for j := 0; sum < 10000; j++ {
		bp[rems[j].i]++
		sum++
	}
	for i, b := range bp {
		out[i] = fmt.Sprintf("%d.%02d", b/100, b%100)
	}
	return out
}

// suppress marks the counts to hide: those in (0, k), and, when exactly
// one is hidden, the smallest other non-zero one.
func suppress(ns []int, k int) []bool {
	hidden := make([]bool, len(ns))
	count := 0
	for i, n := range ns {
		if n > 0 && n < k {
			hidden[i] = true
			count++
		}
	}
	if count == 1 {
		next := -1
		for i, n := range ns {
			if !hidden[i] && n > 0 && (next < 0 || n < ns[next]) {
				next = i
			}
		}
		if next >= 0 {
			hidden[next] = true
		}
	}
	return hidden
}

// ikmRows fills the IKM table (the unit's row, then its services') and the
// weakest unsur of each unit.
func (f *Feature) ikmRows(ctx context.Context, rep *skmReport, p kinerja.Period, unit string) error {
	store := f.deps.Store
	header := []string{"Unit", "Jenis layanan", "Responden"}
	for _, u := range f.q.Unsur {
		header = append(header, "NRR "+u.Code)
	}
	rep.ikm = [][]string{append(header, "IKM", "Mutu", "Kinerja", "Unsur terlemah", "Tanda terbuka")}
	list, err := f.UnitIndexes(ctx, store, p)
	if err != nil {
		return err
	}
	results, err := f.ServiceResults(ctx, store, unit, p)
	if err != nil {
		return err
	}
	services, err := f.Services(ctx, store, unit)
	if err != nil {
		return err
	}
	open, err := f.openFlags(ctx, store, unit, p)
	if err != nil {
		return err
	}
	row := func(u *kinerja.Unit, svc string, res scoring.IKMResult, whole bool) []string {
		r := []string{u.Name, svc, strconv.Itoa(res.Respondents)}
		for i := range f.q.Unsur {
			r = append(r, nrrString(res, i, 2))
		}
		weak := ""
		if w := res.Weakest(); w >= 0 && !allEqual(res) {
			weak = f.q.Unsur[w].Code + " " + f.q.Unsur[w].Name.In(kinerja.LangID)
		}
		flags := ""
		if whole {
			flags = strconv.Itoa(open[u.Code])
		}
		return append(r, IKMString(res), string(res.Mutu), res.Kinerja, weak, flags)
	}
	for _, ui := range list {
		if unit != "" && ui.Unit.Code != unit {
			continue
		}
		rep.ikm = append(rep.ikm, row(ui.Unit, "(seluruh layanan)", ui.Result, true))
		if w := ui.Result.Weakest(); w >= 0 && !allEqual(ui.Result) {
			rep.weakest = append(rep.weakest, fmt.Sprintf("%s: unsur terlemah %s %s (NRR %s); IKM %s, mutu %s (%s).",
				ui.Unit.Name, f.q.Unsur[w].Code, f.q.Unsur[w].Name.In(kinerja.LangID), nrrString(ui.Result, w, 2),
				IKMString(ui.Result), ui.Result.Mutu, ui.Result.Kinerja))
		}
		for _, sr := range results {
			if sr.UnitCode == ui.Unit.Code && sr.ServiceCode != "" {
				rep.ikm = append(rep.ikm, row(ui.Unit, serviceName(services, sr.UnitCode, sr.ServiceCode), sr.Result, false))
			}
		}
	}
	return nil
}

// Sheets sets the report as workbook sheets.
func (r *skmReport) Sheets() []sheet.Sheet {
	summary := [][]string{}
	for _, l := range r.subtitle {
		summary = append(summary, []string{l})
	}
	for _, l := range r.weakest {
		summary = append(summary, []string{l})
	}
	return []sheet.Sheet{
		{Name: "Ringkasan", Header: []string{r.title}, Rows: summary},
		{Name: "Profil responden", Header: r.profile[0], Rows: r.profile[1:]},
		{Name: "IKM", Header: r.ikm[0], Rows: r.ikm[1:]},
		{Name: "Saran dan tindak lanjut", Header: r.saran[0], Rows: r.saran[1:]},
		{Name: "Tanda", Header: r.flags[0], Rows: r.flags[1:]},
	}
}

// PDF sets the report as a PDF document.
func (r *skmReport) PDF(created time.Time) ([]byte, error) {
	saran := [][]string{}
	for _, s := range r.saran[1:] {
		// unit, service, date, suggestion, follow-up, date
		saran = append(saran, []string{s[1], s[3], s[4], s[5], s[6], s[8]})
	}
	flags := [][]string{}
	for _, fl := range r.flags[1:] {
		flags = append(flags, []string{fl[0], fl[2], bot.T(kinerja.LangID, "svy.flag_kind."+fl[3]), fl[5], fl[7]})
	}
	none := func(rows [][]string) []string {
		if len(rows) == 0 {
			return []string{"Tidak ada."}
		}
		return nil
	}
	return skmpdf.Render(skmpdf.Document{Title: r.title, Subtitle: r.subtitle, Created: created, Sections: []skmpdf.Section{
		{Heading: "1. Profil responden", Header: r.profile[0], Rows: r.profile[1:], Widths: []float64{3, 3, 1, 1}},
		{Heading: "2. Nilai per unsur (NRR) dan IKM per jenis layanan dan unit", Text: r.weakest, Header: r.ikm[0], Rows: r.ikm[1:],
			Widths: ikmWidths(len(r.ikm[0]))},
		{Heading: "3. Saran masyarakat dan tindak lanjut", Text: none(saran),
			Header: []string{"Unit", "Layanan", "Tanggal", "Saran", "Tindak lanjut", "Tanggal tindak lanjut"}, Rows: saran,
			Widths: []float64{2, 2, 1.3, 4, 4, 1.5}},
		{Heading: "4. Tanda penilaian mencurigakan (tidak mengubah IKM)", Text: none(flags),
			Header: []string{"Unit", "Tanggal", "Jenis", "Keterangan", "Ditinjau"}, Rows: flags, Widths: []float64{1.5, 1.3, 2, 6, 1.5}},
	}})
}

// ikmWidths gives the unit, service and weakest unsur columns more room.
func ikmWidths(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	// unit, service, …, IKM, mutu, kinerja, weakest, flags
	w[0], w[1], w[n-5], w[n-3], w[n-2] = 2.5, 2.5, 1.4, 2, 3
	return w
}
