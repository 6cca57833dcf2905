package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["staff/move records unit and superior from the effective date"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: "PKM-02", Name: "Puskesmas KTK"}); err != nil {
			t.Fatal(err)
		}
		s, err := db.Staff(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		moved := *s
		moved.UnitCode, moved.SuperiorNIP = "PKM-02", nipOther
		effective := t0.AddDate(0, 1, 0)
		at := effective.AddDate(0, 0, 5)
		if changed, err := db.MoveStaff(ctx, &moved, at, effective); err != nil || !changed {
			t.Fatalf("move: changed=%v err=%v", changed, err)
		}
		units, err := db.UnitHistory(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		if len(units) != 2 || units[0].UnitCode != "PKM-01" || !units[0].To.Equal(effective) ||
			units[1].UnitCode != "PKM-02" || !units[1].From.Equal(effective) || !units[1].To.IsZero() {
			t.Fatalf("unit history = %+v", units)
		}
		for _, c := range []struct {
			at        time.Time
			unit, sup string
		}{
			{effective.Add(-time.Millisecond), "PKM-01", nipHead},
			{effective, "PKM-02", nipOther},
			{t0.AddDate(-1, 0, 0), "PKM-01", nipHead}, // before the first import: the first known
		} {
			unit, err1 := db.UnitAt(ctx, nipStaff, c.at)
			sup, err2 := db.SuperiorAt(ctx, nipStaff, c.at)
			if err1 != nil || err2 != nil || unit != c.unit || sup != c.sup {
				t.Errorf("at %v: unit %q sup %q (%v %v), want %q %q", c.at, unit, sup, err1, err2, c.unit, c.sup)
			}
		}
		// A move dated before the open span began starts where it began.
		back := moved
		back.UnitCode = "PKM-01"
		if _, err := db.MoveStaff(ctx, &back, at.Add(time.Hour), t0); err != nil {
			t.Fatal(err)
		}
		units, _ = db.UnitHistory(ctx, nipStaff)
		if len(units) != 3 || !units[2].From.Equal(effective) || units[2].UnitCode != "PKM-01" {
			t.Fatalf("backdated move: %+v", units)
		}
		if unit, _ := db.UnitAt(ctx, nipStaff, effective.Add(time.Hour)); unit != "PKM-01" {
			t.Fatalf("after the corrected move unit = %q", unit)
		}
		if _, err := db.UnitAt(ctx, "199001012020121001", at); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown NIP: %v", err)
		}
	}
}
