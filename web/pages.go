package web

import (
	"bytes"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// view is what every page template gets.
type view struct {
	Lang     kinerja.Lang
	Title    string
	LangLink string // the same page in the other language
	Refresh  int    // seconds; 0: none
	Data     any
	query    url.Values
}

// T returns the text key in the page's language.
func (v *view) T(key string) string { return text(v.Lang, key) }

// Q is the language query suffix for links ("" or "?lang=en").
func (v *view) Q() string {
	if v.Lang == kinerja.LangEN {
		return "?lang=en"
	}
	return ""
}

// badRequest is a query parameter the site does not accept.
var errBadRequest = errors.New("bad request")

// page renders what h returns into a template, as a whole page; an error
// becomes the friendly error page.
func (s *Site) page(h func(*http.Request, *view) (int, string, any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		v := &view{Lang: kinerja.LangID, query: q}
		status, name, data := http.StatusBadRequest, "error", any(nil)
		var err error
		switch q.Get("lang") {
		case "", "id":
		case "en":
			v.Lang = kinerja.LangEN
		default:
			err = errBadRequest
		}
		if err == nil {
			status, name, data, err = h(r, v)
		}
		var to redirect
		if errors.As(err, &to) {
			http.Redirect(w, r, string(to), http.StatusMovedPermanently)
			return
		}
		switch {
		case errors.Is(err, errBadRequest):
			status, name, data = http.StatusBadRequest, "error", v.T("bad_request")
		case err != nil:
			s.cfg.Logger.Error("site: page failed", "path", r.URL.Path, "err", err)
			status, name, data = http.StatusInternalServerError, "error", v.T("server_error")
		}
		if status == http.StatusNotFound {
			name = "notfound"
		}
		v.Data = data
		if v.Title == "" {
			v.Title = v.T("site_title")
		}
		other := url.Values{}
		for k, vs := range q {
			if k != "lang" {
				other[k] = vs
			}
		}
		if v.Lang == kinerja.LangID {
			other.Set("lang", "en")
		}
		v.LangLink = r.URL.Path
		if len(other) > 0 {
			v.LangLink += "?" + other.Encode()
		}
		var buf bytes.Buffer
		if err := pages.ExecuteTemplate(&buf, name, v); err != nil {
			s.cfg.Logger.Error("site: template failed", "template", name, "err", err)
			http.Error(w, "500", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=60")
		w.WriteHeader(status)
		_, _ = w.Write(buf.Bytes())
	}
}

// period reads ?period=YYYY-MM (this month when absent): a month not
// after the current one.
func (s *Site) period(q url.Values) (kinerja.Period, error) {
	cur := kinerja.MonthOf(s.cfg.Now(), s.cfg.Location)
	v := q.Get("period")
	if v == "" {
		return cur, nil
	}
	p, err := kinerja.ParsePeriod(v)
	if err != nil || p.Kind != kinerja.Monthly || p.Year < 2000 || p.Start(s.cfg.Location).After(cur.Start(s.cfg.Location)) {
		return kinerja.Period{}, errBadRequest
	}
	return p, nil
}

// indexRow is one unit on the home page.
type indexRow struct {
	Code, Name string
	Fig        figure
	Trend      chart
}

// indexData is the home page.
type indexData struct {
	Period     string
	PeriodCode string
	Search     string
	Sort       string
	Rows       []indexRow
	Min        int
	SortLinks  []sortLink
}

type sortLink struct {
	Label, Href string
	Current     bool
}

var sorts = []string{"name", "ikm", "respondents", "code"}

// index lists every unit with its figures this month and its trend.
func (s *Site) index(r *http.Request, v *view) (int, string, any, error) {
	p, err := s.period(v.query)
	if err != nil {
		return 0, "", nil, err
	}
	search := strings.TrimSpace(v.query.Get("q"))
	sortBy := v.query.Get("sort")
	if sortBy == "" {
		sortBy = "name"
	}
	if utf8.RuneCountInString(search) > 100 || !utf8.ValidString(search) || !slices.Contains(sorts, sortBy) {
		return 0, "", nil, errBadRequest
	}
	units, err := s.store.ListUnits(r.Context())
	if err != nil {
		return 0, "", nil, err
	}
	periods := trendPeriods(p)
	months := make([]map[string]survey.UnitIndex, len(periods))
	for i, m := range periods {
		if months[i], err = s.month(r.Context(), m); err != nil {
			return 0, "", nil, err
		}
	}
	d := indexData{Period: monthName(v.Lang, p), PeriodCode: p.String(), Search: search, Sort: sortBy, Min: s.cfg.MinRespondents}
	needle := strings.ToLower(search)
	for _, u := range units {
		if needle != "" && !strings.Contains(strings.ToLower(u.Name), needle) && !strings.Contains(strings.ToLower(u.Code), needle) {
			continue
		}
		figs := make([]figure, len(periods))
		for i := range periods {
			ui, ok := months[i][u.Code]
			figs[i] = s.figureOf(v.Lang, ui, ok)
		}
		d.Rows = append(d.Rows, indexRow{Code: u.Code, Name: u.Name, Fig: figs[len(figs)-1],
			Trend: chartOf(v.Lang, periods, figs, 120, 32, false)})
	}
	sortRows(d.Rows, sortBy)
	for _, k := range sorts {
		q := url.Values{}
		q.Set("sort", k)
		if search != "" {
			q.Set("q", search)
		}
		if v.query.Get("period") != "" {
			q.Set("period", p.String())
		}
		if v.Lang == kinerja.LangEN {
			q.Set("lang", "en")
		}
		d.SortLinks = append(d.SortLinks, sortLink{Label: v.T("sort_" + k), Href: "/?" + q.Encode(), Current: k == sortBy})
	}
	v.Title = v.T("site_title")
	return http.StatusOK, "index", d, nil
}

// sortRows orders the units: by name or code ascending, by IKM or
// respondents descending with the units without a figure last.
func sortRows(rows []indexRow, by string) {
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch by {
		case "code":
			return a.Code < b.Code
		case "ikm":
			if a.Fig.Shown != b.Fig.Shown {
				return a.Fig.Shown
			}
			if a.Fig.Value != b.Fig.Value {
				return a.Fig.Value > b.Fig.Value
			}
		case "respondents":
			if a.Fig.Shown != b.Fig.Shown {
				return a.Fig.Shown
			}
			if a.Fig.Respondents != b.Fig.Respondents {
				return a.Fig.Respondents > b.Fig.Respondents
			}
		}
		return strings.ToLower(a.Name) < strings.ToLower(b.Name)
	})
}

// unsurRow is one unsur of a unit's page.
type unsurRow struct {
	Code, Name, NRR string
	Weakest         bool
}

// historyRow is one month of a unit's history.
type historyRow struct {
	Period string
	Fig    figure
}

// serviceRow is one service of a unit.
type serviceRow struct {
	Code, Name      string
	StandardMinutes int
	Fig             figure
}

// unitData is a unit's page.
type unitData struct {
	Code, Name string
	Period     string
	Fig        figure
	Unsur      []unsurRow
	Weakest    string
	History    []historyRow
	Trend      chart
	Services   []serviceRow
	Speeds     []speedRow    // measured service times (servicetime.go)
	FollowUps  []followUpRow // "Anda berkata, kami lakukan"
	Min        int
}

// unit shows one unit: the unsur, the history and the services.
func (s *Site) unit(r *http.Request, v *view) (int, string, any, error) {
	u, err := s.findUnit(r)
	if err != nil || u == nil {
		return http.StatusNotFound, "", nil, err
	}
	p, err := s.period(v.query)
	if err != nil {
		return 0, "", nil, err
	}
	ctx := r.Context()
	periods := trendPeriods(p)
	d := unitData{Code: u.Code, Name: u.Name, Period: monthName(v.Lang, p), Min: s.cfg.MinRespondents}
	figs := make([]figure, len(periods))
	var cur survey.UnitIndex
	for i, m := range periods {
		month, err := s.month(ctx, m)
		if err != nil {
			return 0, "", nil, err
		}
		ui, ok := month[u.Code]
		figs[i] = s.figureOf(v.Lang, ui, ok)
		if i == len(periods)-1 && ok {
			cur = ui
		}
	}
	d.Fig = figs[len(figs)-1]
	for i := len(periods) - 1; i >= 0; i-- {
		d.History = append(d.History, historyRow{Period: monthName(v.Lang, periods[i]), Fig: figs[i]})
	}
	d.Trend = chartOf(v.Lang, periods, figs, 600, 200, true)
	if d.Fig.Shown {
		weakest := -1
		for i, us := range s.f.Questionnaire().Unsur {
			row := unsurRow{Code: us.Code, Name: us.Name.In(v.Lang), NRR: nrr(v.Lang, cur.Result, i)}
			if row.NRR != "" && (weakest < 0 || cur.Result.NRR[i] < cur.Result.NRR[weakest]) {
				weakest = i
			}
			d.Unsur = append(d.Unsur, row)
		}
		if weakest >= 0 {
			d.Unsur[weakest].Weakest = true
			d.Weakest = d.Unsur[weakest].Name
		}
	}
	services, err := s.f.Services(ctx, s.store, u.Code)
	if err != nil {
		return 0, "", nil, err
	}
	results, err := s.f.ServiceResults(ctx, s.store, u.Code, p)
	if err != nil {
		return 0, "", nil, err
	}
	for _, svc := range services {
		row := serviceRow{Code: svc.Code, Name: svc.Name, StandardMinutes: svc.StandardMinutes}
		for _, sr := range results {
			if sr.ServiceCode == svc.Code {
				row.Fig = s.resultFigure(v.Lang, sr.Result, false, 0)
			}
		}
		d.Services = append(d.Services, row)
	}
	if d.Speeds, err = s.serviceTimes(ctx, v.Lang, u.Code, p, d.Fig.Shown); err != nil {
		return 0, "", nil, err
	}
	if d.FollowUps, err = s.followUps(ctx, v.Lang, u.Code); err != nil {
		return 0, "", nil, err
	}
	v.Title = u.Name
	return http.StatusOK, "unit", d, nil
}

// findUnit returns the unit of the path's code, nil when there is none.
// A code written in another case or with spaces around it (a link typed
// by hand, a QR printed from a spreadsheet) is a redirect to the unit's
// own code.
func (s *Site) findUnit(r *http.Request) (*kinerja.Unit, error) {
	code := r.PathValue("code")
	if code == "" || len(code) > 32 {
		return nil, nil
	}
	u, err := s.store.Unit(r.Context(), code)
	if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return u, err
	}
	want := strings.TrimSpace(code)
	if want == "" {
		return nil, nil
	}
	units, err := s.store.ListUnits(r.Context())
	if err != nil {
		return nil, err
	}
	for _, u := range units {
		if strings.EqualFold(u.Code, want) {
			prefix, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
			to := &url.URL{Path: "/" + prefix + "/" + u.Code, RawQuery: r.URL.RawQuery}
			return nil, redirect(to.String())
		}
	}
	return nil, nil
}

// redirect is a page's answer that the page lives at another address.
type redirect string

func (r redirect) Error() string { return "moved to " + string(r) }

// tvData is the counter board.
type tvData struct {
	Code, Name string
	Period     string
	Month      figure
	Today      figure
	QR         string // the survey card's path, "" when the unit has no link
	Min        int    // the anonymity threshold
	// Speed is this month's measured service time of the whole unit,
	// nil when none is measured or it is under the threshold.
	Speed *speedRow
}

// tv is the full-screen board for a screen at the counter.
func (s *Site) tv(r *http.Request, v *view) (int, string, any, error) {
	u, err := s.findUnit(r)
	if err != nil || u == nil {
		return http.StatusNotFound, "", nil, err
	}
	p := kinerja.MonthOf(s.cfg.Now(), s.cfg.Location)
	month, err := s.month(r.Context(), p)
	if err != nil {
		return 0, "", nil, err
	}
	ui, ok := month[u.Code]
	today, err := s.today(r.Context())
	if err != nil {
		return 0, "", nil, err
	}
	d := tvData{Code: u.Code, Name: u.Name, Period: monthName(v.Lang, p), Month: s.figureOf(v.Lang, ui, ok),
		Today: s.resultFigure(v.Lang, today[u.Code], false, 0), Min: s.cfg.MinRespondents}
	if d.Speed, err = s.tvSpeed(r.Context(), v.Lang, u.Code, p, d.Month.Shown); err != nil {
		return 0, "", nil, err
	}
	// The card is a 900-pixel PNG: a page of its own (/qr/CODE.png)
	// keeps the board small and cached.
	png, err := s.unitQR(r, u.Code)
	if err != nil {
		return 0, "", nil, err
	}
	if png != nil {
		d.QR = "/qr/" + u.Code + ".png"
	}
	v.Title = u.Name
	v.Refresh = int(s.cfg.TVRefresh.Seconds())
	return http.StatusOK, "tv", d, nil
}

// unitQR returns the survey card of the unit's newest active link for the
// whole unit (no officer, no service), nil when it has none. The site
// never creates a link.
func (s *Site) unitQR(r *http.Request, unit string) ([]byte, error) {
	links, err := s.store.ListSurveyLinks(r.Context(), unit)
	if err != nil {
		return nil, err
	}
	for i := len(links) - 1; i >= 0; i-- {
		l := links[i]
		if l.Revoked() || l.OfficerNIP != "" || l.ServiceCode != "" {
			continue
		}
		if png, ok := s.qrs.Load(l.Payload); ok {
			return png.([]byte), nil
		}
		png, err := s.f.SurveyQR(r.Context(), l)
		if err != nil {
			return nil, err
		}
		s.qrs.Store(l.Payload, png)
		return png, nil
	}
	return nil, nil
}

// qr serves /qr/CODE.png, the unit's survey card to print or show.
func (s *Site) qr(w http.ResponseWriter, r *http.Request) {
	code, ok := strings.CutSuffix(r.PathValue("file"), ".png")
	if !ok || code == "" || len(code) > 32 {
		http.NotFound(w, r)
		return
	}
	if _, err := s.store.Unit(r.Context(), code); kinerja.ErrorCode(err) == kinerja.ENotFound {
		http.NotFound(w, r)
		return
	} else if err != nil {
		s.cfg.Logger.Error("site: qr failed", "unit", code, "err", err)
		http.Error(w, "500", http.StatusInternalServerError)
		return
	}
	png, err := s.unitQR(r, code)
	if err != nil {
		s.cfg.Logger.Error("site: qr failed", "unit", code, "err", err)
		http.Error(w, "500", http.StatusInternalServerError)
		return
	}
	if png == nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write(png)
}
