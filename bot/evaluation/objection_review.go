package evaluation

import (
	"encoding/json"
	"strconv"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The typed steps of an objection: the reason, questions and answers
// relayed between the reviewer and the parties, and the final decision.

// predicateFor is the matrix cell of two ratings.
func predicateFor(h, p kinerja.Rating) (kinerja.Predikat, error) { return scoring.Predicate(h, p) }

// flowObjection receives the texts typed in an objection.
func (f *Feature) flowObjection(r *bot.Request) error {
	if r.Staff == nil {
		return r.EndFlow()
	}
	text, ok, err := typedReason(r, []bot.Button{objectionButtons.Button(r.T("obj.btn_cancel"), "x")})
	if !ok {
		return err
	}
	d := r.Session.Data
	switch r.Session.Step {
	case "reason":
		return f.fileObjection(r, text)
	case "question":
		return f.relayQuestion(r, d["id"], d["to"], text)
	case "answer":
		return f.relayAnswer(r, d["id"], d["party"], text)
	case "decide":
		h, _ := strconv.Atoi(d["h"])
		p, _ := strconv.Atoi(d["p"])
		return f.decideObjection(r, d["id"], kinerja.Rating(h), kinerja.Rating(p), text)
	}
	return r.EndFlow()
}

// relayQuestion stores the reviewer's question and sends it to the party.
func (f *Feature) relayQuestion(r *bot.Request, idArg, party, text string) error {
	o, _, err := f.reviewing(r, idArg)
	if err != nil {
		return r.EndFlowWith(err)
	}
	who, err := partyOf(r, o, party)
	if err != nil {
		return err
	}
	if !who.Linked() {
		return r.EndFlowWith(kinerja.Errorf(kinerja.EInvalid, "err.obj_party_unlinked", who.Name))
	}
	before := o.AuditJSON()
	m := &kinerja.ObjectionMessage{ObjectionID: o.ID, At: r.Now, From: kinerja.PartyReviewer, To: party, Text: text}
	if err := r.Tx.AddObjectionMessage(r.Ctx, m); err != nil {
		return err
	}
	o.Status = kinerja.ObjectionExplaining
	if err := r.Tx.UpdateObjection(r.Ctx, o); err != nil {
		return err
	}
	if err := audit(r, "objection.ask", "objection", idArg, before, messageJSON(o, m)); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	sendTo(r, who, func(lang kinerja.Lang) (string, [][]bot.Button) {
		return bot.T(lang, "obj.question_relayed", r.Staff.Name, periodLabelOf(lang, o.Period), nameOf(r, o.NIP), text),
			[][]bot.Button{{objectionButtons.Button(bot.T(lang, "obj.btn_answer"), "ans", idArg)}}
	})
	r.Reply(r.T("obj.question_sent", who.Name), []bot.Button{objectionButtons.Button(r.T("obj.btn_open"), "v", idArg)})
	return nil
}

// relayAnswer stores a party's answer and sends it to the reviewer with the
// decision buttons.
func (f *Feature) relayAnswer(r *bot.Request, idArg, party, text string) error {
	id, _ := strconv.ParseInt(idArg, 10, 64)
	o, err := r.Tx.Objection(r.Ctx, id)
	if err != nil {
		return r.EndFlowWith(err)
	}
	asked := false
	for _, p := range o.Awaiting() {
		asked = asked || p == party
	}
	who, err := partyOf(r, o, party)
	if err != nil {
		return err
	}
	if !asked || who.NIP != r.Staff.NIP || o.Status.Decided() {
		return r.EndFlowWith(kinerja.Errorf(kinerja.EForbidden, "err.obj_no_question"))
	}
	before := o.AuditJSON()
	m := &kinerja.ObjectionMessage{ObjectionID: o.ID, At: r.Now, From: party, To: kinerja.PartyReviewer, Text: text}
	if err := r.Tx.AddObjectionMessage(r.Ctx, m); err != nil {
		return err
	}
	o.Messages = append(o.Messages, *m)
	if len(o.Awaiting()) == 0 {
		o.Status = kinerja.ObjectionOpen
	}
	if err := r.Tx.UpdateObjection(r.Ctx, o); err != nil {
		return err
	}
	if err := audit(r, "objection.answer", "objection", idArg, before, messageJSON(o, m)); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	e, err := r.Tx.Evaluation(r.Ctx, o.NIP, o.Period)
	if err != nil {
		return err
	}
	rev := &kinerja.Staff{Name: f.cfg.TopReviewer.Name, Position: f.cfg.TopReviewer.Position}
	if o.ReviewerNIP != "" {
		if rev, err = r.Tx.Staff(r.Ctx, o.ReviewerNIP); err != nil {
			return err
		}
	}
	sendTo(r, reaches(r, rev), func(lang kinerja.Lang) (string, [][]bot.Button) {
		card, buttons := f.reviewCard(r, lang, o, e)
		return bot.T(lang, "obj.answer_relayed", partyLabel(lang, party), who.Name) + "\n\n" + card, buttons
	})
	r.Reply(r.T("obj.answer_sent", rev.Name))
	return nil
}

// messageJSON is the audit record of an exchange: the objection and the
// message relayed.
func messageJSON(o *kinerja.Objection, m *kinerja.ObjectionMessage) string {
	type msg struct {
		ID   int64  `json:"id"`
		From string `json:"from"`
		To   string `json:"to"`
		Text string `json:"text"`
	}
	out, _ := json.Marshal(struct {
		Objection json.RawMessage `json:"objection"`
		Message   msg             `json:"message"`
	}{json.RawMessage(o.AuditJSON()), msg{m.ID, m.From, m.To, m.Text}}) // cannot fail: plain fields
	return string(out)
}

// decideObjection records the reviewer's final decision: upheld (h unset)
// or changed to h and p, with the reason. A change revises the evaluation
// and its predikat; the assessor's own decision stays on record.
func (f *Feature) decideObjection(r *bot.Request, idArg string, h, p kinerja.Rating, reason string) error {
	o, e, err := f.reviewing(r, idArg)
	if err != nil {
		return r.EndFlowWith(err)
	}
	beforeO, beforeE := o.AuditJSON(), e.AuditJSON()
	o.DecidedAt, o.DecisionReason = r.Now, reason
	action := "objection.uphold"
	if !h.Valid() {
		o.Status, o.NewHasil, o.NewPerilaku, o.NewPredikat = kinerja.ObjectionUpheld, e.Hasil(), e.Perilaku(), e.Predikat
	} else {
		if h == e.Hasil() && p == e.Perilaku() {
			return r.EndFlowWith(kinerja.Errorf(kinerja.EInvalid, "err.obj_same_result"))
		}
		pred, err := predicateFor(h, p)
		if err != nil {
			return err
		}
		action = "objection.change"
		o.Status, o.NewHasil, o.NewPerilaku, o.NewPredikat = kinerja.ObjectionChanged, h, p, pred
		e.RevisedHasil, e.RevisedPerilaku, e.RevisedBy, e.RevisionReason = h, p, r.Staff.NIP, reason
		e.RevisedAt, e.UpdatedAt, e.Predikat = r.Now, r.Now, pred
		if err := r.Tx.PutEvaluation(r.Ctx, e); err != nil {
			return err
		}
		if err := audit(r, "evaluation.revise", "evaluation", e.NIP+"/"+e.Period, beforeE, e.AuditJSON()); err != nil {
			return err
		}
		if err := f.openFollowUp(r, e); err != nil {
			return err
		}
		if err := f.recheckDistribution(r, e); err != nil {
			return err
		}
	}
	if err := r.Tx.UpdateObjection(r.Ctx, o); err != nil {
		return err
	}
	if err := audit(r, action, "objection", idArg, beforeO, o.AuditJSON()); err != nil {
		return err
	}
	if err := f.auditOnBehalf(r, "objection", idArg, o.ReviewerNIP); err != nil {
		return err
	}
	if err := r.EndFlow(); err != nil {
		return err
	}
	by, err := f.deciderLabel(r, o.ReviewerNIP) // confirm.go: "… atas nama …" in another's place
	if err != nil {
		return err
	}
	outcome := func(lang kinerja.Lang) string {
		if o.Status == kinerja.ObjectionUpheld {
			return bot.T(lang, "obj.outcome_upheld", string(o.NewPredikat))
		}
		return bot.T(lang, "obj.outcome_changed", string(o.OldPredikat), string(o.NewPredikat),
			ratingLabel(lang, o.NewHasil), ratingLabel(lang, o.NewPerilaku))
	}
	for _, nip := range []string{o.NIP, o.AssessorNIP} {
		if st, err := r.Tx.Staff(r.Ctx, nip); err == nil {
			sendTo(r, st, func(lang kinerja.Lang) (string, [][]bot.Button) {
				return bot.T(lang, "obj.decided_notice", periodLabelOf(lang, o.Period), nameOf(r, o.NIP),
					bot.Raw(outcome(lang)), by(lang), reason), nil
			})
		}
	}
	r.Reply(r.T("obj.decided_reviewer", bot.Raw(outcome(r.Lang)), nameOf(r, o.NIP), nameOf(r, o.AssessorNIP)))
	return nil
}
