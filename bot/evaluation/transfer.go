package evaluation

import (
	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
)

// Transfers mid-period: the period is evaluated by the assessor at its end
// (assessorAt), and every approved report of the period counts, whoever
// approved it. Reports whose assessor was someone else (work done before
// a move, bot/report/transfer.go) are named on the card with who decided
// them, so the new assessor sees what was approved before they took over.
//
// With evaluation.transfer_split the evidence is measured per assessor's
// part and combined by working days (split.go); the decision still stays
// with the assessor at the period's end.

// previousApprovals describes the approved reports of nip in p decided
// under an assessor other than the one at the period's end, or "" when
// there are none (report.EarlierApprovals, the same text as /capaian).
func (f *Feature) previousApprovals(r *bot.Request, nip string, p kinerja.Period) (string, error) {
	cur, err := assessorAt(r, nip, p)
	if err != nil {
		return "", err
	}
	groups, err := report.EarlierApprovals(r.Ctx, r.Tx, nip, p, cur)
	if err != nil {
		return "", err
	}
	return report.EarlierApprovalsText(r.Lang, groups, func(n string) string { return nameOf(r, n) }), nil
}
