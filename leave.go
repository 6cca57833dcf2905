package kinerja

import (
	"context"
	"time"
)

// DayLayout is how a calendar day is written in the database and in
// configuration files: "2006-01-02". Such strings sort like the days.
const DayLayout = "2006-01-02"

// DayString returns the calendar day of t in loc as "YYYY-MM-DD".
func DayString(t time.Time, loc *time.Location) string { return t.In(loc).Format(DayLayout) }

// Leave is a span of calendar days on which a staff member is away (cuti,
// dinas luar, sick) and gets no reminders. From and To are "YYYY-MM-DD",
// both included.
type Leave struct {
	ID        int64
	NIP       string
	From, To  string
	Note      string    // optional, e.g. "cuti tahunan"
	SetBy     string    // NIP of whoever recorded it: the person or an admin
	CreatedAt time.Time // when it was recorded
}

// Covers reports whether the leave includes day ("YYYY-MM-DD").
func (l *Leave) Covers(day string) bool { return l.From <= day && day <= l.To }

// LeaveStore keeps leave spans.
type LeaveStore interface {
	// AddLeave stores l and sets its ID.
	AddLeave(ctx context.Context, l *Leave) error
	// DeleteLeave removes a leave span; an unknown id is ENotFound.
	DeleteLeave(ctx context.Context, id int64) error
	// Leaves returns the spans of nip ("" for everyone) that end on or
	// after the day fromDay, ordered by start.
	Leaves(ctx context.Context, nip, fromDay string) ([]*Leave, error)
}
