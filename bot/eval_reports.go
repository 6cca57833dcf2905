package bot

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// reportIndicators returns how many of nip's reports in period p were
// approved and, per indicator, the target, the realisation from approved
// reports and the capaian.
//
// SEAM: work reports and targets (issue 3, branch h-reports) are not merged
// yet; until they are, nobody has indicators and every evaluation is
// proposed from no data (kinerja.BasisNone).
func (b *Bot) reportIndicators(ctx context.Context, tx kinerja.Tx, nip string, p kinerja.Period) (int, []kinerja.IndicatorResult, error) {
	return 0, nil, nil
}
