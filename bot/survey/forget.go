package survey

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// JobForget is the name of the survey's clean-up job.
const JobForget = "survey-forget"

// scrubber is a store that can remove what deleted rows leave behind in
// its files (storage.DB: the SQLite write-ahead log).
type scrubber interface {
	ScrubDeleted(ctx context.Context) error
}

// Jobs returns the clean-up job, which keeps the survey anonymous in a
// copy of the database: it runs often, so a day's keys go soon after the
// day ends and a finished survey's session soon leaves the log.
func (f *Feature) Jobs() []jobs.Job {
	return []jobs.Job{{
		Name: JobForget,
		Spec: "@every 10m",
		About: "destroys the survey's day keys and erases the duplicate keys of responses and the pending service-start marks once their day is over, " +
			"and empties the SQLite write-ahead log of finished surveys' sessions",
		Run: func(ctx context.Context, at time.Time) (*jobs.Result, error) {
			if _, err := f.Forget(ctx, at); err != nil {
				return nil, err
			}
			return &jobs.Result{Job: JobForget, At: at}, nil
		},
	}}
}

// Forget destroys the day keys of the days before at's local day, erases
// the duplicate keys of those days' responses, deletes their pending
// "Mulai layanan" marks, and has the store scrub
// deleted rows from its files. It returns how many duplicate keys it
// erased. After it, nothing in the database or the key directory links a
// response of a past day to an account.
func (f *Feature) Forget(ctx context.Context, at time.Time) (int64, error) {
	today := kinerja.Day(at, f.deps.Location)
	// The keys first: once they are gone, the erased keys were useless.
	if err := f.keys.forgetBefore(today.Format(time.DateOnly)); err != nil {
		return 0, err
	}
	var n int64
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		if n, err = tx.ForgetSurveyDupKeys(ctx, today); err != nil {
			return err
		}
		// The pending "Mulai layanan" marks do not outlive their day.
		_, err = tx.ForgetServiceStarts(ctx, today)
		return err
	})
	if err != nil {
		return 0, err
	}
	if s, ok := f.deps.Store.(scrubber); ok {
		if err := s.ScrubDeleted(ctx); err != nil {
			return n, err
		}
	}
	return n, nil
}
