package bot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"regexp"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// registerCore adds the commands every user has.
func (b *Bot) registerCore() {
	b.addCommand(&command{name: "start", help: "core.cmd_start", handle: b.cmdStart})
	b.addCommand(&command{name: "help", aliases: []string{"bantuan"}, help: "core.cmd_help", keepsFlow: true, handle: b.cmdHelp})
	b.addCommand(&command{name: "cancel", aliases: []string{"batal"}, help: "core.cmd_cancel", handle: b.cmdCancel})
	b.addCommand(&command{name: "bahasa", aliases: []string{"language"}, help: "core.cmd_bahasa", keepsFlow: true, handle: b.cmdLanguage})
	b.onCallback("lang", b.cbLanguage)
	b.onPayload(invitePrefix, b.redeemInvite)
}

// payloadPattern is what Telegram allows in a /start payload.
var payloadPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// cmdStart welcomes the user by role, or routes a deep-link payload.
func (b *Bot) cmdStart(r *Request) error {
	payload := r.Text
	if payload == "" {
		b.welcome(r)
		return nil
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

// welcome greets by role.
func (b *Bot) welcome(r *Request) {
	if r.Staff == nil {
		r.Reply(r.T("core.welcome_citizen"))
		return
	}
	r.Reply(r.T("core.welcome_staff", r.Staff.Name, Raw(b.roleNames(r))))
	b.setChatMenu(r)
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
		fmt.Fprintf(&sb, "\n/%s — %s", c.name, r.T(c.help))
		if c.example != "" {
			fmt.Fprintf(&sb, "\n   <i>%s</i>", r.T(c.example))
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
		{Text: "🇮🇩 Bahasa Indonesia", Data: "lang:id"},
		{Text: "🇬🇧 English", Data: "lang:en"},
	})
	return nil
}

// cbLanguage stores the chosen language.
func (b *Bot) cbLanguage(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) != 1 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	lang, ok := kinerja.ParseLang(args[0])
	if !ok || args[0] != string(lang) {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
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

// invitePrefix starts every invite code, so /start can route it.
const invitePrefix = "i_"

// hashCode is how invite codes are stored: a leaked database does not let
// anyone claim a NIP.
func hashCode(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// Invite creates a one-time code for nip and returns it with its deep link.
// A code carries 96 random bits and fits Telegram's start payload.
func (b *Bot) Invite(ctx context.Context, nip string) (code, link string, err error) {
	if _, err := b.store.Staff(ctx, nip); err != nil {
		return "", "", err
	}
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", "", err
	}
	code = invitePrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	now := b.now()
	inv := &kinerja.Invite{Code: hashCode(code), NIP: nip, CreatedAt: now, ExpiresAt: now.Add(b.cfg.InviteTTL)}
	if err := b.store.CreateInvite(ctx, inv); err != nil {
		return "", "", err
	}
	return code, b.DeepLink(code), nil
}

// DeepLink returns the t.me link that starts the bot with payload.
func (b *Bot) DeepLink(payload string) string {
	return fmt.Sprintf("https://t.me/%s?start=%s", b.cfg.BotUsername, payload)
}

// redeemInvite links the sender's account to the invite's NIP.
func (b *Bot) redeemInvite(r *Request) error {
	inv, err := r.Tx.Invite(r.Ctx, hashCode(r.Text))
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
	r.Reply(r.T("core.linked", st.Name, st.NIP, Raw(b.roleNames(r))))
	b.setChatMenu(r)
	return nil
}

// Unlink removes the Telegram link of a NIP (an admin action). The person's
// history stays; they need a new invite to link again.
func (b *Bot) Unlink(ctx context.Context, nip string) error {
	st, err := b.store.Staff(ctx, nip)
	if err != nil {
		return err
	}
	if !st.Linked() {
		return kinerja.Errorf(kinerja.EConflict, "err.not_linked_nip", nip)
	}
	if err := b.store.LinkTelegram(ctx, nip, 0); err != nil {
		return err
	}
	// Put the chat back to the everyone-menu; failure is harmless.
	if err := b.msg.SetCommands(ctx, MenuScope{ChatID: st.TelegramID}, b.menuFor(b.cfg.DefaultLang, nil)); err != nil {
		b.log.Debug("reset chat menu failed", "err", err)
	}
	return nil
}
