// Package tour is the guided tour of the first day: after linking, each
// person gets a few pages for their roles (staff, assessor, admin) saying
// what the bot does for them, with buttons that run each step's command.
// It is skippable ("Lewati"), repeatable (/panduan, /tour), edited in
// place, and whether a person completed or skipped it is recorded, so the
// admins see per unit who has had it (export --what onboarding). A citizen
// gets two lines at /start.
package tour

import (
	"slices"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// buttons are the tour's inline buttons: "tour:go" and "tour:no" (start or
// decline it, under the confirmation of linking), "tour:p:PAGE" (show a
// page), "tour:try:COMMAND" (run a step's command), "tour:skip" and
// "tour:done".
var buttons = bot.Buttons{Prefix: "tour"}

// page is one page of the tour: a text and the commands it offers to try.
type page struct {
	key  string       // in the callback data
	role kinerja.Role // who sees it; RoleCitizen means every linked person
	text string       // text key
	try  []string     // commands offered with a "try" button, if built
}

// pages are the whole tour in order; a person sees those of their roles.
var pages = []page{
	{key: "intro", role: kinerja.RoleCitizen, text: "tour.page_intro"},
	{key: "lapor", role: kinerja.RoleStaff, text: "tour.page_report", try: []string{"lapor", "laporan", "capaian"}},
	{key: "skor", role: kinerja.RoleStaff, text: "tour.page_result", try: []string{"skor", "cuti"}},
	{key: "setuju", role: kinerja.RoleAssessor, text: "tour.page_approve", try: []string{"persetujuan"}},
	{key: "nilai", role: kinerja.RoleAssessor, text: "tour.page_evaluate", try: []string{"nilai", "ikm"}},
	{key: "admin", role: kinerja.RoleAdmin, text: "tour.page_admin", try: []string{"ekspor", "qr", "predikatunit"}},
	{key: "end", role: kinerja.RoleCitizen, text: "tour.page_end"},
}

// tryable is every command a page offers: a "try" press naming another
// is refused as stale.
var tryable = func() map[string]bool {
	m := map[string]bool{}
	for _, p := range pages {
		for _, c := range p.try {
			m[c] = true
		}
	}
	return m
}()

// Feature is the guided tour.
type Feature struct {
	deps bot.Deps
}

// New returns the tour. deps serve the onboarding export, which needs no
// chat.
func New(deps bot.Deps) *Feature {
	return &Feature{deps: deps.WithDefaults()}
}

// Register adds /panduan (alias /tour), its buttons, and the hooks that
// start the tour after linking and give a citizen two lines at /start.
func (f *Feature) Register(b *bot.Bot) {
	b.Command(bot.CommandSpec{Name: "panduan", Aliases: []string{"tour"}, Help: "tour.cmd",
		KeepsFlow: true, Handle: f.cmdTour})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "go", Handle: f.pressStart})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "no", Handle: f.pressDecline})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "p", Args: 1, Handle: f.pressPage})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "try", Args: 1, Handle: f.pressTry})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "skip", Handle: f.pressSkip})
	b.Button(bot.ButtonSpec{Buttons: buttons, Action: "done", Handle: f.pressDone})
	b.OnLinked(f.afterLinked)
	b.OnWelcome(f.afterWelcome)
}

// myPages returns the pages for the sender's roles, in order.
func myPages(r *bot.Request) []page {
	var out []page
	for _, p := range pages {
		if r.HasRole(p.role) {
			out = append(out, p)
		}
	}
	return out
}

// cmdTour shows the first page, or a citizen's two lines.
func (f *Feature) cmdTour(r *bot.Request) error {
	if r.Staff == nil {
		r.Reply(r.T("tour.citizen"))
		return nil
	}
	text, kb := render(r, myPages(r), 0)
	r.Reply(text, kb...)
	return nil
}

// afterLinked offers the tour under the confirmation of linking, in the
// same message: start it or skip it.
func (f *Feature) afterLinked(r *bot.Request) (bot.Addition, error) {
	return bot.Addition{
		Text: "\n\n" + r.T("tour.offer", len(myPages(r)), bot.Raw(roleNames(r))),
		Buttons: [][]bot.Button{
			{buttons.Button(r.T("tour.start"), "go")},
			{buttons.Button(r.T("tour.skip"), "no")},
		},
	}, nil
}

// afterWelcome adds a citizen's two lines to the greeting at /start; staff
// were offered the tour when they linked and can repeat it with /panduan.
func (f *Feature) afterWelcome(r *bot.Request) (bot.Addition, error) {
	if r.Staff != nil {
		return bot.Addition{}, nil
	}
	return bot.Addition{Text: "\n\n" + r.T("tour.citizen")}, nil
}

// pressStart sends the first page in a message of its own, which the
// pages then edit; the confirmation of linking stays as it was.
func (f *Feature) pressStart(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	r.Answer(r.T("tour.started_answer"))
	return f.cmdTour(r)
}

// pressDecline records the offer declined, as a skip, and says how to
// take the tour later.
func (f *Feature) pressDecline(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	if err := record(r, statusSkipped); err != nil {
		return err
	}
	r.Answer(r.T("tour.skipped_answer"))
	r.Reply(r.T("tour.skipped"))
	return nil
}

// pressPage shows page r.Args[0], editing the tour's message.
func (f *Feature) pressPage(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	ps := myPages(r)
	i := slices.IndexFunc(ps, func(p page) bool { return p.key == r.Args[0] })
	if i < 0 {
		return r.Stale() // a page of a role the person no longer holds
	}
	text, kb := render(r, ps, i)
	r.ReplyEdit(text, kb...)
	return nil
}

// pressTry runs a step's command as if typed; its answer comes as a new
// message and the tour stays where it is.
func (f *Feature) pressTry(r *bot.Request) error {
	name := r.Args[0]
	if !tryable[name] {
		return r.Stale()
	}
	r.Answer(r.T("tour.try_answer", "/"+name))
	found, err := r.Bot().RunCommand(r, name)
	if err != nil || found {
		return err
	}
	return r.Stale()
}

// pressSkip ends the tour and records that it was skipped (unless it was
// completed before: a repeat skipped keeps the completion).
func (f *Feature) pressSkip(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	if err := record(r, statusSkipped); err != nil {
		return err
	}
	r.Answer(r.T("tour.skipped_answer"))
	r.ReplyEdit(r.T("tour.skipped"))
	return nil
}

// pressDone ends the tour and records it as completed.
func (f *Feature) pressDone(r *bot.Request) error {
	if r.Staff == nil {
		return r.Stale()
	}
	if err := record(r, statusDone); err != nil {
		return err
	}
	r.Answer(r.T("tour.done_answer"))
	r.ReplyEdit(r.T("tour.done"))
	return nil
}

// render returns page i of ps with its buttons: the steps to try that this
// build has, then back and next (or done), then skip.
func render(r *bot.Request, ps []page, i int) (string, [][]bot.Button) {
	p := ps[i]
	text := r.T("tour.head", i+1, len(ps)) + "\n" + r.T(p.text)
	if p.key == "intro" {
		text = r.T("tour.head", i+1, len(ps)) + "\n" + r.T(p.text, r.Staff.Name, bot.Raw(roleNames(r)))
	}
	var kb [][]bot.Button
	have := r.Bot().Commands()
	var row []bot.Button
	for _, c := range p.try {
		if _, ok := slices.BinarySearch(have, c); !ok {
			continue
		}
		row = append(row, buttons.Button(r.T("tour.try", "/"+c), "try", c))
		if len(row) == 2 {
			kb, row = append(kb, row), nil
		}
	}
	if len(row) > 0 {
		kb = append(kb, row)
	}
	var nav []bot.Button
	if i > 0 {
		nav = append(nav, buttons.Button(r.T("tour.back"), "p", ps[i-1].key))
	}
	if i < len(ps)-1 {
		nav = append(nav, buttons.Button(r.T("tour.next"), "p", ps[i+1].key))
		kb = append(kb, nav, []bot.Button{buttons.Button(r.T("tour.skip"), "skip")})
	} else {
		nav = append(nav, buttons.Button(r.T("tour.finish"), "done"))
		kb = append(kb, nav)
	}
	return text, kb
}

// roleNames lists the sender's roles other than citizen, in words.
func roleNames(r *bot.Request) string {
	var out string
	for _, role := range r.Roles() {
		if role == kinerja.RoleCitizen {
			continue
		}
		if out != "" {
			out += ", "
		}
		out += r.T("role." + string(role))
	}
	return out
}
