package bot

import "context"

type bulkKey struct{}

// Bulk marks ctx as carrying a bulk send (a reminder, a broadcast, a
// summary from the outbox) rather than a reply to someone who just wrote:
// the transport always paces bulk sends under Telegram's flood limits,
// and replies only when configured to or told to slow down (telegram's
// Config.PaceReplies).
func Bulk(ctx context.Context) context.Context { return context.WithValue(ctx, bulkKey{}, true) }

// IsBulk reports whether ctx was marked by Bulk.
func IsBulk(ctx context.Context) bool {
	v, _ := ctx.Value(bulkKey{}).(bool)
	return v
}
