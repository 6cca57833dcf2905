package telegram

import (
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

func TestPermanent(t *testing.T) {
	e := newEnv(t)
	send := func() error {
		_, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x"})
		return err
	}
	photo := func() error {
		_, err := e.c.Send(ctx, bot.OutMessage{ChatID: ani.ID, Text: "x", Photo: []byte("png")})
		return err
	}
	for _, tc := range []struct {
		name   string
		setup  func()
		call   func() error
		perm   bool
		failed bool
	}{
		{"bad request", func() { e.f.FailNextWith("sendMessage", 1, 400, "Bad Request: can't parse entities") }, send, true, true},
		{"refused upload (Code 0 on the multipart path)", func() { e.f.FailNextWith("sendPhoto", 1, 400, "Bad Request: PHOTO_INVALID_DIMENSIONS") }, photo, true, true},
		{"server error after retries", func() { e.f.FailNext("sendMessage", maxAttempts, 500, 0) }, send, false, true},
		{"flood wait after retries", func() { e.f.FailNext("sendMessage", maxAttempts, 429, 1) }, send, false, true},
		{"success", func() {}, send, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			err := tc.call()
			if (err != nil) != tc.failed {
				t.Fatalf("err = %v", err)
			}
			if got := Permanent(err); got != tc.perm {
				t.Fatalf("Permanent(%v) = %v, want %v", err, got, tc.perm)
			}
		})
	}
}
