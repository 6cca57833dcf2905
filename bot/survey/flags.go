package survey

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// flagReader is what showing flags beside the IKM reads.
type flagReader interface {
	SurveyFlags(ctx context.Context, unitCode string, from, to time.Time) ([]*kinerja.SurveyFlag, error)
}

// openFlags counts the flags not yet reviewed of period p by unit.
func (f *Feature) openFlags(ctx context.Context, s flagReader, unit string, p kinerja.Period) (map[string]int, error) {
	loc := f.deps.Location
	list, err := s.SurveyFlags(ctx, unit, p.Start(loc), p.End(loc))
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, fl := range list {
		if !fl.Reviewed() {
			out[fl.UnitCode]++
		}
	}
	return out, nil
}
