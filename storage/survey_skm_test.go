package storage_test

import (
	"context"
	"math"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["survey/services, per-service totals, first-N totals and patterns"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for _, s := range []*kinerja.SurveyService{
			{UnitCode: "PKM-01", Code: "KIA", Name: "Kesehatan Ibu dan Anak", StandardMinutes: 30},
			{UnitCode: "PKM-01", Code: "UMUM", Name: "Poli Umum"},
			{UnitCode: "PKM-01", Code: "UMUM", Name: "Poli Umum Dewasa", StandardMinutes: 20},
		} {
			if err := db.PutSurveyService(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.PutSurveyService(ctx, &kinerja.SurveyService{UnitCode: "NOPE", Code: "X", Name: "x"}); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown unit: %v", err)
		}
		svcs, err := db.SurveyServices(ctx, "PKM-01")
		if err != nil || len(svcs) != 2 || svcs[1].Name != "Poli Umum Dewasa" || svcs[1].StandardMinutes != 20 {
			t.Fatalf("services: %+v %v", svcs, err)
		}
		l := &kinerja.SurveyLink{Payload: "s_SVCSVCSVCSVCSVCS", UnitCode: "PKM-01", ServiceCode: "KIA", CreatedAt: t0}
		if err := db.CreateSurveyLink(ctx, l); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.SurveyLink(ctx, l.Payload); got.ServiceCode != "KIA" {
			t.Fatalf("link service %q", got.ServiceCode)
		}
		add := func(svc string, answers ...int) {
			r := response("PKM-01", "", t0, "", answers...)
			r.ServiceCode = svc
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		add("KIA", 4, 4, 4)
		add("KIA", 4, 4, 4)
		add("UMUM", 2, 3, 1)
		add("UMUM", 4, 4, 4)
		tots, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01", ByService: true})
		if err != nil || len(tots) != 2 || tots[0].ServiceCode != "KIA" || tots[0].Respondents != 2 ||
			tots[1].ServiceCode != "UMUM" || tots[1].Sums["U1"] != 6 {
			t.Fatalf("by service: %+v %v", tots, err)
		}
		one, _ := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01", ServiceCode: "UMUM"})
		if len(one) != 1 || one[0].Respondents != 2 || one[0].Sums["U3"] != 5 {
			t.Fatalf("one service: %+v", one)
		}
		first, _ := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01", FirstN: 3})
		if len(first) != 1 || first[0].Respondents != 3 || first[0].Sums["U1"] != 10 {
			t.Fatalf("first 3: %+v", first)
		}
		pats, err := db.SurveyPatterns(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"}, 2)
		if err != nil || len(pats) != 1 || pats[0].Pattern != "444" || pats[0].N != 3 {
			t.Fatalf("patterns: %+v %v", pats, err)
		}
		stats, err := db.SurveyScoreStats(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"})
		// Means 4, 4, 2, 4: sum 14, squares 52.
		if err != nil || len(stats) != 1 || stats[0].N != 4 || math.Abs(stats[0].Sum-14) > 1e-9 || math.Abs(stats[0].SumSq-52) > 1e-9 {
			t.Fatalf("score stats: %+v %v", stats, err)
		}
	}

	contract["survey/suggestions are kept apart, paged newest first, and followed up"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for i, text := range []string{"antri lama", "ruang tunggu panas", "ramah"} {
			r := response("PKM-01", nipStaff, t0.AddDate(0, 0, i), "", 3, 3)
			r.Suggestion, r.ServiceCode = text, "KIA"
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		list, total, err := db.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-01", Limit: 2})
		if err != nil || total != 3 || len(list) != 2 || list[0].Text != "ramah" || list[1].Text != "ruang tunggu panas" {
			t.Fatalf("page 1: %+v %d %v", list, total, err)
		}
		if list[0].ServiceCode != "KIA" || !list[0].Day.Equal(kinerja.Day(t0.AddDate(0, 0, 2), jakarta)) {
			t.Fatalf("kept %+v", list[0])
		}
		page2, _, _ := db.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-01", Limit: 2, Offset: 2})
		if len(page2) != 1 || page2[0].Text != "antri lama" {
			t.Fatalf("page 2: %+v", page2)
		}
		at := t0.Add(48 * time.Hour)
		if err := db.FollowUpSurveySuggestion(ctx, page2[0].ID, "Loket kedua dibuka", nipHead, at); err != nil {
			t.Fatal(err)
		}
		got, err := db.SurveySuggestion(ctx, page2[0].ID)
		if err != nil || got.Action != "Loket kedua dibuka" || got.ActionBy != nipHead || !got.ActionAt.Equal(at) {
			t.Fatalf("follow-up: %+v %v", got, err)
		}
		if err := db.FollowUpSurveySuggestion(ctx, 9999, "x", nipHead, at); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown suggestion: %v", err)
		}
	}

	contract["survey/flags are raised once, updated, reviewed and reopened when they grow"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		day := kinerja.Day(t0, jakarta)
		f := &kinerja.SurveyFlag{Kind: kinerja.FlagBurst, UnitCode: "PKM-01", Day: day, Key: "0200",
			Detail: "10 in 2 min", Responses: 10, CreatedAt: t0}
		if err := db.RaiseSurveyFlag(ctx, f); err != nil {
			t.Fatal(err)
		}
		id := f.ID
		if err := db.ReviewSurveyFlag(ctx, id, nipHead, t0); err != nil {
			t.Fatal(err)
		}
		f.Responses = 10
		if err := db.RaiseSurveyFlag(ctx, f); err != nil || f.ID != id {
			t.Fatalf("raise again: %v id %d want %d", err, f.ID, id)
		}
		list, _ := db.SurveyFlags(ctx, "PKM-01", day, day.AddDate(0, 0, 1))
		if len(list) != 1 || !list[0].Reviewed() {
			t.Fatalf("same flag again stays reviewed: %+v", list)
		}
		f.Responses, f.Detail = 30, "30 in 2 min"
		if err := db.RaiseSurveyFlag(ctx, f); err != nil {
			t.Fatal(err)
		}
		list, _ = db.SurveyFlags(ctx, "", day, day.AddDate(0, 0, 1))
		if len(list) != 1 || list[0].Reviewed() || list[0].Responses != 30 || list[0].Detail != "30 in 2 min" {
			t.Fatalf("grown flag reopened: %+v", list[0])
		}
		if err := db.ReviewSurveyFlag(ctx, 9999, nipHead, t0); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown flag: %v", err)
		}
	}

	contract["survey/profile counts by question and option"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for i, g := range []string{"L", "P", "P", ""} {
			r := response("PKM-01", "", t0, "", 4)
			r.Profile = kinerja.SurveyProfile{Gender: g, AgeBand: "20-29"}
			_ = i
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		counts, err := db.SurveyProfileCounts(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		for _, c := range counts {
			got[c.Question+"/"+c.Option] = c.N
		}
		if got["gender/L"] != 1 || got["gender/P"] != 2 || got["gender/"] != 1 || got["age_band/20-29"] != 4 || got["education/"] != 4 {
			t.Fatalf("profile counts: %v", got)
		}
	}
}
