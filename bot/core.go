package bot

import (
	"fmt"
	"regexp"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// registerCore adds the commands every user has.
func (b *Bot) registerCore() {
	b.Command(CommandSpec{Name: "start", Help: "core.cmd_start", Handle: b.cmdStart})
	b.Command(CommandSpec{Name: "help", Aliases: []string{"bantuan"}, Help: "core.cmd_help", KeepsFlow: true, Handle: b.cmdHelp})
	b.Command(CommandSpec{Name: "cancel", Aliases: []string{"batal"}, Help: "core.cmd_cancel", Handle: b.cmdCancel})
	b.Command(CommandSpec{Name: "bahasa", Aliases: []string{"language"}, Help: "core.cmd_bahasa", KeepsFlow: true, Handle: b.cmdLanguage})
	for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
		b.Button(ButtonSpec{Buttons: langButtons, Action: string(lang), Handle: b.cbLanguage})
	}
	b.Payload(InvitePrefix, b.redeemInvite)
}

// langButtons are the buttons of /bahasa: "lang:id", "lang:en".
var langButtons = Buttons{Prefix: "lang"}

// payloadPattern is what Telegram allows in a /start payload.
var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// cmdStart welcomes the user by role, or routes a deep-link payload.
func (b *Bot) cmdStart(r *Request) error {
	payload := r.Text
	if payload == "" {
		return b.welcome(r)
	}
	if !payloadPattern.MatchString(payload) {
		r.Reply(r.T("core.bad_payload"))
		return nil
	}
	for prefix, h := range b.payloads {
		if strings.HasPrefix(payload, prefix) {
			r.Text = payload
			return h(r)
		}
	}
	r.Reply(r.T("core.bad_payload"))
	return nil
}

// welcome greets by role, with what features add (OnWelcome).
func (b *Bot) welcome(r *Request) error {
	if r.Staff == nil {
		return greet(r, r.T("core.welcome_citizen"), b.onWelcome)
	}
	b.setChatMenu(r)
	return greet(r, r.T("core.welcome_staff", r.Staff.Name, Raw(b.roleNames(r))), b.onWelcome)
}

// roleNames lists the sender's roles in words.
func (b *Bot) roleNames(r *Request) string {
	var names []string
	for _, role := range r.Roles() {
		if role != kinerja.RoleCitizen {
			names = append(names, r.T("role."+string(role)))
		}
	}
	return strings.Join(names, ", ")
}

// cmdHelp lists what this user may do, with an example of each.
func (b *Bot) cmdHelp(r *Request) error {
	var sb strings.Builder
	sb.WriteString(r.T("core.help_head"))
	for _, name := range b.order {
		c := b.commands[name]
		if !b.allowed(r, c) {
			continue
		}
		fmt.Fprintf(&sb, "\n/%s — %s", c.Name, r.T(c.Help))
		if c.Example != "" {
			fmt.Fprintf(&sb, "\n   <i>%s</i>", r.T(c.Example))
		}
	}
	if r.Staff == nil {
		sb.WriteString("\n\n" + r.T("core.help_citizen_tail"))
	}
	r.Reply(sb.String())
	return nil
}

// cmdCancel ends any dialogue.
func (b *Bot) cmdCancel(r *Request) error {
	// routeCommand already ended the dialogue; say so either way.
	r.Reply(r.T("core.cancelled"))
	return nil
}

// cmdLanguage offers the two languages as buttons.
func (b *Bot) cmdLanguage(r *Request) error {
	r.Reply(r.T("core.choose_lang"), []Button{
		langButtons.Button("🇮🇩 Bahasa Indonesia", string(kinerja.LangID)),
		langButtons.Button("🇬🇧 English", string(kinerja.LangEN)),
	})
	return nil
}

// cbLanguage stores the chosen language ("lang:id" or "lang:en").
func (b *Bot) cbLanguage(r *Request) error {
	_, _, action, _, _ := decodeData(r.Callback.Data)
	lang, _ := kinerja.ParseLang(action)
	if err := r.Tx.PutAccount(r.Ctx, &kinerja.Account{TelegramID: r.From.ID, Lang: lang, UpdatedAt: r.Now}); err != nil {
		return err
	}
	r.Lang = lang
	r.Answer(r.T("core.lang_set"))
	r.ReplyEdit(r.T("core.lang_set"))
	if r.Staff != nil {
		b.setChatMenu(r)
	}
	return nil
}

// redeemInvite links the sender's account to the invite's NIP.
func (b *Bot) redeemInvite(r *Request) error {
	inv, err := r.Tx.Invite(r.Ctx, HashInviteCode(r.Text))
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.Reply(r.T("core.invite_invalid"))
		return nil
	} else if err != nil {
		return err
	}
	switch {
	case r.Staff != nil && r.Staff.NIP == inv.NIP:
		r.Reply(r.T("core.already_linked_same", r.Staff.Name))
		return nil
	case r.Staff != nil:
		r.Reply(r.T("core.already_linked_other", r.Staff.NIP))
		return nil
	case !inv.UsedAt.IsZero():
		r.Reply(r.T("core.invite_used"))
		return nil
	case !r.Now.Before(inv.ExpiresAt):
		r.Reply(r.T("core.invite_expired"))
		return nil
	}
	st, err := r.Tx.Staff(r.Ctx, inv.NIP)
	if err != nil {
		return err
	}
	if st.Linked() {
		r.Reply(r.T("core.nip_linked_elsewhere"))
		return nil
	}
	if err := r.Tx.MarkInviteUsed(r.Ctx, inv.Code, r.From.ID, r.Now); err != nil {
		return err
	}
	if err := r.Tx.LinkTelegram(r.Ctx, st.NIP, r.From.ID); err != nil {
		return err
	}
	st.TelegramID = r.From.ID
	r.Staff = st
	b.setChatMenu(r)
	return greet(r, r.T("core.linked", st.Name, st.NIP, Raw(b.roleNames(r))), b.onLinked)
}
