package bot

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Helpers shared by the evaluation, objection and correction dialogues:
// who may act on whose evaluation, reasons, and how numbers, ratings,
// periods and dates are written.

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
func checkEnded(r *Request, p kinerja.Period) error {
	if r.Now.Before(p.End(r.Loc())) {
		return kinerja.Errorf(kinerja.EInvalid, "err.eval_period_open", periodLabel(r.Lang, p), dateLabel(r.Lang, p.End(r.Loc())))
	}
	return nil
}

// assessorAt returns the NIP of nip's assessor at the end of period p.
func assessorAt(r *Request, nip string, p kinerja.Period) (string, error) {
	return r.Tx.SuperiorAt(r.Ctx, nip, lastInstant(p, r.Loc()))
}

// evalSubject checks, on every press and message, that the sender is the
// assessor of nip for the period and that the period has ended, and returns
// the person and the period. Nothing from a button is trusted.
func evalSubject(r *Request, nip, period string) (*kinerja.Staff, kinerja.Period, error) {
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
	if sup != r.Staff.NIP || nip == r.Staff.NIP {
		return nil, p, kinerja.Errorf(kinerja.EForbidden, "err.eval_not_subordinate")
	}
	if err := checkEnded(r, p); err != nil {
		return nil, p, err
	}
	return st, p, nil
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
		return T(lang, "rating.none")
	}
	return T(lang, "rating."+strconv.Itoa(int(rt)))
}

// ratingShort is the short button label of a rating.
func ratingShort(lang kinerja.Lang, rt kinerja.Rating) string {
	return T(lang, "rating.short"+strconv.Itoa(int(rt)))
}

// valueLabel names a BerAKHLAK value in lang.
func valueLabel(lang kinerja.Lang, v kinerja.CoreValue) string { return T(lang, "value."+string(v)) }

// periodLabel names a period in lang: "Oktober 2026", "Triwulan III 2026".
func periodLabel(lang kinerja.Lang, p kinerja.Period) string {
	roman := []string{"", "I", "II", "III", "IV"}
	switch p.Kind {
	case kinerja.Monthly:
		return monthLabel(lang, p)
	case kinerja.Quarterly:
		return T(lang, "period.quarter", roman[p.Index], p.Year)
	case kinerja.Semester:
		return T(lang, "period.semester", roman[p.Index], p.Year)
	case kinerja.Yearly:
		return T(lang, "period.year", p.Year)
	}
	return p.String()
}

// periodLabelOf names a stored period string, or returns it as is.
func periodLabelOf(lang kinerja.Lang, s string) string {
	p, err := kinerja.ParsePeriod(s)
	if err != nil {
		return s
	}
	return periodLabel(lang, p)
}

// dateLabel writes a calendar day: "17 November 2026".
func dateLabel(lang kinerja.Lang, t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + monthLabel(lang, kinerja.Period{Kind: kinerja.Monthly, Year: t.Year(), Index: int(t.Month())})
}

// lastDay returns the label of the last day before the exclusive instant end.
func lastDay(lang kinerja.Lang, end time.Time) string { return dateLabel(lang, end.AddDate(0, 0, -1)) }

// number writes a quantity without needless decimals ("95", "2,5").
func number(lang kinerja.Lang, x float64) string {
	return decimal(lang, strconv.FormatFloat(x, 'f', -1, 64))
}

// percent writes a capaian with two decimals ("97,50").
func percent(lang kinerja.Lang, x float64) string {
	return decimal(lang, strconv.FormatFloat(x, 'f', 2, 64))
}

// nameOf returns a person's name, or their NIP when they are not on the roster.
func nameOf(r *Request, nip string) string {
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
func admins(r *Request) ([]*kinerja.Staff, error) {
	all, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{LinkedOnly: true})
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
func (b *Bot) sendTo(r *Request, st *kinerja.Staff, render func(lang kinerja.Lang) (string, [][]Button)) bool {
	if st == nil || !st.Linked() {
		return false
	}
	text, buttons := render(b.langOf(r.Ctx, r.Tx, st.TelegramID))
	r.Send(OutMessage{ChatID: st.TelegramID, Text: text, Buttons: buttons})
	return true
}
