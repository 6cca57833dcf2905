package telegram

import (
	"errors"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Permanent reports whether an error returned by Send is a refusal that
// sending the same message again will not change: a 4xx answer other than
// 429 (a bad request, a method the server does not offer). A queue uses it
// to give up on such a message at once instead of retrying it for an hour
// while it holds back the rest of its chat. Transport errors, 429 and 5xx
// are not permanent.
func Permanent(err error) bool {
	var te *tgbotapi.Error
	if err == nil || !errors.As(err, &te) || te.RetryAfter > 0 {
		return false
	}
	switch {
	case te.Code == 429:
		return false
	case te.Code >= 400 && te.Code < 500:
		return true
	case te.Code == 0:
		// The library leaves Code 0 on the multipart upload path (photos,
		// documents): Telegram's description names the class instead.
		for _, p := range []string{"Bad Request", "Forbidden", "Not Found", "Unauthorized"} {
			if strings.HasPrefix(te.Message, p) {
				return true
			}
		}
	}
	return false
}
