// Package leave is /cuti: staff record when they are away so that the
// reminders skip them; an admin can record it for anyone ("/cuti NIP").
// Dates are typed in the usual Indonesian ways or picked with buttons.
package leave

import (
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

const (
	// flow is the dialogue of adding a span: step "from", then "to".
	flow = "cuti"
	// maxDays is the longest span one record may hold.
	maxDays = 366
)

// buttons are /cuti's inline buttons: "cuti:add:NIP", "cuti:del:ID:NIP",
// "cuti:from:today|tomorrow" and "cuti:to:same".
var buttons = bot.Buttons{Prefix: "cuti"}

// Feature is /cuti.
type Feature struct {
	deps bot.Deps
}

// New returns the leave feature. It needs nothing but the chat today; deps
// are kept so services added later work without a bot.
func New(deps bot.Deps) *Feature {
	return &Feature{deps: deps.WithDefaults()}
}

// Register adds /cuti, its buttons and its dialogue to b.
func (f *Feature) Register(b *bot.Bot) {
	staff := []kinerja.Role{kinerja.RoleStaff}
	b.Command(bot.CommandSpec{Name: "cuti", Aliases: []string{"leave"}, Roles: staff,
		Help: "cuti.cmd", Example: "cuti.example", Handle: cmdLeave})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "add", Args: 1, Roles: staff, Handle: pressAdd})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "del", Args: 2, Roles: staff, Handle: pressDelete})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "from", Args: 1, Roles: staff, Handle: pressPick("from")})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "to", Args: 1, Roles: staff, Handle: pressPick("to")})
	b.Flow(bot.FlowSpec{Name: flow, Handle: typedDay})
}

// mayManage reports whether the sender may record leave for nip.
func mayManage(r *bot.Request, nip string) bool {
	return r.Staff != nil && (r.Staff.NIP == nip || r.IsAdmin())
}

// storedDay turns a stored "YYYY-MM-DD" into local midnight.
func storedDay(s string, loc *time.Location) time.Time {
	t, _ := time.ParseInLocation(kinerja.DayLayout, s, loc)
	return t
}
