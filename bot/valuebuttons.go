package bot

import "strings"

// ButtonsByValue registers the handler of presses "prefix:<value>:<arg>…"
// whose first field is a value (a message id) rather than one of a fixed
// set of actions: the reminders' "snooze:<outbox id>:h", a layout kept so
// that buttons already in chats and in the outbox keep working. args is
// the number of fields after the prefix; a press with another number is
// answered as stale. The handler gets all the fields in r.Args.
func (b *Bot) ButtonsByValue(k Buttons, args int, h Handler) {
	if _, dup := b.byValue[k.Prefix]; dup || h == nil || k.version() != 1 || k.Prefix == "" || strings.ContainsAny(k.Prefix, ":.") {
		b.refuseRegistration("buttons %q by value registered twice, without a handler or with a version", k.Prefix)
		return
	}
	if _, taken := b.buttonVersions[k.Prefix]; taken {
		b.refuseRegistration("buttons %q registered both by action and by value", k.Prefix)
		return
	}
	b.byValue[k.Prefix] = func(r *Request) error {
		if len(r.Args) != args {
			return r.Stale()
		}
		return h(r)
	}
}

// RunCommand runs command name for the sender as if they had typed it,
// with the same role checks, from a button (a reminder's "open"): the
// command answers in a new message rather than editing the button's.
// found is false when no feature registered the command in this build.
func (b *Bot) RunCommand(r *Request, name string) (found bool, err error) {
	if _, ok := b.commands[name]; !ok {
		return false, nil
	}
	cb := r.Callback
	r.Callback = nil // so ReplyEdit in the command does not overwrite the message
	defer func() { r.Callback = cb }()
	return true, b.routeCommand(r, name, "")
}
