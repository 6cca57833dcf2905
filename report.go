package kinerja

import (
	"context"
	"encoding/json"
	"time"
)

// ReportStatus is where a work report stands. Only approved reports count
// toward realisation (DOMAIN.md §2).
type ReportStatus string

// Report statuses.
const (
	ReportPending   ReportStatus = "pending"   // menunggu: awaiting the assessor
	ReportApproved  ReportStatus = "approved"  // disetujui
	ReportRejected  ReportStatus = "rejected"  // ditolak: final
	ReportReturned  ReportStatus = "returned"  // dikembalikan: to be corrected and sent again
	ReportWithdrawn ReportStatus = "withdrawn" // ditarik by the staff member
)

// Report is a staff member's report of work done toward one target
// (laporan hasil kerja), with its evidence and the assessor's decision.
type Report struct {
	ID       int64
	NIP      string
	TargetID int64
	// WorkDate is the calendar day the work was done, "YYYY-MM-DD" in the
	// configured zone; the report belongs to that day's month.
	WorkDate    string
	Quantity    float64
	Description string
	Status      ReportStatus
	// AssessorNIP is the staff member's assessor when the report was sent;
	// only they (or an admin as delegate) may decide on it.
	AssessorNIP string
	DecidedBy   string    // NIP of whoever decided; "" while undecided
	DecidedAt   time.Time // zero while undecided
	// DecidedAsDelegate is true when an admin decided in the assessor's place.
	DecidedAsDelegate bool
	Reason            string // why it was rejected or returned
	CreatedAt         time.Time
	UpdatedAt         time.Time
	// Version grows by one with every update; UpdateReport refuses a stale
	// version, so two decisions (or an edit and a decision) cannot both win.
	Version  int
	Evidence []Evidence
}

// Period returns the month "YYYY-MM" of the work date.
func (r *Report) Period() string {
	if len(r.WorkDate) < 7 {
		return ""
	}
	return r.WorkDate[:7]
}

// Evidence is a photo or document attached to a report. The file stays on
// Telegram (FileID); its SHA-256 is computed once after the report is saved.
type Evidence struct {
	ReportID     int64
	FileID       string // to download or send the file again
	FileUniqueID string // stable across bots and time; identifies the file
	Kind         string // "photo" or "document"
	Name         string // the document's file name; "" for a photo
	Size         int64
	SHA256       string // hex; "" until the file has been downloaded
	// DuplicateOf is another report that already had the same file as
	// evidence (0 when none); the assessor is warned.
	DuplicateOf int64
}

// ReportFilter narrows ListReports and CountReports. Empty fields do not
// filter; Period matches the months it spans.
type ReportFilter struct {
	NIP         string
	AssessorNIP string
	TargetID    int64
	Period      Period
	Statuses    []ReportStatus
	// ChangedSince keeps the reports created or changed at or after it.
	ChangedSince time.Time
	Limit        int // 0 means no limit
	Offset       int
}

// ReportStore keeps work reports and their evidence.
type ReportStore interface {
	// CreateReport inserts r and its evidence, setting r.ID and r.Version.
	CreateReport(ctx context.Context, r *Report) error
	// Report returns the report with its evidence, or ENotFound.
	Report(ctx context.Context, id int64) (*Report, error)
	// UpdateReport writes r's fields (not its evidence) if the stored
	// version is still r.Version, and increments r.Version; otherwise it is
	// an EConflict (someone changed the report meanwhile).
	UpdateReport(ctx context.Context, r *Report) error
	// SetEvidence replaces a report's evidence, keeping the hashes already
	// computed for files that stay.
	SetEvidence(ctx context.Context, reportID int64, ev []Evidence) error
	// SetEvidenceHash stores the SHA-256 of one evidence file and returns
	// another report (not withdrawn) with the same file, or 0.
	SetEvidenceHash(ctx context.Context, reportID int64, fileUniqueID, sha256 string) (duplicateOf int64, err error)
	// ListReports returns the matching reports, oldest first, with evidence.
	ListReports(ctx context.Context, f ReportFilter) ([]*Report, error)
	// CountReports counts the matching reports, ignoring Limit and Offset.
	CountReports(ctx context.Context, f ReportFilter) (int, error)
}

// AuditJSON returns the report as canonical JSON for the audit log: fixed
// key order, instants as Unix milliseconds, evidence by file identity.
func (r *Report) AuditJSON() string {
	type ev struct {
		FileUniqueID string `json:"file_unique_id"`
		Kind         string `json:"kind"`
		Name         string `json:"name"`
	}
	snap := struct {
		ID          int64   `json:"id"`
		NIP         string  `json:"nip"`
		TargetID    int64   `json:"target_id"`
		WorkDate    string  `json:"work_date"`
		Quantity    float64 `json:"quantity"`
		Description string  `json:"description"`
		Status      string  `json:"status"`
		AssessorNIP string  `json:"assessor_nip"`
		DecidedBy   string  `json:"decided_by"`
		DecidedAt   int64   `json:"decided_at"`
		Delegate    bool    `json:"delegate"`
		Reason      string  `json:"reason"`
		Version     int     `json:"version"`
		Evidence    []ev    `json:"evidence"`
	}{
		ID: r.ID, NIP: r.NIP, TargetID: r.TargetID, WorkDate: r.WorkDate, Quantity: r.Quantity,
		Description: r.Description, Status: string(r.Status), AssessorNIP: r.AssessorNIP,
		DecidedBy: r.DecidedBy, DecidedAt: unixMilli(r.DecidedAt), Delegate: r.DecidedAsDelegate,
		Reason: r.Reason, Version: r.Version, Evidence: []ev{},
	}
	for _, e := range r.Evidence {
		snap.Evidence = append(snap.Evidence, ev{e.FileUniqueID, e.Kind, e.Name})
	}
	b, _ := json.Marshal(snap) // cannot fail: plain fields only
	return string(b)
}

// unixMilli is t in Unix milliseconds, 0 for the zero time.
func unixMilli(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}
