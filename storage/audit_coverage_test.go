package storage_test

import (
	"context"
	"strconv"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// audited appends the entry a feature writes for a change.
func audited(t *testing.T, db *storage.DB, action, entity, id string) {
	t.Helper()
	if err := db.AppendAudit(context.Background(), &kinerja.AuditEntry{At: t0, ActorNIP: nipHead, Action: action,
		Entity: entity, EntityID: id, After: "{}"}); err != nil {
		t.Fatal(err)
	}
}

// gaps returns the broken rules by kind, with their uncovered counts.
func gaps(t *testing.T, db *storage.DB) map[string]int64 {
	t.Helper()
	out, err := kinerja.CheckAuditCoverage(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]int64{}
	for _, g := range out {
		m[g.Rule.Kind] = g.Uncovered
	}
	return m
}

func init() {
	contract["audit/coverage counts decisions without their entry"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if g := gaps(t, db); len(g) != 0 {
			t.Fatalf("an empty database: %v", g)
		}
		tg := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026-11", Code: "A", Name: "A", Unit: "x",
			Target: 10, Direction: kinerja.HigherIsBetter})
		var reps []*kinerja.Report
		for range 3 {
			r := newReport(t, db, tg, "2026-11-02", 1)
			audited(t, db, "report.create", "report", strconv.FormatInt(r.ID, 10))
			reps = append(reps, r)
		}
		// Two decided with their entries, one approved behind the log's back.
		for i, r := range reps {
			r.Status, r.DecidedBy, r.DecidedAt = kinerja.ReportApproved, nipHead, t0
			if i == 1 {
				r.Status = kinerja.ReportRejected
			}
			if err := db.UpdateReport(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		audited(t, db, "report.approve", "report", strconv.FormatInt(reps[0].ID, 10))
		audited(t, db, "report.reject", "report", strconv.FormatInt(reps[1].ID, 10))
		// An entry of another action on the report does not cover its approval.
		audited(t, db, "evidence.hash", "report", strconv.FormatInt(reps[2].ID, 10))

		e := sampleEvaluation()
		e.Status = kinerja.EvalFinal
		if err := db.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
		o := &kinerja.Objection{NIP: nipStaff, Period: "2026-10", AssessorNIP: nipHead, ReviewerNIP: nipOther,
			Reason: "x", Status: kinerja.ObjectionUpheld, CreatedAt: t0, OldPredikat: kinerja.PredikatBaik}
		if err := db.CreateObjection(ctx, o); err != nil {
			t.Fatal(err)
		}
		got := gaps(t, db)
		want := map[string]int64{"report.approved": 1, "evaluation.final": 1, "objection.filed": 1, "objection.upheld": 1}
		if len(got) != len(want) {
			t.Fatalf("gaps = %v, want %v", got, want)
		}
		for k, n := range want {
			if got[k] != n {
				t.Fatalf("gaps = %v, want %v", got, want)
			}
		}
		records, _, err := db.AuditCoverage(ctx, kinerja.AuditRules[1]) // report.approved
		if err != nil || records != 2 {
			t.Fatalf("approved reports counted %d, %v", records, err)
		}

		audited(t, db, "report.approve", "report", strconv.FormatInt(reps[2].ID, 10))
		audited(t, db, "evaluation.confirm", "evaluation", e.NIP+"/"+e.Period)
		oid := strconv.FormatInt(o.ID, 10)
		audited(t, db, "objection.create", "objection", oid)
		audited(t, db, "objection.uphold", "objection", oid)
		if g := gaps(t, db); len(g) != 0 {
			t.Fatalf("every decision audited, still: %v", g)
		}
		// Cutting the last entries off (and the head with them) shows.
		tamper(t, db, `DELETE FROM audit_log WHERE seq > ?`, 6)
		if g := gaps(t, db); g["report.approved"] != 1 || g["evaluation.final"] != 1 || g["objection.upheld"] != 1 {
			t.Fatalf("after a truncation: %v", g)
		}
	}
}
