package bot_test

import (
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// TestRandomInputNeverBreaksTheCore plays random updates against the core
// alone (start, help, cancel, language, invitations): every update is
// committed without an internal error and every button answered. Each
// feature runs the same test with its own registrations, and cmd with all.
func TestRandomInputNeverBreaksTheCore(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	h.Link(bottest.NIPBudi, 11)
	h.Link(bottest.NIPHead, 12)
	h.Link(bottest.NIPAdmin, 13)
	n := 2000
	if testing.Short() {
		n = 300
	}
	h.RandomInput(n, []int64{10, 11, 12, 13})
}
