package bot

import (
	"context"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// menuFor lists the commands a user with these roles sees, in lang.
// allowed nil means the everyone-menu.
func (b *Bot) menuFor(lang kinerja.Lang, allowed func(*CommandSpec) bool) []Command {
	var out []Command
	for _, name := range b.order {
		c := b.commands[name]
		if len(c.Roles) > 0 && (allowed == nil || !allowed(c)) {
			continue
		}
		out = append(out, Command{Name: c.Name, Description: T(lang, c.Help)})
	}
	if len(out) > 100 {
		out = out[:100] // Telegram's limit
	}
	return out
}

// SetupMenus sets the everyone-menu in Indonesian and English. The bot works
// without menus, so a refusal is logged once and otherwise ignored.
func (b *Bot) SetupMenus(ctx context.Context) {
	for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
		code := string(lang)
		if lang == b.cfg.DefaultLang {
			code = "" // the default language also serves every other client language
		}
		if err := b.msg.SetCommands(ctx, MenuScope{Lang: code}, b.menuFor(lang, nil)); err != nil {
			b.menuOnce.Do(func() { b.log.Warn("setMyCommands refused; the bot works without menus", "err", err) })
		}
	}
}

// setChatMenu queues the per-chat menu for the sender's roles after commit.
func (b *Bot) setChatMenu(r *Request) {
	cmds := b.menuFor(r.Lang, func(c *CommandSpec) bool { return b.allowed(r, c) })
	chat := r.ChatID
	r.After(func(ctx context.Context) {
		// In the background: a slow or refusing setMyCommands (retried by
		// the transport) must not hold up this chat or the polling loop.
		go func() {
			ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
			defer cancel()
			if err := b.msg.SetCommands(ctx, MenuScope{ChatID: chat}, cmds); err != nil {
				b.menuOnce.Do(func() { b.log.Warn("setMyCommands refused; the bot works without menus", "err", err) })
			}
		}()
	})
}
