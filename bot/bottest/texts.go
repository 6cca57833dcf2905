package bottest

import (
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// CheckTexts fails for each text under prefix that lacks a language or
// whose English has other placeholders than its Indonesian.
func CheckTexts(tb testing.TB, prefix string) {
	tb.Helper()
	for _, p := range bot.CheckTexts(prefix) {
		tb.Error(p)
	}
}
