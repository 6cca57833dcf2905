package kinerja

import (
	"context"
	"encoding/json"
	"time"
)

// ObjectionStatus is where an objection (keberatan) stands.
type ObjectionStatus string

// Objection statuses. Upheld and changed are final (PP 30/2019: the
// decision of the assessor's superior is final).
const (
	ObjectionOpen       ObjectionStatus = "open"       // waiting for the reviewer
	ObjectionExplaining ObjectionStatus = "explaining" // the reviewer asked someone for an explanation
	ObjectionUpheld     ObjectionStatus = "upheld"     // the result stands
	ObjectionChanged    ObjectionStatus = "changed"    // the result was changed
)

// Decided reports whether the objection has its final decision.
func (s ObjectionStatus) Decided() bool { return s == ObjectionUpheld || s == ObjectionChanged }

// Objection is a person's written objection to their period evaluation. It
// goes to the assessor's own superior (the reviewer), who may ask either
// side for an explanation and then upholds or changes the result, with a
// reason.
type Objection struct {
	ID          int64
	NIP         string // the person who objects: always the evaluated person
	Period      string
	AssessorNIP string
	ReviewerNIP string // the assessor's superior when the objection was made
	Reason      string
	Status      ObjectionStatus
	CreatedAt   time.Time

	// The decision; zero while undecided.
	DecidedAt      time.Time
	DecisionReason string
	OldPredikat    Predikat // the predikat objected to
	NewHasil       Rating   // set when changed
	NewPerilaku    Rating
	NewPredikat    Predikat // the predikat after the decision (same as old when upheld)

	Version  int
	Messages []ObjectionMessage // oldest first
}

// Parties in an objection's exchange of explanations.
const (
	PartyStaff    = "staff"
	PartyAssessor = "assessor"
	PartyReviewer = "reviewer"
)

// ObjectionMessage is one question of the reviewer or one answer relayed as
// text between the reviewer and a party.
type ObjectionMessage struct {
	ID          int64
	ObjectionID int64
	At          time.Time
	From        string // PartyReviewer, PartyStaff or PartyAssessor
	To          string
	Text        string
}

// Awaiting returns the parties asked a question they have not yet answered.
func (o *Objection) Awaiting() []string {
	pending := map[string]bool{}
	for _, m := range o.Messages {
		switch {
		case m.From == PartyReviewer:
			pending[m.To] = true
		case m.To == PartyReviewer:
			pending[m.From] = false
		}
	}
	var out []string
	for _, p := range []string{PartyStaff, PartyAssessor} {
		if pending[p] {
			out = append(out, p)
		}
	}
	return out
}

// AuditJSON returns the objection (without its messages) as canonical JSON
// for the audit log.
func (o *Objection) AuditJSON() string {
	snap := struct {
		ID             int64  `json:"id"`
		NIP            string `json:"nip"`
		Period         string `json:"period"`
		Assessor       string `json:"assessor_nip"`
		Reviewer       string `json:"reviewer_nip"`
		Reason         string `json:"reason"`
		Status         string `json:"status"`
		DecidedAt      int64  `json:"decided_at"`
		DecisionReason string `json:"decision_reason"`
		OldPredikat    string `json:"old_predikat"`
		NewHasil       int    `json:"new_hasil"`
		NewPerilaku    int    `json:"new_perilaku"`
		NewPredikat    string `json:"new_predikat"`
		Version        int    `json:"version"`
	}{
		o.ID, o.NIP, o.Period, o.AssessorNIP, o.ReviewerNIP, o.Reason, string(o.Status),
		evalMillis(o.DecidedAt), o.DecisionReason, string(o.OldPredikat), int(o.NewHasil),
		int(o.NewPerilaku), string(o.NewPredikat), o.Version,
	}
	b, _ := json.Marshal(snap) // cannot fail: plain fields only
	return string(b)
}

// ObjectionFilter narrows ListObjections. Empty fields do not filter.
type ObjectionFilter struct {
	Period      string
	NIP         string
	ReviewerNIP string
	OpenOnly    bool // only objections without a final decision
}

// ObjectionStore keeps objections and their exchanges.
type ObjectionStore interface {
	// CreateObjection inserts o and sets o.ID and o.Version. A person has at
	// most one objection per period: a second is EConflict.
	CreateObjection(ctx context.Context, o *Objection) error
	// Objection returns the objection with its messages, or ENotFound.
	Objection(ctx context.Context, id int64) (*Objection, error)
	// ObjectionFor returns a person's objection for a period, or ENotFound.
	ObjectionFor(ctx context.Context, nip, period string) (*Objection, error)
	// UpdateObjection writes o's fields (not its messages) if the stored
	// version is still o.Version and increments it; otherwise EConflict.
	UpdateObjection(ctx context.Context, o *Objection) error
	// AddObjectionMessage appends a question or answer and sets m.ID.
	AddObjectionMessage(ctx context.Context, m *ObjectionMessage) error
	// ListObjections returns the matching objections with their messages,
	// oldest first.
	ListObjections(ctx context.Context, f ObjectionFilter) ([]*Objection, error)
}
