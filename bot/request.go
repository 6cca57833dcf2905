package bot

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Request is one update being handled, with everything a handler needs:
// the transaction, the clock reading, the sender's language, roster entry
// and dialogue session. Replies are queued and sent after the commit.
type Request struct {
	Update
	Ctx     context.Context
	Tx      kinerja.Tx
	Now     time.Time
	Lang    kinerja.Lang
	Staff   *kinerja.Staff   // nil when the sender is not linked
	Session *kinerja.Session // nil when no dialogue is open
	// Args are the arguments of a pressed button after its action, decoded
	// by the core from data a Buttons wrote.
	Args []string

	bot      *Bot
	out      []OutMessage
	answer   string
	answered bool // the button was answered before the batch was confirmed
	after    []func(ctx context.Context)
	assessor *bool

	// journaled says its replies are in the reply queue (durable.go),
	// to be deleted once sent.
	journaled bool
	// resumed says r was rebuilt from the reply queue after a restart: its
	// out is a filtered list of the queued rows, so it is marked sent only
	// whole (sentlog.go), never reply by reply.
	resumed bool
}

func (b *Bot) newRequest(ctx context.Context, tx kinerja.Tx, u Update, now time.Time) *Request {
	return &Request{Update: u, Ctx: ctx, Tx: tx, Now: now, Lang: b.cfg.DefaultLang, bot: b}
}

// T returns a text in the sender's language.
func (r *Request) T(key string, args ...any) string { return T(r.Lang, key, args...) }

// Reply queues a message to the update's chat.
func (r *Request) Reply(text string, buttons ...[]Button) {
	r.out = append(r.out, OutMessage{ChatID: r.ChatID, Text: text, Buttons: buttons})
}

// ReplyEdit edits the bot message the pressed button sits on (or, for a
// message update, the session's message) and falls back to a new message.
func (r *Request) ReplyEdit(text string, buttons ...[]Button) {
	id := 0
	switch {
	case r.Callback != nil:
		id = r.Callback.MessageID
	case r.Session != nil:
		id = r.Session.MessageID
	}
	r.out = append(r.out, OutMessage{ChatID: r.ChatID, Text: text, Buttons: buttons, EditID: id})
}

// Send queues a message to any chat (a notification to another person).
func (r *Request) Send(m OutMessage) { r.out = append(r.out, m) }

// Answer sets the short notice shown when a pressed button is answered.
func (r *Request) Answer(text string) { r.answer = text }

// After queues work to run after the commit, such as setting a command menu.
func (r *Request) After(f func(ctx context.Context)) { r.after = append(r.after, f) }

// Loc returns the configured time zone.
func (r *Request) Loc() *time.Location { return r.bot.cfg.Location }

// Today returns local midnight of the current day.
func (r *Request) Today() time.Time { return kinerja.Day(r.Now, r.bot.cfg.Location) }

// IsAdmin reports whether the sender is a linked admin.
func (r *Request) IsAdmin() bool { return r.Staff != nil && r.Staff.Admin }

// IsAssessor reports whether the sender assesses anyone now: has
// subordinates on the roster, acts today for an assessor (Plt/Plh), or
// still has reports waiting on their decision (a former assessor after a
// transfer, whose reports of the earlier days stay theirs).
func (r *Request) IsAssessor() bool {
	if r.Staff == nil {
		return false
	}
	if r.assessor == nil {
		subs, err := r.Tx.ListStaff(r.Ctx, kinerja.StaffFilter{SuperiorNIP: r.Staff.NIP})
		v := err == nil && len(subs) > 0
		if !v && err == nil {
			acts, err := r.Tx.ListActing(r.Ctx, kinerja.ActingFilter{ByNIP: r.Staff.NIP, Day: kinerja.DayOf(r.Now, r.Loc())})
			v = err == nil && len(acts) > 0
		}
		if !v && err == nil {
			n, err := r.Tx.CountReports(r.Ctx, kinerja.ReportFilter{AssessorNIP: r.Staff.NIP, Statuses: []kinerja.ReportStatus{kinerja.ReportPending}, Limit: 1})
			v = err == nil && n > 0
		}
		r.assessor = &v
	}
	return *r.assessor
}

// Roles returns every role the sender holds.
func (r *Request) Roles() []kinerja.Role {
	roles := []kinerja.Role{kinerja.RoleCitizen}
	if r.Staff != nil {
		roles = append(roles, kinerja.RoleStaff)
	}
	if r.IsAssessor() {
		roles = append(roles, kinerja.RoleAssessor)
	}
	if r.IsAdmin() {
		roles = append(roles, kinerja.RoleAdmin)
	}
	return roles
}

// HasRole reports whether the sender holds role.
func (r *Request) HasRole(role kinerja.Role) bool {
	switch role {
	case kinerja.RoleCitizen:
		return true
	case kinerja.RoleStaff:
		return r.Staff != nil
	case kinerja.RoleAssessor:
		return r.IsAssessor()
	case kinerja.RoleAdmin:
		return r.IsAdmin()
	}
	return false
}

// StartFlow opens (or replaces) the chat's dialogue.
func (r *Request) StartFlow(flow, step string, data map[string]string) {
	if data == nil {
		data = map[string]string{}
	}
	r.Session = &kinerja.Session{ChatID: r.ChatID, Flow: flow, Step: step, Data: data}
}

// SaveSession writes the session with the current time. Handlers call it
// after changing Step or Data.
func (r *Request) SaveSession() error {
	if r.Session == nil {
		return nil
	}
	r.Session.UpdatedAt = r.Now
	return r.Tx.PutSession(r.Ctx, r.Session)
}

// EndFlow closes the chat's dialogue.
func (r *Request) EndFlow() error {
	r.Session = nil
	return r.Tx.DeleteSession(r.Ctx, r.ChatID)
}

// Bot returns the bot handling the request.
func (r *Request) Bot() *Bot { return r.bot }

// Stale answers a press on a button that no longer applies (an old
// message, a decision already made, forged data) and changes nothing.
func (r *Request) Stale() error {
	r.Answer(r.T("core.stale_button"))
	return nil
}

// ArgInt returns button argument i as an integer; ok is false when it is
// missing or not a number.
func (r *Request) ArgInt(i int) (n int64, ok bool) {
	if i < 0 || i >= len(r.Args) {
		return 0, false
	}
	n, err := strconv.ParseInt(r.Args[i], 10, 64)
	return n, err == nil
}

// EndFlowIf closes the chat's dialogue if it is flow, so that a button
// pressed elsewhere abandons a reason being typed and a later message
// cannot land as the answer to a choice left behind.
func (r *Request) EndFlowIf(flow string) error {
	if r.Session != nil && r.Session.Flow == flow {
		return r.EndFlow()
	}
	return nil
}

// EndFlowWith ends the dialogue and tells the user what is wrong, when err
// is a user error (a person moved, a decision made meanwhile); any other
// error is returned to roll the update back. This is the one way a typed
// answer that can no longer apply becomes a reply.
func (r *Request) EndFlowWith(err error) error {
	key, args := kinerja.ErrorKey(err)
	if key == "" || kinerja.ErrorCode(err) == kinerja.EInternal {
		return err
	}
	if endErr := r.EndFlow(); endErr != nil {
		return endErr
	}
	r.Reply(r.T(key, args...))
	return nil
}

// ReplyError tells the user what is wrong with what they typed, when err
// is a user error, and keeps the dialogue open for a better answer; any
// other error is returned.
func (r *Request) ReplyError(err error, buttons ...[]Button) error {
	key, args := kinerja.ErrorKey(err)
	if key == "" || kinerja.ErrorCode(err) == kinerja.EInternal {
		return err
	}
	r.Reply(r.T(key, args...), buttons...)
	return nil
}
