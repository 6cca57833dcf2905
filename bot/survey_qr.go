package bot

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/qr"
)

// Survey links and their printable QR codes: created by an admin in chat
// (/qr) or from the command line (cmd), revoked from the command line.

// registerSurveyQR adds /qr for admins.
func (b *Bot) registerSurveyQR() {
	b.Command(CommandSpec{Name: "qr", Roles: []kinerja.Role{kinerja.RoleAdmin},
		Help: "svy.cmd_qr", Example: "svy.ex_qr", Handle: b.cmdQR})
	b.onCallback("qr", b.cbQR)
}

// CreateSurveyLink creates a new survey link for a unit, optionally naming
// the officer who serves at the counter, and returns it with its deep link.
func (b *Bot) CreateSurveyLink(ctx context.Context, unitCode, officerNIP string) (*kinerja.SurveyLink, string, error) {
	var l *kinerja.SurveyLink
	err := b.store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		l, err = b.newSurveyLink(ctx, tx, unitCode, officerNIP, b.now())
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return l, b.DeepLink(l.Payload), nil
}

// newSurveyLink checks the unit and officer and stores a link with a fresh
// random payload: "s_" and 96 random bits, 18 characters, so it fits a
// start payload and cannot be guessed.
func (b *Bot) newSurveyLink(ctx context.Context, tx kinerja.Tx, unitCode, officerNIP string, now time.Time) (*kinerja.SurveyLink, error) {
	if _, err := tx.Unit(ctx, unitCode); err != nil {
		return nil, err
	}
	if officerNIP != "" {
		st, err := tx.Staff(ctx, officerNIP)
		if err != nil {
			return nil, err
		}
		if st.UnitCode != unitCode {
			return nil, kinerja.Errorf(kinerja.EInvalid, "err.survey_officer_unit", officerNIP, unitCode)
		}
	}
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	l := &kinerja.SurveyLink{
		Payload:  kinerja.SurveyPayloadPrefix + base64.RawURLEncoding.EncodeToString(raw[:]),
		UnitCode: unitCode, OfficerNIP: officerNIP, CreatedAt: now,
	}
	if err := tx.CreateSurveyLink(ctx, l); err != nil {
		return nil, err
	}
	return l, nil
}

// RevokeSurveyLink revokes a survey link given by its payload or its whole
// deep link; the QR codes printed with it stop working at once.
func (b *Bot) RevokeSurveyLink(ctx context.Context, payloadOrLink string) error {
	p := strings.TrimSpace(payloadOrLink)
	if i := strings.LastIndex(p, "start="); i >= 0 {
		p = p[i+len("start="):]
	}
	if !strings.HasPrefix(p, kinerja.SurveyPayloadPrefix) || !payloadPattern.MatchString(p) {
		return kinerja.Errorf(kinerja.EInvalid, "err.survey_payload", payloadOrLink)
	}
	return b.store.RevokeSurveyLink(ctx, p, b.now())
}

// SurveyQR renders the printable QR card of a link: the code of its deep
// link with the unit's name, and the officer's, under it.
func (b *Bot) SurveyQR(ctx context.Context, l *kinerja.SurveyLink) ([]byte, error) {
	return b.surveyCard(ctx, b.store, l)
}

// surveyCard renders a link's card. The card is for citizens, so it is in
// Indonesian whatever the admin's language.
func (b *Bot) surveyCard(ctx context.Context, tx kinerja.Tx, l *kinerja.SurveyLink) ([]byte, error) {
	u, err := tx.Unit(ctx, l.UnitCode)
	if err != nil {
		return nil, err
	}
	var lines []string
	if l.OfficerNIP != "" {
		if st, err := tx.Staff(ctx, l.OfficerNIP); err == nil {
			lines = append(lines, T(kinerja.LangID, "svy.qr_officer_line", Raw(st.Name)))
		}
	}
	lines = append(lines, T(kinerja.LangID, "svy.qr_scan_hint"))
	return qr.Render(b.DeepLink(l.Payload), u.Name, lines...)
}

// activeLink returns the newest unrevoked link of a unit and officer, or
// creates one, so asking for the QR twice prints the same code.
func (b *Bot) activeLink(r *Request, unitCode, officerNIP string) (*kinerja.SurveyLink, error) {
	links, err := r.Tx.ListSurveyLinks(r.Ctx, unitCode)
	if err != nil {
		return nil, err
	}
	for i := len(links) - 1; i >= 0; i-- {
		if l := links[i]; !l.Revoked() && l.OfficerNIP == officerNIP {
			return l, nil
		}
	}
	return b.newSurveyLink(r.Ctx, r.Tx, unitCode, officerNIP, r.Now)
}

// cmdQR offers the units as buttons.
func (b *Bot) cmdQR(r *Request) error {
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil {
		return err
	}
	r.Reply(r.T("svy.qr_choose_unit"), unitButtons(r, units, "qr", 0)...)
	return nil
}

// cbQR handles "qr:u:<code>" (the unit's QR, then a choice of officers),
// "qr:o:<nip>" (an officer's QR) and "qr:pg:<page>". Admin only, checked
// on every press.
func (b *Bot) cbQR(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if !r.IsAdmin() || len(args) != 2 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	switch args[0] {
	case "pg":
		units, err := r.Tx.ListUnits(r.Ctx)
		if err != nil {
			return err
		}
		page, _ := strconv.Atoi(args[1])
		r.ReplyEdit(r.T("svy.qr_choose_unit"), unitButtons(r, units, "qr", max(page, 0))...)
		return nil
	case "u":
		u, err := r.Tx.Unit(r.Ctx, args[1])
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			r.Answer(r.T("core.stale_button"))
			return nil
		} else if err != nil {
			return err
		}
		if err := b.sendQR(r, u, nil); err != nil {
			return err
		}
		staff, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{UnitCode: u.Code})
		if err != nil {
			return err
		}
		var rows [][]Button
		// Telegram shows at most 100 buttons; a counter rarely has more
		// than a few officers, so the first 60 are plenty.
		for i := 0; i < len(staff) && i < 60; i += 2 {
			row := []Button{{Text: staff[i].Name, Data: "qr:o:" + staff[i].NIP}}
			if i+1 < len(staff) {
				row = append(row, Button{Text: staff[i+1].Name, Data: "qr:o:" + staff[i+1].NIP})
			}
			rows = append(rows, row)
		}
		r.ReplyEdit(r.T("svy.qr_sent", u.Name), rows...)
		return nil
	case "o":
		st, err := r.Tx.Staff(r.Ctx, args[1])
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			r.Answer(r.T("core.stale_button"))
			return nil
		} else if err != nil {
			return err
		}
		u, err := r.Tx.Unit(r.Ctx, st.UnitCode)
		if err != nil {
			return err
		}
		r.Answer(r.T("svy.qr_sent_officer", st.Name))
		return b.sendQR(r, u, st)
	}
	r.Answer(r.T("core.stale_button"))
	return nil
}

// sendQR sends the printable card of the unit's (or officer's) active link
// as a document: a photo would be recompressed and print blurred.
func (b *Bot) sendQR(r *Request, u *kinerja.Unit, officer *kinerja.Staff) error {
	nip, officerText, name := "", "", "skm-"+u.Code
	if officer != nil {
		nip, officerText, name = officer.NIP, r.T("svy.alert_officer", officer.Name), name+"-"+officer.NIP
	}
	l, err := b.activeLink(r, u.Code, nip)
	if err != nil {
		return err
	}
	png, err := b.surveyCard(r.Ctx, r.Tx, l)
	if err != nil {
		return err
	}
	r.Send(OutMessage{
		ChatID: r.ChatID, Document: png, FileName: name + ".png",
		Text: r.T("svy.qr_caption", u.Name, Raw(officerText), b.DeepLink(l.Payload)),
	})
	return nil
}
