package kinerja

import (
	"context"
	"time"
)

// Account is what the bot remembers of any Telegram user, linked or not.
type Account struct {
	TelegramID  int64
	Lang        Lang      // "" means the configured default
	Unreachable bool      // the last message to this user failed with 403
	UpdatedAt   time.Time // last change
}

// AccountStore keeps accounts.
type AccountStore interface {
	// Account returns the account, or ENotFound when the bot never saw it.
	Account(ctx context.Context, telegramID int64) (*Account, error)
	PutAccount(ctx context.Context, a *Account) error
}

// Session is the state of a multi-step dialogue in one private chat. It
// lives in the database so that a restart in the middle resumes it.
type Session struct {
	ChatID    int64
	Flow      string            // e.g. "report", "survey"; "" means idle
	Step      string            // the step within the flow
	Data      map[string]string // the answers so far
	MessageID int               // the bot message being edited in place, if any
	UpdatedAt time.Time
}

// SessionStore keeps dialogue sessions.
type SessionStore interface {
	// Session returns the chat's session, or ENotFound when it has none.
	Session(ctx context.Context, chatID int64) (*Session, error)
	PutSession(ctx context.Context, s *Session) error
	DeleteSession(ctx context.Context, chatID int64) error
	// IdleSessions returns the sessions last updated before the instant.
	IdleSessions(ctx context.Context, before time.Time) ([]*Session, error)
}

// ChatState is what handling an update first reads about its sender and
// chat: their account, the staff member they are linked to, and the chat's
// session; each nil when there is none.
type ChatState struct {
	Account *Account
	Staff   *Staff
	Session *Session
}

// ChatStateStore reads a ChatState in one query.
type ChatStateStore interface {
	// ChatState returns the account and staff member of Telegram user
	// userID and the session of chatID.
	ChatState(ctx context.Context, userID, chatID int64) (ChatState, error)
}

// UpdateLog remembers which Telegram updates were handled, so that a
// redelivered update has no second effect.
type UpdateLog interface {
	// UpdateSeen reports whether the update id was already handled.
	UpdateSeen(ctx context.Context, updateID int64) (bool, error)
	// MarkUpdate records the update id as handled at instant at.
	MarkUpdate(ctx context.Context, updateID int64, at time.Time) error
	// UpdatesSeen returns which of the ids were already handled, in one
	// query (a batch's updates).
	UpdatesSeen(ctx context.Context, ids []int64) (map[int64]bool, error)
	// MarkUpdates records the ids as handled at instant at, in one
	// statement per few dozen ids.
	MarkUpdates(ctx context.Context, ids []int64, at time.Time) error
	// PruneUpdates forgets ids handled before the instant and returns how many.
	PruneUpdates(ctx context.Context, before time.Time) (int64, error)
}

// SettingStore keeps small named values the program generates once, such as
// the survey HMAC secret.
type SettingStore interface {
	// Setting returns the value and whether it exists.
	Setting(ctx context.Context, key string) (string, bool, error)
	// Settings returns the values of those keys that exist, in one query.
	Settings(ctx context.Context, keys []string) (map[string]string, error)
	PutSetting(ctx context.Context, key, value string) error
}

// Tx is everything the bot may read or write in one transaction. Each feature
// adds its own small store here.
type Tx interface {
	StaffStore
	UnitStore
	InviteStore
	AccountStore
	SessionStore
	ChatStateStore
	UpdateLog
	SettingStore
	TargetStore
	ReportStore
	AuditStore
	JobStore
	SurveyStore
	EvaluationStore
	ObjectionStore
	ActingStore
	FollowUpStore
	PartRatingStore
	BudgetStore
}

// Store is the database. Its own methods run each in their own transaction;
// InTx runs fn in one transaction that commits when fn returns nil and rolls
// back otherwise.
type Store interface {
	Tx
	InTx(ctx context.Context, fn func(tx Tx) error) error
	Close() error
}
