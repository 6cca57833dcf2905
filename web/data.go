package web

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// The open data: the IKM export (the columns of "kinerjabot export --what
// ikm") of one month, ?period=YYYY-MM (this month by default). A row with
// fewer respondents than the anonymity threshold keeps its count but no
// figure.

// dataTable returns the public IKM table of the request's month.
func (s *Site) dataTable(r *http.Request) ([][]string, kinerja.Period, error) {
	p, err := s.period(r.URL.Query())
	if err != nil {
		return nil, p, err
	}
	v, err := s.cache.get(s.cfg.Now(), s.cfg.CacheTTL, "table:"+p.String(), func() (any, error) {
		rows, err := s.f.IKMTable(r.Context(), p)
		if err != nil {
			return nil, err
		}
		return s.publicRows(rows), nil
	})
	if err != nil {
		return nil, p, err
	}
	return v.([][]string), p, nil
}

// publicRows blanks the figures of rows under the anonymity threshold.
func (s *Site) publicRows(rows [][]string) [][]string {
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		return -1
	}
	resp := col("respondents")
	var figures []int
	for i, h := range head {
		if strings.HasPrefix(h, "nrr_") || h == "ikm" || h == "mutu" || h == "kinerja" {
			figures = append(figures, i)
		}
	}
	out := [][]string{head}
	for _, r := range rows[1:] {
		n, _ := strconv.Atoi(r[resp])
		if n < s.cfg.MinRespondents {
			r = append([]string(nil), r...)
			for _, i := range figures {
				r[i] = ""
			}
		}
		out = append(out, r)
	}
	return out
}

func (s *Site) dataError(w http.ResponseWriter, err error) {
	if err == errBadRequest {
		http.Error(w, "400 period: YYYY-MM", http.StatusBadRequest)
		return
	}
	s.cfg.Logger.Error("site: open data failed", "err", err)
	http.Error(w, "500", http.StatusInternalServerError)
}

// dataCSV serves /data/ikm.csv.
func (s *Site) dataCSV(w http.ResponseWriter, r *http.Request) {
	rows, p, err := s.dataTable(r)
	if err != nil {
		s.dataError(w, err)
		return
	}
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	_ = cw.WriteAll(rows) // a bytes.Buffer does not fail
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `inline; filename="ikm-`+p.String()+`.csv"`)
	w.Header().Set("Cache-Control", "public, max-age=60")
	_, _ = w.Write(buf.Bytes())
}

// dataJSON serves /data/ikm.json: an array of objects keyed by the
// export's column names, every value a string as in the CSV.
func (s *Site) dataJSON(w http.ResponseWriter, r *http.Request) {
	rows, _, err := s.dataTable(r)
	if err != nil {
		s.dataError(w, err)
		return
	}
	list := make([]map[string]string, 0, len(rows)-1)
	for _, row := range rows[1:] {
		m := make(map[string]string, len(row))
		for i, h := range rows[0] {
			m[h] = row[i]
		}
		list = append(list, m)
	}
	b, err := json.MarshalIndent(list, "", " ")
	if err != nil {
		s.dataError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=60")
	_, _ = w.Write(b)
}
