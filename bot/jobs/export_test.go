package jobs

import (
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// The harness, for the tests in package jobs_test that wire the real
// features (which import this package, so only an external test can).

// Harness is the jobs' test harness.
type Harness = jobsHarness

// NewHarness is the harness whose jobs read the features' sources.
func NewHarness(t *testing.T, wire func(deps bot.Deps) (Sources, []bot.Feature)) *Harness {
	return newJobsHarnessWith(t, wire, &fakeSources{})
}

// Run runs job name at instant t.
func (h *jobsHarness) Run(name string, t time.Time) *Result { return h.run(name, t) }

// At is an instant in WIB; Chats the chat ids of queued messages.
var (
	At    = at
	Chats = chats
)

// Telegram ids and NIPs of the harness's people.
const (
	TGHead, TGBudi, TGSari, TGAdmin, TGYus = jtHead, jtBudi, jtSari, jtAdmin, jtYus
	NIPYus                                 = nipYus
)
