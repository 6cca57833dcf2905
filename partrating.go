package kinerja

import (
	"context"
	"time"
)

// PartRating is an earlier assessor's rating of the work results of their
// part of a period evaluated in parts (evaluation.transfer_split): the
// person moved to another assessor within the period, and the assessor
// they left rates the days they spent under them. The assessor at the
// period's end still decides the whole period; the ratings of the parts
// are what their proposal is combined from.
type PartRating struct {
	NIP         string // the person rated
	Period      string // canonical period, e.g. "2026-10"
	AssessorNIP string // the assessor of the part
	From        string // the part's first day, "YYYY-MM-DD"
	To          string // the day after its last, "YYYY-MM-DD"
	WorkingDays int
	Proposed    Rating // the part's proposal from its data when it was rated
	Hasil       Rating // the rating given
	Reason      string // required when Hasil differs from Proposed
	RatedBy     string // who rated: the assessor, or someone acting for them
	// OnBehalfOf is the part's assessor when RatedBy acted in their place
	// (Plt/Plh), "" when the assessor rated themselves.
	OnBehalfOf string
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// PartRatingFilter narrows ListPartRatings. Empty fields do not filter.
type PartRatingFilter struct {
	NIP         string
	Period      string
	AssessorNIP string
}

// PartRatingStore keeps the earlier assessors' ratings of their parts.
type PartRatingStore interface {
	// PutPartRating inserts the rating of (NIP, Period, AssessorNIP, From)
	// or replaces it, keeping its CreatedAt.
	PutPartRating(ctx context.Context, r *PartRating) error
	// ListPartRatings returns the matching ratings ordered by period,
	// person and first day.
	ListPartRatings(ctx context.Context, f PartRatingFilter) ([]*PartRating, error)
}
