package survey

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"regexp"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/qr"
)

// Survey links and their printable QR codes: created by an admin in chat
// (/qr) or from the command line (cmd), revoked from the command line.

// payloadPattern is what Telegram allows in a /start payload.
var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// registerQR adds /qr for admins.
func (f *Feature) registerQR(b *bot.Bot) {
	admin := []kinerja.Role{kinerja.RoleAdmin}
	b.Command(bot.CommandSpec{Name: "qr", Roles: admin, Help: "svy.cmd_qr", Example: "svy.ex_qr", Handle: f.cmdQR})
	b.Button(bot.ButtonSpec{Buttons: qrButtons, Action: "pg", Args: 1, Roles: admin, Handle: f.pressQRPage})
	b.Button(bot.ButtonSpec{Buttons: qrButtons, Action: "u", Args: 1, Roles: admin, Handle: f.pressQRUnit})
	b.Button(bot.ButtonSpec{Buttons: qrButtons, Action: "o", Args: 1, Roles: admin, Handle: f.pressQROfficer})
	b.Button(bot.ButtonSpec{Buttons: qrButtons, Action: "s", Args: 2, Roles: admin, Handle: f.pressQRService})
	b.Button(bot.ButtonSpec{Buttons: qrButtons, Action: "m", Args: 2, Roles: admin, Handle: f.pressQRStart})
}

// LinkTarget is what a survey link names: a unit and, optionally, the
// officer serving at the counter and the service (jenis layanan) offered.
type LinkTarget struct {
	Unit, Officer, Service string
}

// CreateSurveyLink creates a new survey link for a unit, optionally naming
// the officer who serves at the counter, and returns it with its deep link
// (for the bot named by deps.Username).
func (f *Feature) CreateSurveyLink(ctx context.Context, unitCode, officerNIP string) (*kinerja.SurveyLink, string, error) {
	return f.CreateLink(ctx, LinkTarget{Unit: unitCode, Officer: officerNIP})
}

// CreateLink creates a new survey link for a unit, its officer and its
// service, and returns it with its deep link.
func (f *Feature) CreateLink(ctx context.Context, t LinkTarget) (*kinerja.SurveyLink, string, error) {
	var l *kinerja.SurveyLink
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		l, err = f.newSurveyLink(ctx, tx, t, f.deps.Now())
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return l, f.deepLink(l.Payload), nil
}

// CreateSurveyLinkCard creates a link like CreateSurveyLink and hands its
// printable QR card to keep in the same transaction: when keep fails (the
// card cannot be written), the link is not stored at all.
func (f *Feature) CreateSurveyLinkCard(ctx context.Context, unitCode, officerNIP string, keep func(card []byte) error) (*kinerja.SurveyLink, string, error) {
	return f.CreateLinkCard(ctx, LinkTarget{Unit: unitCode, Officer: officerNIP}, keep)
}

// CreateLinkCard is CreateSurveyLinkCard for a link that may name a service.
func (f *Feature) CreateLinkCard(ctx context.Context, t LinkTarget, keep func(card []byte) error) (*kinerja.SurveyLink, string, error) {
	var l *kinerja.SurveyLink
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		var err error
		if l, err = f.newSurveyLink(ctx, tx, t, f.deps.Now()); err != nil {
			return err
		}
		card, err := f.surveyCard(ctx, tx, l, f.deepLink(l.Payload))
		if err != nil {
			return err
		}
		return keep(card)
	})
	if err != nil {
		return nil, "", err
	}
	return l, f.deepLink(l.Payload), nil
}

// newSurveyLink checks the unit, officer and service and stores a link
// with a fresh random payload: "s_" and 96 random bits, 18 characters, so
// it fits a start payload and cannot be guessed.
func (f *Feature) newSurveyLink(ctx context.Context, s kinerja.Tx, t LinkTarget, now time.Time) (*kinerja.SurveyLink, error) {
	if _, err := s.Unit(ctx, t.Unit); err != nil {
		return nil, err
	}
	if t.Officer != "" {
		st, err := s.Staff(ctx, t.Officer)
		if err != nil {
			return nil, err
		}
		if st.UnitCode != t.Unit {
			return nil, kinerja.Errorf(kinerja.EInvalid, "err.survey_officer_unit", t.Officer, t.Unit)
		}
	}
	if t.Service != "" {
		if _, err := f.Service(ctx, s, t.Unit, t.Service); err != nil {
			return nil, err
		}
	}
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	l := &kinerja.SurveyLink{
		Payload:  kinerja.SurveyPayloadPrefix + base64.RawURLEncoding.EncodeToString(raw[:]),
		UnitCode: t.Unit, OfficerNIP: t.Officer, ServiceCode: t.Service, CreatedAt: now,
	}
	if err := s.CreateSurveyLink(ctx, l); err != nil {
		return nil, err
	}
	return l, nil
}

// RevokeSurveyLink revokes a survey link given by its payload or its whole
// deep link; the QR codes printed with it stop working at once.
func (f *Feature) RevokeSurveyLink(ctx context.Context, payloadOrLink string) error {
	return revokeSurveyLink(ctx, f.deps.Store, payloadOrLink, f.deps.Now())
}

func revokeSurveyLink(ctx context.Context, s revokeStore, payloadOrLink string, now time.Time) error {
	p := strings.TrimSpace(payloadOrLink)
	if i := strings.LastIndex(p, "start="); i >= 0 {
		p = p[i+len("start="):]
	}
	if !strings.HasPrefix(p, kinerja.SurveyPayloadPrefix) || !payloadPattern.MatchString(p) {
		return kinerja.Errorf(kinerja.EInvalid, "err.survey_payload", payloadOrLink)
	}
	return s.RevokeSurveyLink(ctx, p, now)
}

// SurveyLinks returns the links of a unit ("" for every unit), oldest
// first, each with its deep link.
func (f *Feature) SurveyLinks(ctx context.Context, unitCode string) ([]*kinerja.SurveyLink, []string, error) {
	links, err := f.deps.Store.ListSurveyLinks(ctx, unitCode)
	if err != nil {
		return nil, nil, err
	}
	deep := make([]string, len(links))
	for i, l := range links {
		deep[i] = f.deepLink(l.Payload)
	}
	return links, deep, nil
}

// SurveyQR renders the printable QR card of a link: the code of its deep
// link with the unit's name, and the officer's, under it.
func (f *Feature) SurveyQR(ctx context.Context, l *kinerja.SurveyLink) ([]byte, error) {
	return f.surveyCard(ctx, f.deps.Store, l, f.deepLink(l.Payload))
}

// surveyCard renders a link's card. The card is for citizens, so it is in
// Indonesian whatever the admin's language.
func (f *Feature) surveyCard(ctx context.Context, s linkStore, l *kinerja.SurveyLink, deepLink string) ([]byte, error) {
	u, err := s.Unit(ctx, l.UnitCode)
	if err != nil {
		return nil, err
	}
	var lines []string
	if l.ServiceCode != "" {
		svc, err := f.Service(ctx, s, l.UnitCode, l.ServiceCode)
		if err != nil {
			return nil, err
		}
		lines = append(lines, bot.T(kinerja.LangID, "svy.qr_service_line", bot.Raw(svc.Name)))
	}
	if l.OfficerNIP != "" {
		if st, err := s.Staff(ctx, l.OfficerNIP); err == nil {
			lines = append(lines, bot.T(kinerja.LangID, "svy.qr_officer_line", bot.Raw(st.Name)))
		}
	}
	lines = append(lines, bot.T(kinerja.LangID, "svy.qr_scan_hint"))
	return qr.Render(deepLink, u.Name, lines...)
}

// activeLink returns the newest unrevoked link of a unit, officer and
// service, or creates one, so asking for the QR twice prints the same code.
func (f *Feature) activeLink(r *bot.Request, t LinkTarget) (*kinerja.SurveyLink, error) {
	links, err := r.Tx.ListSurveyLinks(r.Ctx, t.Unit)
	if err != nil {
		return nil, err
	}
	for i := len(links) - 1; i >= 0; i-- {
		if l := links[i]; !l.Revoked() && l.OfficerNIP == t.Officer && l.ServiceCode == t.Service {
			return l, nil
		}
	}
	return f.newSurveyLink(r.Ctx, r.Tx, t, r.Now)
}

// cmdQR offers the units as buttons.
func (f *Feature) cmdQR(r *bot.Request) error {
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil {
		return err
	}
	r.Reply(r.T("svy.qr_choose_unit"), unitButtons(r, units, qrButtons, 0)...)
	return nil
}

// pressQRPage handles "qr:pg:<page>": another page of units.
func (f *Feature) pressQRPage(r *bot.Request) error {
	units, err := r.Tx.ListUnits(r.Ctx)
	if err != nil {
		return err
	}
	page, _ := r.ArgInt(0)
	r.ReplyEdit(r.T("svy.qr_choose_unit"), unitButtons(r, units, qrButtons, max(int(page), 0))...)
	return nil
}

// pressQRUnit handles "qr:u:<code>": the unit's QR, then a choice of
// officers.
func (f *Feature) pressQRUnit(r *bot.Request) error {
	u, err := r.Tx.Unit(r.Ctx, r.Args[0])
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	if err := f.sendQR(r, u, nil, nil); err != nil {
		return err
	}
	staff, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{UnitCode: u.Code})
	if err != nil {
		return err
	}
	services, err := f.Services(r.Ctx, r.Tx, u.Code)
	if err != nil {
		return err
	}
	// The "Mulai layanan" code for the queue machine or the entrance.
	rows := [][]bot.Button{{qrButtons.Button(r.T("svy.qr_start_btn"), "m", u.Code, noService)}}
	// A counter per service: its own code, so its IKM is its own.
	for i := 0; i < len(services) && i < 30; i++ {
		rows = append(rows, []bot.Button{qrButtons.Button("🧾 "+services[i].Name, "s", u.Code, services[i].Code)})
	}
	// Telegram shows at most 100 buttons; a counter rarely has more than a
	// few officers, so the first 60 are plenty.
	for i := 0; i < len(staff) && i < 60; i += 2 {
		row := []bot.Button{qrButtons.Button(staff[i].Name, "o", staff[i].NIP)}
		if i+1 < len(staff) {
			row = append(row, qrButtons.Button(staff[i+1].Name, "o", staff[i+1].NIP))
		}
		rows = append(rows, row)
	}
	r.ReplyEdit(r.T("svy.qr_sent", u.Name), rows...)
	return nil
}

// pressQROfficer handles "qr:o:<nip>": an officer's QR.
func (f *Feature) pressQROfficer(r *bot.Request) error {
	st, err := r.Tx.Staff(r.Ctx, r.Args[0])
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	u, err := r.Tx.Unit(r.Ctx, st.UnitCode)
	if err != nil {
		return err
	}
	r.Answer(r.T("svy.qr_sent_officer", st.Name))
	return f.sendQR(r, u, st, nil)
}

// pressQRService handles "qr:s:<unit>:<service>": a service's QR.
func (f *Feature) pressQRService(r *bot.Request) error {
	u, err := r.Tx.Unit(r.Ctx, r.Args[0])
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	svc, err := f.Service(r.Ctx, r.Tx, u.Code, r.Args[1])
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	r.Answer(r.T("svy.qr_sent_service", svc.Name))
	return f.sendQR(r, u, nil, &svc)
}

// sendQR sends the printable card of the unit's (or officer's) active link
// as a document: a photo would be recompressed and print blurred.
func (f *Feature) sendQR(r *bot.Request, u *kinerja.Unit, officer *kinerja.Staff, svc *kinerja.SurveyService) error {
	t, officerText, name := LinkTarget{Unit: u.Code}, "", "skm-"+u.Code
	if officer != nil {
		t.Officer, officerText, name = officer.NIP, r.T("svy.alert_officer", officer.Name), name+"-"+officer.NIP
	}
	if svc != nil {
		t.Service, officerText, name = svc.Code, r.T("svy.qr_service_line", svc.Name), name+"-"+svc.Code
	}
	l, err := f.activeLink(r, t)
	if err != nil {
		return err
	}
	link := r.Bot().DeepLink(l.Payload)
	png, err := f.surveyCard(r.Ctx, r.Tx, l, link)
	if err != nil {
		return err
	}
	r.Send(bot.OutMessage{
		ChatID: r.ChatID, Document: png, FileName: name + ".png",
		Text: r.T("svy.qr_caption", u.Name, bot.Raw(officerText), link),
	})
	return nil
}
