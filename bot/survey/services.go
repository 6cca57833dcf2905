package survey

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Services (jenis layanan): PermenPANRB 14/2017 surveys satisfaction per
// type of service. A unit's services come from the configuration
// (units.<CODE>.services) and from "kinerjabot services import", the
// imported ones replacing a configured one of the same code.

// serviceStore is what reading a unit's services uses.
type serviceStore interface {
	SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error)
}

// serviceCodePattern is what a service code may hold: it travels in
// callback data and file names.
var serviceCodePattern = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,24}$`)

// Services returns the services of a unit ("" for every unit), by unit
// then code: the configured ones, replaced by stored ones of the same code.
func (f *Feature) Services(ctx context.Context, s serviceStore, unit string) ([]kinerja.SurveyService, error) {
	byKey := map[[2]string]kinerja.SurveyService{}
	for u, list := range f.cfg.Services {
		if unit != "" && u != unit {
			continue
		}
		for _, svc := range list {
			svc.UnitCode = u
			byKey[[2]string{u, svc.Code}] = svc
		}
	}
	stored, err := s.SurveyServices(ctx, unit)
	if err != nil {
		return nil, err
	}
	for _, svc := range stored {
		byKey[[2]string{svc.UnitCode, svc.Code}] = *svc
	}
	out := make([]kinerja.SurveyService, 0, len(byKey))
	for _, svc := range byKey {
		out = append(out, svc)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].UnitCode != out[j].UnitCode {
			return out[i].UnitCode < out[j].UnitCode
		}
		return out[i].Code < out[j].Code
	})
	return out, nil
}

// Service returns one service of a unit, or ENotFound.
func (f *Feature) Service(ctx context.Context, s serviceStore, unit, code string) (kinerja.SurveyService, error) {
	list, err := f.Services(ctx, s, unit)
	if err != nil {
		return kinerja.SurveyService{}, err
	}
	for _, svc := range list {
		if svc.Code == code {
			return svc, nil
		}
	}
	return kinerja.SurveyService{}, kinerja.Errorf(kinerja.ENotFound, "err.survey_service_not_found", code, unit)
}

// serviceName returns the name of a service, or its code when it is no
// longer defined (responses outlive a service's configuration).
func serviceName(services []kinerja.SurveyService, unit, code string) string {
	for _, s := range services {
		if s.UnitCode == unit && s.Code == code {
			return s.Name
		}
	}
	return code
}

// ServiceColumns are the columns of a services file.
var ServiceColumns = []sheet.ColumnSpec{
	{Key: "unit", Names: []string{"Kode Unit", "Unit Code"}, Required: true},
	{Key: "code", Names: []string{"Kode Layanan", "Service Code"}, Required: true},
	{Key: "name", Names: []string{"Nama Layanan", "Service Name"}, Required: true},
	{Key: "minutes", Names: []string{"Standar Waktu (menit)", "Standar Waktu", "Standard Time (minutes)"}},
}

// ServiceProblem is a row of a services file that cannot be imported.
type ServiceProblem struct {
	Row  int
	Key  string // text key
	Args []any
}

// ParseServices reads the services of a table (ServiceColumns). Any
// problem refuses the whole file: a half-imported list is worse than none.
func ParseServices(t *sheet.Table) ([]kinerja.SurveyService, []ServiceProblem) {
	cols, probs := t.Columns(ServiceColumns)
	var out []kinerja.SurveyService
	var bad []ServiceProblem
	for _, p := range probs {
		bad = append(bad, ServiceProblem{Row: p.Row, Key: p.Key, Args: p.Args})
	}
	if len(bad) > 0 {
		return nil, bad
	}
	seen := map[[2]string]int{}
	for _, row := range t.Rows {
		s := kinerja.SurveyService{UnitCode: row.Cell(cols["unit"]), Code: row.Cell(cols["code"]), Name: row.Cell(cols["name"])}
		if i, ok := cols["minutes"]; ok && row.Cell(i) != "" {
			n, err := strconv.Atoi(strings.TrimSpace(row.Cell(i)))
			if err != nil || n < 0 || n > 100_000 {
				bad = append(bad, ServiceProblem{Row: row.Num, Key: "svy.svc_bad_minutes", Args: []any{row.Cell(i)}})
				continue
			}
			s.StandardMinutes = n
		}
		switch {
		case s.UnitCode == "":
			bad = append(bad, ServiceProblem{Row: row.Num, Key: "svy.svc_no_unit"})
		case !serviceCodePattern.MatchString(s.Code):
			bad = append(bad, ServiceProblem{Row: row.Num, Key: "svy.svc_bad_code", Args: []any{s.Code}})
		case s.Name == "":
			bad = append(bad, ServiceProblem{Row: row.Num, Key: "svy.svc_no_name"})
		default:
			k := [2]string{s.UnitCode, s.Code}
			if first, dup := seen[k]; dup {
				bad = append(bad, ServiceProblem{Row: row.Num, Key: "svy.svc_duplicate", Args: []any{s.Code, first}})
				continue
			}
			seen[k] = row.Num
			out = append(out, s)
		}
	}
	if len(bad) > 0 {
		return nil, bad
	}
	return out, nil
}

// ImportServices stores services in one transaction: an unknown unit
// refuses them all. It returns how many it stored.
func (f *Feature) ImportServices(ctx context.Context, list []kinerja.SurveyService) (int, error) {
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		for i := range list {
			if err := tx.PutSurveyService(ctx, &list[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(list), nil
}

// CheckService returns what is wrong with a configured service, in
// English for the operator, or "".
func CheckService(code, name string, minutes int) string {
	switch {
	case !serviceCodePattern.MatchString(code):
		return fmt.Sprintf("code %q: use letters, digits, dot, - or _, at most 24", code)
	case strings.TrimSpace(name) == "":
		return "name is empty"
	case minutes < 0:
		return "standard_minutes must be zero or more"
	}
	return ""
}
