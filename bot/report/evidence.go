package report

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Evidence: the photos and documents a report carries. The dialogue keeps
// their Telegram file ids; after the commit each file is downloaded once
// and its SHA-256 recorded, so the assessor is warned when a file was
// already used on another report.

// lpAskEvidence asks for evidence files, with Selesai/Lewati.
func (f *Feature) lpAskEvidence(r *bot.Request, note string) error {
	ev := lpEvidence(r.Session.Data)
	done := r.T("rpt.btn_ev_skip")
	if len(ev) > 0 {
		done = r.T("rpt.btn_ev_done", len(ev))
	}
	rows := [][]bot.Button{{lpButtons.Button(done, "ev")}}
	if len(ev) > 0 {
		rows = append(rows, []bot.Button{lpButtons.Button(r.T("rpt.btn_ev_clear"), "evc")})
	}
	rows = append(rows, cancelRow(r))
	lpSay(r, withNote(note, r.T("rpt.ask_ev", f.cfg.MaxEvidence)), rows...)
	return lpStep(r, stepEv)
}

// lpEvidence decodes the evidence gathered so far.
func lpEvidence(d map[string]string) []kinerja.Evidence {
	var ev []kinerja.Evidence
	if s := d["ev"]; s != "" {
		_ = json.Unmarshal([]byte(s), &ev) // written only by lpSetEvidence
	}
	return ev
}

// lpSetEvidence stores the evidence list in the session.
func lpSetEvidence(d map[string]string, ev []kinerja.Evidence) {
	if len(ev) == 0 {
		delete(d, "ev")
		return
	}
	b, _ := json.Marshal(ev)
	d["ev"] = string(b)
}

// lpAddEvidence takes a photo or document as evidence; anything else gets
// an explanation and the step stays open.
func (f *Feature) lpAddEvidence(r *bot.Request) error {
	d := r.Session.Data
	switch r.Kind {
	case bot.KindText:
		switch strings.ToLower(strings.TrimSpace(r.Text)) {
		case "selesai", "lewati", "done", "skip":
			d["evdone"] = "1"
			return f.lpNext(r)
		}
		return f.lpAskEvidence(r, r.T("rpt.ev_text"))
	case bot.KindPhoto, bot.KindDocument:
	case bot.KindSticker:
		return f.lpAskEvidence(r, r.T("rpt.ev_sticker"))
	case bot.KindVoice:
		return f.lpAskEvidence(r, r.T("rpt.ev_voice"))
	case bot.KindLocation:
		return f.lpAskEvidence(r, r.T("rpt.ev_location"))
	default:
		return f.lpAskEvidence(r, r.T("rpt.ev_other"))
	}
	file := r.File
	if file == nil || file.FileID == "" {
		return f.lpAskEvidence(r, r.T("rpt.ev_other"))
	}
	ev := lpEvidence(d)
	switch {
	case file.Size > f.cfg.MaxFileSize:
		return f.lpAskEvidence(r, r.T("rpt.ev_too_big", f.cfg.MaxFileSize>>20))
	case len(ev) >= f.cfg.MaxEvidence:
		return f.lpAskEvidence(r, r.T("rpt.ev_too_many", f.cfg.MaxEvidence))
	}
	uid := file.FileUniqueID
	if uid == "" {
		uid = file.FileID
	}
	for _, e := range ev {
		if e.FileUniqueID == uid {
			return f.lpAskEvidence(r, r.T("rpt.ev_same"))
		}
	}
	kind := "photo"
	if r.Kind == bot.KindDocument {
		kind = "document"
	}
	ev = append(ev, kinerja.Evidence{FileID: file.FileID, FileUniqueID: uid, Kind: kind, Name: file.FileName, Size: file.Size})
	lpSetEvidence(d, ev)
	return f.lpAskEvidence(r, r.T("rpt.ev_added", len(ev)))
}

// evidenceFile is a downloaded evidence file.
type evidenceFile struct {
	ev   kinerja.Evidence
	data []byte
}

// afterSubmit runs after a report is committed: it downloads the evidence
// once, stores each file's SHA-256 (flagging a file already used on another
// report), and then, unless assessors get digests, sends the assessor the
// files and the decision message. Hashing first means the assessor sees the
// duplicate warning in that very message. It runs in the background: if the
// process stops before the assessor is told, the report is still pending and
// the approval reminders (and /persetujuan) bring it up.
func (f *Feature) afterSubmit(b *bot.Bot, id int64, action string) func(ctx context.Context) {
	return func(ctx context.Context) {
		b.Go(ctx, func(ctx context.Context) {
			files := f.hashEvidence(ctx, b.Messenger(), id)
			if !f.cfg.Digest {
				f.notifyAssessor(ctx, b, id, action, files)
			}
		})
	}
}

// hashEvidence downloads a report's evidence, records the missing hashes
// (each in a small transaction with its audit entry) and returns the files.
// A failed download is logged; the report stands without that hash.
func (f *Feature) hashEvidence(ctx context.Context, m bot.Messenger, id int64) []evidenceFile {
	log := f.deps.Log
	rep, err := f.deps.Store.Report(ctx, id)
	if err != nil {
		log.Error("evidence: load report", "report", id, "err", err)
		return nil
	}
	var files []evidenceFile
	for _, e := range rep.Evidence {
		data, err := m.Download(ctx, e.FileID, f.cfg.MaxFileSize)
		if err != nil {
			log.Warn("evidence: download failed", "report", id, "file", e.FileUniqueID, "err", err)
			continue
		}
		files = append(files, evidenceFile{e, data})
		if e.SHA256 != "" {
			continue
		}
		sum := sha256.Sum256(data)
		sha := hex.EncodeToString(sum[:])
		err = f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
			return f.recordHash(ctx, tx, id, e.FileUniqueID, sha)
		})
		if err != nil {
			log.Error("evidence: store hash", "report", id, "err", err)
		}
	}
	return files
}

// recordHash stores one file's hash with its audit entry.
func (f *Feature) recordHash(ctx context.Context, s evidenceStore, id int64, fileUniqueID, sha string) error {
	dup, err := s.SetEvidenceHash(ctx, id, fileUniqueID, sha)
	if err != nil {
		return err
	}
	after, _ := json.Marshal(struct {
		ReportID     int64  `json:"report_id"`
		FileUniqueID string `json:"file_unique_id"`
		SHA256       string `json:"sha256"`
		DuplicateOf  int64  `json:"duplicate_of"`
	}{id, fileUniqueID, sha, dup})
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: f.deps.Now(), Action: auditEvidenceHash, Entity: "report",
		EntityID: strconv.FormatInt(id, 10), After: string(after)})
}

// notifyAssessor sends the assessor a report's evidence files and then its
// decision message, in the assessor's language.
func (f *Feature) notifyAssessor(ctx context.Context, b *bot.Bot, id int64, action string, files []evidenceFile) {
	var msgs []bot.OutMessage
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var s notifyStore = tx
		rep, err := s.Report(ctx, id)
		if err != nil {
			return err
		}
		to, err := recipient(ctx, tx, rep.AssessorNIP, f.deps.Now(), f.deps.Location)
		if err != nil {
			return err
		}
		boss, err := s.Staff(ctx, to)
		if err != nil || rep.Status != kinerja.ReportPending || !boss.Linked() {
			return err // decided or withdrawn meanwhile, or nobody to tell
		}
		lang := f.langOf(ctx, s, boss.TelegramID)
		text, buttons, err := decisionMessage(ctx, s, lang, rep, "rpt.head_"+strings.TrimPrefix(action, "report."))
		if err != nil {
			return err
		}
		for i, file := range files {
			m := bot.OutMessage{ChatID: boss.TelegramID, Text: bot.T(lang, "rpt.ev_caption", i+1, len(files), rep.ID), FileName: file.ev.Name}
			if file.ev.Kind == "photo" {
				m.Photo = file.data
			} else {
				m.Document = file.data
				if m.FileName == "" {
					m.FileName = fmt.Sprintf("bukti-%d-%d", rep.ID, i+1)
				}
			}
			msgs = append(msgs, m)
		}
		msgs = append(msgs, bot.OutMessage{ChatID: boss.TelegramID, Text: text, Buttons: buttons})
		return nil
	})
	if err != nil {
		f.deps.Log.Error("notify assessor", "report", id, "err", err)
		return
	}
	sendAll(ctx, b, msgs)
}

// Notifier sends a message outside an update and records a recipient who
// blocked the bot as unreachable; *bot.Bot is one.
type Notifier interface {
	Notify(ctx context.Context, m bot.OutMessage) (int, error)
}

// sendAll sends messages outside any transaction; failures are recorded
// by the notifier.
func sendAll(ctx context.Context, n Notifier, msgs []bot.OutMessage) {
	for _, m := range msgs {
		_, _ = n.Notify(ctx, m)
	}
}

// showEvidence sends the evidence files of a report to its assessor, an
// admin or its author, downloading them after the commit.
func (f *Feature) showEvidence(r *bot.Request, rep *kinerja.Report) error {
	if r.Staff == nil || (rep.NIP != r.Staff.NIP && !mayDecide(r, rep)) {
		refuseWith(r, "rpt.decide_not_assessor", rep.ID)
		return nil
	}
	if len(rep.Evidence) == 0 {
		r.Answer(r.T("rpt.summary_no_ev"))
		return nil
	}
	b, chat, lang, id := r.Bot(), r.ChatID, r.Lang, rep.ID
	r.Answer(r.T("rpt.ev_sending"))
	r.After(func(ctx context.Context) {
		var msgs []bot.OutMessage
		ev := rep.Evidence
		for i, e := range ev {
			data, err := b.Messenger().Download(ctx, e.FileID, f.cfg.MaxFileSize)
			if err != nil {
				f.deps.Log.Warn("evidence: download failed", "report", id, "err", err)
				msgs = append(msgs, bot.OutMessage{ChatID: chat, Text: bot.T(lang, "rpt.ev_unavailable", i+1)})
				continue
			}
			m := bot.OutMessage{ChatID: chat, Text: bot.T(lang, "rpt.ev_caption", i+1, len(ev), id), FileName: e.Name}
			if e.Kind == "photo" {
				m.Photo = data
			} else {
				m.Document = data
			}
			msgs = append(msgs, m)
		}
		sendAll(ctx, b, msgs)
	})
	return nil
}
