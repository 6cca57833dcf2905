package kinerja

import (
	"context"
	"strings"
	"testing"
	"time"
)

// The hash format is frozen: existing logs must keep verifying after an
// upgrade, so a change to the canonical content shows up here first. The
// pinned value is sha256 of "ab\n" + {"seq":2,"at":1793590000000,"actor":…}.
func TestAuditHashIsPinned(t *testing.T) {
	e := &AuditEntry{Seq: 2, At: time.UnixMilli(1793590000000), ActorNIP: "198502022010012002",
		Action: "report.approve", Entity: "report", EntityID: "7", Before: `{"a":1}`, After: `{"a":2}`, PrevHash: "ab"}
	got := AuditHash(e)
	if want := "08f7733a8107b4e7b315b1e45ae4d5918356bbb3ed607ca73e0f226413004fa7"; got != want {
		t.Fatalf("AuditHash = %s, want %s", got, want)
	}
	e.PrevHash = "ac"
	if AuditHash(e) == got {
		t.Fatal("the previous hash does not enter the hash")
	}
}

// memAudit is an audit log in memory, appended like the storage does.
type memAudit struct {
	entries []*AuditEntry
	headSeq int64
	head    string
}

func (m *memAudit) append(action string) *AuditEntry {
	e := &AuditEntry{Seq: m.headSeq + 1, At: time.UnixMilli(1793590000000 + m.headSeq), Action: action,
		Entity: "report", EntityID: "1", PrevHash: m.head}
	e.Hash = AuditHash(e)
	m.entries = append(m.entries, e)
	m.headSeq, m.head = e.Seq, e.Hash
	return e
}

func (m *memAudit) AppendAudit(context.Context, *AuditEntry) error { return nil }

func (m *memAudit) AuditEntries(_ context.Context, after int64, limit int) ([]*AuditEntry, error) {
	var out []*AuditEntry
	for _, e := range m.entries {
		if e.Seq > after && len(out) < limit {
			out = append(out, e)
		}
	}
	return out, nil
}

func (m *memAudit) AuditHead(context.Context) (int64, string, error) { return m.headSeq, m.head, nil }

// truncate cuts the log back to n entries and resets the head to match,
// as an intruder with the database file would.
func (m *memAudit) truncate(n int) {
	m.entries = m.entries[:n]
	m.headSeq, m.head = 0, ""
	if n > 0 {
		m.headSeq, m.head = m.entries[n-1].Seq, m.entries[n-1].Hash
	}
}

func TestVerifyAuditToNeedsTheChainToReachTheAnchor(t *testing.T) {
	ctx := context.Background()
	m := &memAudit{}
	for range 5 {
		m.append("report.create")
	}
	published := m.entries[3].Hash // the head when the summary went out
	for _, anchor := range []string{published, ShortHead(published), strings.ToUpper(published[:20]), " " + published + "\n"} {
		v, err := VerifyAuditTo(ctx, m, anchor)
		if err != nil || !v.OK() || v.AnchorSeq != 4 || v.Count != 5 {
			t.Fatalf("anchor %q: %+v %v", anchor, v, err)
		}
	}

	m.truncate(3)
	if v, _ := VerifyAudit(ctx, m); !v.OK() {
		t.Fatalf("the cut chain is intact in itself: %+v", v)
	}
	v, err := VerifyAuditTo(ctx, m, ShortHead(published))
	if err != nil || v.OK() || !v.AnchorMissing() || v.BrokenSeq != 0 || v.Count != 3 {
		t.Fatalf("after a truncation: %+v %v", v, err)
	}
	m.truncate(0)
	if v, _ := VerifyAuditTo(ctx, m, published); v.OK() || !v.AnchorMissing() || v.Count != 0 {
		t.Fatalf("after deleting everything: %+v", v)
	}

	// A chain rebuilt with the same actions (new instants) has other hashes.
	for range 5 {
		m.append("report.create")
	}
	m.entries[3].At = m.entries[3].At.Add(time.Second)
	m.entries[3].Hash = AuditHash(m.entries[3])
	if v, _ := VerifyAuditTo(ctx, m, published); v.OK() {
		t.Fatalf("a rewritten chain reached the published head: %+v", v)
	}
}

func TestVerifyAuditToRefusesAWeakAnchor(t *testing.T) {
	m := &memAudit{}
	m.append("report.create")
	for _, bad := range []string{"abc", m.head[:AuditShortHead-1], "zz" + m.head[2:], m.head + "00"} {
		_, err := VerifyAuditTo(context.Background(), m, bad)
		if key, _ := ErrorKey(err); ErrorCode(err) != EInvalid || key != "audit.head_bad" {
			t.Errorf("anchor %q: %v", bad, err)
		}
	}
}

// coverageStub answers AuditCoverage from a table of uncovered counts.
type coverageStub map[string]int64

func (c coverageStub) AuditCoverage(_ context.Context, r AuditRule) (int64, int64, error) {
	return 10, c[r.Kind], nil
}

func TestCheckAuditCoverageReturnsTheBrokenRules(t *testing.T) {
	got, err := CheckAuditCoverage(context.Background(), coverageStub{"report.approved": 2, "objection.changed": 1})
	if err != nil || len(got) != 2 || got[0].Rule.Kind != "report.approved" || got[0].Uncovered != 2 ||
		got[1].Rule.Kind != "objection.changed" || got[1].Records != 10 {
		t.Fatalf("%+v %v", got, err)
	}
	if got, _ := CheckAuditCoverage(context.Background(), coverageStub{}); len(got) != 0 {
		t.Fatalf("no gaps: %+v", got)
	}
}
