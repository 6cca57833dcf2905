package bot

import (
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// parseCommand splits "/name@bot args" into name and args; ok is false for
// text that is not a command or a command meant for another bot.
func (b *Bot) parseCommand(text string) (name, args string, ok bool) {
	if !strings.HasPrefix(text, "/") {
		return "", "", false
	}
	head, args, _ := strings.Cut(text[1:], " ")
	head, target, addressed := strings.Cut(head, "@")
	if addressed && b.cfg.BotUsername != "" && !strings.EqualFold(target, b.cfg.BotUsername) {
		return "", "", false
	}
	return strings.ToLower(head), strings.TrimSpace(args), head != ""
}

// route sends the update to its handler.
func (b *Bot) route(r *Request) error {
	if err := b.loadContext(r); err != nil {
		return err
	}
	if r.ChatType != ChatPrivate {
		return b.routeGroup(r)
	}
	if r.Edited {
		r.Reply(r.T("core.edited_ignored"))
		return nil
	}
	if r.Callback != nil {
		return b.routeCallback(r)
	}
	if r.Kind == KindText {
		if name, args, ok := b.parseCommand(r.Text); ok {
			return b.routeCommand(r, name, args)
		}
	}
	if r.Session != nil {
		if f, ok := b.flows[r.Session.Flow]; ok {
			return f.Handle(r)
		}
		// A flow from an older version of the bot: end it rather than loop.
		if err := r.EndFlow(); err != nil {
			return err
		}
	}
	r.Reply(r.T("core.unknown_hint"))
	return nil
}

// loadContext reads the sender's roster entry, language and dialogue,
// expiring a dialogue left idle too long.
func (b *Bot) loadContext(r *Request) error {
	ctx := r.Ctx
	r.Lang = b.cfg.DefaultLang
	cs, err := r.Tx.ChatState(ctx, r.From.ID, r.ChatID) // one query for the three
	if err != nil {
		return err
	}
	if a := cs.Account; a != nil {
		if a.Lang != "" {
			r.Lang = a.Lang
		}
		if a.Unreachable && r.ChatType == ChatPrivate {
			// Someone who writes to the bot has unblocked it: reminders
			// may reach them again.
			a.Unreachable, a.UpdatedAt = false, r.Now
			if err := r.Tx.PutAccount(ctx, a); err != nil {
				return err
			}
		}
	}
	r.Staff = cs.Staff
	if r.ChatType != ChatPrivate || cs.Session == nil {
		return nil
	}
	if s := cs.Session; r.Now.Sub(s.UpdatedAt) > b.cfg.SessionIdle {
		if err := r.EndFlow(); err != nil {
			return err
		}
		r.Reply(r.T("core.session_expired"))
		return nil
	}
	r.Session = cs.Session
	return nil
}

// routeGroup answers only commands addressed to the bot in a group; group
// chatter is ignored, as Telegram users expect.
func (b *Bot) routeGroup(r *Request) error {
	if r.Callback != nil {
		r.Answer(r.T("core.use_private"))
		return nil
	}
	if r.Kind != KindText || r.Edited {
		return nil
	}
	name, _, ok := b.parseCommand(r.Text)
	if !ok || !strings.Contains(r.Text, "@") && b.commands[name] == nil {
		return nil
	}
	r.Reply(r.T("core.use_private_link", b.cfg.BotUsername))
	return nil
}

// routeCommand checks the role and runs a command.
func (b *Bot) routeCommand(r *Request, name, args string) error {
	c, ok := b.commands[name]
	if !ok {
		r.Reply(r.T("core.unknown_command", "/"+name))
		return nil
	}
	if !b.allowed(r, c) {
		return b.refuse(r, c)
	}
	if r.Session != nil && !c.KeepsFlow {
		if err := r.EndFlow(); err != nil {
			return err
		}
	}
	r.Text = args
	return c.Handle(r)
}

// allowed reports whether the sender may use the command. Roles are
// checked on every use: hiding a command from the menu is not protection.
func (b *Bot) allowed(r *Request, c *CommandSpec) bool { return b.allowedRoles(r, c.Roles) }

// allowedRoles reports whether the sender holds any of roles (any sender
// when there are none).
func (b *Bot) allowedRoles(r *Request, roles []kinerja.Role) bool {
	if len(roles) == 0 {
		return true
	}
	for _, role := range roles {
		if r.HasRole(role) {
			return true
		}
	}
	return false
}

// refuse explains why a command is not available to the sender.
func (b *Bot) refuse(r *Request, c *CommandSpec) error {
	if r.Staff == nil {
		r.Reply(r.T("core.need_link"))
		return nil
	}
	r.Reply(r.T("core.not_allowed", "/"+c.Name))
	return nil
}

// routeCallback dispatches a button press by its data prefix. Data is never
// trusted: each handler checks everything again on the server.
func (b *Bot) routeCallback(r *Request) error {
	if handled, err := b.routeButton(r); handled {
		return err
	}
	prefix, rest, _ := strings.Cut(r.Callback.Data, ":")
	h, ok := b.byValue[prefix]
	if !ok || rest == "" {
		return r.Stale()
	}
	r.Args = strings.Split(rest, ":")
	return h(r)
}
