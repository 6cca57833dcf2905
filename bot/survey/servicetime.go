package survey

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/qr"
)

// The measured speed of service: a unit prints a second code, "Mulai
// layanan", at the queue ticket machine or the entrance. A citizen who
// scans it leaves a pending mark, keyed like the duplicate control by a
// hash of account, unit and day under the day's random key; opening the
// unit's survey the same day turns the mark into one duration, kept with
// the unit, the service and the month only. Marks of past days are
// deleted by the clean-up job (Forget).

// startPayload is the "Mulai layanan" payload of a survey link: "m_" and
// the link's random part, so revoking the link revokes its start code.
func startPayload(l *kinerja.SurveyLink) string {
	return kinerja.ServiceStartPayloadPrefix + strings.TrimPrefix(l.Payload, kinerja.SurveyPayloadPrefix)
}

// StartLink returns the "Mulai layanan" deep link of a survey link.
func (f *Feature) StartLink(l *kinerja.SurveyLink) string { return f.deepLink(startPayload(l)) }

// StartQR renders the printable "Mulai layanan" card of a survey link, in
// Indonesian: the citizens read it.
func (f *Feature) StartQR(ctx context.Context, l *kinerja.SurveyLink) ([]byte, error) {
	return f.startCard(ctx, f.deps.Store, l, f.StartLink(l))
}

func (f *Feature) startCard(ctx context.Context, s linkStore, l *kinerja.SurveyLink, deepLink string) ([]byte, error) {
	u, err := s.Unit(ctx, l.UnitCode)
	if err != nil {
		return nil, err
	}
	lines := []string{bot.T(kinerja.LangID, "svy.start_card_title")}
	if l.ServiceCode != "" {
		svc, err := f.Service(ctx, s, l.UnitCode, l.ServiceCode)
		if err != nil {
			return nil, err
		}
		lines = append(lines, bot.T(kinerja.LangID, "svy.qr_service_line", bot.Raw(svc.Name)))
	}
	lines = append(lines, bot.T(kinerja.LangID, "svy.start_card_hint"))
	return qr.Render(deepLink, u.Name, lines...)
}

// startService handles a "Mulai layanan" deep link: it leaves the day's
// pending mark and acknowledges it in one line.
func (f *Feature) startService(r *bot.Request) error {
	rest := strings.TrimPrefix(r.Text, kinerja.ServiceStartPayloadPrefix)
	link, unit, err := openLink(r, kinerja.SurveyPayloadPrefix+rest)
	if link == nil || err != nil {
		return err
	}
	if r.Staff != nil && r.Staff.UnitCode == unit.Code {
		r.Reply(r.T("svy.start_own_unit", unit.Name))
		return nil
	}
	key, err := f.startKey(r, unit.Code)
	if err != nil {
		return err
	}
	// A second scan the same day keeps the first instant: the service
	// began when the citizen first arrived.
	if _, err := r.Tx.MarkServiceStart(r.Ctx, &kinerja.ServiceStart{Key: key, UnitCode: unit.Code,
		ServiceCode: link.ServiceCode, Day: r.Today(), StartedAt: r.Now}); err != nil {
		return err
	}
	r.Reply(r.T("svy.start_ack", unit.Name))
	return nil
}

// recordServiceTime turns the account's pending mark for unit, if any,
// into a duration: called when the survey of the unit opens. service is
// the survey link's service; the start code's is used when it names none.
func (f *Feature) recordServiceTime(r *bot.Request, unit, service string) error {
	key, err := f.startKey(r, unit)
	if err != nil {
		return err
	}
	s, err := r.Tx.TakeServiceStart(r.Ctx, key)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return nil
	} else if err != nil {
		return err
	}
	minutes := r.Now.Sub(s.StartedAt).Minutes()
	// Under a minute, or longer than a working day, is not a service.
	if s.StartedAt.IsZero() || minutes < 1 || minutes > f.cfg.ServiceMaxMinutes {
		return nil
	}
	if service == "" {
		service = s.ServiceCode
	}
	return r.Tx.AddServiceDuration(r.Ctx, &kinerja.ServiceDuration{UnitCode: unit, ServiceCode: service,
		Month: r.Today().Format("2006-01"), Minutes: math.Round(minutes*100) / 100})
}

// startKey is the pending mark's key: the HMAC of account, unit and day
// under the day's random key (the duplicate control's), with its own
// label so it never equals a response's duplicate key.
func (f *Feature) startKey(r *bot.Request, unit string) (string, error) {
	day := r.Today()
	key, err := f.keys.key(day.Format(time.DateOnly))
	if err != nil {
		return "", err
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("start|" + strconv.FormatInt(r.From.ID, 10) + "|" + unit + "|" + day.Format(time.DateOnly)))
	return hex.EncodeToString(mac.Sum(nil)), nil
}

// ServiceSpeed is the measured speed of service of a unit over p, all its
// services together; false when no duration was measured.
func (f *Feature) ServiceSpeed(ctx context.Context, store TotalsStore, unit string, p kinerja.Period) (kinerja.ServiceSpeed, bool, error) {
	list, err := f.ServiceSpeeds(ctx, store, unit, p)
	if err != nil {
		return kinerja.ServiceSpeed{}, false, err
	}
	for _, s := range list {
		if s.UnitCode == unit && s.ServiceCode == "" {
			return s, true, nil
		}
	}
	return kinerja.ServiceSpeed{UnitCode: unit, StandardMinutes: f.cfg.ServiceStandard[unit]}, false, nil
}

// ServiceSpeeds is the measured speed of service over p of a unit ("" for
// every unit with durations): for each unit, the whole unit (ServiceCode
// "") and then each of its services with durations, by code.
//
// A duration is judged against its service's standard
// (units.<CODE>.services or services import), else the unit's
// (units.<CODE>.service_standard_minutes); the share within the standard
// is over the durations that have one.
func (f *Feature) ServiceSpeeds(ctx context.Context, store TotalsStore, unit string, p kinerja.Period) ([]kinerja.ServiceSpeed, error) {
	loc := f.deps.Location
	list, err := store.ServiceDurations(ctx, kinerja.ServiceDurationFilter{UnitCode: unit,
		FromMonth: p.Start(loc).Format("2006-01"), ToMonth: p.End(loc).Format("2006-01")})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	services, err := f.Services(ctx, store, unit)
	if err != nil {
		return nil, err
	}
	standard := func(unit, service string) float64 {
		for _, s := range services {
			if s.UnitCode == unit && s.Code == service && s.StandardMinutes > 0 {
				return float64(s.StandardMinutes)
			}
		}
		return f.cfg.ServiceStandard[unit]
	}
	type group struct {
		unit, service string
		minutes, std  []float64
	}
	var order []*group
	groups := map[[2]string]*group{}
	add := func(unit, service string, d kinerja.ServiceDuration) {
		g := groups[[2]string{unit, service}]
		if g == nil {
			g = &group{unit: unit, service: service}
			groups[[2]string{unit, service}] = g
			order = append(order, g)
		}
		g.minutes = append(g.minutes, d.Minutes)
		g.std = append(g.std, standard(d.UnitCode, d.ServiceCode))
	}
	for _, d := range list {
		add(d.UnitCode, "", d)
		if d.ServiceCode != "" {
			add(d.UnitCode, d.ServiceCode, d)
		}
	}
	sort.SliceStable(order, func(i, j int) bool {
		if order[i].unit != order[j].unit {
			return order[i].unit < order[j].unit
		}
		return order[i].service < order[j].service
	})
	out := make([]kinerja.ServiceSpeed, 0, len(order))
	for _, g := range order {
		s := kinerja.ServiceSpeed{UnitCode: g.unit, ServiceCode: g.service, Count: len(g.minutes),
			StandardMinutes: standard(g.unit, g.service)}
		sorted := append([]float64(nil), g.minutes...)
		sort.Float64s(sorted)
		s.MedianMinutes, s.P90Minutes = percentile(sorted, 0.5), percentile(sorted, 0.9)
		// A unit without its own standard whose durations all share one
		// (one service, or services with equal standards) is shown with it.
		if s.StandardMinutes == 0 && len(g.std) > 0 && g.std[0] > 0 && sameStandard(g.std) {
			s.StandardMinutes = g.std[0]
		}
		within, judged := 0, 0
		for i, m := range g.minutes {
			if g.std[i] > 0 {
				judged++
				if m <= g.std[i] {
					within++
				}
			}
		}
		if judged > 0 {
			s.WithinStandard = float64(within) / float64(judged)
		}
		out = append(out, s)
	}
	return out, nil
}

// percentile is the q-quantile of sorted values, interpolated linearly
// between the two nearest ranks (the common "type 7" definition, as
// spreadsheets' PERCENTILE computes it).
func percentile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := q * float64(len(sorted)-1)
	lo := int(math.Floor(pos))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func sameStandard(v []float64) bool {
	for _, x := range v[1:] {
		if x != v[0] {
			return false
		}
	}
	return true
}

// MinutesString formats minutes with at most one decimal, the reader's
// decimal mark: "20", "12,5".
func MinutesString(lang kinerja.Lang, m float64) string {
	return Decimal(lang, strconv.FormatFloat(math.Round(m*10)/10, 'f', -1, 64))
}

// PercentString formats a share (0..1) as a whole percentage: "85%".
func PercentString(share float64) string {
	return strconv.Itoa(int(math.Round(share*100))) + "%"
}

// ServiceTimesHeader is the header of the service-times export.
var ServiceTimesHeader = []string{"unit_code", "service_code", "month", "count", "median_minutes", "p90_minutes",
	"standard_minutes", "within_standard_pct"}

// ServiceTimesTable returns the measured speed of service of every unit
// in each month of p: a row for the whole unit (service_code empty) and
// one per service. Staff read it, so it is not held back under the
// anonymity threshold; the public site is.
func (f *Feature) ServiceTimesTable(ctx context.Context, p kinerja.Period) ([][]string, error) {
	rows := [][]string{ServiceTimesHeader}
	num := func(v float64) string { return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64) }
	for _, m := range p.Months() {
		list, err := f.ServiceSpeeds(ctx, f.deps.Store, "", m)
		if err != nil {
			return nil, err
		}
		for _, s := range list {
			std, within := "", ""
			if s.StandardMinutes > 0 {
				std = num(s.StandardMinutes)
			}
			if s.StandardMinutes > 0 || s.WithinStandard > 0 {
				within = strconv.FormatFloat(math.Round(s.WithinStandard*1000)/10, 'f', 1, 64)
			}
			rows = append(rows, []string{s.UnitCode, s.ServiceCode, m.String(), strconv.Itoa(s.Count),
				num(s.MedianMinutes), num(s.P90Minutes), std, within})
		}
	}
	return rows, nil
}

// noService stands for "no service" in the "qr:m" button.
const noService = "-"

// pressQRStart handles "qr:m:<unit>:<service|->": the "Mulai layanan"
// card of the unit's (or service's) active survey link.
func (f *Feature) pressQRStart(r *bot.Request) error {
	u, err := r.Tx.Unit(r.Ctx, r.Args[0])
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
	} else if err != nil {
		return err
	}
	t, name, serviceText := LinkTarget{Unit: u.Code}, "mulai-"+u.Code, ""
	if code := r.Args[1]; code != noService {
		svc, err := f.Service(r.Ctx, r.Tx, u.Code, code)
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			return r.Stale()
		} else if err != nil {
			return err
		}
		t.Service, name, serviceText = svc.Code, name+"-"+svc.Code, r.T("svy.qr_service_line", svc.Name)
	}
	l, err := f.activeLink(r, t)
	if err != nil {
		return err
	}
	link := r.Bot().DeepLink(startPayload(l))
	png, err := f.startCard(r.Ctx, r.Tx, l, link)
	if err != nil {
		return err
	}
	r.Answer("")
	r.Send(bot.OutMessage{ChatID: r.ChatID, Document: png, FileName: name + ".png",
		Text: r.T("svy.qr_start_caption", u.Name, bot.Raw(serviceText), link)})
	return nil
}

// ActiveStartLink returns the unit's (or service's) newest unrevoked
// survey link naming no officer, creating one when there is none, with
// its "Mulai layanan" deep link: the start code of the counter's survey.
func (f *Feature) ActiveStartLink(ctx context.Context, t LinkTarget) (*kinerja.SurveyLink, string, error) {
	t.Officer = ""
	var l *kinerja.SurveyLink
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		links, err := tx.ListSurveyLinks(ctx, t.Unit)
		if err != nil {
			return err
		}
		for i := len(links) - 1; i >= 0 && l == nil; i-- {
			if c := links[i]; !c.Revoked() && c.OfficerNIP == "" && c.ServiceCode == t.Service {
				l = c
			}
		}
		if l == nil {
			l, err = f.newSurveyLink(ctx, tx, t, f.deps.Now())
		}
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return l, f.StartLink(l), nil
}
