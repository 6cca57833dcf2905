package kinerja

import (
	"errors"
	"fmt"
)

// Error codes. They say what kind of failure happened; the message key says
// what to tell the user.
const (
	EInvalid   = "invalid"   // the input breaks a rule
	ENotFound  = "not_found" // the thing does not exist (or is not visible)
	EConflict  = "conflict"  // the state changed under the request
	EForbidden = "forbidden" // the user may not do this
	EInternal  = "internal"  // our fault; details are logged, not shown
)

// Error is an error meant for a civil servant. Key names a text in the
// bot's catalogue (so it can be shown in the user's language) and Args fill
// its placeholders. Anything internal is wrapped with %w instead and reaches
// the user only as a generic apology.
type Error struct {
	Code string
	Key  string
	Args []any
}

// Error implements error. The text is for logs; users see the translated Key.
func (e *Error) Error() string {
	if len(e.Args) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Key)
	}
	return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Args)
}

// Errorf returns an *Error with the given code, message key and arguments.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for
// any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EInternal
	}
}

// ErrorKey returns the message key of the first *Error in err's chain and its
// args, or ("", nil) when err carries no user message.
func ErrorKey(err error) (string, []any) {
	var e *Error
	if errors.As(err, &e) {
		return e.Key, e.Args
	}
	return "", nil
}
