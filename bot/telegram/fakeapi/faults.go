package fakeapi

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// faults is the fake's fault-injection state, guarded by Fake.mu.
type faults struct {
	failNext map[string][]apiError // lower-cased method → queued failures
	hang     map[string]time.Duration
	refuse   map[string]bool
	blocked  map[int64]bool
	limits   bool
	global   bucket
	perChat  map[int64]*bucket
	tooMany  int
}

func newFaults() faults {
	return faults{
		failNext: map[string][]apiError{},
		hang:     map[string]time.Duration{},
		refuse:   map[string]bool{},
		blocked:  map[int64]bool{},
		perChat:  map[int64]*bucket{},
	}
}

// Descriptions Telegram gives for the codes FailNext injects.
var descriptions = map[int]string{
	400: "Bad Request: chat not found",
	403: "Forbidden: bot was blocked by the user",
	404: "Not Found",
	409: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
	429: "Too Many Requests: retry after %d",
	500: "Internal Server Error",
	502: "Bad Gateway",
}

// FailNext makes the next n calls of method fail with httpCode and
// Telegram's description for it (429 carries parameters.retry_after =
// retryAfter; 403 is "bot was blocked by the user"; 400 is "chat not found").
func (f *Fake) FailNext(method string, n int, httpCode int, retryAfter int) {
	desc, ok := descriptions[httpCode]
	if !ok {
		desc = "Error " + strconv.Itoa(httpCode)
	}
	if httpCode == 429 {
		desc = strings.Replace(desc, "%d", strconv.Itoa(retryAfter), 1)
	}
	f.failNextWith(method, n, apiError{code: httpCode, desc: desc, retryAfter: retryAfter})
}

// FailNextWith makes the next n calls of method fail with httpCode and the
// given description, e.g. 403 "Forbidden: bot was kicked from the group chat".
func (f *Fake) FailNextWith(method string, n int, httpCode int, description string) {
	f.failNextWith(method, n, apiError{code: httpCode, desc: description})
}

func (f *Fake) failNextWith(method string, n int, e apiError) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := strings.ToLower(method)
	for range n {
		f.faults.failNext[key] = append(f.faults.failNext[key], e)
	}
}

// Hang makes every call of method block for d, or until the client gives
// up on the request, before it is answered. Hang(method, 0) ends it.
func (f *Fake) Hang(method string, d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.hang[strings.ToLower(method)] = d
}

// Refuse makes every call of method fail with 400 from now on, as a
// misconfigured or rejected call would (setMyCommands, say).
func (f *Fake) Refuse(method string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.refuse[strings.ToLower(method)] = true
}

// Block makes every call aimed at chatID fail with 403, as when the user
// blocked the bot. Unblock undoes it.
func (f *Fake) Block(chatID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.blocked[chatID] = true
}

// Unblock lets calls reach chatID again.
func (f *Fake) Unblock(chatID int64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	delete(f.faults.blocked, chatID)
}

// EnforceLimits turns Telegram's flood limits on or off: at most 30
// messages per second overall, 1 per second in a private chat (burst of 3)
// and 20 per minute in a group. Excess sends get 429 with retry_after.
func (f *Fake) EnforceLimits(on bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.faults.limits = on
	f.faults.global = bucket{}
	f.faults.perChat = map[int64]*bucket{}
}

// TooMany returns how many calls the flood limits refused with 429.
func (f *Fake) TooMany() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.faults.tooMany
}

func (f *Fake) hangFor(method string) time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.faults.hang[strings.ToLower(method)]
}

// sends are the methods that post a message and so count against limits.
var sends = map[string]bool{"sendmessage": true, "sendphoto": true, "senddocument": true}

// injected returns the failure configured for this call, if any.
func (f *Fake) injected(method string, chatID int64) *apiError {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := strings.ToLower(method)
	if q := f.faults.failNext[key]; len(q) > 0 {
		e := q[0]
		f.faults.failNext[key] = q[1:]
		return &e
	}
	if f.faults.refuse[key] {
		return badRequest("method %s refused by the fake", method)
	}
	if chatID != 0 && f.faults.blocked[chatID] {
		return &apiError{code: 403, desc: descriptions[403]}
	}
	if f.faults.limits && sends[key] {
		return f.limitLocked(chatID)
	}
	return nil
}

// limitLocked takes a token from the global bucket and the chat's bucket,
// or answers 429 with the wait until the emptier one refills.
func (f *Fake) limitLocked(chatID int64) *apiError {
	now := f.opts.Now()
	rate, burst := 1.0, 3.0
	if chatID < 0 {
		rate, burst = 20.0/60, 20
	}
	b := f.faults.perChat[chatID]
	if b == nil {
		b = &bucket{}
		f.faults.perChat[chatID] = b
	}
	waitChat := b.wait(now, rate, burst)
	waitAll := f.faults.global.wait(now, 30, 30)
	if wait := max(waitChat, waitAll); wait > 0 {
		f.faults.tooMany++
		secs := int(math.Ceil(wait.Seconds()))
		return &apiError{code: 429, desc: "Too Many Requests: retry after " + strconv.Itoa(secs), retryAfter: secs}
	}
	b.take()
	f.faults.global.take()
	return nil
}

// bucket is a token bucket; a zero bucket starts full on first use.
type bucket struct {
	tokens float64
	last   time.Time
	used   bool
}

// wait refills the bucket to now and returns how long until one token is
// available (0 if one is available now).
func (b *bucket) wait(now time.Time, rate, burst float64) time.Duration {
	if !b.used {
		b.tokens, b.last, b.used = burst, now, true
	}
	if now.After(b.last) {
		b.tokens = math.Min(burst, b.tokens+now.Sub(b.last).Seconds()*rate)
		b.last = now
	}
	if b.tokens >= 1 {
		return 0
	}
	return time.Duration((1 - b.tokens) / rate * float64(time.Second))
}

func (b *bucket) take() { b.tokens-- }
