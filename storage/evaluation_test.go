package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// sampleEvaluation is a draft of nipStaff for October 2026 with two indicators.
func sampleEvaluation() *kinerja.Evaluation {
	return &kinerja.Evaluation{
		NIP: nipStaff, Period: "2026-10", AssessorNIP: nipHead, UnitCode: "PKM-01",
		ApprovedReports: 12, HasilBasis: kinerja.BasisOwn, CapaianPct: 97.5,
		Indicators: []kinerja.IndicatorResult{
			{Code: "K1", Name: "Pasien dilayani", Unit: "pasien", Direction: kinerja.HigherIsBetter, Weight: 1, Target: 100, Realisasi: 95, Capaian: 95, Source: "reports"},
			{Code: "K2", Name: "Waktu layanan", Unit: "hari", Direction: kinerja.LowerIsBetter, Weight: 1, Target: 2, Realisasi: 2, Capaian: 100, Source: "reports"},
		},
		ProposedHasil: kinerja.RatingMeets,
		Behaviour:     map[kinerja.CoreValue]kinerja.Rating{kinerja.ValueAkuntabel: kinerja.RatingAbove},
		Status:        kinerja.EvalDraft,
		CreatedAt:     t0, UpdatedAt: t0,
	}
}

func init() {
	contract["evaluation/insert, read back, version check"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		e := sampleEvaluation()
		if err := db.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
		if e.Version != 1 {
			t.Fatalf("version after insert = %d, want 1", e.Version)
		}
		again := sampleEvaluation()
		if err := db.PutEvaluation(ctx, again); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("second insert: %v, want conflict", err)
		}
		got, err := db.Evaluation(ctx, nipStaff, "2026-10")
		if err != nil {
			t.Fatal(err)
		}
		if got.CapaianPct != 97.5 || got.ProposedHasil != kinerja.RatingMeets || got.ApprovedReports != 12 ||
			got.Behaviour[kinerja.ValueAkuntabel] != kinerja.RatingAbove || len(got.Behaviour) != 1 ||
			len(got.Indicators) != 2 || got.Indicators[1].Direction != kinerja.LowerIsBetter ||
			got.Indicators[0].Realisasi != 95 || !got.CreatedAt.Equal(t0) || !got.DecidedAt.IsZero() {
			t.Fatalf("read back %+v", got)
		}

		// A decision, written over the version read.
		got.DecidedHasil, got.HasilReason = kinerja.RatingAbove, "Menangani wabah DBD di luar target."
		got.Indicators = got.Indicators[:1]
		got.Status, got.DecidedAt, got.NotifiedAt = kinerja.EvalFinal, t0.Add(time.Hour), t0.Add(time.Hour)
		if err := db.PutEvaluation(ctx, got); err != nil {
			t.Fatal(err)
		}
		// The first copy is now stale.
		e.DecidedHasil = kinerja.RatingBelow
		if err := db.PutEvaluation(ctx, e); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("stale update: %v, want conflict", err)
		}
		final, _ := db.Evaluation(ctx, nipStaff, "2026-10")
		if final.DecidedHasil != kinerja.RatingAbove || final.HasilReason == "" || len(final.Indicators) != 1 ||
			final.Status != kinerja.EvalFinal || !final.NotifiedAt.Equal(t0.Add(time.Hour)) || final.Version != 2 {
			t.Fatalf("after decision %+v", final)
		}
		if _, err := db.Evaluation(ctx, nipOther, "2026-10"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing evaluation: %v", err)
		}
	}

	contract["evaluation/list filters and inside a transaction"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			for _, nip := range []string{nipStaff, nipOther} {
				e := sampleEvaluation()
				e.NIP = nip
				if nip == nipOther {
					e.Status = kinerja.EvalFinal
				}
				if err := tx.PutEvaluation(ctx, e); err != nil {
					return err
				}
			}
			e := sampleEvaluation()
			e.Period = "2026-11"
			return tx.PutEvaluation(ctx, e)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name string
			f    kinerja.EvaluationFilter
			want int
		}{
			{"all", kinerja.EvaluationFilter{}, 3},
			{"one period", kinerja.EvaluationFilter{Period: "2026-10"}, 2},
			{"by assessor and unit", kinerja.EvaluationFilter{AssessorNIP: nipHead, UnitCode: "PKM-01", Period: "2026-11"}, 1},
			{"final only", kinerja.EvaluationFilter{Status: kinerja.EvalFinal}, 1},
			{"other unit", kinerja.EvaluationFilter{UnitCode: "X"}, 0},
		} {
			list, err := db.ListEvaluations(ctx, tc.f)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != tc.want {
				t.Errorf("%s: %d evaluations, want %d", tc.name, len(list), tc.want)
			}
			for _, e := range list {
				if len(e.Indicators) != 2 {
					t.Errorf("%s: %s/%s has %d indicators", tc.name, e.NIP, e.Period, len(e.Indicators))
				}
			}
		}
	}

	contract["evaluation/unit predicate is set and replaced"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if _, err := db.UnitPredicate(ctx, "PKM-01", "2026-10"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unset predicate: %v", err)
		}
		up := &kinerja.UnitPredicate{UnitCode: "PKM-01", Period: "2026-10", Predikat: kinerja.OrgBaik, SetBy: nipHead, SetAt: t0}
		if err := db.PutUnitPredicate(ctx, up); err != nil {
			t.Fatal(err)
		}
		up.Predikat, up.SetAt = kinerja.OrgIstimewa, t0.Add(time.Hour)
		if err := db.PutUnitPredicate(ctx, up); err != nil {
			t.Fatal(err)
		}
		got, err := db.UnitPredicate(ctx, "PKM-01", "2026-10")
		if err != nil || got.Predikat != kinerja.OrgIstimewa || !got.SetAt.Equal(t0.Add(time.Hour)) || got.SetBy != nipHead {
			t.Fatalf("got %+v, %v", got, err)
		}
	}

	contract["objection/one per person and period, messages, version check"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		o := &kinerja.Objection{NIP: nipStaff, Period: "2026-10", AssessorNIP: nipHead, ReviewerNIP: nipOther,
			Reason: "Laporan bulan Oktober belum dihitung semua.", Status: kinerja.ObjectionOpen, CreatedAt: t0,
			OldPredikat: kinerja.PredikatButuhPerbaikan}
		if err := db.CreateObjection(ctx, o); err != nil {
			t.Fatal(err)
		}
		// A duplicate inside a transaction must not spoil it (PostgreSQL).
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			dup := *o
			if err := tx.CreateObjection(ctx, &dup); kinerja.ErrorCode(err) != kinerja.EConflict {
				t.Errorf("duplicate: %v, want conflict", err)
			}
			return tx.AddObjectionMessage(ctx, &kinerja.ObjectionMessage{ObjectionID: o.ID, At: t0.Add(time.Hour),
				From: kinerja.PartyReviewer, To: kinerja.PartyAssessor, Text: "Mengapa dua laporan ditolak?"})
		})
		if err != nil {
			t.Fatal(err)
		}
		got, err := db.ObjectionFor(ctx, nipStaff, "2026-10")
		if err != nil {
			t.Fatal(err)
		}
		if got.ID != o.ID || len(got.Messages) != 1 || got.Messages[0].To != kinerja.PartyAssessor {
			t.Fatalf("read back %+v", got)
		}
		if aw := got.Awaiting(); len(aw) != 1 || aw[0] != kinerja.PartyAssessor {
			t.Fatalf("awaiting %v", aw)
		}
		if err := db.AddObjectionMessage(ctx, &kinerja.ObjectionMessage{ObjectionID: o.ID, At: t0.Add(2 * time.Hour),
			From: kinerja.PartyAssessor, To: kinerja.PartyReviewer, Text: "Buktinya foto kosong."}); err != nil {
			t.Fatal(err)
		}
		got.Status, got.DecidedAt, got.DecisionReason = kinerja.ObjectionChanged, t0.Add(3*time.Hour), "Bukti cukup."
		got.NewHasil, got.NewPerilaku, got.NewPredikat = kinerja.RatingMeets, kinerja.RatingMeets, kinerja.PredikatBaik
		if err := db.UpdateObjection(ctx, got); err != nil {
			t.Fatal(err)
		}
		if err := db.UpdateObjection(ctx, o); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("stale update: %v", err)
		}
		final, err := db.Objection(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if final.Status != kinerja.ObjectionChanged || final.NewPredikat != kinerja.PredikatBaik || len(final.Messages) != 2 ||
			len(final.Awaiting()) != 0 || !final.DecidedAt.Equal(t0.Add(3*time.Hour)) {
			t.Fatalf("final %+v", final)
		}
		open, _ := db.ListObjections(ctx, kinerja.ObjectionFilter{ReviewerNIP: nipOther, OpenOnly: true})
		all, _ := db.ListObjections(ctx, kinerja.ObjectionFilter{ReviewerNIP: nipOther})
		if len(open) != 0 || len(all) != 1 || len(all[0].Messages) != 2 {
			t.Fatalf("lists: open %d all %d", len(open), len(all))
		}
		if _, err := db.Objection(ctx, 9999); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing: %v", err)
		}
	}
}

func init() {
	contract["evaluation/assessor parts round trip"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		e := sampleEvaluation()
		mid := time.Date(2026, 10, 15, 0, 0, 0, 0, time.UTC)
		e.Parts = []kinerja.EvalPart{
			{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: mid, AssessorNIP: nipHead, AssessorName: "dr. Rina",
				WorkingDays: 10, ApprovedReports: 3, CapaianPct: 120, HasResult: true},
			{From: mid, To: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), AssessorNIP: nipStaff, WorkingDays: 12},
		}
		if err := db.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
		got, err := db.Evaluation(ctx, nipStaff, "2026-10")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Parts) != 2 || !got.Parts[0].To.Equal(mid) || got.Parts[0].AssessorName != "dr. Rina" ||
			got.Parts[0].CapaianPct != 120 || !got.Parts[0].HasResult || got.Parts[1].HasResult || got.Parts[1].WorkingDays != 12 {
			t.Fatalf("parts read back %+v", got.Parts)
		}
		got.Parts = nil
		if err := db.PutEvaluation(ctx, got); err != nil {
			t.Fatal(err)
		}
		if again, err := db.Evaluation(ctx, nipStaff, "2026-10"); err != nil || len(again.Parts) != 0 {
			t.Fatalf("parts after clearing: %+v, %v", again, err)
		}
	}
}
