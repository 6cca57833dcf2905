package evaluation

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Transfers mid-period: the period is evaluated by the assessor at its end
// (assessorAt), and every approved report of the period counts, whoever
// approved it. Reports whose assessor was someone else (work done before
// a move, bot/report/transfer.go) are named on the card with who decided
// them, so the new assessor sees what was approved before they took over.
//
// Each assessor evaluating their own part, combined by working days, is
// not built: the whole period's evaluation stays with one assessor.

// previousApprovals describes the approved reports of nip in p decided
// under an assessor other than the one at the period's end, grouped by who
// decided, or "" when there are none.
func (f *Feature) previousApprovals(r *bot.Request, nip string, p kinerja.Period) (string, error) {
	cur, err := assessorAt(r, nip, p)
	if err != nil {
		return "", err
	}
	reps, err := r.Tx.ListReports(r.Ctx, kinerja.ReportFilter{NIP: nip, Period: p, Statuses: approvedOnly})
	if err != nil {
		return "", err
	}
	type group struct {
		decidedBy, assessor string
		n                   int
	}
	var groups []*group
	for _, rep := range reps {
		if rep.AssessorNIP == "" || rep.AssessorNIP == cur {
			continue
		}
		var g *group
		for _, x := range groups {
			if x.decidedBy == rep.DecidedBy && x.assessor == rep.AssessorNIP {
				g = x
			}
		}
		if g == nil {
			g = &group{decidedBy: rep.DecidedBy, assessor: rep.AssessorNIP}
			groups = append(groups, g)
		}
		g.n++
	}
	if len(groups) == 0 {
		return "", nil
	}
	lines := []string{r.T("eval.prev_head")}
	for _, g := range groups {
		if g.decidedBy == g.assessor || g.decidedBy == "" {
			lines = append(lines, r.T("eval.prev_line", g.n, nameOf(r, g.assessor)))
		} else {
			lines = append(lines, r.T("eval.prev_line_for", g.n, nameOf(r, g.decidedBy), nameOf(r, g.assessor)))
		}
	}
	return strings.Join(lines, "\n"), nil
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"eval.prev_head": {"🔁 Laporan periode ini yang diputuskan di bawah atasan sebelumnya (sudah termasuk di atas):",
			"🔁 Reports of this period decided under a previous assessor (already counted above):"},
		"eval.prev_line": {"• %d laporan disetujui oleh %s (atasan sebelumnya)", "• %d reports approved by %s (previous assessor)"},
		"eval.prev_line_for": {"• %d laporan disetujui oleh %s atas nama %s (atasan sebelumnya)",
			"• %d reports approved by %s on behalf of %s (previous assessor)"},
	})
}
