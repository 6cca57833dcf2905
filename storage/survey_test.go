package storage_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// response builds a response of unit on day with the given answers.
func response(unit, officer string, day time.Time, dup string, answers ...int) *kinerja.SurveyResponse {
	r := &kinerja.SurveyResponse{UnitCode: unit, OfficerNIP: officer, Day: kinerja.Day(day, jakarta), DupKey: dup,
		Answers: map[string]int{}}
	for i, a := range answers {
		r.Answers[unsurCode(i)] = a
	}
	return r
}

// unsurCode is the code of the default questionnaire's unsur i (from 0).
func unsurCode(i int) string { return "U" + strconv.Itoa(i+1) }

// byCode turns per-position values into the per-code map of SurveyTotals.
func byCode(values ...int) map[string]int {
	m := map[string]int{}
	for i, v := range values {
		m[unsurCode(i)] = v
	}
	return m
}

func init() {
	contract["survey/links are created, resolved, listed and revoked once"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		a := &kinerja.SurveyLink{Payload: "s_AAAAAAAAAAAAAAAA", UnitCode: "PKM-01", CreatedAt: t0}
		b := &kinerja.SurveyLink{Payload: "s_BBBBBBBBBBBBBBBB", UnitCode: "PKM-01", OfficerNIP: nipStaff, CreatedAt: t0.Add(time.Minute)}
		for _, l := range []*kinerja.SurveyLink{a, b} {
			if err := db.CreateSurveyLink(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.CreateSurveyLink(ctx, a); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("duplicate payload: got %v, want conflict", err)
		}
		got, err := db.SurveyLink(ctx, b.Payload)
		if err != nil || got.UnitCode != "PKM-01" || got.OfficerNIP != nipStaff || !got.CreatedAt.Equal(b.CreatedAt) || got.Revoked() {
			t.Fatalf("resolve: %+v %v", got, err)
		}
		if _, err := db.SurveyLink(ctx, "s_nope"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown payload: got %v, want not found", err)
		}
		first := t0.Add(time.Hour)
		if err := db.RevokeSurveyLink(ctx, a.Payload, first); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeSurveyLink(ctx, a.Payload, first.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := db.RevokeSurveyLink(ctx, "s_nope", first); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("revoke unknown: got %v, want not found", err)
		}
		list, err := db.ListSurveyLinks(ctx, "PKM-01")
		if err != nil || len(list) != 2 || list[0].Payload != a.Payload || list[1].Payload != b.Payload {
			t.Fatalf("list: %+v %v", list, err)
		}
		if !list[0].RevokedAt.Equal(first) || list[1].Revoked() {
			t.Fatalf("revocation kept the wrong instant or spread: %v / %v", list[0].RevokedAt, list[1].RevokedAt)
		}
		if all, _ := db.ListSurveyLinks(ctx, ""); len(all) != 2 {
			t.Fatalf("list all: %d links", len(all))
		}
		if none, _ := db.ListSurveyLinks(ctx, "OTHER"); len(none) != 0 {
			t.Fatalf("list other unit: %d links", len(none))
		}
	}

	contract["survey/one response per duplicate key, and the transaction stays usable"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			if err := tx.AddSurveyResponse(ctx, response("PKM-01", "", t0, "k1", 4, 4, 4, 4, 4, 4, 4, 4, 4)); err != nil {
				return err
			}
			if err := tx.AddSurveyResponse(ctx, response("PKM-01", "", t0, "k1", 1, 1, 1, 1, 1, 1, 1, 1, 1)); kinerja.ErrorCode(err) != kinerja.EConflict {
				t.Errorf("repeat: got %v, want conflict", err)
			}
			// A PostgreSQL transaction is aborted by a failed statement; this
			// one must still work.
			return tx.PutSetting(ctx, "after-repeat", "ok")
		})
		if err != nil {
			t.Fatalf("transaction after a repeat: %v", err)
		}
		// Without a key, duplicates are allowed (configuration).
		for range 2 {
			if err := db.AddSurveyResponse(ctx, response("PKM-01", "", t0, "", 2, 2, 2, 2, 2, 2, 2, 2, 2)); err != nil {
				t.Fatal(err)
			}
		}
		if ok, err := db.SurveyCounted(ctx, "k1"); err != nil || !ok {
			t.Fatalf("SurveyCounted(k1) = %v, %v", ok, err)
		}
		if ok, _ := db.SurveyCounted(ctx, "k2"); ok {
			t.Fatal("SurveyCounted(k2) = true for an unknown key")
		}
		if ok, _ := db.SurveyCounted(ctx, ""); ok {
			t.Fatal("SurveyCounted(\"\") = true")
		}
		tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"})
		if err != nil || len(tot) != 1 {
			t.Fatalf("totals: %+v %v", tot, err)
		}
		if got, want := tot[0].Respondents, 3; got != want {
			t.Fatalf("respondents = %d, want %d", got, want)
		}
		if got, want := tot[0].Sums["U1"], 4+2+2; got != want {
			t.Fatalf("sum u1 = %d, want %d", got, want)
		}
	}

	contract["survey/totals per unit, officer and period are computed in SQL"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: "DUK", Name: "Dukcapil"}); err != nil {
			t.Fatal(err)
		}
		nov := kinerja.Period{Kind: kinerja.Monthly, Year: 2026, Index: 11}
		lastDay := time.Date(2026, 11, 30, 23, 30, 0, 0, jakarta) // still November in WIB
		for _, r := range []*kinerja.SurveyResponse{
			response("PKM-01", "", t0, "a", 4, 3, 2, 1, 4, 3, 2, 1, 4),
			response("PKM-01", nipStaff, t0, "b", 3, 3, 3, 3, 3, 3, 3, 3, 3),
			response("PKM-01", nipStaff, lastDay, "c", 2, 0, 4, 4, 4, 4, 4, 4, 4), // u2 skipped
			response("PKM-01", "", t0, "d", 0, 0, 0, 0, 0, 0, 0, 0, 0),            // nothing answered
			response("PKM-01", "", time.Date(2026, 12, 1, 0, 0, 0, 0, jakarta), "e", 1, 1, 1, 1, 1, 1, 1, 1, 1),
			response("DUK", "", t0, "f", 4, 4, 4, 4, 4, 4, 4, 4, 4),
		} {
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		f := kinerja.SurveyFilter{From: nov.Start(jakarta), To: nov.End(jakarta)}
		all, err := db.SurveyTotals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != 2 || all[0].UnitCode != "DUK" || all[1].UnitCode != "PKM-01" {
			t.Fatalf("grouping by unit: %+v", all)
		}
		pkm := all[1]
		if pkm.Respondents != 3 {
			t.Fatalf("respondents = %d, want 3 (the empty response and December are out)", pkm.Respondents)
		}
		wantAnswered := byCode(3, 2, 3, 3, 3, 3, 3, 3, 3)
		wantSums := byCode(9, 6, 9, 8, 11, 10, 9, 8, 11)
		if !reflect.DeepEqual(pkm.Answered, wantAnswered) || !reflect.DeepEqual(pkm.Sums, wantSums) {
			t.Fatalf("answered %v sums %v, want %v %v", pkm.Answered, pkm.Sums, wantAnswered, wantSums)
		}
		f.UnitCode, f.ByOfficer = "PKM-01", true
		byOff, err := db.SurveyTotals(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(byOff) != 2 || byOff[0].OfficerNIP != "" || byOff[1].OfficerNIP != nipStaff || byOff[1].Respondents != 2 {
			t.Fatalf("grouping by officer: %+v", byOff)
		}
		f = kinerja.SurveyFilter{OfficerNIP: nipStaff, From: nov.Start(jakarta), To: nov.End(jakarta)}
		one, err := db.SurveyTotals(ctx, f)
		if err != nil || len(one) != 1 || one[0].Respondents != 2 || one[0].Sums["U1"] != 5 {
			t.Fatalf("one officer: %+v %v", one, err)
		}
		none, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01", From: nov.Prev().Start(jakarta), To: nov.Prev().End(jakarta)})
		if err != nil || len(none) != 0 {
			t.Fatalf("empty period: %+v %v", none, err)
		}
	}
}

func init() {
	contract["survey/a questionnaire of any length is stored without a schema change"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		ten := response("PKM-01", "", t0, "", 4, 4, 4, 4, 4, 4, 4, 4, 4, 1)
		ten.Answers["U10"] = 1
		if err := db.AddSurveyResponse(ctx, ten); err != nil {
			t.Fatal(err)
		}
		if err := db.AddSurveyResponse(ctx, response("PKM-01", "", t0, "", 2, 0, 0)); err != nil {
			t.Fatal(err)
		}
		bad := response("PKM-01", "", t0, "", 5)
		if err := db.AddSurveyResponse(ctx, bad); kinerja.ErrorCode(err) != kinerja.EInvalid {
			t.Fatalf("answer 5: got %v, want invalid", err)
		}
		tot, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{UnitCode: "PKM-01"})
		if err != nil || len(tot) != 1 {
			t.Fatalf("totals: %+v %v", tot, err)
		}
		if got := tot[0]; got.Respondents != 2 || got.Answered["U10"] != 1 || got.Sums["U10"] != 1 ||
			got.Answered["U1"] != 2 || got.Sums["U1"] != 6 || got.Answered["U2"] != 1 {
			t.Fatalf("totals of ten unsur: %+v", got)
		}
	}
}
