package bot

import (
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Handler handles one update inside its transaction.
type Handler func(r *Request) error

// Feature is one part of the bot (work reports, the survey, evaluations…)
// that adds its commands, buttons, dialogues and deep-link payloads to the
// core. The core imports no feature: cmd hands the features to New.
type Feature interface {
	Register(b *Bot)
}

// CommandSpec is a slash command with the roles that may use it and its help.
type CommandSpec struct {
	Name    string
	Aliases []string
	Roles   []kinerja.Role // any of these may use it; empty means everyone
	Help    string         // text key of the one-line description
	Example string         // text key of an example, "" for none
	// KeepsFlow commands (help, language) do not end an open dialogue.
	KeepsFlow bool
	Handle    Handler
}

// ButtonSpec is the handler of one action of a feature's buttons. The core
// decodes the data, checks the version, the number of arguments and the
// roles, and answers a press that fails any of these as a stale button, so
// handlers see only well-formed presses (whose content they still check:
// callback data is never trusted).
type ButtonSpec struct {
	Buttons Buttons
	Action  string
	Args    int  // the number of arguments after the action
	MinArgs bool // Args is a minimum rather than the exact number
	// Roles, when set, are checked on every press; a sender without any
	// of them is told why and nothing is done.
	Roles  []kinerja.Role
	Handle Handler
}

// FlowSpec is a multi-step dialogue: the handler of messages typed while
// it is open, and the text sent when it expires unanswered.
type FlowSpec struct {
	Name    string
	Expired string // text key; "" means core.session_expired
	Handle  Handler
}

// Command registers a slash command. A name or alias taken twice is
// refused when the bot is built.
func (b *Bot) Command(c CommandSpec) {
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		if _, dup := b.commands[n]; dup {
			b.refuseRegistration("command /%s registered twice", n)
			return
		}
	}
	if c.Handle == nil || c.Help == "" {
		b.refuseRegistration("command /%s has no handler or help", c.Name)
		return
	}
	cp := c
	for _, n := range append([]string{c.Name}, c.Aliases...) {
		b.commands[n] = &cp
	}
	b.order = append(b.order, c.Name)
}

// Button registers the handler of one action of a feature's buttons.
func (b *Bot) Button(s ButtonSpec) {
	p := s.Buttons.Prefix
	switch {
	case p == "" || strings.ContainsAny(p, ":.") || strings.Contains(s.Action, ":"):
		b.refuseRegistration("button %q:%q: the prefix must be non-empty and hold no ':' or '.'", p, s.Action)
		return
	case s.Handle == nil:
		b.refuseRegistration("button %s:%s has no handler", p, s.Action)
		return
	}
	if _, taken := b.byValue[p]; taken {
		b.refuseRegistration("buttons %q registered both by action and by value", p)
		return
	}
	if v, ok := b.buttonVersions[p]; ok && v != s.Buttons.version() {
		b.refuseRegistration("buttons %q registered with versions %d and %d", p, v, s.Buttons.version())
		return
	}
	key := p + ":" + s.Action
	if _, dup := b.buttons[key]; dup {
		b.refuseRegistration("button %s registered twice", key)
		return
	}
	b.buttonVersions[p] = s.Buttons.version()
	cp := s
	b.buttons[key] = &cp
}

// Flow registers a dialogue.
func (b *Bot) Flow(f FlowSpec) {
	if _, dup := b.flows[f.Name]; dup || f.Name == "" || f.Handle == nil {
		b.refuseRegistration("flow %q registered twice or without a handler", f.Name)
		return
	}
	cp := f
	b.flows[f.Name] = &cp
}

// Payload registers the handler of /start payloads that begin with prefix
// (a deep link: an invitation, a survey QR code). No prefix may begin
// another, so a payload has exactly one handler.
func (b *Bot) Payload(prefix string, h Handler) {
	for p := range b.payloads {
		if strings.HasPrefix(p, prefix) || strings.HasPrefix(prefix, p) {
			b.refuseRegistration("start payload prefix %q overlaps %q", prefix, p)
			return
		}
	}
	if prefix == "" || h == nil {
		b.refuseRegistration("start payload prefix %q without a handler", prefix)
		return
	}
	b.payloads[prefix] = h
}

// Addition is what a feature adds to one of the core's greetings: text
// after it (starting with its own blank line) and rows of buttons under it.
// The greeting stays one message.
type Addition struct {
	Text    string
	Buttons [][]Button
}

// Greeter returns a feature's addition to a greeting, inside the update's
// transaction; an error rolls the update back, like a handler's.
type Greeter func(r *Request) (Addition, error)

// OnLinked registers g to add to the confirmation of an account just
// linked to a NIP (r.Staff is the person): a feature can introduce itself
// (the guided tour).
func (b *Bot) OnLinked(g Greeter) {
	if g == nil {
		b.refuseRegistration("OnLinked without a greeter")
		return
	}
	b.onLinked = append(b.onLinked, g)
}

// OnWelcome registers g to add to the greeting of a /start without a
// payload (r.Staff is nil for a citizen).
func (b *Bot) OnWelcome(g Greeter) {
	if g == nil {
		b.refuseRegistration("OnWelcome without a greeter")
		return
	}
	b.onWelcome = append(b.onWelcome, g)
}

// greet queues text with the additions of greeters, in registration order,
// as one message.
func greet(r *Request, text string, greeters []Greeter) error {
	var rows [][]Button
	for _, g := range greeters {
		add, err := g(r)
		if err != nil {
			return err
		}
		text += add.Text
		rows = append(rows, add.Buttons...)
	}
	r.Reply(text, rows...)
	return nil
}

// refuseRegistration records a registration mistake; New returns them all.
func (b *Bot) refuseRegistration(format string, args ...any) {
	b.regErrs = append(b.regErrs, fmt.Errorf("bot: "+format, args...))
}

// Buttons names one feature's inline buttons: a short prefix and the
// version of their data layout. Data is "prefix:action:arg…" (at most 64
// bytes, Telegram's limit); from version 2 on the prefix carries it, as
// "prefix.2:…", so buttons left in chats by an older layout are answered
// as stale instead of being misread.
type Buttons struct {
	Prefix  string
	Version int // 0 or 1 is the first layout
}

func (k Buttons) version() int {
	if k.Version < 1 {
		return 1
	}
	return k.Version
}

// Data encodes a press of action with its arguments. Arguments are
// strings, integers or fmt.Stringers (a Period), none holding a ':'.
func (k Buttons) Data(action string, args ...any) string {
	var sb strings.Builder
	sb.WriteString(k.Prefix)
	if v := k.version(); v > 1 {
		fmt.Fprintf(&sb, ".%d", v)
	}
	sb.WriteString(":")
	sb.WriteString(action)
	for _, a := range args {
		sb.WriteString(":")
		switch v := a.(type) {
		case string:
			sb.WriteString(v)
		case fmt.Stringer:
			sb.WriteString(v.String())
		default:
			fmt.Fprint(&sb, v)
		}
	}
	return sb.String()
}

// Button returns an inline button that presses action with args.
func (k Buttons) Button(text, action string, args ...any) Button {
	return Button{Text: text, Data: k.Data(action, args...)}
}

// decodeData splits callback data into prefix, version, action and
// arguments; ok is false for data no Buttons could have written.
func decodeData(data string) (prefix string, version int, action string, args []string, ok bool) {
	head, rest, found := strings.Cut(data, ":")
	if !found {
		return "", 0, "", nil, false
	}
	prefix, version = head, 1
	if p, v, dotted := strings.Cut(head, "."); dotted {
		n := 0
		for _, c := range v {
			if c < '0' || c > '9' || n > 1000 {
				return "", 0, "", nil, false
			}
			n = n*10 + int(c-'0')
		}
		if n < 2 {
			return "", 0, "", nil, false
		}
		prefix, version = p, n
	}
	parts := strings.Split(rest, ":")
	return prefix, version, parts[0], parts[1:], true
}

// routeButton dispatches a press through the codec: unknown, outdated or
// malformed data is answered as a stale button in this one place.
func (b *Bot) routeButton(r *Request) (handled bool, err error) {
	prefix, version, action, args, ok := decodeData(r.Callback.Data)
	if !ok {
		return false, nil
	}
	s, found := b.buttons[prefix+":"+action]
	if !found {
		if _, known := b.buttonVersions[prefix]; known {
			return true, r.Stale()
		}
		return false, nil
	}
	if version != s.Buttons.version() || len(args) < s.Args || !s.MinArgs && len(args) != s.Args {
		return true, r.Stale()
	}
	if !b.allowedRoles(r, s.Roles) {
		key := "core.not_allowed_button"
		if r.Staff == nil {
			key = "core.need_link"
		}
		r.Answer(r.T(key))
		r.Reply(r.T(key))
		return true, nil
	}
	r.Args = args
	return true, s.Handle(r)
}
