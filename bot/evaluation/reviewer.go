package evaluation

import (
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Who acts in whose place. Two things move a decision away from the
// roster's superior: an acting assignment (Plt/Plh) while the assessor is
// away, and a top (a person with no superior on the roster), whose own
// evaluation and whose subordinates' objections go to the configured top
// reviewer.

// TopReviewer is who evaluates the tops and reviews objections to their
// evaluations. With NIP set it is that person on the roster (an admin, as
// a rule); with only Name set it is an assessor outside the bot (for
// example the Regional Secretary of a pilot), whose decisions any admin
// records on their behalf, by name and position. The zero value is none.
type TopReviewer struct {
	NIP      string
	Name     string
	Position string
}

// outside reports whether the reviewer is outside the roster.
func (t TopReviewer) outside() bool { return t.NIP == "" && t.Name != "" }

// set reports whether a top reviewer is configured.
func (t TopReviewer) set() bool { return t.NIP != "" || t.Name != "" }

// actsAs reports whether the sender may act as nip now: they are nip, or
// an acting assignment in force makes them act for nip.
func actsAs(r *bot.Request, nip string) (bool, error) {
	if r.Staff == nil {
		return false, nil
	}
	return kinerja.Acts(r.Ctx, r.Tx, r.Staff.NIP, nip, r.Now, r.Loc())
}

// mayAssessFor reports whether the sender may decide what belongs to
// superior sup ("" for a top's missing superior).
func (f *Feature) mayAssessFor(r *bot.Request, sup string) (bool, error) {
	if r.Staff == nil {
		return false, nil
	}
	if sup != "" {
		return actsAs(r, sup)
	}
	tr := f.cfg.TopReviewer
	switch {
	case tr.NIP != "":
		return actsAs(r, tr.NIP)
	case tr.outside():
		return r.IsAdmin(), nil
	}
	return false, nil
}

// actingPosts returns the NIPs of the posts the sender acts for now.
func actingPosts(r *bot.Request) ([]string, error) {
	if r.Staff == nil {
		return nil, nil
	}
	as, err := r.Tx.ListActing(r.Ctx, kinerja.ActingFilter{ByNIP: r.Staff.NIP, Day: kinerja.DayOf(r.Now, r.Loc())})
	var out []string
	for _, a := range as {
		out = append(out, a.ForNIP)
	}
	return out, err
}

// reviewerFor returns who reviews an objection to evaluation e. The post
// that decided it is the person's assessor at the period's end, whoever
// confirmed it in their place (a Plt/Plh, or an admin for an outside top
// reviewer); its superior reviews, and for a top's post the configured top
// reviewer. A top's own evaluation was the top reviewer's: it goes to their
// superior on the roster, or else to the top reviewer themselves (same is
// then true: the one who decided also reviews). An outside reviewer is a
// placeholder without NIP.
func (f *Feature) reviewerFor(r *bot.Request, e *kinerja.Evaluation) (rev *kinerja.Staff, same bool, err error) {
	p, err := kinerja.ParsePeriod(e.Period)
	if err != nil {
		return nil, false, err
	}
	post, err := assessorAt(r, e.NIP, p)
	if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
		return nil, false, err
	}
	tr := f.cfg.TopReviewer
	if post == "" { // a top, evaluated by the top reviewer
		switch {
		case tr.outside():
			return &kinerja.Staff{Name: tr.Name, Position: tr.Position}, true, nil
		case tr.NIP == "" || tr.NIP == e.NIP:
			return nil, false, kinerja.Errorf(kinerja.EInvalid, "err.obj_no_reviewer")
		}
		post = tr.NIP
	}
	revNIP, err := r.Tx.SuperiorAt(r.Ctx, post, r.Now)
	if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
		return nil, false, err
	}
	if revNIP == "" {
		switch {
		case post == tr.NIP:
			revNIP, same = tr.NIP, true
		case tr.NIP != "":
			revNIP = tr.NIP
		case tr.outside():
			return &kinerja.Staff{Name: tr.Name, Position: tr.Position}, false, nil
		default:
			return nil, false, kinerja.Errorf(kinerja.EInvalid, "err.obj_no_reviewer")
		}
	}
	rev, err = r.Tx.Staff(r.Ctx, revNIP)
	return rev, same, err
}

// reaches returns who receives now what goes to st: the acting one while
// an assignment holds for st.
func reaches(r *bot.Request, st *kinerja.Staff) *kinerja.Staff {
	if st == nil || st.NIP == "" {
		return st
	}
	a, err := kinerja.ActingFor(r.Ctx, r.Tx, st.NIP, r.Now, r.Loc())
	if err != nil || a == nil {
		return st
	}
	if by, err := r.Tx.Staff(r.Ctx, a.ByNIP); err == nil {
		return by
	}
	return st
}

// mayReview reports whether the sender may decide objection o: its
// reviewer, the one acting for them, or for an outside top reviewer an
// admin.
func (f *Feature) mayReview(r *bot.Request, o *kinerja.Objection) (bool, error) {
	if o.ReviewerNIP == "" {
		return r.Staff != nil && f.cfg.TopReviewer.outside() && r.IsAdmin(), nil
	}
	return actsAs(r, o.ReviewerNIP)
}

// auditOnBehalf records, next to a decision's own entry, that the sender
// decided in another's place: acting for nip, or for the outside top
// reviewer. Nothing is written when the sender decided as themselves.
func (f *Feature) auditOnBehalf(r *bot.Request, entity, id, nip string) error {
	if r.Staff == nil || (nip != "" && nip == r.Staff.NIP) {
		return nil
	}
	var after string
	switch {
	case nip == "":
		tr := f.cfg.TopReviewer
		after = `{"by":` + strconv.Quote(r.Staff.NIP) + `,"on_behalf_of_name":` + strconv.Quote(tr.Name) +
			`,"on_behalf_of_position":` + strconv.Quote(tr.Position) + `}`
	default:
		a, err := kinerja.ActingFor(r.Ctx, r.Tx, nip, r.Now, r.Loc())
		if err != nil || a == nil || a.ByNIP != r.Staff.NIP {
			return err
		}
		after = `{"acting_id":` + strconv.FormatInt(a.ID, 10) + `,"by":` + strconv.Quote(a.ByNIP) + `,"kind":` +
			strconv.Quote(string(a.Kind)) + `,"on_behalf_of":` + strconv.Quote(a.ForNIP) + `}`
	}
	return audit(r, entity+".on_behalf", entity, id, "", after)
}

// waitingFor returns the open objections the sender must decide: their
// own, those of the posts they act for, and for an admin those of an
// outside top reviewer.
func (f *Feature) waitingFor(r *bot.Request) ([]*kinerja.Objection, error) {
	posts, err := actingPosts(r)
	if err != nil {
		return nil, err
	}
	var out []*kinerja.Objection
	for _, nip := range append([]string{r.Staff.NIP}, posts...) {
		list, err := r.Tx.ListObjections(r.Ctx, kinerja.ObjectionFilter{ReviewerNIP: nip, OpenOnly: true})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	if f.cfg.TopReviewer.outside() && r.IsAdmin() {
		all, err := r.Tx.ListObjections(r.Ctx, kinerja.ObjectionFilter{OpenOnly: true})
		if err != nil {
			return nil, err
		}
		for _, o := range all {
			if o.ReviewerNIP == "" {
				out = append(out, o)
			}
		}
	}
	return out, nil
}
