package kinerja

import (
	"context"
	"time"
)

// SurveyPayloadPrefix starts every survey deep-link payload, so that /start
// can tell a survey link from an invitation.
const SurveyPayloadPrefix = "s_"

// SurveyLink is what a QR code at a service counter opens: a deep link whose
// opaque payload names a unit and, optionally, the officer who served. The
// payload is random (not derived from the unit) so links cannot be guessed,
// and it is resolved on the server so it can be revoked.
type SurveyLink struct {
	Payload    string // "s_" + at least 96 random bits, base64url
	UnitCode   string
	OfficerNIP string // "" when the link names no officer
	// ServiceCode is the unit's service (jenis layanan) the counter offers;
	// "" when the link names none.
	ServiceCode string
	CreatedAt   time.Time
	RevokedAt   time.Time // zero while the link works
}

// Revoked reports whether the link was revoked.
func (l *SurveyLink) Revoked() bool { return !l.RevokedAt.IsZero() }

// SurveyProfile is the optional respondent profile SKM reports usually
// collect. Each field holds an option code ("" when not asked or skipped).
type SurveyProfile struct {
	Gender     string
	AgeBand    string
	Education  string
	Occupation string
}

// SurveyResponse is one citizen's completed survey. It is anonymous: it
// keeps no Telegram id, username or name, and only the local day, not the
// instant, so it cannot be matched to a chat by time. DupKey is a keyed hash
// of account, unit and day, used only to count one response per account per
// unit per day; "" when duplicates are allowed. Its key is a random key of
// the day kept outside the database, and it is erased once the day is over
// (ForgetSurveyDupKeys), so a copy of the database cannot tell who answered.
type SurveyResponse struct {
	UnitCode   string
	OfficerNIP string // "" when the link named no officer
	// ServiceCode is the unit's service the link named; "" when none.
	ServiceCode string
	// Answers are by unsur code ("U1"…): 1–4, 0 when unanswered. Keyed by
	// code rather than position so a questionnaire with other or more unsur
	// needs no schema change; a response keeps the codes it was asked.
	Answers    map[string]int
	Suggestion string        // optional free text (saran), as typed
	Profile    SurveyProfile // empty unless profile questions are on
	Day        time.Time     // local midnight of the day answered
	DupKey     string
}

// SurveyFilter selects responses for SurveyTotals. Empty fields do not
// filter; From and To bound the response day, [From, To).
type SurveyFilter struct {
	UnitCode   string
	OfficerNIP string
	// ServiceCode selects one service of the unit; "" does not filter.
	ServiceCode string
	From, To    time.Time
	// ByOfficer groups the totals by officer as well as by unit.
	ByOfficer bool
	// ByService groups the totals by service as well as by unit.
	ByService bool
	// FirstN, when positive, keeps only the first FirstN responses (in the
	// order they were stored) of those matching: an officer's running
	// result of an open period is shown over a whole number of steps of the
	// anonymity threshold, so it never moves by one response.
	FirstN int
}

// SurveyTotals are the per-unsur counts and sums of a group of responses:
// all the IKM needs (scoring.IKMFromTotals), aggregated by the database so
// the index scales with any number of responses. Answered and Sums are by
// unsur code; every code asked in the group is present, with 0 answers when
// all skipped it.
type SurveyTotals struct {
	UnitCode    string
	OfficerNIP  string // set when grouped by officer
	ServiceCode string // set when grouped by service
	Respondents int    // responses with at least one answer
	Answered    map[string]int
	Sums        map[string]int
}

// SurveyStore keeps survey links and anonymous responses.
type SurveyStore interface {
	// CreateSurveyLink stores a new link; a payload already taken is EConflict.
	CreateSurveyLink(ctx context.Context, l *SurveyLink) error
	// SurveyLink returns the link with that payload (revoked or not), or ENotFound.
	SurveyLink(ctx context.Context, payload string) (*SurveyLink, error)
	// RevokeSurveyLink marks a link revoked at instant at; an unknown
	// payload is ENotFound, revoking twice keeps the first instant.
	RevokeSurveyLink(ctx context.Context, payload string, at time.Time) error
	// ListSurveyLinks returns the links of a unit ("" for every unit),
	// oldest first.
	ListSurveyLinks(ctx context.Context, unitCode string) ([]*SurveyLink, error)
	// AddSurveyResponse stores a response. A response whose non-empty DupKey
	// is already stored is not stored again and gives EConflict, without
	// spoiling the transaction.
	AddSurveyResponse(ctx context.Context, r *SurveyResponse) error
	// SurveyCounted reports whether a response with that DupKey is stored.
	SurveyCounted(ctx context.Context, dupKey string) (bool, error)
	// ForgetSurveyDupKeys clears the DupKey of the responses of days
	// before the local midnight before and returns how many it cleared.
	ForgetSurveyDupKeys(ctx context.Context, before time.Time) (int64, error)
	// SurveyTotals returns the totals of the responses matching f, one per
	// unit (and officer, with ByOfficer), ordered by unit then officer;
	// groups without responses are absent.
	SurveyTotals(ctx context.Context, f SurveyFilter) ([]SurveyTotals, error)

	SurveyServiceStore
	SurveySuggestionStore
	ServiceTimeStore
	SurveyFlagStore
	SurveyReportStore
}

// SurveyService is one type of service (jenis layanan) a unit offers:
// PermenPANRB 14/2017 surveys satisfaction per service.
type SurveyService struct {
	UnitCode string
	Code     string // unique within the unit
	Name     string
	// StandardMinutes is the service standard's time (standar waktu), 0
	// when not set.
	StandardMinutes int
}

// SurveyServiceStore keeps the units' services.
type SurveyServiceStore interface {
	// PutSurveyService adds a service or replaces the one with its unit and
	// code; an unknown unit is ENotFound.
	PutSurveyService(ctx context.Context, s *SurveyService) error
	// SurveyServices returns the services of a unit ("" for every unit), by
	// unit then code.
	SurveyServices(ctx context.Context, unitCode string) ([]*SurveyService, error)
}

// SurveySuggestion is a citizen's suggestion (saran), kept apart from the
// answers with only its unit, service and day, and what the unit did about
// it (the follow-up, tindak lanjut).
type SurveySuggestion struct {
	ID          int64
	UnitCode    string
	ServiceCode string
	Day         time.Time // local midnight of the day it was given
	Text        string
	// Action is the follow-up; "" while none was recorded.
	Action   string
	ActionBy string // NIP of who recorded it
	ActionAt time.Time
	// PublicText is the suggestion's wording as the unit head published it
	// ("Anda berkata, kami lakukan"), moderated: never a name. PublishedAt
	// is zero while it is not published.
	PublicText  string
	PublishedBy string // NIP of who published it
	PublishedAt time.Time
}

// Published reports whether the suggestion is on the public site.
func (s *SurveySuggestion) Published() bool { return !s.PublishedAt.IsZero() }

// SuggestionFilter selects suggestions: of a unit ("" for all), given on
// days in [From, To) (zero bounds do not filter), newest first, skipping
// Offset and returning at most Limit (0: all).
type SuggestionFilter struct {
	UnitCode string
	// PublishedOnly keeps the published suggestions only.
	PublishedOnly bool
	From, To      time.Time
	Offset, Limit int
}

// SurveySuggestionStore keeps the suggestions and their follow-ups.
type SurveySuggestionStore interface {
	// SurveySuggestions returns the suggestions matching f, newest first,
	// and how many match in all (before Offset and Limit).
	SurveySuggestions(ctx context.Context, f SuggestionFilter) ([]*SurveySuggestion, int, error)
	// SurveySuggestion returns one suggestion, or ENotFound.
	SurveySuggestion(ctx context.Context, id int64) (*SurveySuggestion, error)
	// FollowUpSurveySuggestion records (or replaces) a suggestion's
	// follow-up; an unknown id is ENotFound.
	FollowUpSurveySuggestion(ctx context.Context, id int64, action, by string, at time.Time) error
	// PublishSurveySuggestion publishes a suggestion with its public
	// wording (at instant at, by NIP by); an unknown id is ENotFound.
	PublishSurveySuggestion(ctx context.Context, id int64, publicText, by string, at time.Time) error
	// UnpublishSurveySuggestion takes a suggestion off the public site;
	// an unknown id is ENotFound.
	UnpublishSurveySuggestion(ctx context.Context, id int64) error
}

// Kinds of SurveyFlag.
const (
	FlagBurst    = "burst"     // many responses within minutes
	FlagOffHours = "off_hours" // responses outside the unit's opening hours
	FlagOfficer  = "officer"   // an officer's ratings far from the unit's
	FlagPattern  = "pattern"   // one answer pattern repeated unusually often
)

// SurveyFlag is something suspicious seen in the ratings. It never blocks
// or removes a response (the regulation's formula is not changed); it is
// shown beside the IKM until an admin marks it reviewed.
type SurveyFlag struct {
	ID         int64
	Kind       string
	UnitCode   string
	OfficerNIP string // "" when the flag is about the unit
	Day        time.Time
	// Key tells flags of one kind, unit, officer and day apart (the burst's
	// first minute, the pattern); a flag with the same five is one flag.
	Key string
	// Detail says what was seen, in the operator's words (data, not a text key).
	Detail string
	// Responses is how many responses the flag is about.
	Responses  int
	CreatedAt  time.Time
	ReviewedBy string
	ReviewedAt time.Time
}

// Reviewed reports whether an admin marked the flag reviewed.
func (f *SurveyFlag) Reviewed() bool { return !f.ReviewedAt.IsZero() }

// SurveyFlagStore keeps the flags on suspicious ratings.
type SurveyFlagStore interface {
	// RaiseSurveyFlag stores a flag, or, when one with its kind, unit,
	// officer, day and key exists, updates its detail and responses (a
	// reviewed flag stays reviewed unless its responses grew). It sets ID.
	RaiseSurveyFlag(ctx context.Context, f *SurveyFlag) error
	// SurveyFlags returns the flags of a unit ("" for all) of days in
	// [from, to), oldest first.
	SurveyFlags(ctx context.Context, unitCode string, from, to time.Time) ([]*SurveyFlag, error)
	// ReviewSurveyFlag marks a flag reviewed; unknown is ENotFound.
	ReviewSurveyFlag(ctx context.Context, id int64, by string, at time.Time) error
}

// SurveyProfileCount is how many respondents gave one answer to one
// profile question ("gender", "age_band", "education", "occupation");
// Option "" counts those not asked or who skipped.
type SurveyProfileCount struct {
	Question, Option string
	N                int
}

// SurveyScoreStats are the count, sum and sum of squares of the mean
// answer of each response of a group: what a test of one officer against
// the unit needs, without loading a response.
type SurveyScoreStats struct {
	UnitCode, OfficerNIP string
	N                    int
	Sum, SumSq           float64
}

// SurveyPatternCount is how many responses of a unit gave one pattern of
// answers (the answers in unsur order, e.g. "444444444").
type SurveyPatternCount struct {
	UnitCode, Pattern string
	N                 int
}

// SurveyReportStore aggregates what the SKM report and the flags need.
type SurveyReportStore interface {
	// SurveyProfileCounts counts the respondents matching f by profile
	// question and option.
	SurveyProfileCounts(ctx context.Context, f SurveyFilter) ([]SurveyProfileCount, error)
	// SurveyScoreStats returns the per-response score statistics of the
	// responses matching f, by unit and officer.
	SurveyScoreStats(ctx context.Context, f SurveyFilter) ([]SurveyScoreStats, error)
	// SurveyPatterns counts the responses matching f by unit and answer
	// pattern, most frequent first, patterns repeated at least min times.
	SurveyPatterns(ctx context.Context, f SurveyFilter, min int) ([]SurveyPatternCount, error)
}
