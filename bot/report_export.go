package bot

import (
	"context"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// ReportColumns is the header row of the reports export, for the HR office.
var ReportColumns = []string{
	"report_id", "nip", "name", "unit_code", "indicator_code", "work_date", "quantity", "status",
	"decided_by_nip", "decided_at", "reason", "evidence_count", "evidence_sha256",
}

// ReportRows returns one row per report whose work date falls in period
// (any status), in the order of ReportColumns: quantities with a decimal
// point, decided_at in RFC 3339 in the configured zone, evidence hashes
// separated by spaces. cmd writes them as CSV or XLSX.
func (b *Bot) ReportRows(ctx context.Context, period kinerja.Period) ([][]string, error) {
	var rows [][]string
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		reps, err := tx.ListReports(ctx, kinerja.ReportFilter{Period: period})
		if err != nil {
			return err
		}
		staff := map[string]*kinerja.Staff{}
		targets := map[int64]*kinerja.Target{}
		for _, rep := range reps {
			who, ok := staff[rep.NIP]
			if !ok {
				if who, err = tx.Staff(ctx, rep.NIP); err != nil {
					return err
				}
				staff[rep.NIP] = who
			}
			t, ok := targets[rep.TargetID]
			if !ok {
				if t, err = tx.Target(ctx, rep.TargetID); err != nil {
					return err
				}
				targets[rep.TargetID] = t
			}
			var hashes []string
			for _, e := range rep.Evidence {
				if e.SHA256 != "" {
					hashes = append(hashes, e.SHA256)
				}
			}
			decided := ""
			if !rep.DecidedAt.IsZero() {
				decided = rep.DecidedAt.In(b.cfg.Location).Format(time.RFC3339)
			}
			rows = append(rows, []string{
				strconv.FormatInt(rep.ID, 10), rep.NIP, who.Name, who.UnitCode, t.Code, rep.WorkDate,
				strconv.FormatFloat(rep.Quantity, 'f', -1, 64), string(rep.Status), rep.DecidedBy, decided,
				rep.Reason, strconv.Itoa(len(rep.Evidence)), strings.Join(hashes, " "),
			})
		}
		return nil
	})
	return rows, err
}
