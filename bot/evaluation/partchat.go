package evaluation

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// An earlier assessor rates their part in /nilai (partrating.go has the
// rule). Their overview lists, under their own staff, the parts of people
// who moved away from them within the period; a part's card shows its
// days, reports and proposal, with the three rating buttons of the normal
// flow. A departure from the part's proposal asks for a reason first
// (the reason dialogue of reason.go, step "part_reason"). The rating may
// be changed until the final assessor decides the work result; then it is
// locked. Buttons: "nil:pv:<nip>:<period>:<yyyymmdd>" shows a part,
// "nil:pk:<nip>:<period>:<yyyymmdd>:<rating>" rates it.

// stepPartReason is the step of flowNilai in which a part's reason is typed.
const stepPartReason = "part_reason"

// registerPartRating adds the buttons of a part's card.
func (f *Feature) registerPartRating(b *bot.Bot) {
	b.Button(bot.ButtonSpec{Buttons: nilaiButtons, Action: "pv", Args: 3, Handle: f.onPart(f.showPart)})
	b.Button(bot.ButtonSpec{Buttons: nilaiButtons, Action: "pk", Args: 4, Handle: f.onPart(f.pressPartRating)})
}

// partSubject is one earlier part as its assessor (or who acts for them)
// sees it: the person, the period, the part and whether it is locked.
type partSubject struct {
	st     *kinerja.Staff
	p      kinerja.Period
	part   kinerja.EvalPart
	final  string // the assessor at the period's end
	locked bool   // the final assessor has decided the work result
}

// onPart wraps a part button: a press abandons a reason being typed, and
// the part is looked up and checked again.
func (f *Feature) onPart(h func(r *bot.Request, s *partSubject) error) bot.Handler {
	return func(r *bot.Request) error {
		if r.Staff == nil {
			return r.Stale()
		}
		if err := r.EndFlowIf(flowNilai); err != nil {
			return err
		}
		s, err := f.partOf(r, r.Args[0], r.Args[1], r.Args[2])
		if err != nil {
			return err
		}
		return h(r, s)
	}
}

// partOf checks that the sender may rate the part of nip in period that
// starts on day ("20261001"): the split is on, the period has ended, and
// the part is an earlier one whose assessor is the sender or someone the
// sender acts for today. Nothing from a button is trusted.
func (f *Feature) partOf(r *bot.Request, nip, period, day string) (*partSubject, error) {
	notYours := kinerja.Errorf(kinerja.EForbidden, "err.part_not_yours")
	if r.Staff == nil || !f.cfg.TransferSplit || !kinerja.ValidNIP(nip) || nip == r.Staff.NIP {
		return nil, notYours
	}
	p, err := parseEvalPeriod(period)
	if err != nil {
		return nil, err
	}
	from, err := time.ParseInLocation("20060102", day, r.Loc())
	if err != nil {
		return nil, notYours
	}
	st, err := r.Tx.Staff(r.Ctx, nip)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil, notYours
	} else if err != nil {
		return nil, err
	}
	if err := checkEnded(r, p); err != nil {
		return nil, err
	}
	s := &partSubject{st: st, p: p}
	if s.final, err = assessorAt(r, nip, p); err != nil {
		return nil, err
	}
	parts, locked, err := f.currentParts(r, st, p)
	if err != nil {
		return nil, err
	}
	s.locked = locked
	for _, pt := range parts {
		if !pt.Rateable() || partDay(pt) != from.Format("2006-01-02") {
			continue
		}
		if ok, err := actsAs(r, pt.AssessorNIP); err != nil || !ok {
			return nil, firstErr(err, notYours)
		}
		s.part = pt
		return s, nil
	}
	return nil, notYours
}

// firstErr returns err when set, otherwise def.
func firstErr(err, def error) error {
	if err != nil {
		return err
	}
	return def
}

// currentParts returns st's parts of p: as the final evaluation froze them
// once its work result is decided (locked), else freshly measured with the
// ratings given so far.
func (f *Feature) currentParts(r *bot.Request, st *kinerja.Staff, p kinerja.Period) ([]kinerja.EvalPart, bool, error) {
	e, err := r.Tx.Evaluation(r.Ctx, st.NIP, p.String())
	switch {
	case err == nil && (e.Status != kinerja.EvalDraft || e.DecidedHasil.Valid()):
		return e.Parts, true, nil
	case err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound:
		return nil, false, err
	}
	ev, err := f.gatherEvidence(r.Ctx, r.Tx, st, p)
	if err != nil {
		return nil, false, err
	}
	return ev.parts, false, nil
}

// partButtons are the arguments of a part's buttons: NIP, period, day.
func partButtons(nip string, p kinerja.Period, pt kinerja.EvalPart) []any {
	return []any{nip, p, pt.From.Format("20060102")}
}

// showPart shows a part's card.
func (f *Feature) showPart(r *bot.Request, s *partSubject) error {
	text, buttons := f.partCard(r, s, "")
	r.ReplyEdit(text, buttons...)
	return nil
}

// partCard renders the card of an earlier part: who and which days, the
// part's numbers and proposal, the rating so far, and the rating buttons
// while it may still change.
func (f *Feature) partCard(r *bot.Request, s *partSubject, notice string) (string, [][]bot.Button) {
	pt := s.part
	var sb strings.Builder
	if notice != "" {
		sb.WriteString(notice + "\n\n")
	}
	sb.WriteString(r.T("part.card_head", bot.PeriodLabel(r.Lang, s.p)))
	sb.WriteString("\n" + r.T("eval.card_person", s.st.Name, s.st.Position, s.st.NIP))
	sb.WriteString("\n\n" + r.T("part.card_part", bot.DateLabel(r.Lang, pt.From), lastDay(r.Lang, pt.To), pt.WorkingDays,
		pt.ApprovedReports, percent(r.Lang, pt.CapaianPct), ratingLabel(r.Lang, pt.Proposed)))
	sb.WriteString("\n" + r.T("part.card_final", nameOf(r, s.final)))
	if pt.AssessorNIP != r.Staff.NIP {
		sb.WriteString("\n" + r.T("part.card_acting", nameOf(r, pt.AssessorNIP)))
	}
	sb.WriteString("\n" + strings.TrimPrefix(partRatingLine(r.Lang, pt), "\n   "))
	list := []bot.Button{nilaiButtons.Button(r.T("eval.btn_list"), "o", s.p.String())}
	if s.locked {
		sb.WriteString("\n\n" + r.T("err.part_locked", s.st.Name, nameOf(r, s.final)))
		return sb.String(), [][]bot.Button{list}
	}
	sb.WriteString("\n\n" + r.T("part.choose", ratingLabel(r.Lang, pt.Proposed)))
	args := partButtons(s.st.NIP, s.p, pt)
	return sb.String(), [][]bot.Button{
		{nilaiButtons.Button(r.T("eval.btn_accept", ratingLabel(r.Lang, pt.Proposed)), "pk", append(args, int(pt.Proposed))...)},
		ratingButtons(r.Lang, nilaiButtons, "pk", pt.Proposed, args...),
		list,
	}
}

// pressPartRating rates a part: as proposed it is saved at once; a
// departure asks for the reason first.
func (f *Feature) pressPartRating(r *bot.Request, s *partSubject) error {
	if s.locked {
		return kinerja.Errorf(kinerja.EConflict, "err.part_locked", s.st.Name, nameOf(r, s.final))
	}
	pick, err := ratingArg(r.Args[3:])
	if err != nil {
		return err
	}
	if pick != s.part.Proposed {
		r.StartFlow(flowNilai, stepPartReason, map[string]string{
			"nip": s.st.NIP, "period": s.p.String(), "day": s.part.From.Format("20060102"), "rating": strconv.Itoa(int(pick)),
		})
		if err := r.SaveSession(); err != nil {
			return err
		}
		r.ReplyEdit(r.T("part.ask_reason", s.st.Name, ratingLabel(r.Lang, pick), ratingLabel(r.Lang, s.part.Proposed), reasonMin, reasonMax),
			[]bot.Button{nilaiButtons.Button(r.T("eval.btn_back"), "pv", partButtons(s.st.NIP, s.p, s.part)...)})
		return nil
	}
	if err := f.savePartRating(r, s, pick, ""); err != nil {
		return err
	}
	text, buttons := f.partCard(r, s, r.T("part.saved"))
	r.ReplyEdit(text, buttons...)
	return nil
}

// flowPartReason receives the reason for a part's rating that departs
// from its proposal; the part is checked again before it is saved.
func (f *Feature) flowPartReason(r *bot.Request) error {
	d := r.Session.Data
	s, err := f.partOf(r, d["nip"], d["period"], d["day"])
	if err != nil {
		return r.EndFlowWith(err)
	}
	reason, ok, err := typedReason(r, []bot.Button{nilaiButtons.Button(r.T("eval.btn_back"), "pv", partButtons(s.st.NIP, s.p, s.part)...)})
	if !ok {
		return err
	}
	rt, err := ratingArg([]string{d["rating"]})
	if err != nil {
		return r.EndFlowWith(err)
	}
	if s.locked {
		return r.EndFlowWith(kinerja.Errorf(kinerja.EConflict, "err.part_locked", s.st.Name, nameOf(r, s.final)))
	}
	if err := f.savePartRating(r, s, rt, reason); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	text, buttons := f.partCard(r, s, r.T("part.saved"))
	r.Reply(text, buttons...)
	return nil
}

// savePartRating stores the rating of s's part with its audit entry, and
// the entry of whose behalf when the sender acts for the part's assessor;
// the final assessor (or who acts for them) is told.
func (f *Feature) savePartRating(r *bot.Request, s *partSubject, rt kinerja.Rating, reason string) error {
	pt := s.part
	pr := &kinerja.PartRating{NIP: s.st.NIP, Period: s.p.String(), AssessorNIP: pt.AssessorNIP, From: partDay(pt),
		To: pt.To.Format("2006-01-02"), WorkingDays: pt.WorkingDays, Proposed: pt.Proposed, Hasil: rt, Reason: reason,
		RatedBy: r.Staff.NIP, CreatedAt: r.Now, UpdatedAt: r.Now}
	if pt.AssessorNIP != r.Staff.NIP {
		pr.OnBehalfOf = pt.AssessorNIP
	}
	old, err := r.Tx.ListPartRatings(r.Ctx, kinerja.PartRatingFilter{NIP: pr.NIP, Period: pr.Period, AssessorNIP: pr.AssessorNIP})
	if err != nil {
		return err
	}
	before := ""
	for _, o := range old {
		if o.From == pr.From {
			before = partRatingJSON(o)
		}
	}
	if err := r.Tx.PutPartRating(r.Ctx, pr); err != nil {
		return err
	}
	id := pr.NIP + "/" + pr.Period + "/" + pr.AssessorNIP + "/" + pr.From
	if err := audit(r, "evaluation_part.rate", "evaluation_part", id, before, partRatingJSON(pr)); err != nil {
		return err
	}
	if err := f.auditOnBehalf(r, "evaluation_part", id, pt.AssessorNIP); err != nil {
		return err
	}
	s.part.Rated, s.part.RatedReason, s.part.RatedBy = rt, reason, r.Staff.NIP
	if fin, err := r.Tx.Staff(r.Ctx, s.final); err == nil {
		sendTo(r, reaches(r, fin), func(lang kinerja.Lang) (string, [][]bot.Button) {
			return bot.T(lang, "part.notify_final", r.Staff.Name, s.st.Name, bot.DateLabel(lang, pt.From), lastDay(lang, pt.To),
					ratingLabel(lang, rt), bot.PeriodLabel(lang, s.p)),
				[][]bot.Button{{nilaiButtons.Button(bot.T(lang, "part.btn_open_card", s.st.Name), "s", s.st.NIP, s.p.String())}}
		})
	}
	return nil
}

// partRatingJSON is a part rating as the audit log keeps it.
func partRatingJSON(pr *kinerja.PartRating) string {
	b, _ := json.Marshal(map[string]any{
		"nip": pr.NIP, "period": pr.Period, "assessor_nip": pr.AssessorNIP, "from": pr.From, "to": pr.To,
		"working_days": pr.WorkingDays, "proposed": pr.Proposed.String(), "hasil": pr.Hasil.String(),
		"reason": pr.Reason, "rated_by": pr.RatedBy, "on_behalf_of": pr.OnBehalfOf,
	})
	return string(b)
}

// earlierPart is one line of the overview's parts to rate.
type earlierPart struct {
	st     *kinerja.Staff
	part   kinerja.EvalPart
	locked bool
}

// earlierParts returns the parts of p the sender rates: of the people who
// were under them (or a post they act for) within p and had another
// assessor at its end. Only those people are measured.
func (f *Feature) earlierParts(r *bot.Request, p kinerja.Period) ([]earlierPart, error) {
	if !f.cfg.TransferSplit {
		return nil, nil
	}
	posts, err := actingPosts(r)
	if err != nil {
		return nil, err
	}
	posts = append([]string{r.Staff.NIP}, posts...)
	spans, err := r.Tx.SuperiorSpansDuring(r.Ctx, p.Start(r.Loc()), p.End(r.Loc()), posts...)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{}
	for _, nip := range posts {
		mine[nip] = true
	}
	var out []earlierPart
	seen := map[string]bool{}
	for _, sp := range spans {
		if seen[sp.NIP] || sp.NIP == r.Staff.NIP {
			continue
		}
		seen[sp.NIP] = true
		final, err := assessorAt(r, sp.NIP, p)
		if err != nil {
			return nil, err
		}
		if mine[final] {
			continue // still theirs at the end: they decide the whole period
		}
		st, err := r.Tx.Staff(r.Ctx, sp.NIP)
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		parts, locked, err := f.currentParts(r, st, p)
		if err != nil {
			return nil, err
		}
		for _, pt := range parts {
			if pt.Rateable() && mine[pt.AssessorNIP] {
				out = append(out, earlierPart{st: st, part: pt, locked: locked})
			}
		}
	}
	return out, nil
}

// earlierPartsSection is the overview's list of parts to rate with a
// button for each, "" when there are none.
func (f *Feature) earlierPartsSection(r *bot.Request, p kinerja.Period) (string, [][]bot.Button, error) {
	list, err := f.earlierParts(r, p)
	if err != nil || len(list) == 0 {
		return "", nil, err
	}
	var sb strings.Builder
	sb.WriteString(r.T("part.overview_head"))
	var buttons [][]bot.Button
	for _, ep := range list {
		icon, state := "⬜", r.T("part.rating_none_short")
		if ep.part.Rated.Valid() {
			icon, state = "✅", ratingLabel(r.Lang, ep.part.Rated)
		}
		if ep.locked {
			icon = "🔒"
		}
		sb.WriteString("\n" + r.T("part.overview_line", bot.Raw(icon), ep.st.Name, bot.DateLabel(r.Lang, ep.part.From),
			lastDay(r.Lang, ep.part.To), state))
		buttons = append(buttons, []bot.Button{nilaiButtons.Button(icon+" "+r.T("part.btn_part", ep.st.Name), "pv",
			partButtons(ep.st.NIP, p, ep.part)...)})
	}
	return sb.String(), buttons, nil
}
