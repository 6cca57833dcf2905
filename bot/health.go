package bot

import (
	"context"
	"expvar"
	"sync"
	"sync/atomic"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// AlertInterval is the least time between two admin alerts about updates
// the database could not commit, per process: an outage of an hour gives
// four alerts, not one per retried update.
const AlertInterval = 15 * time.Minute

// alertCauseMax bounds the error text quoted in an alert.
const alertCauseMax = 300

// Stats counts what the dispatcher did since the bot was built.
type Stats struct {
	Handled     uint64 // updates whose work was committed (including a user error answered)
	Duplicates  uint64 // redelivered updates that had been handled already, skipped
	Uncommitted uint64 // attempts the database could not commit; the update comes again
	BusyReplies uint64 // senders told the bot is busy (once per update)
	Alerts      uint64 // alerts sent to admins about uncommitted updates
}

// health is the dispatcher's failure bookkeeping: counters, the updates
// whose sender was already told the bot is busy, and the admin alert's
// rate limit.
type health struct {
	handled, duplicates, uncommitted, busy, alerts atomic.Uint64

	mu        sync.Mutex
	told      map[int64]bool // update ids answered "busy" and not yet committed
	lastAlert time.Time      // zero: no alert sent yet
	admins    []adminChat    // the linked admins last read, for when reads fail too
	primed    atomic.Bool    // admins read once after the first commit
}

// adminChat is a linked admin and the language of their alerts.
type adminChat struct {
	id   int64
	lang kinerja.Lang
}

// maxTold bounds the set of updates told "busy": past it the set starts
// afresh (at worst a sender is told twice).
const maxTold = 4096

// Stats returns the dispatcher's counters.
func (b *Bot) Stats() Stats {
	h := &b.health
	return Stats{
		Handled:     h.handled.Load(),
		Duplicates:  h.duplicates.Load(),
		Uncommitted: h.uncommitted.Load(),
		BusyReplies: h.busy.Load(),
		Alerts:      h.alerts.Load(),
	}
}

// StatsVar returns the counters as an expvar variable (JSON), for a
// process that publishes them: expvar.Publish("kinerjabot", b.StatsVar()).
func (b *Bot) StatsVar() expvar.Var { return expvar.Func(func() any { return b.Stats() }) }

// committed records an update whose work was committed (or that had been
// handled before: dup). The first one also reads the admins in the
// background, so an alert can reach them even if the database later
// stops answering reads as well.
func (b *Bot) committed(ctx context.Context, id int64, dup bool) {
	if b.health.primed.CompareAndSwap(false, true) {
		b.goBackground(ctx, func(ctx context.Context) { b.readAdmins(ctx) })
	}
	if dup {
		b.health.duplicates.Add(1)
	} else {
		b.health.handled.Add(1)
	}
	b.health.mu.Lock()
	delete(b.health.told, id)
	b.health.mu.Unlock()
}

// uncommittedUpdate handles an update the database could not commit.
// Nothing of its work took effect (the transaction rolled back and its
// replies were dropped), and it is not confirmed, so Telegram delivers it
// again. Meanwhile the sender is told, once per update, that the bot is
// busy (a pressed button's spinner stops with the same notice), and the
// admins get an alert with the cause, at most once per AlertInterval.
func (b *Bot) uncommittedUpdate(ctx context.Context, u Update, cause error) {
	h := &b.health
	h.uncommitted.Add(1)
	now := b.now()
	h.mu.Lock()
	tell := !h.told[u.ID]
	if tell {
		if h.told == nil || len(h.told) >= maxTold {
			h.told = map[int64]bool{}
		}
		h.told[u.ID] = true
	}
	alert := h.lastAlert.IsZero() || now.Sub(h.lastAlert) >= AlertInterval
	if alert {
		h.lastAlert = now
	}
	h.mu.Unlock()
	if tell {
		b.tellBusy(ctx, u)
	}
	if alert {
		b.goBackground(ctx, func(ctx context.Context) { b.alertAdmins(ctx, now, cause) })
	}
}

// tellBusy tells the sender the update could not be processed yet: a
// message in a private chat, a notice on a pressed button (so its spinner
// stops). Group chatter gets nothing, as it would have got nothing anyway.
func (b *Bot) tellBusy(ctx context.Context, u Update) {
	if u.ChatType != ChatPrivate && u.Callback == nil {
		return
	}
	// The database may be slow to read too: a language it cannot give in
	// a moment falls back to the default.
	rctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	lang := b.langOf(rctx, b.store, u.From.ID)
	cancel()
	told := false
	if u.Callback != nil {
		if err := b.msg.AnswerCallback(ctx, u.Callback.ID, T(lang, "core.busy_short")); err != nil {
			b.log.Warn("answer callback failed", "update", u.ID, "err", err)
		} else {
			told = true
		}
	}
	if u.ChatType == ChatPrivate {
		if _, err := b.msg.Send(ctx, OutMessage{ChatID: u.ChatID, Text: T(lang, "core.busy")}); err != nil {
			b.log.Warn("busy reply failed", "update", u.ID, "chat", u.ChatID, "err", err)
		} else {
			told = true
		}
	}
	if told {
		b.health.busy.Add(1)
	}
}

// alertAdmins tells every linked admin that updates are not being
// committed, and why. It goes through the Messenger only: the admins are
// read from the database when it still answers reads, and otherwise are
// the ones read last time.
func (b *Bot) alertAdmins(ctx context.Context, at time.Time, cause error) {
	admins := b.readAdmins(ctx)
	if len(admins) == 0 {
		b.log.Error("no admin to alert: updates are not being committed", "err", cause)
		return
	}
	text := cause.Error()
	if r := []rune(text); len(r) > alertCauseMax {
		text = string(r[:alertCauseMax]) + "…"
	}
	when := at.In(b.cfg.Location).Format("02-01-2006 15:04 MST")
	sent := false
	for _, a := range admins {
		m := OutMessage{ChatID: a.id, Text: T(a.lang, "core.alert_uncommitted", when, text,
			b.health.uncommitted.Load(), int(AlertInterval/time.Minute))}
		if _, err := b.msg.Send(ctx, m); err != nil {
			b.log.Warn("admin alert failed", "chat", a.id, "err", err)
			continue
		}
		sent = true
	}
	if sent {
		b.health.alerts.Add(1)
	}
}

// readAdmins returns the linked admins with their languages, from the
// database if it answers within a few seconds, else as last read.
func (b *Bot) readAdmins(ctx context.Context) []adminChat {
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	staff, err := b.store.ListStaff(rctx, kinerja.StaffFilter{LinkedOnly: true})
	h := &b.health
	if err != nil {
		b.log.Warn("reading admins for an alert failed; using the last known", "err", err)
		h.mu.Lock()
		defer h.mu.Unlock()
		return h.admins
	}
	var out []adminChat
	for _, st := range staff {
		if st.Admin && st.TelegramID != 0 {
			out = append(out, adminChat{id: st.TelegramID, lang: b.langOf(rctx, b.store, st.TelegramID)})
		}
	}
	h.mu.Lock()
	h.admins = out
	h.mu.Unlock()
	return out
}
