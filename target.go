package kinerja

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// InRange is the direction of an indicator whose target is a band
// [TargetMin, TargetMax]: inside it is 100%, and leaving it either way
// falls off (DOMAIN.md §2, the range formula). "rentang" in the targets file.
const InRange Direction = "rentang"

// Aggregation says how the approved reports of a period make its
// realisation (the targets file's Agregasi).
type Aggregation string

// Aggregations of an indicator; the zero value is AggSum.
const (
	// AggSum adds the reported quantities: counts such as patients served.
	AggSum Aggregation = "jumlah"
	// AggMean is the mean of the reported values: durations, costs, scores.
	AggMean Aggregation = "rata-rata"
	// AggLast is the last reported value: a percentage or a status to date,
	// such as budget absorption.
	AggLast Aggregation = "terakhir"
)

// Or returns a, or AggSum when a is unset (targets written before
// aggregations existed).
func (a Aggregation) Or() Aggregation {
	if a == "" {
		return AggSum
	}
	return a
}

// Target is one indicator (Indikator Kinerja Individu) of a staff member for
// a period, with what is to be achieved (DOMAIN.md §2). Period is a month
// "YYYY-MM", a quarter "YYYY-Qn" or a year "YYYY"; the target counts in
// every month of it.
type Target struct {
	ID        int64
	NIP       string
	Period    string // "YYYY-MM", "YYYY-Qn" or "YYYY"
	Code      string // Kode Indikator, unique per person and period
	Name      string // Indikator
	Unit      string // Satuan: the unit of measure, e.g. "pasien", "hari"
	Target    float64
	Direction Direction
	Weight    float64 // relative weight; 0 means "equal weights"

	// Aggregation turns reports into a realisation; "" is AggSum.
	Aggregation Aggregation
	// TargetMin and TargetMax bound the band of an InRange indicator.
	TargetMin, TargetMax float64
	// Quarterly holds the official quarterly (triwulan) targets TW1–TW4 of
	// a yearly target; 0 where none was given.
	Quarterly [4]float64
	// Cumulative compares the realisation from the start of the target's
	// period to the end of the evaluated one with the target pro-rated to
	// the same span, instead of the evaluated period on its own.
	Cumulative bool
}

// Yearly reports whether the target is set for a whole year.
func (t *Target) Yearly() bool { return len(t.Period) == 4 }

// OwnPeriod is the target's own period (the zero Period when unreadable).
func (t *Target) OwnPeriod() Period {
	p, _ := ParsePeriod(t.Period)
	return p
}

// HasQuarterly reports whether any quarterly target is given.
func (t *Target) HasQuarterly() bool { return t.Quarterly != [4]float64{} }

// AppliesTo reports whether the target counts in the given month.
func (t *Target) AppliesTo(month Period) bool {
	if t.Period == month.String() || t.Period == strconv.Itoa(month.Year) {
		return true
	}
	q := Period{Kind: Quarterly, Year: month.Year, Index: (month.Index-1)/3 + 1}
	return month.Kind == Monthly && t.Period == q.String()
}

// ZeroAllowed reports whether 0 is a meaningful report for the indicator:
// the best value of a lower-is-better one, or a value (not a count) of a
// mean or last-value indicator.
func (t *Target) ZeroAllowed() bool {
	return t.Direction == LowerIsBetter || t.Direction == InRange || t.Aggregation.Or() != AggSum
}

// ValidTargetPeriod checks that s is a month "YYYY-MM", a quarter
// "YYYY-Qn" or a year "YYYY", the period forms a target may have.
func ValidTargetPeriod(s string) (Period, error) {
	p, err := ParsePeriod(s)
	if err != nil {
		return Period{}, err
	}
	if p.Kind != Monthly && p.Kind != Quarterly && p.Kind != Yearly {
		return Period{}, Errorf(EInvalid, "err.target_period", s)
	}
	return p, nil
}

// AuditJSON returns the target as canonical JSON for the audit log. The
// fields added with indicator kinds are left out while unset, so the audit
// form of an old target is what it always was.
func (t *Target) AuditJSON() string {
	var quarterly *[4]float64
	if t.HasQuarterly() {
		quarterly = &t.Quarterly
	}
	b, _ := json.Marshal(struct {
		ID          int64       `json:"id"`
		NIP         string      `json:"nip"`
		Period      string      `json:"period"`
		Code        string      `json:"code"`
		Name        string      `json:"name"`
		Unit        string      `json:"unit"`
		Target      float64     `json:"target"`
		Direction   string      `json:"direction"`
		Weight      float64     `json:"weight"`
		Aggregation string      `json:"aggregation,omitempty"`
		Min         float64     `json:"target_min,omitempty"`
		Max         float64     `json:"target_max,omitempty"`
		Quarterly   *[4]float64 `json:"quarterly,omitempty"`
		Cumulative  bool        `json:"cumulative,omitempty"`
	}{t.ID, t.NIP, t.Period, t.Code, t.Name, t.Unit, t.Target, string(t.Direction), t.Weight,
		string(t.Aggregation), t.TargetMin, t.TargetMax, quarterly, t.Cumulative})
	return string(b)
}

// String names the target for logs.
func (t *Target) String() string { return fmt.Sprintf("%s/%s/%s", t.NIP, t.Period, t.Code) }

// TargetStore keeps indicators and targets.
type TargetStore interface {
	// PutTarget inserts or updates the target with the same NIP, period and
	// code, sets t.ID, and reports whether anything changed.
	PutTarget(ctx context.Context, t *Target) (changed bool, err error)
	// Target returns the target with that id, or ENotFound.
	Target(ctx context.Context, id int64) (*Target, error)
	// TargetsFor returns the person's targets that apply to a month: those
	// of the month itself, of its quarter and of its year, ordered by code.
	TargetsFor(ctx context.Context, nip string, month Period) ([]*Target, error)
}
