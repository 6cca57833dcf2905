package kinerja

import (
	"context"
	"time"
)

// ActingKind says why someone acts in another's post: Plt (pelaksana
// tugas, the post is vacant or its holder away for long) or Plh
// (pelaksana harian, a short absence).
type ActingKind string

// Acting kinds.
const (
	ActingPlt ActingKind = "plt"
	ActingPlh ActingKind = "plh"
)

// Valid reports whether k is a known kind.
func (k ActingKind) Valid() bool { return k == ActingPlt || k == ActingPlh }

// Acting is an assignment of one person (ByNIP) to act as assessor in the
// post of another (ForNIP) over whole local days, From to To inclusive
// ("YYYY-MM-DD"). While it holds, whatever would go to ForNIP as assessor
// or reviewer goes to ByNIP, and each decision records both.
type Acting struct {
	ID        int64
	ForNIP    string // the absent assessor
	ByNIP     string // the acting one
	Kind      ActingKind
	From, To  string // local days, inclusive
	CreatedAt time.Time
	CreatedBy string    // who recorded it (an admin's NIP, or "cli")
	EndedAt   time.Time // zero unless ended early; an ended assignment no longer holds
}

// Holds reports whether the assignment is in force on local day.
func (a *Acting) Holds(day string) bool {
	return a.EndedAt.IsZero() && a.From <= day && day <= a.To
}

// Check refuses an assignment that cannot be recorded, whoever records it
// (the command line or an admin in chat): an unknown kind, a person acting
// for themselves, or days that are not "YYYY-MM-DD" with To before From.
// Whether both are on the roster, and whether it overlaps another for the
// same post, the store checks (ActingStore.CreateActing).
func (a *Acting) Check() error {
	if !a.Kind.Valid() {
		return Errorf(EInvalid, "err.acting_kind", string(a.Kind))
	}
	if a.ForNIP == a.ByNIP {
		return Errorf(EInvalid, "err.acting_self")
	}
	f, err1 := time.Parse(time.DateOnly, a.From)
	t, err2 := time.Parse(time.DateOnly, a.To)
	if err1 != nil || err2 != nil || t.Before(f) {
		return Errorf(EInvalid, "err.acting_dates")
	}
	return nil
}

// Overlaps reports whether a and b cover a common day.
func (a *Acting) Overlaps(b *Acting) bool { return a.From <= b.To && b.From <= a.To }

// ActingFilter narrows ListActing. Empty fields do not filter.
type ActingFilter struct {
	ForNIP, ByNIP string
	Day           string // only assignments holding on this local day
	WithEnded     bool   // include assignments ended early
}

// ActingStore keeps acting assignments.
type ActingStore interface {
	// CreateActing records a; an assignment for the same post overlapping
	// one in force is an EConflict, a NIP not on the roster an ENotFound.
	CreateActing(ctx context.Context, a *Acting) error
	// ListActing returns the assignments matching f, by start day.
	ListActing(ctx context.Context, f ActingFilter) ([]*Acting, error)
	// EndActing ends an assignment at instant at and returns it.
	EndActing(ctx context.Context, id int64, at time.Time) (*Acting, error)
}

// DayOf returns the local day ("YYYY-MM-DD") of t in loc.
func DayOf(t time.Time, loc *time.Location) string { return t.In(loc).Format("2006-01-02") }

// ActingFor returns who acts for nip on the local day of t, or nil.
func ActingFor(ctx context.Context, s interface {
	ListActing(ctx context.Context, f ActingFilter) ([]*Acting, error)
}, nip string, t time.Time, loc *time.Location) (*Acting, error) {
	if nip == "" {
		return nil, nil
	}
	as, err := s.ListActing(ctx, ActingFilter{ForNIP: nip, Day: DayOf(t, loc)})
	if err != nil || len(as) == 0 {
		return nil, err
	}
	return as[0], nil
}

// Acts reports whether by may act for nip at t: they are the same person,
// or an assignment makes by act for nip on that day.
func Acts(ctx context.Context, s interface {
	ListActing(ctx context.Context, f ActingFilter) ([]*Acting, error)
}, by, nip string, t time.Time, loc *time.Location) (bool, error) {
	if by == "" || nip == "" {
		return false, nil
	}
	if by == nip {
		return true, nil
	}
	a, err := ActingFor(ctx, s, nip, t, loc)
	return a != nil && a.ByNIP == by, err
}
