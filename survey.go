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
	CreatedAt  time.Time
	RevokedAt  time.Time // zero while the link works
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
	From, To   time.Time
	// ByOfficer groups the totals by officer as well as by unit.
	ByOfficer bool
}

// SurveyTotals are the per-unsur counts and sums of a group of responses:
// all the IKM needs (scoring.IKMFromTotals), aggregated by the database so
// the index scales with any number of responses. Answered and Sums are by
// unsur code; every code asked in the group is present, with 0 answers when
// all skipped it.
type SurveyTotals struct {
	UnitCode    string
	OfficerNIP  string // set when grouped by officer
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
}
