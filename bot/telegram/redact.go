package telegram

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
)

// redacted replaces the token wherever it would otherwise appear.
const redacted = "<token>"

// newRedactor builds the replacer for the token in the forms it can take in
// text: as is (request URLs inside *url.Error), path- and query-escaped, and
// its secret half alone.
func newRedactor(token string) *strings.Replacer {
	forms := []string{token, url.PathEscape(token), url.QueryEscape(token)}
	if _, secret, ok := strings.Cut(token, ":"); ok && len(secret) >= 16 {
		forms = append(forms, secret)
	}
	var pairs []string
	for _, f := range forms {
		if f != "" {
			pairs = append(pairs, f, redacted)
		}
	}
	return strings.NewReplacer(pairs...)
}

// Redact returns s with the bot token removed. Anything that may contain a
// request URL (transport errors do) must pass through it before it is
// logged or shown; the client's own logger does this already.
func (c *Client) Redact(s string) string { return c.redact.Replace(s) }

// redactedError keeps the original error for errors.Is and errors.As but
// shows only redacted text, so callers may log it as they please.
type redactedError struct {
	text  string
	cause error
}

// Error returns the redacted text.
func (e *redactedError) Error() string { return e.text }

// Unwrap returns the original error, for errors.Is and errors.As.
func (e *redactedError) Unwrap() error { return e.cause }

// wrap prefixes err with the method and removes the token from its text.
func (c *Client) wrap(method string, err error) error {
	return &redactedError{text: c.Redact("telegram: " + method + ": " + err.Error()), cause: err}
}

// redactHandler is a slog.Handler that removes the token from the message
// and every attribute before passing the record on: a safety net behind the
// explicit redaction of errors.
type redactHandler struct {
	next slog.Handler
	r    *strings.Replacer
}

// Enabled defers to the wrapped handler.
func (h redactHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

// Handle redacts the record and passes it on.
func (h redactHandler) Handle(ctx context.Context, rec slog.Record) error {
	out := slog.NewRecord(rec.Time, rec.Level, h.r.Replace(rec.Message), rec.PC)
	rec.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(h.attr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

// WithAttrs redacts attributes fixed on a derived logger.
func (h redactHandler) WithAttrs(as []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(as))
	for i, a := range as {
		clean[i] = h.attr(a)
	}
	return redactHandler{h.next.WithAttrs(clean), h.r}
}

// WithGroup keeps redacting inside the group.
func (h redactHandler) WithGroup(name string) slog.Handler {
	return redactHandler{h.next.WithGroup(name), h.r}
}

// attr redacts one attribute. Values other than strings and groups are
// rendered to text only when their text holds the token.
func (h redactHandler) attr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, h.r.Replace(v.String()))
	case slog.KindGroup:
		g := v.Group()
		clean := make([]any, len(g))
		for i, ga := range g {
			clean[i] = h.attr(ga)
		}
		return slog.Group(a.Key, clean...)
	case slog.KindAny:
		var s string
		if err, ok := v.Any().(error); ok {
			s = err.Error()
		} else {
			s = fmt.Sprint(v.Any())
		}
		if r := h.r.Replace(s); r != s {
			return slog.String(a.Key, r)
		}
		if _, ok := v.Any().(error); ok {
			return slog.String(a.Key, s) // an error's text is what is logged anyway
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}
