package kinerja

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
