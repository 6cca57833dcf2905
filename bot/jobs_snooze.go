package bot

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Callback data of the reminders' buttons: "snooze:<outbox id>:h|m" asks
// for the reminder again in an hour or tomorrow morning; "run:<command>"
// opens a command, as typing it would.
const (
	snoozePrefix  = "snooze"
	snoozeHour    = "h"
	snoozeMorning = "m"
	runPrefix     = "run"
	// JobSnooze is the job name of the copies "remind me later" queues.
	JobSnooze = "snooze"
	// snoozeMorningHour is when "tomorrow morning" is, local time.
	snoozeMorningHour = 7
)

// registerJobs adds what the scheduled messages need in conversation: the
// "remind me later" and "open" buttons of reminders, /cuti (leave, so that
// people away get no reminders) and /ekspor (exports in chat for admins).
func (b *Bot) registerJobs() {
	b.onCallback(snoozePrefix, b.cbSnooze)
	b.onCallback(runPrefix, b.cbRunCommand)
}

// cbSnooze queues a copy of a reminder for later. Only the person the
// reminder was sent to may snooze it; the button's data is not trusted.
func (b *Bot) cbSnooze(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) != 2 || (args[1] != snoozeHour && args[1] != snoozeMorning) {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	id, err := strconv.ParseInt(args[0], 10, 64)
	if err != nil {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	m, err := r.Tx.OutboxMessage(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		r.Answer(r.T("core.stale_button"))
		return nil
	} else if err != nil {
		return err
	}
	if m.ChatID != r.From.ID || r.ChatID != m.ChatID {
		r.Answer(r.T("jobs.snooze_not_yours"))
		return nil
	}
	loc := r.Loc()
	until := r.Now.Add(time.Hour).Truncate(time.Minute)
	when := r.T("jobs.snooze_at", until.In(loc).Format("15.04"))
	if args[1] == snoozeMorning {
		d := r.Today().AddDate(0, 0, 1)
		until = time.Date(d.Year(), d.Month(), d.Day(), snoozeMorningHour, 0, 0, 0, loc)
		when = r.T("jobs.snooze_tomorrow", jobDate(r.Lang, until), until.Format("15.04"))
	}
	later := &kinerja.OutboxMessage{ChatID: m.ChatID, NIP: m.NIP, Label: m.Label, Text: m.Text, Buttons: m.Buttons,
		Photo: m.Photo, Document: m.Document, FileName: m.FileName, NotBefore: until, CreatedAt: r.Now}
	// One copy per reminder, choice and day: pressing twice queues once.
	slot := fmt.Sprintf("%d:%s:%s", id, args[1], kinerja.DayString(r.Now, loc))
	queued, err := r.Tx.EnqueueRun(r.Ctx, &kinerja.JobRun{Job: JobSnooze, Slot: slot, At: r.Now}, []*kinerja.OutboxMessage{later})
	if err != nil {
		return err
	}
	if !queued {
		r.Answer(r.T("jobs.snooze_already"))
		return nil
	}
	r.Answer(r.T("jobs.snooze_set", Raw(when)))
	r.ReplyEdit(m.Text+"\n\n"+r.T("jobs.snoozed_note", Raw(when)), withoutSnooze(m.Buttons)...)
	return nil
}

// withoutSnooze returns a reminder's buttons minus its snooze row, for the
// edited original: the copy to come carries its own.
func withoutSnooze(rows [][]kinerja.OutboxButton) [][]Button {
	var out [][]Button
	for _, row := range rows {
		var keep []Button
		for _, btn := range row {
			if !strings.HasPrefix(btn.Data, snoozePrefix+":") {
				keep = append(keep, Button{Text: btn.Text, Data: btn.Data, URL: btn.URL})
			}
		}
		if len(keep) > 0 {
			out = append(out, keep)
		}
	}
	return out
}

// cbRunCommand opens a command from a reminder's button, with the same
// role checks as typing it. The reminder itself is left as it is: the
// command answers in a new message.
func (b *Bot) cbRunCommand(r *Request) error {
	args := callbackArgs(r.Callback.Data)
	if len(args) != 1 {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	if _, ok := b.commands[args[0]]; !ok {
		r.Answer(r.T("core.stale_button"))
		return nil
	}
	cb := r.Callback
	r.Callback = nil // so ReplyEdit in the command does not overwrite the reminder
	defer func() { r.Callback = cb }()
	return b.routeCommand(r, args[0], "")
}
