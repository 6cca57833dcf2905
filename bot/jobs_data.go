package bot

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// StoreSources returns the jobs' data sources that read the database
// directly, for the features in this build: the survey. Work reports and
// evaluations are not in it yet, so their jobs report "no data source yet"
// (remind-approvals, remind-reporting, remind-evaluation) or leave their
// part out of the summaries.
func StoreSources() Sources {
	return Sources{Survey: storeSurvey{}}
}

// storeSurvey computes IKM by unit from the totals the store aggregates.
type storeSurvey struct{}

// UnitIKM implements SurveySource.
func (storeSurvey) UnitIKM(ctx context.Context, tx kinerja.Tx, from, to time.Time) (map[string]scoring.IKMResult, error) {
	tots, err := tx.SurveyTotals(ctx, kinerja.SurveyFilter{From: from, To: to})
	if err != nil {
		return nil, err
	}
	out := make(map[string]scoring.IKMResult, len(tots))
	for _, t := range tots {
		out[t.UnitCode] = resultOf(t)
	}
	return out, nil
}
