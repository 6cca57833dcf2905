// Package evaluation is the period evaluation of staff (SKP, PermenPANRB
// 6/2022): the assessor's /nilai dialogue over the approved reports, the
// person's /skor chain, objections (/keberatan), the admin's unit
// predicates and corrections, and the exports of the results.
package evaluation

import (
	"context"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// Feature is the period evaluation. The same value serves the chat
// (Register), the exports (Exports) and the command line (SetUnitPredicate,
// the tables), so none of these needs a Bot.
type Feature struct {
	deps bot.Deps
	cfg  Config
}

// New returns the evaluation over deps with the local policy cfg; zero
// fields of cfg take the documented defaults.
func New(deps bot.Deps, cfg Config) *Feature {
	deps = deps.WithDefaults()
	if cfg.Survey == nil {
		cfg.Survey = survey.New(deps, survey.Config{})
	}
	if cfg.Reports == nil {
		cfg.Reports = report.New(deps, report.Config{})
	}
	return &Feature{deps: deps, cfg: cfg.withDefaults()}
}

// Config returns the policy in use, defaults filled in (the jobs read the
// deadline day from it).
func (f *Feature) Config() Config { return f.cfg }

// The inline buttons of the evaluation's dialogues. Their data layouts are
// those of the releases before the feature had a package of its own, so
// buttons left in chats keep working.
var (
	nilaiButtons      = bot.Buttons{Prefix: "nil"}
	skorButtons       = bot.Buttons{Prefix: "skor"}
	objectionButtons  = bot.Buttons{Prefix: "kbr"}
	unitPredButtons   = bot.Buttons{Prefix: "upr"}
	correctionButtons = bot.Buttons{Prefix: "kor"}
)

// Register adds /nilai, /skor, /keberatan, /predikatunit and /koreksi with
// their buttons and dialogues.
func (f *Feature) Register(b *bot.Bot) {
	f.registerNilai(b)
	f.registerPartRating(b)
	f.registerSkor(b)
	f.registerObjection(b)
	f.registerUnitPredicate(b)
	f.registerCorrection(b)
	f.registerFollowUp(b)
}

// Helpers shared by the evaluation, objection and correction dialogues:
// who may act on whose evaluation, reasons, and how numbers, ratings and
// periods are written.

// parseEvalPeriod reads a period typed by a user or carried in a button.
// Evaluations are always keyed by p.String(), so "2026-q3" and "2026-Q3"
// name the same one.
func parseEvalPeriod(s string) (kinerja.Period, error) { return kinerja.ParsePeriod(s) }

// lastInstant is the last millisecond of p: who was whose assessor "in" a
// period is decided at its end.
func lastInstant(p kinerja.Period, loc *time.Location) time.Time {
	return p.End(loc).Add(-time.Millisecond)
}

// checkEnded refuses a period that has not ended yet: a month cannot be
// evaluated while work in it may still be reported.
func checkEnded(r *bot.Request, p kinerja.Period) error {
	if r.Now.Before(p.End(r.Loc())) {
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_period_open", bot.PeriodLabel(r.Lang, p), bot.DateLabel(r.Lang, p.End(r.Loc())))
	}
	return nil
}

// assessorAt returns the NIP of nip's assessor at the end of period p.
func assessorAt(r *bot.Request, nip string, p kinerja.Period) (string, error) {
	return r.Tx.SuperiorAt(r.Ctx, nip, lastInstant(p, r.Loc()))
}

// evalSubject checks, on every press and message, that the sender is the
// assessor of nip for the period and that the period has ended, and returns
// the person and the period. Nothing from a button is trusted.
func (f *Feature) evalSubject(r *bot.Request, nip, period string) (*kinerja.Staff, kinerja.Period, error) {
	if r.Staff == nil {
		return nil, kinerja.Period{}, kinerja.Errorf(kinerja.EForbidden, "err.not_linked")
	}
	p, err := parseEvalPeriod(period)
	if err != nil {
		return nil, p, err
	}
	if !kinerja.ValidNIP(nip) {
		return nil, p, kinerja.Errorf(kinerja.EForbidden, "err.eval_not_subordinate")
	}
	st, err := r.Tx.Staff(r.Ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, p, kinerja.Errorf(kinerja.EForbidden, "err.eval_not_subordinate")
	} else if err != nil {
		return nil, p, err
	}
	sup, err := assessorAt(r, nip, p)
	if err != nil {
		return nil, p, err
	}
	ok, err := f.mayAssessFor(r, sup)
	if err != nil {
		return nil, p, err
	}
	if !ok || nip == r.Staff.NIP {
		return nil, p, kinerja.Errorf(kinerja.EForbidden, "err.eval_not_subordinate")
	}
	if err := checkEnded(r, p); err != nil {
		return nil, p, err
	}
	return st, p, nil
}

// typedReason reads a reason typed in a dialogue: a message that is not
// text, or a reason too short or too long, is answered (with back as its
// buttons) and ok is false, and the dialogue waits for a better one.
func typedReason(r *bot.Request, back ...[]bot.Button) (reason string, ok bool, err error) {
	if r.Kind != bot.KindText {
		r.Reply(r.T("eval.reason_text_only"))
		return "", false, nil
	}
	reason, err = checkReason(r.Text)
	if err != nil {
		return "", false, r.ReplyError(err, back...)
	}
	return reason, true, nil
}

// checkReason enforces the length of a written reason, counted in
// characters after trimming: long enough to say something, short enough
// to read on a phone.
func checkReason(text string) (string, error) {
	text = strings.TrimSpace(text)
	n := utf8.RuneCountInString(text)
	switch {
	case n < reasonMin:
		return "", kinerja.Errorf(kinerja.EInvalid, "err.reason_short", n, reasonMin)
	case n > reasonMax:
		return "", kinerja.Errorf(kinerja.EInvalid, "err.reason_long", n, reasonMax)
	}
	return text, nil
}

// ratingLabel names a rating in lang.
func ratingLabel(lang kinerja.Lang, rt kinerja.Rating) string {
	if !rt.Valid() {
		return bot.T(lang, "rating.none")
	}
	return bot.T(lang, "rating."+strconv.Itoa(int(rt)))
}

// ratingShort is the short button label of a rating.
func ratingShort(lang kinerja.Lang, rt kinerja.Rating) string {
	return bot.T(lang, "rating.short"+strconv.Itoa(int(rt)))
}

// valueLabel names a BerAKHLAK value in lang.
func valueLabel(lang kinerja.Lang, v kinerja.CoreValue) string {
	return bot.T(lang, "value."+string(v))
}

// periodLabelOf names a stored period string, or returns it as is.
func periodLabelOf(lang kinerja.Lang, s string) string {
	p, err := kinerja.ParsePeriod(s)
	if err != nil {
		return s
	}
	return bot.PeriodLabel(lang, p)
}

// lastDay returns the label of the last day before the exclusive instant end.
func lastDay(lang kinerja.Lang, end time.Time) string {
	return bot.DateLabel(lang, end.AddDate(0, 0, -1))
}

// number writes a quantity without needless decimals ("95", "2,5").
func number(lang kinerja.Lang, x float64) string {
	return decimal(lang, strconv.FormatFloat(x, 'f', -1, 64))
}

// percent writes a capaian with two decimals ("97,50").
func percent(lang kinerja.Lang, x float64) string {
	return decimal(lang, strconv.FormatFloat(x, 'f', 2, 64))
}

// decimal writes a decimal number the way the reader expects: a comma in
// Indonesian (as the regulation prints "88,31"), a point in English.
func decimal(lang kinerja.Lang, s string) string {
	if lang == kinerja.LangEN {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// nameOf returns a person's name, or their NIP when they are not on the roster.
func nameOf(r *bot.Request, nip string) string {
	if nip == "" {
		return "-"
	}
	if st, err := r.Tx.Staff(r.Ctx, nip); err == nil {
		return st.Name
	}
	return nip
}

// admins returns the linked admins, to be told about breaches and
// objections nobody in the roster can decide.
func admins(r *bot.Request) ([]*kinerja.Staff, error) { return linkedAdmins(r.Ctx, r.Tx) }

// linkedAdmins returns the admins who linked Telegram.
func linkedAdmins(ctx context.Context, s interface {
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
}) ([]*kinerja.Staff, error) {
	all, err := s.ListStaff(ctx, kinerja.StaffFilter{LinkedOnly: true})
	if err != nil {
		return nil, err
	}
	var out []*kinerja.Staff
	for _, s := range all {
		if s.Admin {
			out = append(out, s)
		}
	}
	return out, nil
}

// sendTo queues a message to a person in their own language, if linked;
// it reports whether the person can be reached through the bot.
func sendTo(r *bot.Request, st *kinerja.Staff, render func(lang kinerja.Lang) (string, [][]bot.Button)) bool {
	if st == nil || !st.Linked() {
		return false
	}
	text, buttons := render(r.Bot().LangOf(r.Ctx, r.Tx, st.TelegramID))
	r.Send(bot.OutMessage{ChatID: st.TelegramID, Text: text, Buttons: buttons})
	return true
}

// inTx runs fn in a transaction of the store, for the services without a
// chat.
func (f *Feature) inTx(ctx context.Context, fn func(tx kinerja.Tx) error) error {
	return f.deps.Store.InTx(ctx, fn)
}
