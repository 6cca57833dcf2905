package survey

import (
	"context"
	"math"
	"strconv"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// flagReader is what showing flags beside the IKM reads.
type flagReader interface {
	SurveyFlags(ctx context.Context, unitCode string, from, to time.Time) ([]*kinerja.SurveyFlag, error)
}

// openFlags counts the flags not yet reviewed of period p by unit.
func (f *Feature) openFlags(ctx context.Context, s flagReader, unit string, p kinerja.Period) (map[string]int, error) {
	loc := f.deps.Location
	list, err := s.SurveyFlags(ctx, unit, p.Start(loc), p.End(loc))
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, fl := range list {
		if !fl.Reviewed() {
			out[fl.UnitCode]++
		}
	}
	return out, nil
}

// Flags on suspicious ratings. They never block a citizen or change the
// IKM: they are shown beside it until an admin marks them reviewed.
//
// A burst and a response outside opening hours are seen as a response is
// stored; the instants of recent responses are kept in memory only (a
// response stores its day, never its time), so a burst spread over two
// processes or a restart may go unseen. An officer far from the unit and
// a repeated answer pattern are computed from the stored aggregates
// (CheckFlags) by the flags job, /ikm and the exports.

// burstWindow holds the instants of the recent responses of one unit or
// one officer, and the start of the burst being flagged.
type burstWindow struct {
	times []time.Time
	start time.Time // first response of the current burst, zero when none
}

// bursts are the burst windows by group ("unit" or "unit|nip").
type bursts struct {
	mu     sync.Mutex
	groups map[string]*burstWindow
}

// add records a response of group at instant at and returns how many
// responses the current burst holds (0 when there is none) and its start.
func (b *bursts) add(group string, at time.Time, c FlagConfig) (int, time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.groups == nil {
		b.groups = map[string]*burstWindow{}
	}
	w := b.groups[group]
	if w == nil {
		w = &burstWindow{}
		b.groups[group] = w
	}
	window := time.Duration(c.BurstMinutes) * time.Minute
	if !w.start.IsZero() && len(w.times) > 0 && at.Sub(w.times[len(w.times)-1]) > window {
		w.times, w.start = nil, time.Time{} // the burst is over
	}
	w.times = append(w.times, at)
	if w.start.IsZero() {
		// Only the last window matters until a burst begins.
		i := 0
		for i < len(w.times) && at.Sub(w.times[i]) > window {
			i++
		}
		w.times = w.times[i:]
		if len(w.times) >= c.BurstCount {
			w.start = w.times[0]
		}
	}
	if w.start.IsZero() {
		return 0, time.Time{}
	}
	return len(w.times), w.start
}

// flagStore is what raising flags uses.
type flagStore interface {
	flagReader
	RaiseSurveyFlag(ctx context.Context, f *kinerja.SurveyFlag) error
}

// flagResponse raises the flags a stored response shows: a burst of its
// unit or officer, and a response outside its unit's opening hours.
func (f *Feature) flagResponse(ctx context.Context, s flagStore, resp *kinerja.SurveyResponse, at time.Time) error {
	loc := f.deps.Location
	local := at.In(loc)
	day := kinerja.Day(at, loc)
	groups := [][2]string{{resp.UnitCode, ""}}
	if resp.OfficerNIP != "" {
		groups = append(groups, [2]string{resp.UnitCode, resp.OfficerNIP})
	}
	for _, g := range groups {
		n, start := f.bursts.add(g[0]+"|"+g[1], at, f.cfg.Flags)
		if n == 0 {
			continue
		}
		start = start.In(loc)
		err := s.RaiseSurveyFlag(ctx, &kinerja.SurveyFlag{Kind: kinerja.FlagBurst, UnitCode: g[0], OfficerNIP: g[1],
			Day: kinerja.Day(start, loc), Key: start.Format("15:04:05"), Responses: n, CreatedAt: at,
			Detail: f.flagDetail("burst", n, start.Format("15:04"), local.Format("15:04"), f.cfg.Flags.BurstCount, f.cfg.Flags.BurstMinutes)})
		if err != nil {
			return err
		}
	}
	oh, ok := f.cfg.OpeningHours[resp.UnitCode]
	if !ok || oh.Open(local) {
		return nil
	}
	existing, err := s.SurveyFlags(ctx, resp.UnitCode, day, day.AddDate(0, 0, 1))
	if err != nil {
		return err
	}
	n := 1
	for _, fl := range existing {
		if fl.Kind == kinerja.FlagOffHours {
			n += fl.Responses
		}
	}
	return s.RaiseSurveyFlag(ctx, &kinerja.SurveyFlag{Kind: kinerja.FlagOffHours, UnitCode: resp.UnitCode, Day: day,
		Responses: n, CreatedAt: at,
		Detail: f.flagDetail("off_hours", n, oh.String())})
}

// flagDetail says what a flag saw, in the deployment's default language:
// it is stored with the flag and shown to the unit head and admins in chat,
// in the exports and in the SKM report.
// Its arguments are numbers, times and answer digits, so the text has
// nothing HTML would change.
func (f *Feature) flagDetail(kind string, args ...any) string {
	return bot.T(f.deps.DefaultLang, "svy.flag_detail."+kind, args...)
}

// checkStore is what CheckFlags reads and writes.
type checkStore interface {
	flagStore
	SurveyTotals(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyTotals, error)
	SurveyScoreStats(ctx context.Context, f kinerja.SurveyFilter) ([]kinerja.SurveyScoreStats, error)
	SurveyPatterns(ctx context.Context, f kinerja.SurveyFilter, min int) ([]kinerja.SurveyPatternCount, error)
}

// CheckFlags raises the flags of period p that need its aggregates: an
// officer whose ratings are far from the rest of the unit (Welch's z on
// the mean answer per response, each side at least OfficerMinSample
// respondents), and one answer pattern repeated at least PatternMin times
// and making up at least PatternShare of a unit's responses.
func (f *Feature) CheckFlags(ctx context.Context, s checkStore, p kinerja.Period) error {
	loc, c, now := f.deps.Location, f.cfg.Flags, f.deps.Now()
	from, to := p.Start(loc), p.End(loc)
	stats, err := s.SurveyScoreStats(ctx, kinerja.SurveyFilter{From: from, To: to})
	if err != nil {
		return err
	}
	byUnit := map[string]kinerja.SurveyScoreStats{}
	for _, st := range stats {
		u := byUnit[st.UnitCode]
		u.N, u.Sum, u.SumSq = u.N+st.N, u.Sum+st.Sum, u.SumSq+st.SumSq
		byUnit[st.UnitCode] = u
	}
	for _, st := range stats {
		if st.OfficerNIP == "" {
			continue
		}
		u := byUnit[st.UnitCode]
		rest := kinerja.SurveyScoreStats{N: u.N - st.N, Sum: u.Sum - st.Sum, SumSq: u.SumSq - st.SumSq}
		if st.N < c.OfficerMinSample || rest.N < c.OfficerMinSample {
			continue
		}
		z := welchZ(st, rest)
		if math.Abs(z) < c.OfficerZ {
			continue
		}
		err := s.RaiseSurveyFlag(ctx, &kinerja.SurveyFlag{Kind: kinerja.FlagOfficer, UnitCode: st.UnitCode,
			OfficerNIP: st.OfficerNIP, Day: from, Key: p.String(), Responses: st.N, CreatedAt: now,
			Detail: f.flagDetail("officer", st.Sum/float64(st.N), st.N, rest.Sum/float64(rest.N), rest.N, z, c.OfficerZ)})
		if err != nil {
			return err
		}
	}
	pats, err := s.SurveyPatterns(ctx, kinerja.SurveyFilter{From: from, To: to}, c.PatternMin)
	if err != nil || len(pats) == 0 {
		return err
	}
	tots, err := s.SurveyTotals(ctx, kinerja.SurveyFilter{From: from, To: to})
	if err != nil {
		return err
	}
	respondents := map[string]int{}
	for _, t := range tots {
		respondents[t.UnitCode] = t.Respondents
	}
	for _, pc := range pats {
		total := respondents[pc.UnitCode]
		if total == 0 || float64(pc.N)/float64(total) < c.PatternShare {
			continue
		}
		err := s.RaiseSurveyFlag(ctx, &kinerja.SurveyFlag{Kind: kinerja.FlagPattern, UnitCode: pc.UnitCode, Day: from,
			Key: p.String() + ":" + pc.Pattern, Responses: pc.N, CreatedAt: now,
			Detail: f.flagDetail("pattern", pc.Pattern, pc.N, total)})
		if err != nil {
			return err
		}
	}
	return nil
}

// welchZ is the z statistic of the difference of two groups' means, each
// with its own variance; ±Inf when both groups are without spread but
// their means differ.
func welchZ(a, b kinerja.SurveyScoreStats) float64 {
	mean := func(s kinerja.SurveyScoreStats) float64 { return s.Sum / float64(s.N) }
	variance := func(s kinerja.SurveyScoreStats) float64 {
		v := (s.SumSq - s.Sum*s.Sum/float64(s.N)) / float64(s.N-1)
		return max(v, 0)
	}
	d := mean(a) - mean(b)
	se := math.Sqrt(variance(a)/float64(a.N) + variance(b)/float64(b.N))
	if se == 0 {
		if math.Abs(d) < 1e-12 {
			return 0
		}
		return math.Inf(int(math.Copysign(1, d)))
	}
	return d / se
}

// ReviewFlag marks a flag reviewed by an admin, with its audit entry.
func (f *Feature) ReviewFlag(ctx context.Context, s interface {
	ReviewSurveyFlag(ctx context.Context, id int64, by string, at time.Time) error
	AppendAudit(ctx context.Context, e *kinerja.AuditEntry) error
}, id int64, by string, at time.Time) error {
	if err := s.ReviewSurveyFlag(ctx, id, by, at); err != nil {
		return err
	}
	return s.AppendAudit(ctx, &kinerja.AuditEntry{At: at, ActorNIP: by, Action: "survey.flag_review",
		Entity: "survey_flag", EntityID: strconv.FormatInt(id, 10), After: `{"reviewed":true}`})
}

// FlagsHeader is the header of the flags export.
var FlagsHeader = []string{"unit_code", "officer_nip", "day", "kind", "responses", "detail", "reviewed_by", "reviewed_at"}

// FlagsTable returns the flags of period p (of unit, "" for all) after
// checking the period again.
func (f *Feature) FlagsTable(ctx context.Context, p kinerja.Period, unit string) ([][]string, error) {
	loc := f.deps.Location
	var list []*kinerja.SurveyFlag
	err := f.deps.Store.InTx(ctx, func(tx kinerja.Tx) error {
		if err := f.CheckFlags(ctx, tx, p); err != nil {
			return err
		}
		var err error
		list, err = tx.SurveyFlags(ctx, unit, p.Start(loc), p.End(loc))
		return err
	})
	if err != nil {
		return nil, err
	}
	rows := [][]string{FlagsHeader}
	for _, fl := range list {
		reviewed := ""
		if fl.Reviewed() {
			reviewed = fl.ReviewedAt.In(loc).Format("2006-01-02 15:04")
		}
		rows = append(rows, []string{fl.UnitCode, fl.OfficerNIP, fl.Day.In(loc).Format(time.DateOnly), fl.Kind,
			strconv.Itoa(fl.Responses), fl.Detail, fl.ReviewedBy, reviewed})
	}
	return rows, nil
}
