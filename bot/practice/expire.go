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
		About: "ends practice mode (/latihan) begun more than a day ago (everyone's, once the practice database is two days old), tells the person, and deletes the practice database once nobody practises",
		Run: func(ctx context.Context, at time.Time) (*jobs.Result, error) {
			n, err := f.Expire(ctx, at)
			res := &jobs.Result{Job: JobExpire, At: at}
			if n == 0 {
				res.Skipped = "no practice older than a day"
			}
			return res, err
		}}}
}

// SandboxMaxAge bounds how long practice data lives: people practising
// one after another keep a sandbox in use, and the data of those who left
// goes only with the whole sandbox, so once it is this old everyone's
// practice ends and it is deleted.
const SandboxMaxAge = 2 * MaxAge

// Expire ends every practice begun more than MaxAge before at (and every
// practice, once the sandbox is SandboxMaxAge old), queues a message
// telling each person, and discards the sandbox when nobody is left. It
// returns how many practices it ended.
func (f *Feature) Expire(ctx context.Context, at time.Time) (int, error) {
	var ended int
	var empty bool
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		ended = 0
		active, err := Active(ctx, tx)
		if err != nil {
			return err
		}
		sandboxOld := false
		if v, ok, err := tx.Setting(ctx, settingSince); err != nil {
			return err
		} else if ms, perr := strconv.ParseInt(v, 10, 64); ok && perr == nil {
			sandboxOld = at.Sub(time.UnixMilli(ms)) >= SandboxMaxAge
		}
		for _, tid := range sortedIDs(active) {
			e := active[tid]
			if at.Sub(e.Started()) < MaxAge && !sandboxOld {
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
