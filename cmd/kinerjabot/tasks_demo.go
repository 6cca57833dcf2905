package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// Demo unit groups.
const (
	demoGroupPKM      = -1001001
	demoGroupDukcapil = -1001002
)

// sceneReminders: a report left pending brings its assessor a reminder,
// which she snoozes and then opens; Budi records his leave; the staff with
// no report in the last working days are reminded, Budi (away) is not. The
// jobs run as the scheduler would ("jobs run") and the bot's outbox sender
// delivers them.
func sceneReminders(ctx context.Context, d *demo) error {
	if err := d.reminderPart(ctx); err != nil {
		return err
	}
	d.narrate("Budi akan cuti; selama cuti ia tidak menerima pengingat / Budi records his leave; no reminders reach him then:")
	if err := d.say("budi", "/cuti"); err != nil {
		return err
	}
	if err := d.press("budi", "➕"); err != nil {
		return err
	}
	if err := d.press("budi", "cuti.tomorrow"); err != nil {
		return err
	}
	end := kinerja.Day(d.a.now(), d.a.cfg.Location()).AddDate(0, 0, 3)
	if err := d.say("budi", fmt.Sprintf("%d-%d-%d", end.Day(), end.Month(), end.Year())); err != nil {
		return err
	}
	sari := d.users["sari"].ID
	before := len(d.fake.Messages(sari))
	return d.runJob(ctx, jobs.RemindReporting, d.nextWorkingMorning().Add(6*time.Hour), func(f *fakeapi.Fake) bool {
		return len(f.Messages(sari)) > before
	})
}

// sceneWeekly: the units' groups are registered and get the week's summary.
func sceneWeekly(ctx context.Context, d *demo) error {
	for code, chat := range map[string]int64{"PKM-TGR": demoGroupPKM, "DUKCAPIL": demoGroupDukcapil} {
		u, err := d.db.Unit(ctx, code)
		if err != nil {
			return err
		}
		u.GroupChatID = chat
		if _, err := d.db.PutUnit(ctx, u); err != nil {
			return err
		}
		d.mu.Lock()
		d.names[chat] = "Grup " + u.Name
		d.mu.Unlock()
	}
	d.narrate("Grup Telegram Puskesmas Tanah Garam dan Dukcapil terdaftar untuk ringkasan / the units' groups are set for summaries.")
	loc := d.a.cfg.Location()
	monday := kinerja.Day(d.a.now(), loc).AddDate(0, 0, 1)
	for monday.Weekday() != time.Monday {
		monday = monday.AddDate(0, 0, 1)
	}
	before := len(d.fake.Messages(demoGroupPKM))
	return d.runJob(ctx, jobs.SummaryWeekly, monday.Add(7*time.Hour+30*time.Minute), func(f *fakeapi.Fake) bool {
		return len(f.Messages(demoGroupPKM)) > before
	})
}

// sceneMonthly: citizens rated Dukcapil too, so the chart compares two
// units; the monthly summary goes to the groups with the chart.
func sceneMonthly(ctx context.Context, d *demo) error {
	loc := d.a.cfg.Location()
	for i := range 12 {
		r := &kinerja.SurveyResponse{UnitCode: "DUKCAPIL", Day: kinerja.Day(d.a.now(), loc), Answers: map[string]int{}}
		for k := range 9 {
			r.Answers["U"+strconv.Itoa(k+1)] = 3 + (i+k)%2
		}
		if err := d.db.AddSurveyResponse(ctx, r); err != nil {
			return err
		}
	}
	d.narrate("12 warga juga menilai Dukcapil bulan ini / 12 citizens also rated Dukcapil this month.")
	month := kinerja.MonthOf(d.a.now(), loc)
	first := month.Next().Start(loc).Add(8 * time.Hour)
	pkm, dukcapil := len(d.fake.Messages(demoGroupPKM)), len(d.fake.Messages(demoGroupDukcapil))
	return d.runJob(ctx, jobs.SummaryMonthly, first, func(f *fakeapi.Fake) bool {
		return len(f.Messages(demoGroupPKM)) >= pkm+2 && len(f.Messages(demoGroupDukcapil)) >= dukcapil+2
	})
}

// reminderPart sends a report that the assessor leaves pending, runs the
// next working morning's approval reminder, and has the assessor snooze it
// and open the approvals from its button.
func (d *demo) reminderPart(ctx context.Context) error {
	d.narrate("Budi mengirim laporan; dr. Rina belum sempat memutuskan / Budi sends a report; dr. Rina does not decide yet:")
	for _, step := range []func() error{
		func() error { return d.say("budi", "/lapor") },
		func() error { return d.press("budi", "PKM-PRW-01") },
		func() error { return d.say("budi", "8") },
		func() error { return d.press("budi", "rpt.btn_today") },
		func() error { return d.say("budi", "Asuhan keperawatan 8 pasien poli lansia.") },
		func() error { return d.press("budi", "rpt.btn_ev_skip") },
		func() error { return d.press("budi", "rpt.btn_send") },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	before := len(d.fake.Messages(d.users["rina"].ID))
	if err := d.runJob(ctx, jobs.RemindApprovals, d.nextWorkingMorning(), func(f *fakeapi.Fake) bool {
		return len(f.Messages(d.users["rina"].ID)) > before
	}); err != nil {
		return err
	}
	if err := d.press("rina", "⏰"); err != nil {
		return err
	}
	return d.press("rina", "📂")
}

// jobs returns the scheduled jobs over the demo's database, without a bot,
// as "jobs run" runs them.
func (d *demo) jobs() *jobs.Service {
	fs, _, err := d.a.features(d.a.deps(d.db))
	if err != nil {
		panic(err) // the same features already started the demo's bot
	}
	for _, f := range fs {
		if j, ok := f.(*jobs.Service); ok {
			return j
		}
	}
	panic("no scheduled jobs among the features")
}

// nextWorkingMorning is 08:00 of the next working day after today.
func (d *demo) nextWorkingMorning() time.Time {
	loc := d.a.cfg.Location()
	cal := kinerja.NewCalendar(loc, d.a.cfg.holidays)
	day := kinerja.Day(d.a.now(), loc).AddDate(0, 0, 1)
	for !cal.WorkingDay(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(8 * time.Hour)
}

// runJob runs a job as if at instant at, prints what "jobs run" prints,
// and waits until the running bot's sender has delivered (delivered holds).
func (d *demo) runJob(ctx context.Context, name string, at time.Time, delivered func(*fakeapi.Fake) bool) error {
	d.narrate("Penjadwal menjalankan / the scheduler runs: kinerjabot jobs run %s --at %s", name, at.Format(time.RFC3339))
	res, err := d.jobs().RunAt(ctx, name, at)
	if err != nil {
		return err
	}
	var out strings.Builder
	printJobResult(&app{cfg: d.a.cfg, stdout: &out}, res)
	for _, line := range strings.Split(strings.TrimRight(out.String(), "\n"), "\n") {
		d.narrate("%s", line)
	}
	if !res.Queued || len(res.Messages) == 0 {
		return fmt.Errorf("%s queued nothing: %s", name, res.Skipped)
	}
	if !d.fake.WaitFor(15*time.Second, delivered) {
		return fmt.Errorf("the outbox did not deliver %s in 15 s", name)
	}
	return nil
}
