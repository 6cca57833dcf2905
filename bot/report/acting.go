package report

import (
	"context"
	"strconv"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// Acting assessors (Plt/Plh): a report keeps the assessor of its author,
// and while someone acts in that assessor's post, what would go to the
// assessor (the decision message, the digest, the reminder, the approval
// list) goes to the acting one, who may decide. The decision records the
// acting one as decided_by next to the report's assessor, and the audit
// log gets an "acting" entry naming both.

// actingLister finds the acting assignments in force.
type actingLister interface {
	ListActing(ctx context.Context, f kinerja.ActingFilter) ([]*kinerja.Acting, error)
}

// recipient returns who receives, at t, what goes to assessor nip: the
// acting one while an assignment holds, nip otherwise.
func recipient(ctx context.Context, s actingLister, nip string, t time.Time, loc *time.Location) (string, error) {
	a, err := kinerja.ActingFor(ctx, s, nip, t, loc)
	if err != nil || a == nil {
		return nip, err
	}
	return a.ByNIP, nil
}

// actingFor returns the assignment under which the sender acts for
// assessor nip now, or nil.
func actingFor(r *bot.Request, nip string) (*kinerja.Acting, error) {
	if r.Staff == nil || nip == r.Staff.NIP {
		return nil, nil
	}
	a, err := kinerja.ActingFor(r.Ctx, r.Tx, nip, r.Now, r.Loc())
	if err != nil || a == nil || a.ByNIP != r.Staff.NIP {
		return nil, err
	}
	return a, nil
}

// mayDecideFor reports whether the sender may decide on reports whose
// assessor is nip: the assessor, the one acting for them, or an admin.
func mayDecideFor(r *bot.Request, nip string) (bool, error) {
	if r.Staff == nil {
		return false, nil
	}
	if nip == r.Staff.NIP || r.IsAdmin() {
		return true, nil
	}
	a, err := actingFor(r, nip)
	return a != nil, err
}

// auditActing records, next to a decision's own entry, that it was made by
// the acting one on behalf of the assessor.
func auditActing(r *bot.Request, rep *kinerja.Report, a *kinerja.Acting) error {
	after := `{"acting_id":` + strconv.FormatInt(a.ID, 10) + `,"by":"` + a.ByNIP + `","kind":"` + string(a.Kind) +
		`","on_behalf_of":"` + a.ForNIP + `","report_id":` + strconv.FormatInt(rep.ID, 10) + `}`
	return r.Tx.AppendAudit(r.Ctx, &kinerja.AuditEntry{At: r.Now, ActorNIP: a.ByNIP, Action: "report.decided_acting",
		Entity: "report", EntityID: strconv.FormatInt(rep.ID, 10), After: after})
}

// nameOf returns the name of the person with that NIP, or the NIP.
func nameOf(r *bot.Request, nip string) string {
	if st, err := r.Tx.Staff(r.Ctx, nip); err == nil {
		return st.Name
	}
	return nip
}

func init() {
	bot.RegisterTexts(map[string][2]string{
		"err.acting_overlap": {
			"Sudah ada pelaksana untuk jabatan NIP %s yang tumpang tindih: NIP %s, %s s.d. %s. Akhiri penugasan itu dulu (/plt atau kinerjabot acting end) atau pilih tanggal lain.",
			"The post of NIP %s already has an acting assessor over overlapping days: NIP %s, %s to %s. End that assignment first (/plt or kinerjabot acting end) or choose other dates.",
		},
		"err.acting_not_found": {"Tidak ada penugasan pelaksana nomor %d.", "There is no acting assignment number %d."},
		"err.acting_ended":     {"Penugasan pelaksana nomor %d sudah diakhiri.", "Acting assignment number %d has already ended."},
		"err.acting_self":      {"Seseorang tidak dapat menjadi pelaksana untuk dirinya sendiri.", "A person cannot act for themselves."},
		"err.acting_dates":     {"Tanggal tidak valid: gunakan YYYY-MM-DD, dan tanggal akhir tidak boleh sebelum tanggal mulai.", "Invalid dates: use YYYY-MM-DD, and the end may not be before the start."},
		"err.acting_kind":      {"Jenis penugasan harus plt atau plh (tertulis %q).", "The kind must be plt or plh (found %q)."},
	})
}
