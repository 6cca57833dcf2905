package kinerja

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// EvalStatus is where a period evaluation stands.
type EvalStatus string

// Evaluation statuses. Locking is not stored: an evaluation is locked once
// its objection window has closed (Evaluation.LockedAt), so no job has to
// run for a lock to take effect.
const (
	// EvalDraft is being filled in by the assessor; the person does not see it.
	EvalDraft EvalStatus = "draft"
	// EvalFinal is confirmed and notified; it may be objected to until the
	// window closes.
	EvalFinal EvalStatus = "final"
)

// HasilBasis says what the proposed rating of work results was computed from.
type HasilBasis string

// Bases of the proposed work-result rating.
const (
	// BasisOwn is the person's own indicators (the usual case).
	BasisOwn HasilBasis = "own"
	// BasisUnit is the unit's achievement, for a unit head (SE MenPANRB 3/2023).
	BasisUnit HasilBasis = "unit"
	// BasisUnitFallback is a unit head whose unit has no achievement data:
	// their own indicators were used instead, and the bot says so.
	BasisUnitFallback HasilBasis = "unit_fallback"
	// BasisPeriods is an annual (Akhir) evaluation built on the decided
	// periodic evaluations of the year: their work-result ratings, with
	// their reasons carried forward.
	BasisPeriods HasilBasis = "periods"
	// BasisUnitPredicate is a unit head whose unit has its own predicate
	// for the period (/predikatunit): it gives the head's proposed work
	// result (SE MenPANRB 3/2023); the unit's numbers are shown beside it.
	BasisUnitPredicate HasilBasis = "unit_predicate"
	// BasisNone means no indicator had data: there is no proposal, and any
	// rating the assessor chooses needs a reason.
	BasisNone HasilBasis = "none"
)

// IndicatorResult is one indicator of a person in an evaluated period: what
// was to be achieved, what the approved reports show, and the achievement.
// It is a snapshot taken when the evaluation is computed, so the result can
// always be explained by the numbers it was decided on.
type IndicatorResult struct {
	Code      string
	Name      string
	Unit      string // unit of measure, e.g. "pasien"
	Direction Direction
	Weight    float64
	Target    float64
	Realisasi float64
	Capaian   float64 // percent
	// Source names where the realisation came from: "reports" (approved
	// work reports) or "ikm" (the unit's citizen satisfaction index).
	Source string

	// TargetPeriod is the period the target was set for ("2026",
	// "2026-Q1", "2026-03"); Aggregation how reports made the realisation.
	TargetPeriod string
	Aggregation  Aggregation
	// TargetMin and TargetMax are the band of an InRange indicator.
	TargetMin, TargetMax float64
	// TargetBasis says how Target was derived from the target set, in a
	// form the bot renders in the reader's language (see scoring.TargetBasis).
	TargetBasis string
	// CapaianRaw is the achievement before the cap; Cap is the cap applied
	// before weighting (percent, 0 when none). Capaian is the capped value.
	CapaianRaw float64
	Cap        float64
}

// EvalPart is the part [From, To) of a period a person spent under one
// assessor: its working days and the capaian of its approved reports
// against the targets pro-rated to it.
type EvalPart struct {
	From, To        time.Time
	AssessorNIP     string
	AssessorName    string
	WorkingDays     int
	ApprovedReports int
	CapaianPct      float64
	HasResult       bool // false when no indicator had a result in the part

	// Proposed is the part's own proposal from its capaian (RatingNone
	// without a result).
	Proposed Rating
	// Final marks the part of the assessor at the period's end, who
	// decides the whole period: nobody rates it separately.
	Final bool
	// Rated is the earlier assessor's rating of an earlier part
	// (PartRating), RatingNone until they give it; RatedReason explains a
	// departure from Proposed, RatedBy is who gave it (the assessor, or
	// someone acting for them).
	Rated       Rating
	RatedReason string
	RatedBy     string
}

// Rateable reports whether an earlier assessor rates the part: it has a
// result, an assessor, and is not the final assessor's own.
func (p EvalPart) Rateable() bool { return p.HasResult && !p.Final && p.AssessorNIP != "" }

// Evaluation is the appraisal of one person for one period: the numbers,
// the bot's proposals, the assessor's decisions with their reasons, and the
// resulting predikat (PermenPANRB 6/2022). A decision that differs from the
// proposal always carries a reason; both are kept.
type Evaluation struct {
	NIP         string
	Period      string // canonical period, e.g. "2026-10"
	AssessorNIP string // the assessor of that period
	UnitCode    string // the person's unit when evaluated (for the distribution check)

	ApprovedReports int
	Indicators      []IndicatorResult
	HasilBasis      HasilBasis
	CapaianPct      float64 // weighted capaian; meaningless when HasilBasis is BasisNone
	// Parts are the assessors' parts of the period when the person moved
	// and the split is configured (evaluation.transfer_split); CapaianPct
	// is then their working-day-weighted mean. Nil otherwise.
	Parts []EvalPart

	ProposedHasil Rating // RatingNone when there is no data
	DecidedHasil  Rating // RatingNone until the assessor decides
	HasilReason   string // required when DecidedHasil differs from ProposedHasil

	// Behaviour holds the seven BerAKHLAK ratings; a missing value is unrated.
	Behaviour        map[CoreValue]Rating
	ProposedPerilaku Rating
	DecidedPerilaku  Rating
	PerilakuReason   string

	Predikat Predikat // from the matrix; the effective one after any revision
	Status   EvalStatus

	// A revision changes a confirmed result: an objection decided by the
	// assessor's superior, or an admin's correction after the lock. The
	// assessor's own decision above is kept as it was.
	RevisedHasil    Rating
	RevisedPerilaku Rating
	RevisedBy       string
	RevisionReason  string
	RevisedAt       time.Time

	CreatedAt  time.Time
	UpdatedAt  time.Time
	DecidedAt  time.Time // when the assessor confirmed; zero for a draft
	NotifiedAt time.Time // when the person was told; the objection window starts here
	// Version grows with every write; PutEvaluation refuses a stale one.
	Version int
}

// Hasil returns the effective rating of work results: the revised one if the
// result was revised, else the assessor's decision.
func (e *Evaluation) Hasil() Rating {
	if e.RevisedHasil.Valid() {
		return e.RevisedHasil
	}
	return e.DecidedHasil
}

// Perilaku returns the effective rating of work behaviour.
func (e *Evaluation) Perilaku() Rating {
	if e.RevisedPerilaku.Valid() {
		return e.RevisedPerilaku
	}
	return e.DecidedPerilaku
}

// Unrated returns the BerAKHLAK values not yet rated, in official order.
func (e *Evaluation) Unrated() []CoreValue {
	var out []CoreValue
	for _, v := range CoreValues {
		if !e.Behaviour[v].Valid() {
			out = append(out, v)
		}
	}
	return out
}

// ObjectionDeadline returns the first instant after the objection window: the
// window runs for days whole calendar days after the day of notification, in
// loc. Zero while the person has not been notified.
func (e *Evaluation) ObjectionDeadline(days int, loc *time.Location) time.Time {
	if e.NotifiedAt.IsZero() {
		return time.Time{}
	}
	return Day(e.NotifiedAt, loc).AddDate(0, 0, days+1)
}

// Locked reports whether the evaluation is locked at instant now: confirmed,
// and its objection window closed. After that only an admin may change it.
func (e *Evaluation) Locked(now time.Time, days int, loc *time.Location) bool {
	d := e.ObjectionDeadline(days, loc)
	return e.Status == EvalFinal && !d.IsZero() && !now.Before(d)
}

// EncodeBehaviour writes the seven ratings as seven digits in official order,
// 0 for an unrated value (the storage form).
func EncodeBehaviour(b map[CoreValue]Rating) string {
	var sb strings.Builder
	for _, v := range CoreValues {
		r := b[v]
		if !r.Valid() {
			r = RatingNone
		}
		sb.WriteByte(byte('0' + r))
	}
	return sb.String()
}

// DecodeBehaviour reads EncodeBehaviour's form; unknown digits are unrated.
func DecodeBehaviour(s string) map[CoreValue]Rating {
	out := map[CoreValue]Rating{}
	for i, v := range CoreValues {
		if i < len(s) {
			if r := Rating(s[i] - '0'); r.Valid() {
				out[v] = r
			}
		}
	}
	return out
}

// AuditJSON returns the evaluation as canonical JSON for the audit log:
// fixed key order, instants as Unix milliseconds.
func (e *Evaluation) AuditJSON() string {
	snap := struct {
		NIP              string  `json:"nip"`
		Period           string  `json:"period"`
		Assessor         string  `json:"assessor_nip"`
		Unit             string  `json:"unit_code"`
		Reports          int     `json:"approved_reports"`
		Basis            string  `json:"hasil_basis"`
		Capaian          float64 `json:"capaian_pct"`
		ProposedHasil    int     `json:"proposed_hasil"`
		DecidedHasil     int     `json:"decided_hasil"`
		HasilReason      string  `json:"hasil_reason"`
		Behaviour        string  `json:"behaviour"`
		ProposedPerilaku int     `json:"proposed_perilaku"`
		DecidedPerilaku  int     `json:"decided_perilaku"`
		PerilakuReason   string  `json:"perilaku_reason"`
		Predikat         string  `json:"predikat"`
		Status           string  `json:"status"`
		RevisedHasil     int     `json:"revised_hasil"`
		RevisedPerilaku  int     `json:"revised_perilaku"`
		RevisedBy        string  `json:"revised_by"`
		RevisionReason   string  `json:"revision_reason"`
		DecidedAt        int64   `json:"decided_at"`
		NotifiedAt       int64   `json:"notified_at"`
		Version          int     `json:"version"`
	}{
		e.NIP, e.Period, e.AssessorNIP, e.UnitCode, e.ApprovedReports, string(e.HasilBasis), e.CapaianPct,
		int(e.ProposedHasil), int(e.DecidedHasil), e.HasilReason, EncodeBehaviour(e.Behaviour),
		int(e.ProposedPerilaku), int(e.DecidedPerilaku), e.PerilakuReason, string(e.Predikat), string(e.Status),
		int(e.RevisedHasil), int(e.RevisedPerilaku), e.RevisedBy, e.RevisionReason,
		evalMillis(e.DecidedAt), evalMillis(e.NotifiedAt), e.Version,
	}
	b, _ := json.Marshal(snap) // cannot fail: plain fields only
	return string(b)
}

// evalMillis is t in Unix milliseconds, 0 for the zero time.
func evalMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// EvaluationFilter narrows ListEvaluations. Empty fields do not filter.
type EvaluationFilter struct {
	Period      string
	NIP         string
	AssessorNIP string
	UnitCode    string
	Status      EvalStatus
}

// UnitPredicate is an organisation's own predicate for a period, set by an
// admin on behalf of its superior (SE MenPANRB 3/2023). It caps how its
// staff's predicates may be spread; the bot only warns, never changes one.
type UnitPredicate struct {
	UnitCode string
	Period   string
	Predikat OrgPredikat
	SetBy    string // NIP of the admin, or "" from the command line
	SetAt    time.Time
}

// AuditJSON returns the unit predicate as canonical JSON for the audit log.
func (u *UnitPredicate) AuditJSON() string {
	b, _ := json.Marshal(struct {
		Unit     string `json:"unit_code"`
		Period   string `json:"period"`
		Predikat string `json:"predikat"`
		SetBy    string `json:"set_by"`
		SetAt    int64  `json:"set_at"`
	}{u.UnitCode, u.Period, string(u.Predikat), u.SetBy, evalMillis(u.SetAt)}) // cannot fail: plain fields
	return string(b)
}

// ParseOrgPredikat reads an organisation predicate as an admin types it:
// case, spaces, hyphens and underscores do not matter ("butuh-perbaikan").
func ParseOrgPredikat(s string) (OrgPredikat, error) {
	norm := func(x string) string {
		return strings.NewReplacer(" ", "", "-", "", "_", "").Replace(strings.ToLower(x))
	}
	for _, op := range OrgPredikats {
		if norm(string(op)) == norm(s) {
			return op, nil
		}
	}
	return "", Errorf(EInvalid, "err.org_predikat", s)
}

// EvaluationStore keeps period evaluations and unit predicates.
type EvaluationStore interface {
	// Evaluation returns one person's evaluation of a period with its
	// indicators, or ENotFound.
	Evaluation(ctx context.Context, nip, period string) (*Evaluation, error)
	// PutEvaluation inserts e (Version 0) or updates it if the stored version
	// is still e.Version, replacing its indicators; it then increments
	// e.Version. A stale version or a second insert is EConflict.
	PutEvaluation(ctx context.Context, e *Evaluation) error
	// ListEvaluations returns the matching evaluations with their
	// indicators, ordered by period, unit and NIP.
	ListEvaluations(ctx context.Context, f EvaluationFilter) ([]*Evaluation, error)
	// PutUnitPredicate sets (or replaces) a unit's predicate for a period.
	PutUnitPredicate(ctx context.Context, up *UnitPredicate) error
	// UnitPredicate returns a unit's predicate for a period, or ENotFound.
	UnitPredicate(ctx context.Context, unitCode, period string) (*UnitPredicate, error)
}
