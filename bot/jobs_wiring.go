package bot

// registerJobs adds /cuti (leave, so that people away get no reminders) and
// /ekspor (exports in chat for admins), which are still in this package on
// this branch. The scheduled jobs and the reminders' buttons moved to
// bot/jobs; when leave and export are features of their own, this file and
// its call in New go.
func (b *Bot) registerJobs() {
	b.registerLeave()
	b.registerExport()
}
