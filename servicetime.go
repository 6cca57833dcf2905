package kinerja

import (
	"context"
	"time"
)

// ServiceSpeed is a unit's measured speed of service over a period: the
// anonymous durations between a citizen scanning the unit's "Mulai layanan"
// code and opening its survey the same day (issue "Transparency", part 2),
// summarised against the unit's published service standard. It feeds the
// unit's speed-of-service indicator (issue "Targets", part 4).
type ServiceSpeed struct {
	UnitCode    string
	ServiceCode string // "" for the whole unit
	// Count is the number of durations kept (those below one minute or
	// above the configured maximum are not a service and are not kept).
	Count           int
	MedianMinutes   float64
	P90Minutes      float64
	StandardMinutes float64 // the published standard; 0 when none is published
	// WithinStandard is the share (0..1) of services done within the
	// standard; 0 when no standard is published.
	WithinStandard float64
}

// ServiceStartPayloadPrefix starts the deep-link payload of a "Mulai
// layanan" code: "m_" and the random part of the unit's survey link, so
// the start code is revoked with its survey link and cannot be told from
// a survey payload by anything but its prefix.
const ServiceStartPayloadPrefix = "m_"

// ServiceStart is the pending mark of one citizen's scan of a "Mulai
// layanan" code. It is keyed like the survey's duplicate keys (a keyed
// hash of account, unit and day under the day's random key), never by the
// account itself, and it does not outlive its day: the survey's clean-up
// job deletes the marks of past days. Once used, its instant is erased and
// the mark only stops a second duration of the same account that day.
type ServiceStart struct {
	Key         string
	UnitCode    string
	ServiceCode string    // the start code's service; "" when none
	Day         time.Time // local midnight of the day scanned
	StartedAt   time.Time // zero once used
	Used        bool
}

// ServiceDuration is one measured service: the minutes between a
// citizen's start scan and their opening the unit's survey the same day.
// It keeps no account, key, instant or day: only the unit, the service
// and the local month ("2006-01").
type ServiceDuration struct {
	UnitCode    string
	ServiceCode string
	Month       string
	Minutes     float64
}

// ServiceDurationFilter selects durations of a unit ("" for all) in the
// months [FromMonth, ToMonth) ("2006-01"; "" does not bound).
type ServiceDurationFilter struct {
	UnitCode           string
	FromMonth, ToMonth string
}

// ServiceTimeStore keeps the pending start marks and the durations.
type ServiceTimeStore interface {
	// MarkServiceStart stores a pending mark unless one with its key is
	// stored (pending or used), and reports whether it stored it.
	MarkServiceStart(ctx context.Context, s *ServiceStart) (bool, error)
	// TakeServiceStart returns the pending mark with that key and marks it
	// used (its instant erased); ENotFound when there is none or it was
	// used.
	TakeServiceStart(ctx context.Context, key string) (*ServiceStart, error)
	// ForgetServiceStarts deletes the marks of days before the local
	// midnight before and returns how many it deleted.
	ForgetServiceStarts(ctx context.Context, before time.Time) (int64, error)
	// AddServiceDuration stores a measured duration.
	AddServiceDuration(ctx context.Context, d *ServiceDuration) error
	// ServiceDurations returns the durations matching f, by unit, service
	// and minutes.
	ServiceDurations(ctx context.Context, f ServiceDurationFilter) ([]ServiceDuration, error)
}
