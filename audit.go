package kinerja

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
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
}

// OK reports whether the chain is intact.
func (v *AuditVerdict) OK() bool { return v.BrokenSeq == 0 }

// VerifyAudit walks the whole chain in order and reports the first entry
// that was altered, removed or reordered. It also checks the recorded head,
// so that entries cut off the end are noticed.
func VerifyAudit(ctx context.Context, s AuditStore) (*AuditVerdict, error) {
	v := &AuditVerdict{}
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
