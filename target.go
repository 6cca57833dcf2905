package kinerja

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
)

// Target is one indicator (Indikator Kinerja Individu) of a staff member for
// a period, with what is to be achieved (DOMAIN.md §2). Period is a month
// "YYYY-MM", or a year "YYYY" whose target applies to every month of it.
type Target struct {
	ID        int64
	NIP       string
	Period    string // "YYYY-MM" or "YYYY"
	Code      string // Kode Indikator, unique per person and period
	Name      string // Indikator
	Unit      string // Satuan: the unit of measure, e.g. "pasien", "hari"
	Target    float64
	Direction Direction
	Weight    float64 // relative weight; 0 means "equal weights"
}

// Yearly reports whether the target is set for a whole year.
func (t *Target) Yearly() bool { return len(t.Period) == 4 }

// AppliesTo reports whether the target counts in the given month.
func (t *Target) AppliesTo(month Period) bool {
	return t.Period == month.String() || t.Period == strconv.Itoa(month.Year)
}

// ValidTargetPeriod checks that s is a month "YYYY-MM" or a year "YYYY", the
// two period forms a target may have.
func ValidTargetPeriod(s string) (Period, error) {
	p, err := ParsePeriod(s)
	if err != nil {
		return Period{}, err
	}
	if p.Kind != Monthly && p.Kind != Yearly {
		return Period{}, Errorf(EInvalid, "err.target_period", s)
	}
	return p, nil
}

// AuditJSON returns the target as canonical JSON for the audit log.
func (t *Target) AuditJSON() string {
	b, _ := json.Marshal(struct {
		ID        int64   `json:"id"`
		NIP       string  `json:"nip"`
		Period    string  `json:"period"`
		Code      string  `json:"code"`
		Name      string  `json:"name"`
		Unit      string  `json:"unit"`
		Target    float64 `json:"target"`
		Direction string  `json:"direction"`
		Weight    float64 `json:"weight"`
	}{t.ID, t.NIP, t.Period, t.Code, t.Name, t.Unit, t.Target, string(t.Direction), t.Weight})
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
	// of the month itself and those of its year, ordered by code.
	TargetsFor(ctx context.Context, nip string, month Period) ([]*Target, error)
}
