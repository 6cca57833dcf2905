package evaluation

import (
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The reason an assessor types for a departure from a proposal: asked
// before anything is stored, checked for length, refused when the
// evaluation moved on meanwhile.

// ratingArg reads a rating 1–3 from a button.
func ratingArg(args []string) (kinerja.Rating, error) {
	if len(args) != 1 {
		return kinerja.RatingNone, kinerja.Errorf(kinerja.EInvalid, "err.eval_bad_rating")
	}
	n, err := strconv.Atoi(args[0])
	rt := kinerja.Rating(n)
	if err != nil || !rt.Valid() {
		return kinerja.RatingNone, kinerja.Errorf(kinerja.EInvalid, "err.eval_bad_rating")
	}
	return rt, nil
}

// askReason opens the dialogue in which the assessor types why they depart
// from the proposal. Nothing is stored until the reason is given.
func (f *Feature) askReason(r *bot.Request, st *kinerja.Staff, p kinerja.Period, what string, pick, proposed kinerja.Rating) error {
	r.StartFlow(flowNilai, what+"_reason", map[string]string{
		"nip": st.NIP, "period": p.String(), "rating": strconv.Itoa(int(pick)),
	})
	if err := r.SaveSession(); err != nil {
		return err
	}
	key := "eval.ask_reason_" + what
	prop := ratingLabel(r.Lang, proposed)
	if !proposed.Valid() {
		key = "eval.ask_reason_" + what + "_none"
	}
	r.ReplyEdit(r.T(key, st.Name, ratingLabel(r.Lang, pick), prop, reasonMin, reasonMax),
		[]bot.Button{nilaiButtons.Button(r.T("eval.btn_back"), "s", st.NIP, p.String())})
	return nil
}

// flowNilai receives a typed reason for a departure from a proposal.
func (f *Feature) flowNilai(r *bot.Request) error {
	if r.Session.Step == stepPartReason {
		return f.flowPartReason(r) // partchat.go
	}
	d := r.Session.Data
	st, p, err := f.evalSubject(r, d["nip"], d["period"])
	if err != nil {
		return r.EndFlowWith(err)
	}
	reason, ok, err := typedReason(r, []bot.Button{nilaiButtons.Button(r.T("eval.btn_back"), "s", st.NIP, p)})
	if !ok {
		return err
	}
	rt, err := ratingArg([]string{d["rating"]})
	if err != nil {
		return r.EndFlowWith(err)
	}
	e, err := draftOf(r, st, p)
	if err != nil {
		return r.EndFlowWith(err)
	}
	switch r.Session.Step {
	case "hasil_reason":
		if e.DecidedHasil.Valid() {
			return r.EndFlowWith(kinerja.Errorf(kinerja.EConflict, "err.eval_changed"))
		}
		e.DecidedHasil, e.HasilReason = rt, reason
	case "perilaku_reason":
		if len(e.Unrated()) > 0 || e.DecidedPerilaku.Valid() {
			return r.EndFlowWith(kinerja.Errorf(kinerja.EConflict, "err.eval_changed"))
		}
		e.DecidedPerilaku, e.PerilakuReason = rt, reason
	default:
		return r.EndFlow()
	}
	e.UpdatedAt = r.Now
	if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	text, buttons, err := f.card(r, st, p, e, r.T("eval.reason_saved"))
	if err != nil {
		return err
	}
	r.Reply(text, buttons...)
	return nil
}
