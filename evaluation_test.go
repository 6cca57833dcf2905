package kinerja

import (
	"testing"
	"time"
)

func TestBehaviourRoundTrip(t *testing.T) {
	b := map[CoreValue]Rating{ValueBerorientasiPelayanan: RatingAbove, ValueLoyal: RatingBelow, ValueKolaboratif: RatingMeets}
	got, want := EncodeBehaviour(b), "3000102"
	if got != want {
		t.Fatalf("EncodeBehaviour = %q, want %q", got, want)
	}
	back := DecodeBehaviour(got)
	if len(back) != 3 || back[ValueLoyal] != RatingBelow || back[ValueKolaboratif] != RatingMeets {
		t.Fatalf("DecodeBehaviour = %v", back)
	}
	if n := len(DecodeBehaviour("9x")); n != 0 {
		t.Fatalf("garbage decoded to %d ratings", n)
	}
	e := &Evaluation{Behaviour: back}
	if got := len(e.Unrated()); got != 4 {
		t.Fatalf("unrated = %d, want 4", got)
	}
}

func TestObjectionWindowAndLock(t *testing.T) {
	wib := time.FixedZone("WIB", 7*3600)
	notified := time.Date(2026, 11, 3, 22, 30, 0, 0, wib)
	e := &Evaluation{Status: EvalFinal, NotifiedAt: notified.UTC()}
	// 14 whole days after 3 November: objections until the end of 17 November.
	if got, want := e.ObjectionDeadline(14, wib), time.Date(2026, 11, 18, 0, 0, 0, 0, wib); !got.Equal(want) {
		t.Fatalf("deadline = %v, want %v", got, want)
	}
	for _, tc := range []struct {
		name string
		now  time.Time
		want bool
	}{
		{"last minute of the window", time.Date(2026, 11, 17, 23, 59, 0, 0, wib), false},
		{"the next day", time.Date(2026, 11, 18, 0, 0, 0, 0, wib), true},
	} {
		if got := e.Locked(tc.now, 14, wib); got != tc.want {
			t.Errorf("%s: locked = %v, want %v", tc.name, got, tc.want)
		}
	}
	draft := &Evaluation{Status: EvalDraft}
	if draft.Locked(notified.AddDate(1, 0, 0), 14, wib) || !draft.ObjectionDeadline(14, wib).IsZero() {
		t.Fatal("a draft never locks")
	}
}

func TestObjectionAwaiting(t *testing.T) {
	o := &Objection{Messages: []ObjectionMessage{
		{From: PartyReviewer, To: PartyStaff}, {From: PartyReviewer, To: PartyAssessor}, {From: PartyStaff, To: PartyReviewer},
	}}
	if got := o.Awaiting(); len(got) != 1 || got[0] != PartyAssessor {
		t.Fatalf("awaiting = %v, want [assessor]", got)
	}
	if !ObjectionChanged.Decided() || ObjectionExplaining.Decided() {
		t.Fatal("Decided")
	}
}
