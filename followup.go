package kinerja

import (
	"context"
	"time"
)

// FollowUp is the follow-up plan (rencana tindak lanjut) opened when a
// confirmed period result is Kurang or Sangat Kurang: the unit head writes
// a coaching plan, names who is responsible and sets a review date.
type FollowUp struct {
	ID          int64
	NIP         string // the person whose result was poor
	Period      string
	Predikat    Predikat
	UnitCode    string
	HeadNIP     string // who fills it in: the unit head ("" when the unit has none)
	Plan        string // the coaching plan; "" until filled in
	Responsible string // who carries it out; "" until filled in
	ReviewDay   string // "YYYY-MM-DD"; "" until filled in
	Closed      bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Filled reports whether the head has written the plan.
func (f *FollowUp) Filled() bool { return f.Plan != "" && f.Responsible != "" && f.ReviewDay != "" }

// FollowUpFilter narrows ListFollowUps. Empty fields do not filter.
type FollowUpFilter struct {
	HeadNIP  string
	OpenOnly bool
}

// FollowUpStore keeps follow-up records.
type FollowUpStore interface {
	// OpenFollowUp inserts f unless the person already has one for the
	// period, and reports whether it did.
	OpenFollowUp(ctx context.Context, f *FollowUp) (bool, error)
	// FollowUp returns one record, or ENotFound.
	FollowUp(ctx context.Context, id int64) (*FollowUp, error)
	// UpdateFollowUp writes the plan, responsible person, review day and
	// closed flag.
	UpdateFollowUp(ctx context.Context, f *FollowUp) error
	// ListFollowUps returns the records matching f, oldest first.
	ListFollowUps(ctx context.Context, f FollowUpFilter) ([]*FollowUp, error)
}
