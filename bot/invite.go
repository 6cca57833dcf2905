package bot

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// InvitePrefix starts every invite code, so /start can route it.
const InvitePrefix = "i_"

// HashInviteCode is how invite codes are stored: a leaked database does not
// let anyone claim a NIP.
func HashInviteCode(code string) string {
	sum := sha256.Sum256([]byte(code))
	return hex.EncodeToString(sum[:])
}

// InviteStore is what issuing invitations and unlinking accounts needs.
type InviteStore interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	CreateInvite(ctx context.Context, inv *kinerja.Invite) error
	RevokeInvites(ctx context.Context, nip string, at time.Time) (int64, error)
	LinkTelegram(ctx context.Context, nip string, telegramID int64) error
}

// Invite creates a one-time code for nip, valid for ttl from now, and
// ends the person's earlier unused codes unless keepEarlier (a link sent
// to the wrong place stops working once a new one is issued). A code
// carries 96 random bits and fits Telegram's start payload. It needs no
// chat: the admin's invite command calls it directly. revoked is how many
// earlier codes it ended.
func Invite(ctx context.Context, s InviteStore, nip string, now time.Time, ttl time.Duration, keepEarlier bool) (code string, revoked int64, err error) {
	if _, err := s.Staff(ctx, nip); err != nil {
		return "", 0, err
	}
	if !keepEarlier {
		if revoked, err = s.RevokeInvites(ctx, nip, now); err != nil {
			return "", 0, err
		}
	}
	var raw [12]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", 0, err
	}
	code = InvitePrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	inv := &kinerja.Invite{Code: HashInviteCode(code), NIP: nip, CreatedAt: now, ExpiresAt: now.Add(ttl)}
	if err := s.CreateInvite(ctx, inv); err != nil {
		return "", 0, err
	}
	return code, revoked, nil
}

// DeepLink returns the t.me link that starts the bot username with payload.
func DeepLink(username, payload string) string {
	return fmt.Sprintf("https://t.me/%s?start=%s", username, payload)
}

// Unlink removes the Telegram link of a NIP (an admin action). The person's
// history stays; they need a new invite to link again. Their chat menu goes
// back to the everyone-menu the next time they use the bot.
func Unlink(ctx context.Context, s InviteStore, nip string) error {
	st, err := s.Staff(ctx, nip)
	if err != nil {
		return err
	}
	if !st.Linked() {
		return kinerja.Errorf(kinerja.EConflict, "err.not_linked_nip", nip)
	}
	return s.LinkTelegram(ctx, nip, 0)
}

// Invite creates a one-time code for nip with the configured lifetime,
// ending the earlier unused ones, and returns it with its deep link.
func (b *Bot) Invite(ctx context.Context, nip string) (code, link string, err error) {
	code, _, err = Invite(ctx, b.store, nip, b.now(), b.cfg.InviteTTL, false)
	if err != nil {
		return "", "", err
	}
	return code, b.DeepLink(code), nil
}

// DeepLink returns the t.me link that starts this bot with payload.
func (b *Bot) DeepLink(payload string) string { return DeepLink(b.cfg.BotUsername, payload) }
