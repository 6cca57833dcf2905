package kinerja

import (
	"context"
	"time"
)

// Staff is a civil servant (PNS or PPPK) on the imported roster.
type Staff struct {
	NIP         string
	Name        string
	Position    string // jabatan
	UnitCode    string
	SuperiorNIP string // the assessor (pejabat penilai); "" for the top of the tree
	Admin       bool   // BKPSDM officer (roster column Peran = admin)
	TelegramID  int64  // 0 when no Telegram account is linked
}

// Linked reports whether a Telegram account is linked to s.
func (s *Staff) Linked() bool { return s != nil && s.TelegramID != 0 }

// Unit is an organisational unit (OPD, puskesmas, office).
type Unit struct {
	Code        string
	Name        string
	HeadNIP     string // the unit head; "" when unknown
	GroupChatID int64  // the unit's Telegram group for summaries; 0 when none
}

// SuperiorSpan records who was whose assessor, and when. To is zero while the
// relation holds.
type SuperiorSpan struct {
	NIP         string
	SuperiorNIP string
	From        time.Time
	To          time.Time
}

// UnitSpan records which unit a person belonged to, and when. To is zero
// while it holds.
type UnitSpan struct {
	NIP      string
	UnitCode string
	From     time.Time
	To       time.Time
}

// StaffFilter narrows ListStaff. Empty fields do not filter.
type StaffFilter struct {
	UnitCode    string
	SuperiorNIP string
	LinkedOnly  bool
}

// StaffStore keeps the roster. Changing a superior (or a unit) closes the
// old SuperiorSpan (UnitSpan) and opens a new one, so history is never lost.
type StaffStore interface {
	// Staff returns the person with that NIP, or an ENotFound *Error.
	Staff(ctx context.Context, nip string) (*Staff, error)
	// StaffByTelegram returns the person linked to a Telegram account, or ENotFound.
	StaffByTelegram(ctx context.Context, telegramID int64) (*Staff, error)
	// ListStaff returns the people matching f, ordered by unit then name.
	ListStaff(ctx context.Context, f StaffFilter) ([]*Staff, error)
	// PutStaff inserts or updates the roster fields of s (not its Telegram
	// link, language or leave) and reports whether anything changed.
	PutStaff(ctx context.Context, s *Staff, at time.Time) (changed bool, err error)
	// MoveStaff is PutStaff for a change that took effect at instant
	// effective (a roster's Tanggal Efektif, at or before at): a changed
	// unit or superior closes its open span and opens the next there. An
	// effective instant before the open span began is taken as its start.
	MoveStaff(ctx context.Context, s *Staff, at, effective time.Time) (changed bool, err error)
	// SuperiorAt returns the NIP of the person's assessor at instant t ("" if none).
	SuperiorAt(ctx context.Context, nip string, t time.Time) (string, error)
	// SuperiorHistory returns the spans of a person's assessors, oldest first.
	SuperiorHistory(ctx context.Context, nip string) ([]SuperiorSpan, error)
	// SuperiorSpansDuring returns the spans overlapping [from, to) whose
	// superior is one of superiors (any superior when none is given),
	// ordered by person and start: who was whose assessor within a period.
	SuperiorSpansDuring(ctx context.Context, from, to time.Time, superiors ...string) ([]SuperiorSpan, error)
	// UnitAt returns the code of the person's unit at instant t.
	UnitAt(ctx context.Context, nip string, t time.Time) (string, error)
	// UnitHistory returns the spans of a person's units, oldest first.
	UnitHistory(ctx context.Context, nip string) ([]UnitSpan, error)
	// LinkTelegram links a Telegram account to a NIP (telegramID 0 unlinks).
	// An account already linked to another NIP is an EConflict.
	LinkTelegram(ctx context.Context, nip string, telegramID int64) error
}

// UnitStore keeps the units.
type UnitStore interface {
	Unit(ctx context.Context, code string) (*Unit, error)
	ListUnits(ctx context.Context) ([]*Unit, error)
	// PutUnit inserts or updates u and reports whether anything changed.
	PutUnit(ctx context.Context, u *Unit) (changed bool, err error)
}

// Invite is a one-time code that lets one Telegram account claim one NIP.
type Invite struct {
	Code      string
	NIP       string
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    time.Time // zero while unused
	UsedBy    int64     // Telegram id that redeemed it
}

// InviteStore keeps invite codes.
type InviteStore interface {
	CreateInvite(ctx context.Context, inv *Invite) error
	// Invite returns the invite with that code, or ENotFound.
	Invite(ctx context.Context, code string) (*Invite, error)
	// MarkInviteUsed records the redemption; an already used code is EConflict.
	MarkInviteUsed(ctx context.Context, code string, telegramID int64, at time.Time) error
	// RevokeInvites makes every unused, unexpired invite of nip expire at
	// instant at, and returns how many it ended.
	RevokeInvites(ctx context.Context, nip string, at time.Time) (int64, error)
}
