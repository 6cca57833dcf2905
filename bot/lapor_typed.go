package bot

import (
	"strconv"
	"strings"
	"unicode/utf8"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// flowLapor handles what the user types or sends inside the dialogue.
func (b *Bot) flowLapor(r *Request) error {
	if r.Staff == nil { // unlinked meanwhile
		if err := r.EndFlow(); err != nil {
			return err
		}
		r.Reply(r.T("core.need_link"))
		return nil
	}
	d := r.Session.Data
	if r.Session.Step == stepEv {
		return b.lpAddEvidence(r)
	}
	if r.Kind != KindText {
		return b.lpRepeat(r, r.T("rpt.need_text"))
	}
	text := strings.TrimSpace(r.Text)
	switch r.Session.Step {
	case stepTarget:
		targets, err := b.openTargets(r)
		if err != nil {
			return err
		}
		for _, t := range targets {
			if strings.EqualFold(t.Code, text) {
				d["tid"] = strconv.FormatInt(t.ID, 10)
				return b.lpNext(r)
			}
		}
		return b.lpAskTarget(r, r.T("rpt.target_unknown", text))
	case stepQty:
		t, err := b.lpCurrentTarget(r)
		if err != nil || t == nil {
			return errOr(err, b.lpNext(r))
		}
		q, key := parseQuantity(text)
		if key == "" && q > b.quantityBound(t) {
			key = "rpt.qty_too_big"
		}
		switch key {
		case "":
		case "rpt.qty_too_big":
			return b.lpAskQty(r, t, r.T(key, reportNum(r.Lang, b.quantityBound(t)), t.Unit))
		default:
			return b.lpAskQty(r, t, r.T(key, text))
		}
		d["qty"] = strconv.FormatFloat(q, 'f', -1, 64)
		return b.lpNext(r)
	case stepDate:
		day, ok := parseWorkDate(text, r.Today())
		if !ok {
			t, err := b.lpCurrentTarget(r)
			if err != nil || t == nil {
				return errOr(err, b.lpNext(r))
			}
			return b.lpAskDate(r, t, r.T("rpt.date_invalid", text))
		}
		return b.lpSetDate(r, day)
	case stepDesc:
		if text == "" {
			return b.lpAskDesc(r, r.T("rpt.desc_empty"))
		}
		if n := utf8.RuneCountInString(text); n > maxDescription {
			return b.lpAskDesc(r, r.T("rpt.desc_too_long", n, maxDescription))
		}
		d["desc"] = text
		return b.lpNext(r)
	case stepPreview:
		switch strings.ToLower(text) {
		case "kirim", "send":
			return b.lpSubmit(r)
		case "ubah", "change", "edit":
			return b.lpAskField(r)
		case "batal", "cancel":
			return b.lpCancel(r)
		}
	}
	return b.lpRepeat(r, r.T("rpt.use_buttons"))
}

// lpRepeat shows the current step again under a note.
func (b *Bot) lpRepeat(r *Request, note string) error {
	switch r.Session.Step {
	case stepDesc:
		return b.lpAskDesc(r, note)
	case stepTarget:
		return b.lpAskTarget(r, note)
	case stepEdit:
		r.Reply(note)
		return b.lpAskField(r)
	}
	t, err := b.lpCurrentTarget(r)
	if err != nil || t == nil {
		return errOr(err, b.lpNext(r))
	}
	switch r.Session.Step {
	case stepQty:
		return b.lpAskQty(r, t, note)
	case stepDate:
		return b.lpAskDate(r, t, note)
	}
	r.Reply(note)
	return b.lpPreview(r, t)
}

// lpCurrentTarget is the chosen target, still checked.
func (b *Bot) lpCurrentTarget(r *Request) (*kinerja.Target, error) {
	id, _ := strconv.ParseInt(r.Session.Data["tid"], 10, 64)
	return b.openTarget(r, id)
}

// lpAddEvidence takes a photo or document as evidence; anything else gets
// an explanation and the step stays open.
func (b *Bot) lpAddEvidence(r *Request) error {
	d := r.Session.Data
	switch r.Kind {
	case KindText:
		switch strings.ToLower(strings.TrimSpace(r.Text)) {
		case "selesai", "lewati", "done", "skip":
			d["evdone"] = "1"
			return b.lpNext(r)
		}
		return b.lpAskEvidence(r, r.T("rpt.ev_text"))
	case KindPhoto, KindDocument:
	case KindSticker:
		return b.lpAskEvidence(r, r.T("rpt.ev_sticker"))
	case KindVoice:
		return b.lpAskEvidence(r, r.T("rpt.ev_voice"))
	case KindLocation:
		return b.lpAskEvidence(r, r.T("rpt.ev_location"))
	default:
		return b.lpAskEvidence(r, r.T("rpt.ev_other"))
	}
	f := r.File
	if f == nil || f.FileID == "" {
		return b.lpAskEvidence(r, r.T("rpt.ev_other"))
	}
	ev := lpEvidence(d)
	switch {
	case f.Size > b.cfg.Reports.MaxFileSize:
		return b.lpAskEvidence(r, r.T("rpt.ev_too_big", b.cfg.Reports.MaxFileSize>>20))
	case len(ev) >= b.cfg.Reports.MaxEvidence:
		return b.lpAskEvidence(r, r.T("rpt.ev_too_many", b.cfg.Reports.MaxEvidence))
	}
	uid := f.FileUniqueID
	if uid == "" {
		uid = f.FileID
	}
	for _, e := range ev {
		if e.FileUniqueID == uid {
			return b.lpAskEvidence(r, r.T("rpt.ev_same"))
		}
	}
	kind := "photo"
	if r.Kind == KindDocument {
		kind = "document"
	}
	ev = append(ev, kinerja.Evidence{FileID: f.FileID, FileUniqueID: uid, Kind: kind, Name: f.FileName, Size: f.Size})
	lpSetEvidence(d, ev)
	return b.lpAskEvidence(r, r.T("rpt.ev_added", len(ev)))
}
