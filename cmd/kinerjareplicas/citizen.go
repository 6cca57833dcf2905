package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// replyWait is how long a citizen waits for the bot's answer before
// giving up (the answer was lost, say, with a replica killed between its
// commit and its reply).
const replyWait = 30 * time.Second

// errNoReply is a citizen who gave up waiting.
var errNoReply = errors.New("no reply")

// citizen answers the survey as a person does: /start with the QR
// payload, nine answers and "Lewati", each after the bot's answer to the
// previous one (the flow of cmd/kinerjaload and skmload).
type citizen struct {
	fake     *fakeapi.Fake
	user     fakeapi.User
	inbox    chan fakeapi.Call
	sent     []int64       // update ids of the messages sent (presses have their own)
	answered *atomic.Int64 // replies received by every citizen, for progress
}

// thanks begins the survey message's last step, after the last answer.
const thanks = "Terima kasih"

// survey runs the whole survey; it returns how many updates were sent.
func (c *citizen) survey(payload string) (int, error) {
	c.sent = append(c.sent, c.fake.SendText(c.user, "/start "+payload))
	q, err := c.await("sendMessage", "svy:")
	if err != nil {
		return 1, err
	}
	msgID, buttons := q.MessageID, q.Buttons
	for step := 0; step <= 9; step++ {
		value, want := "skip", thanks
		if step < 9 {
			value, want = strconv.Itoa(1+(int(c.user.ID)+step)%4), "svy:"
		}
		data := find(buttons, ":"+value)
		if data == "" {
			return 1 + step, fmt.Errorf("no button %q at step %d", value, step)
		}
		c.fake.Press(c.user, msgID, data)
		e, err := c.await("editMessageText", want)
		if err != nil {
			return 2 + step, fmt.Errorf("step %d: %w", step, err)
		}
		buttons = e.Buttons
	}
	return 11, nil
}

// await waits for the bot's call of method to this chat whose text or
// buttons contain want.
func (c *citizen) await(method, want string) (fakeapi.Call, error) {
	timeout := time.After(replyWait)
	for {
		select {
		case call := <-c.inbox:
			if call.Method == method && (strings.Contains(call.Text, want) || find(call.Buttons, want) != "") {
				c.answered.Add(1)
				return call, nil
			}
		case <-timeout:
			return fakeapi.Call{}, fmt.Errorf("%w: no %s with %q in %s", errNoReply, method, want, replyWait)
		}
	}
}

// find returns the data of the first button whose data contains s.
func find(rows [][]fakeapi.Button, s string) string {
	for _, row := range rows {
		for _, b := range row {
			if strings.Contains(b.Data, s) {
				return b.Data
			}
		}
	}
	return ""
}
