package kinerja

import (
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
