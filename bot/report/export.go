package report

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// ReportColumns is the header row of the reports export, for the HR office.
var ReportColumns = []string{
	"report_id", "nip", "name",
	"unit_code", // the unit on the work date: a person may have moved since
	"indicator_code", "work_date", "quantity", "status",
	"decided_by_nip", "decided_at", "reason", "evidence_count", "evidence_sha256",
	"assessor_nip", // the report's assessor: decided_by differs when an acting assessor or an admin decided
	// The two people by name, and how the decider stood in for the
	// assessor: plt or plh (an acting assignment), admin, or "" (themselves).
	"decided_by_name", "assessor_name", "decided_as",
}

// Exports returns the reports export: the same table for "kinerjabot
// export --what reports" and the admin's /ekspor.
func (f *Feature) Exports() []export.Kind {
	return []export.Kind{{
		Name:  "reports",
		About: "work reports with status, decision and evidence hashes (one row per report)",
		Label: "ekspor.kind_reports",
		Build: f.buildExport,
	}}
}

// buildExport is the reports table of every month of p, as one sheet.
func (f *Feature) buildExport(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) {
	var rows [][]string
	for _, m := range p.Months() {
		r, err := f.ReportRows(ctx, m)
		if err != nil {
			return nil, err
		}
		rows = append(rows, r...)
	}
	return []sheet.Sheet{{Name: "Laporan " + p.String(), Header: ReportColumns, Rows: rows}}, nil
}

// ReportRows returns one row per report whose work date falls in period
// (any status), in the order of ReportColumns: quantities with a decimal
// point, decided_at in RFC 3339 in the configured zone, evidence hashes
// separated by spaces. It reads one consistent snapshot.
func (f *Feature) ReportRows(ctx context.Context, period kinerja.Period) ([][]string, error) {
	var rows [][]string
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		rows, err = reportRows(ctx, tx, period, f.deps.Location)
		return err
	})
	return rows, err
}

// reportRows reads the rows of ReportRows from s.
func reportRows(ctx context.Context, s rowStore, period kinerja.Period, loc *time.Location) ([][]string, error) {
	reps, err := s.ListReports(ctx, kinerja.ReportFilter{Period: period})
	if err != nil {
		return nil, err
	}
	var rows [][]string
	staff := map[string]*kinerja.Staff{}
	targets := map[int64]*kinerja.Target{}
	units := map[[2]string]string{}
	for _, rep := range reps {
		who, ok := staff[rep.NIP]
		if !ok {
			if who, err = s.Staff(ctx, rep.NIP); err != nil {
				return nil, err
			}
			staff[rep.NIP] = who
		}
		t, err := cachedTarget(ctx, s, targets, rep.TargetID)
		if err != nil {
			return nil, err
		}
		var hashes []string
		for _, e := range rep.Evidence {
			if e.SHA256 != "" {
				hashes = append(hashes, e.SHA256)
			}
		}
		unit, err := unitOn(ctx, s, units, rep.NIP, rep.WorkDate, loc)
		if err != nil {
			return nil, err
		}
		if unit == "" {
			unit = who.UnitCode
		}
		decided := ""
		if !rep.DecidedAt.IsZero() {
			decided = rep.DecidedAt.In(loc).Format(time.RFC3339)
		}
		as, err := decidedAs(ctx, s, rep, loc)
		if err != nil {
			return nil, err
		}
		rows = append(rows, []string{
			strconv.FormatInt(rep.ID, 10), rep.NIP, who.Name, unit, t.Code, rep.WorkDate,
			strconv.FormatFloat(rep.Quantity, 'f', -1, 64), string(rep.Status), rep.DecidedBy, decided,
			rep.Reason, strconv.Itoa(len(rep.Evidence)), strings.Join(hashes, " "), rep.AssessorNIP,
			cachedName(ctx, s, staff, rep.DecidedBy), cachedName(ctx, s, staff, rep.AssessorNIP), as,
		})
	}
	return rows, nil
}

// cachedName is the name of nip ("" for none, the NIP when off the roster).
func cachedName(ctx context.Context, s staffReader, cache map[string]*kinerja.Staff, nip string) string {
	if nip == "" {
		return ""
	}
	st, ok := cache[nip]
	if !ok {
		var err error
		if st, err = s.Staff(ctx, nip); err != nil {
			return nip
		}
		cache[nip] = st
	}
	return st.Name
}

// decidedAs says how a decided report's decider stood in for its assessor:
// the kind of the acting assignment in force on the day of the decision
// (plt, plh), admin for an admin's delegate decision, "" when the assessor
// decided or the report is undecided.
func decidedAs(ctx context.Context, s rowStore, rep *kinerja.Report, loc *time.Location) (string, error) {
	switch {
	case rep.DecidedBy == "" || rep.DecidedBy == rep.AssessorNIP:
		return "", nil
	case rep.DecidedAsDelegate:
		return "admin", nil
	}
	a, err := kinerja.ActingFor(ctx, s, rep.AssessorNIP, rep.DecidedAt, loc)
	if err != nil || a == nil || a.ByNIP != rep.DecidedBy {
		return "", err
	}
	return string(a.Kind), nil
}
