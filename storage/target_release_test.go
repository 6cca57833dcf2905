package storage_test

import (
	"context"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// TestPreviousReleaseTargetsReadBackAsTheyWere opens the previous release's
// database: after the indicator-kind migration every target reads back with
// its old values and the defaults (a sum, no band, no quarterly targets),
// so the achievement of old targets is computed as before.
func TestPreviousReleaseTargetsReadBackAsTheyWere(t *testing.T) {
	ctx := context.Background()
	raw, db := openRelease(t)
	rows, err := raw.Query("SELECT id, nip, period, code, target, direction, weight FROM targets ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var want kinerja.Target
		var dir string
		if err := rows.Scan(&want.ID, &want.NIP, &want.Period, &want.Code, &want.Target, &dir, &want.Weight); err != nil {
			t.Fatal(err)
		}
		got, err := db.Target(ctx, want.ID)
		if err != nil {
			t.Fatalf("target %d: %v", want.ID, err)
		}
		if got.NIP != want.NIP || got.Period != want.Period || got.Code != want.Code || got.Target != want.Target ||
			string(got.Direction) != dir || got.Weight != want.Weight {
			t.Errorf("target %d = %+v, the old database has %+v %s", want.ID, got, want, dir)
		}
		if got.Aggregation.Or() != kinerja.AggSum || got.HasQuarterly() || got.Cumulative || got.TargetMin != 0 || got.TargetMax != 0 {
			t.Errorf("target %d after migration: %+v, want the defaults", want.ID, got)
		}
		p, err := kinerja.ParsePeriod(got.Period)
		if err != nil {
			t.Fatal(err)
		}
		m := p.Months()[0]
		list, err := db.TargetsFor(ctx, got.NIP, m)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, x := range list {
			found = found || x.ID == got.ID
		}
		if !found {
			t.Errorf("target %d is not among TargetsFor(%s, %s)", got.ID, got.NIP, m)
		}
		n++
	}
	if n == 0 {
		t.Fatal("the old database has no targets: wrong fixture")
	}
}
