package practice

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
)

// JobExpire is the job that ends practice older than a day.
const JobExpire = "practice-expire"

// Jobs implements jobs.Provider: practice-expire, every ten minutes.
func (f *Feature) Jobs() []jobs.Job {
	return []jobs.Job{{Name: JobExpire, Spec: "*/10 * * * *",
		About: "ends practice mode (/latihan) begun more than a day ago, tells the person, and deletes the practice database once nobody practises",
		Run: func(ctx context.Context, at time.Time) (*jobs.Result, error) {
			n, err := f.Expire(ctx, at)
			res := &jobs.Result{Job: JobExpire, At: at}
			if n == 0 {
				res.Skipped = "no practice older than a day"
			}
			return res, err
		}}}
}

// Expire ends every practice begun more than MaxAge before at, queues a
// message telling each person, and discards the sandbox when nobody is
// left. It returns how many practices it ended.
func (f *Feature) Expire(ctx context.Context, at time.Time) (int, error) {
	var ended int
	var empty bool
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		ended = 0
		active, err := Active(ctx, tx)
		if err != nil {
			return err
		}
		for _, tid := range sortedIDs(active) {
			e := active[tid]
			if at.Sub(e.Started()) < MaxAge {
				continue
			}
			done, err := f.end(ctx, tx, active, tid, e, at)
			if err != nil {
				return err
			}
			ended++
			lang := f.deps.DefaultLang
			if a, err := tx.Account(ctx, tid); err == nil && a.Lang != "" {
				lang = a.Lang
			}
			text := bot.T(lang, "ltn.expired")
			if done {
				text += "\n" + bot.T(lang, "ltn.ended_done")
			}
			run := &kinerja.JobRun{Job: JobExpire, Slot: strconv.FormatInt(tid, 10) + "@" + strconv.FormatInt(e.Start, 10), At: at}
			if _, err := tx.EnqueueRun(ctx, run, []*kinerja.OutboxMessage{{ChatID: tid, NIP: e.NIP, Text: text}}); err != nil {
				return err
			}
		}
		empty = len(active) == 0
		return nil
	})
	if err != nil {
		return 0, err
	}
	if empty {
		f.discard(ctx)
	}
	return ended, nil
}
