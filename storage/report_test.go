package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// newReport stores a pending report of nipStaff on target tg.
func newReport(t *testing.T, db *storage.DB, tg *kinerja.Target, day string, qty float64, ev ...kinerja.Evidence) *kinerja.Report {
	t.Helper()
	r := &kinerja.Report{NIP: tg.NIP, TargetID: tg.ID, WorkDate: day, Quantity: qty, Description: "kerja",
		Status: kinerja.ReportPending, AssessorNIP: nipHead, CreatedAt: t0, UpdatedAt: t0, Evidence: ev}
	if err := db.CreateReport(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	return r
}

func init() {
	contract["reports/round-trip with evidence, versioned updates"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		tg := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026-11", Code: "A", Name: "A", Unit: "x",
			Target: 10, Direction: kinerja.HigherIsBetter})
		r := newReport(t, db, tg, "2026-11-02", 2.5,
			kinerja.Evidence{FileID: "f1", FileUniqueID: "u1", Kind: "photo", Size: 10},
			kinerja.Evidence{FileID: "f2", FileUniqueID: "u2", Kind: "document", Name: "surat.pdf"})
		got, err := db.Report(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Quantity != 2.5 || got.WorkDate != "2026-11-02" || got.Period() != "2026-11" || got.Version != 1 ||
			got.Status != kinerja.ReportPending || !got.CreatedAt.Equal(t0) || !got.DecidedAt.IsZero() {
			t.Fatalf("Report = %+v", got)
		}
		if len(got.Evidence) != 2 || got.Evidence[1].Name != "surat.pdf" || got.Evidence[0].Kind != "photo" {
			t.Fatalf("evidence = %+v", got.Evidence)
		}
		// Two decisions read the same version: the first wins, the second conflicts.
		first, second := *got, *got
		first.Status, first.DecidedBy, first.DecidedAt = kinerja.ReportApproved, nipHead, t0.Add(time.Hour)
		if err := db.UpdateReport(ctx, &first); err != nil || first.Version != 2 {
			t.Fatalf("first decision: %v (version %d)", err, first.Version)
		}
		second.Status = kinerja.ReportRejected
		if err := db.UpdateReport(ctx, &second); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("second decision on a stale version: %v", err)
		}
		got, _ = db.Report(ctx, r.ID)
		if got.Status != kinerja.ReportApproved || got.DecidedBy != nipHead || !got.DecidedAt.Equal(t0.Add(time.Hour)) {
			t.Fatalf("after decisions: %+v", got)
		}
		missing := kinerja.Report{ID: 4242, Version: 1}
		if err := db.UpdateReport(ctx, &missing); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("update of a missing report: %v", err)
		}
		if _, err := db.Report(ctx, 4242); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing report: %v", err)
		}
	}
	contract["reports/evidence hashes survive edits and flag a file reused elsewhere"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		tg := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026-11", Code: "A", Name: "A", Unit: "x",
			Target: 10, Direction: kinerja.HigherIsBetter})
		a := newReport(t, db, tg, "2026-11-02", 1, kinerja.Evidence{FileID: "f1", FileUniqueID: "u1", Kind: "photo"})
		b := newReport(t, db, tg, "2026-11-03", 1, kinerja.Evidence{FileID: "f9", FileUniqueID: "u9", Kind: "photo"})
		if dup, err := db.SetEvidenceHash(ctx, a.ID, "u1", "aaaa"); err != nil || dup != 0 {
			t.Fatalf("first hash: dup=%d err=%v", dup, err)
		}
		if dup, err := db.SetEvidenceHash(ctx, b.ID, "u9", "aaaa"); err != nil || dup != a.ID {
			t.Fatalf("same file on a second report: dup=%d err=%v, want %d", dup, err, a.ID)
		}
		// Keep u1, add u3: u1 keeps its hash.
		if err := db.SetEvidence(ctx, a.ID, []kinerja.Evidence{
			{FileID: "f3", FileUniqueID: "u3", Kind: "document", Name: "x.pdf"},
			{FileID: "f1", FileUniqueID: "u1", Kind: "photo"},
		}); err != nil {
			t.Fatal(err)
		}
		got, _ := db.Report(ctx, a.ID)
		if len(got.Evidence) != 2 || got.Evidence[0].FileUniqueID != "u3" || got.Evidence[1].SHA256 != "aaaa" || got.Evidence[0].SHA256 != "" {
			t.Fatalf("evidence after edit = %+v", got.Evidence)
		}
		got2, _ := db.Report(ctx, b.ID)
		if got2.Evidence[0].DuplicateOf != a.ID {
			t.Fatalf("duplicate flag not stored: %+v", got2.Evidence)
		}
		// A withdrawn report no longer makes its files duplicates.
		got.Status = kinerja.ReportWithdrawn
		if err := db.UpdateReport(ctx, got); err != nil {
			t.Fatal(err)
		}
		c := newReport(t, db, tg, "2026-11-04", 1, kinerja.Evidence{FileID: "f1", FileUniqueID: "u1", Kind: "photo"})
		if dup, err := db.SetEvidenceHash(ctx, c.ID, "u1", "aaaa"); err != nil || dup != b.ID {
			t.Fatalf("dup against withdrawn a / standing b: dup=%d err=%v, want %d", dup, err, b.ID)
		}
	}
	contract["reports/list and count by person, assessor, period, status, page"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		tg := putTarget(t, db, &kinerja.Target{NIP: nipStaff, Period: "2026", Code: "A", Name: "A", Unit: "x",
			Target: 10, Direction: kinerja.HigherIsBetter})
		other := putTarget(t, db, &kinerja.Target{NIP: nipOther, Period: "2026", Code: "A", Name: "A", Unit: "x",
			Target: 10, Direction: kinerja.HigherIsBetter})
		oct := newReport(t, db, tg, "2026-10-31", 1)
		var nov []*kinerja.Report
		for d := 1; d <= 4; d++ {
			nov = append(nov, newReport(t, db, tg, "2026-11-0"+string(rune('0'+d)), float64(d)))
		}
		newReport(t, db, other, "2026-11-05", 7)
		nov[0].Status, nov[0].UpdatedAt = kinerja.ReportApproved, t0.Add(time.Hour)
		if err := db.UpdateReport(ctx, nov[0]); err != nil {
			t.Fatal(err)
		}
		november := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
		count := func(f kinerja.ReportFilter) int {
			t.Helper()
			n, err := db.CountReports(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		cases := []struct {
			name string
			f    kinerja.ReportFilter
			want int
		}{
			{"all", kinerja.ReportFilter{}, 6},
			{"one person", kinerja.ReportFilter{NIP: nipStaff}, 5},
			{"one month", kinerja.ReportFilter{Period: november}, 5},
			{"the year", kinerja.ReportFilter{Period: kinerja.Period{Kind: kinerja.Yearly, Year: 2026}}, 6},
			{"pending of the assessor", kinerja.ReportFilter{AssessorNIP: nipHead, Statuses: []kinerja.ReportStatus{kinerja.ReportPending}}, 5},
			{"approved or rejected", kinerja.ReportFilter{Statuses: []kinerja.ReportStatus{kinerja.ReportApproved, kinerja.ReportRejected}}, 1},
			{"changed since", kinerja.ReportFilter{ChangedSince: t0.Add(time.Minute)}, 1},
			{"by target", kinerja.ReportFilter{TargetID: other.ID}, 1},
		}
		for _, c := range cases {
			if got := count(c.f); got != c.want {
				t.Errorf("%s: count %d, want %d", c.name, got, c.want)
			}
			list, err := db.ListReports(ctx, c.f)
			if err != nil || len(list) != c.want {
				t.Errorf("%s: list %d reports (%v), want %d", c.name, len(list), err, c.want)
			}
		}
		page, err := db.ListReports(ctx, kinerja.ReportFilter{NIP: nipStaff, Limit: 2, Offset: 2})
		if err != nil || len(page) != 2 || page[0].ID != nov[1].ID || page[1].ID != nov[2].ID {
			t.Fatalf("page 2 of 2 = %v %v (oct=%d)", page, err, oct.ID)
		}
	}
}
