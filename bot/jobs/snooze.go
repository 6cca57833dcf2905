package jobs

import (
	"fmt"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Callback data of the reminders' buttons, unchanged from before the
// registry: "snooze:<outbox id>:h|m" asks for the reminder again in an
// hour or tomorrow morning; "run:<command>" opens a command, as typing it
// would.
var (
	snoozeButtons = bot.Buttons{Prefix: "snooze"}
	runButtons    = bot.Buttons{Prefix: "run"}
)

const (
	snoozeHour    = "h"
	snoozeMorning = "m"
	// Snooze is the job name of the copies "remind me later" queues.
	Snooze = "snooze"
	// snoozeMorningHour is when "tomorrow morning" is, local time.
	snoozeMorningHour = 7
)

// openCommands are the commands a reminder's "open" button may run: the
// ones the reminders link to.
var openCommands = []string{"persetujuan", "nilai", "lapor"}

// Register implements bot.Feature: the "remind me later" and "open"
// buttons of reminders.
func (s *Service) Register(b *bot.Bot) {
	b.ButtonsByValue(snoozeButtons, 2, s.pressSnooze)
	for _, c := range openCommands {
		b.Button(bot.ButtonSpec{Buttons: runButtons, Action: c, Handle: pressOpen})
	}
}

// snoozeRow is the "remind me later" row of a reminder. {id} becomes the
// message's own ID when it is sent.
func snoozeRow(lang kinerja.Lang) []kinerja.OutboxButton {
	return []kinerja.OutboxButton{
		{Text: bot.T(lang, "jobs.snooze_hour"), Data: snoozeButtons.Data("{id}", snoozeHour)},
		{Text: bot.T(lang, "jobs.snooze_morning"), Data: snoozeButtons.Data("{id}", snoozeMorning)},
	}
}

// openRow is a button that opens a command. A build without the command
// answers its press as stale; the reminder that links to it only runs when
// its feature's data source is there.
func openRow(lang kinerja.Lang, command, key string) []kinerja.OutboxButton {
	return []kinerja.OutboxButton{{Text: bot.T(lang, key), Data: runButtons.Data(command)}}
}

// pressSnooze queues a copy of a reminder for later. Only the person the
// reminder was sent to may snooze it; the button's data is not trusted.
func (s *Service) pressSnooze(r *bot.Request) error {
	choice := r.Args[1]
	id, ok := r.ArgInt(0)
	if !ok || (choice != snoozeHour && choice != snoozeMorning) {
		return r.Stale()
	}
	m, err := r.Tx.OutboxMessage(r.Ctx, id)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		return r.Stale()
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
	if choice == snoozeMorning {
		d := r.Today().AddDate(0, 0, 1)
		until = time.Date(d.Year(), d.Month(), d.Day(), snoozeMorningHour, 0, 0, 0, loc)
		when = r.T("jobs.snooze_tomorrow", longDate(r.Lang, until), until.Format("15.04"))
	}
	later := &kinerja.OutboxMessage{ChatID: m.ChatID, NIP: m.NIP, Label: m.Label, Text: m.Text, Buttons: m.Buttons,
		Photo: m.Photo, Document: m.Document, FileName: m.FileName, NotBefore: until, CreatedAt: r.Now}
	// One copy per reminder, choice and day: pressing twice queues once.
	slot := fmt.Sprintf("%d:%s:%s", id, choice, kinerja.DayString(r.Now, loc))
	queued, err := r.Tx.EnqueueRun(r.Ctx, &kinerja.JobRun{Job: Snooze, Slot: slot, At: r.Now}, []*kinerja.OutboxMessage{later})
	if err != nil {
		return err
	}
	if !queued {
		r.Answer(r.T("jobs.snooze_already"))
		return nil
	}
	r.Answer(r.T("jobs.snooze_set", bot.Raw(when)))
	r.ReplyEdit(m.Text+"\n\n"+r.T("jobs.snoozed_note", bot.Raw(when)), withoutSnooze(m.Buttons)...)
	return nil
}

// withoutSnooze returns a reminder's buttons minus its snooze row, for the
// edited original: the copy to come carries its own.
func withoutSnooze(rows [][]kinerja.OutboxButton) [][]bot.Button {
	var out [][]bot.Button
	for _, row := range rows {
		var keep []bot.Button
		for _, btn := range row {
			if !strings.HasPrefix(btn.Data, snoozeButtons.Prefix+":") {
				keep = append(keep, bot.Button{Text: btn.Text, Data: btn.Data, URL: btn.URL})
			}
		}
		if len(keep) > 0 {
			out = append(out, keep)
		}
	}
	return out
}

// pressOpen opens a command from a reminder's button, with the same role
// checks as typing it. The reminder itself is left as it is.
func pressOpen(r *bot.Request) error {
	_, action, _ := strings.Cut(r.Callback.Data, ":")
	found, err := r.Bot().RunCommand(r, action)
	if !found {
		return r.Stale()
	}
	return err
}
