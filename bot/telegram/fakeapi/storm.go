package fakeapi

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// StormOptions shape a fault storm. The zero value is a total outage: every
// call fails, the faults taking turns.
type StormOptions struct {
	// Rate is the share of each method's calls that fail during the storm,
	// in (0, 1]; 1 (every call) if zero. The choice is deterministic: the
	// first call of each method fails, then as many as keep the share (at
	// 0.5 every other one). The calls that pass are answered normally.
	Rate float64
	// RetryAfter is the retry_after, in seconds, of the 429 answers (1).
	RetryAfter int
	// Hang is how long a "timeout" call is held before the fake answers it.
	// Set it past the client's request timeout: the client gives up first,
	// and a call abandoned by its client is not carried out (the fake
	// answers nothing and changes nothing, as when a request is lost on the
	// way). 1 minute if zero.
	Hang time.Duration
	// Methods limits the storm to these methods (any case); every method
	// but getMe if empty.
	Methods []string
}

// StormStats counts the faults a storm injected.
type StormStats struct {
	TooMany      int            // 429 with retry_after
	ServerErrors int            // 500 and 502
	Hangs        int            // calls held past the client's timeout
	Passed       int            // calls during the storm answered normally
	ByMethod     map[string]int // faults per method, lower-cased
}

// Faults is the number of calls the storm failed.
func (s StormStats) Faults() int { return s.TooMany + s.ServerErrors + s.Hangs }

// storm is the state of the current or last storm, guarded by Fake.mu.
type storm struct {
	opts    StormOptions
	until   time.Time
	methods map[string]bool
	calls   map[string]int // calls per method during the storm
	stats   StormStats
}

// Storm makes the fake misbehave for d from now, as Telegram does on a bad
// day: the calls it hits (see StormOptions.Rate and Methods) are answered,
// each method's in turn, 429 "Too Many Requests" with retry_after, 500
// "Internal Server Error", a hang until the client times out, 502 "Bad
// Gateway".
// The faults are injected before the call is carried out, so a failed call
// changed nothing: a client that retries it delivers its message once. A
// new storm replaces the current one and its statistics.
//
// The storm runs on the wall clock (time.Now), not Options.Now, because its
// hangs race real HTTP timeouts.
func (f *Fake) Storm(d time.Duration, o StormOptions) {
	if o.Rate <= 0 || o.Rate > 1 {
		o.Rate = 1
	}
	if o.RetryAfter <= 0 {
		o.RetryAfter = 1
	}
	if o.Hang <= 0 {
		o.Hang = time.Minute
	}
	s := &storm{opts: o, until: time.Now().Add(d), calls: map[string]int{}, stats: StormStats{ByMethod: map[string]int{}}}
	if len(o.Methods) > 0 {
		s.methods = map[string]bool{}
		for _, m := range o.Methods {
			s.methods[strings.ToLower(m)] = true
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.storm = s
}

// StormOver reports whether no storm is raging now.
func (f *Fake) StormOver() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.storm == nil || !time.Now().Before(f.storm.until)
}

// StormStats returns what the current or last storm injected.
func (f *Fake) StormStats() StormStats {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.storm == nil {
		return StormStats{ByMethod: map[string]int{}}
	}
	st := f.storm.stats
	st.ByMethod = make(map[string]int, len(f.storm.stats.ByMethod))
	for k, v := range f.storm.stats.ByMethod {
		st.ByMethod[k] = v
	}
	return st
}

// stormFault picks the storm's answer to a call: a hang (hang > 0), an
// error, or neither when no storm hits it.
func (f *Fake) stormFault(method string) (hang time.Duration, aerr *apiError) {
	key := strings.ToLower(method)
	f.mu.Lock()
	defer f.mu.Unlock()
	s := f.storm
	if s == nil || key == "getme" || !time.Now().Before(s.until) || (s.methods != nil && !s.methods[key]) {
		return 0, nil
	}
	s.calls[key]++
	n := float64(s.calls[key])
	if math.Ceil(n*s.opts.Rate) == math.Ceil((n-1)*s.opts.Rate) {
		s.stats.Passed++
		return 0, nil
	}
	s.stats.ByMethod[key]++
	switch s.stats.ByMethod[key] % 4 {
	case 1:
		s.stats.TooMany++
		secs := strconv.Itoa(s.opts.RetryAfter)
		return 0, &apiError{code: 429, desc: "Too Many Requests: retry after " + secs, retryAfter: s.opts.RetryAfter}
	case 2:
		s.stats.ServerErrors++
		return 0, &apiError{code: 500, desc: descriptions[500]}
	case 3:
		s.stats.Hangs++
		return s.opts.Hang, nil
	default:
		s.stats.ServerErrors++
		return 0, &apiError{code: 502, desc: descriptions[502]}
	}
}
