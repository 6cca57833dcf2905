package kinerja

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
)

// AuditEntry is one record of the append-only audit log: who did what to
// which thing, when, with the thing before and after. Entries form a hash
// chain: each holds the hash of the previous entry, and its own hash covers
// that link and its content, so altering, removing or reordering any entry
// breaks the chain from there on.
type AuditEntry struct {
	Seq      int64 // 1, 2, 3… with no gaps
	At       time.Time
	ActorNIP string // "" for the system itself (e.g. evidence hashing)
	Action   string // e.g. "report.create", "report.approve"
	Entity   string // e.g. "report"
	EntityID string
	Before   string // canonical JSON of the thing before, "" when it is new
	After    string // canonical JSON after, "" when it is gone
	PrevHash string // Hash of entry Seq-1; "" for the first entry
	Hash     string // hex SHA-256 of PrevHash and the canonical content
}

// AuditStore keeps the audit log. Appends serialize on the chain head, so
// two concurrent transactions can never fork the chain.
type AuditStore interface {
	// AppendAudit appends e in the current transaction, setting e.Seq,
	// e.PrevHash and e.Hash from the chain head.
	AppendAudit(ctx context.Context, e *AuditEntry) error
	// AuditEntries returns up to limit entries with Seq > after, by Seq.
	AuditEntries(ctx context.Context, after int64, limit int) ([]*AuditEntry, error)
	// AuditHead returns the recorded head of the chain: the last Seq and its
	// hash (0 and "" for an empty log).
	AuditHead(ctx context.Context) (seq int64, hash string, err error)
}

// AuditHash returns the hash an entry must carry: SHA-256 over the previous
// hash, a newline, and the canonical JSON of the content (fixed key order,
// the instant as Unix milliseconds).
func AuditHash(e *AuditEntry) string {
	content := struct {
		Seq      int64  `json:"seq"`
		At       int64  `json:"at"`
		Actor    string `json:"actor"`
		Action   string `json:"action"`
		Entity   string `json:"entity"`
		EntityID string `json:"entity_id"`
		Before   string `json:"before"`
		After    string `json:"after"`
	}{e.Seq, e.At.UnixMilli(), e.ActorNIP, e.Action, e.Entity, e.EntityID, e.Before, e.After}
	b, _ := json.Marshal(content) // cannot fail: plain fields only
	h := sha256.New()
	h.Write([]byte(e.PrevHash))
	h.Write([]byte{'\n'})
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil))
}

// AuditShortHead is how many hex digits of the head hash are published
// (the monthly summary) and the fewest VerifyAuditTo accepts: 64 bits, so
// a forged chain reaching a published head would take a second preimage.
const AuditShortHead = 16

// ShortHead returns the published form of a head hash: its first
// AuditShortHead digits.
func ShortHead(hash string) string {
	if len(hash) > AuditShortHead {
		return hash[:AuditShortHead]
	}
	return hash
}

// AuditVerdict is the outcome of walking the audit chain.
type AuditVerdict struct {
	Count    int64  // entries walked
	HeadSeq  int64  // Seq of the last entry
	HeadHash string // its hash: keep it elsewhere to detect a rewritten log
	// BrokenSeq is the first entry found altered, removed or out of order;
	// 0 when the chain is intact.
	BrokenSeq int64
	// Problem says what is wrong at BrokenSeq: "altered" (content does not
	// match its hash), "removed" (an entry is missing), or "reordered" (the
	// link to the previous entry is broken).
	Problem string
	// Anchor is the head recorded elsewhere that the chain must reach (""
	// for none), and AnchorSeq the entry that has it: 0 when no entry of
	// the intact chain does, which means entries were cut off the end (and
	// the head reset to match) or the chain was rewritten.
	Anchor    string
	AnchorSeq int64
}

// OK reports whether the chain is intact and reaches its anchor.
func (v *AuditVerdict) OK() bool { return v.BrokenSeq == 0 && !v.AnchorMissing() }

// AnchorMissing reports whether an anchor was given and the intact chain
// does not reach it.
func (v *AuditVerdict) AnchorMissing() bool {
	return v.Anchor != "" && v.AnchorSeq == 0 && v.BrokenSeq == 0
}

// ValidAnchor reports whether head can anchor the chain: lower-case hex, at
// least AuditShortHead digits, at most a whole SHA-256.
func ValidAnchor(head string) bool {
	if len(head) < AuditShortHead || len(head) > 64 {
		return false
	}
	for _, c := range head {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// VerifyAudit walks the whole chain in order and reports the first entry
// that was altered, removed or reordered. It also checks the recorded head,
// so that entries cut off the end are noticed.
func VerifyAudit(ctx context.Context, s AuditStore) (*AuditVerdict, error) {
	return VerifyAuditTo(ctx, s, "")
}

// VerifyAuditTo is VerifyAudit that also requires the chain to reach
// anchor: a head hash (or its first AuditShortHead digits or more) kept
// outside the database, as the monthly summary publishes it. A chain cut
// back and its head reset to match is intact in itself; only a head kept
// elsewhere shows what is gone.
func VerifyAuditTo(ctx context.Context, s AuditStore, anchor string) (*AuditVerdict, error) {
	anchor = strings.ToLower(strings.TrimSpace(anchor))
	if anchor != "" && !ValidAnchor(anchor) {
		return nil, Errorf(EInvalid, "audit.head_bad", anchor, AuditShortHead)
	}
	v := &AuditVerdict{Anchor: anchor}
	prev, expect := "", int64(1)
	for {
		page, err := s.AuditEntries(ctx, expect-1, 1000)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			switch {
			case e.Seq != expect:
				v.BrokenSeq, v.Problem = expect, "removed"
			case e.PrevHash != prev:
				v.BrokenSeq, v.Problem = e.Seq, "reordered"
			case AuditHash(e) != e.Hash:
				v.BrokenSeq, v.Problem = e.Seq, "altered"
			}
			if v.BrokenSeq != 0 {
				return v, nil
			}
			if anchor != "" && v.AnchorSeq == 0 && strings.HasPrefix(e.Hash, anchor) {
				v.AnchorSeq = e.Seq
			}
			v.Count++
			v.HeadSeq, v.HeadHash = e.Seq, e.Hash
			prev, expect = e.Hash, expect+1
		}
		if len(page) < 1000 {
			break
		}
	}
	headSeq, headHash, err := s.AuditHead(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case headSeq > v.HeadSeq:
		v.BrokenSeq, v.Problem = v.HeadSeq+1, "removed"
	case headSeq < v.HeadSeq:
		// Entries past the recorded head were added outside AppendAudit.
		v.BrokenSeq, v.Problem = headSeq+1, "altered"
	case headHash != v.HeadHash:
		// The last entry was rewritten together with its own hash.
		v.BrokenSeq, v.Problem = v.HeadSeq, "altered"
	}
	return v, nil
}

// AuditRule says which audit entries a kind of record must have: every
// record of Entity in one of Statuses needs an entry with one of Actions.
// The features write those entries in the transaction that makes the
// change, so a record without one means entries were deleted (or the
// tables written behind the program's back).
type AuditRule struct {
	Kind     string // names the rule in messages: "report.approved"
	Entity   string // "report", "evaluation" or "objection", as in AuditEntry.Entity
	Statuses []string
	Actions  []string
}

// AuditRules are the decisions (and the records they decide on) that the
// audit log must cover.
var AuditRules = []AuditRule{
	{"report.pending", "report", []string{string(ReportPending)}, []string{"report.create", "report.edit", "report.resubmit"}},
	{"report.approved", "report", []string{string(ReportApproved)}, []string{"report.approve"}},
	{"report.rejected", "report", []string{string(ReportRejected)}, []string{"report.reject"}},
	{"report.returned", "report", []string{string(ReportReturned)}, []string{"report.return"}},
	{"report.withdrawn", "report", []string{string(ReportWithdrawn)}, []string{"report.withdraw"}},
	{"evaluation.final", "evaluation", []string{string(EvalFinal)}, []string{"evaluation.confirm"}},
	{"objection.filed", "objection", []string{string(ObjectionOpen), string(ObjectionExplaining),
		string(ObjectionUpheld), string(ObjectionChanged)}, []string{"objection.create"}},
	{"objection.upheld", "objection", []string{string(ObjectionUpheld)}, []string{"objection.uphold"}},
	{"objection.changed", "objection", []string{string(ObjectionChanged)}, []string{"objection.change"}},
}

// AuditCoverage is how one rule stands: the records it applies to and how
// many of them have no audit entry.
type AuditCoverage struct {
	Rule      AuditRule
	Records   int64
	Uncovered int64
}

// AuditCoverageStore counts records against a rule.
type AuditCoverageStore interface {
	// AuditCoverage returns how many records the rule applies to and how
	// many of them have no entry with one of its actions.
	AuditCoverage(ctx context.Context, rule AuditRule) (records, uncovered int64, err error)
}

// CheckAuditCoverage applies every AuditRule and returns the rules some
// records break, in the order of AuditRules; none when the log covers the
// tables.
func CheckAuditCoverage(ctx context.Context, s AuditCoverageStore) ([]AuditCoverage, error) {
	var out []AuditCoverage
	for _, r := range AuditRules {
		n, missing, err := s.AuditCoverage(ctx, r)
		if err != nil {
			return nil, err
		}
		if missing > 0 {
			out = append(out, AuditCoverage{Rule: r, Records: n, Uncovered: missing})
		}
	}
	return out, nil
}
