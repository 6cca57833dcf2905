package storage_test

import (
	"context"
	"database/sql"
	"reflect"
	"strconv"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// TestMigrationKeepsEverySurveyAnswer opens the previous release's database,
// whose answers are in columns u1..u9, and checks that after the migration
// to one row per answer every response keeps its nine answers, and that the
// NRR and IKM of every unit are those computed from the old columns.
func TestMigrationKeepsEverySurveyAnswer(t *testing.T) {
	ctx := context.Background()
	path := copyRelease(t)

	// Before: read the columns directly, on a second copy.
	raw, err := sql.Open("sqlite3", copyRelease(t))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	rows, err := raw.QueryContext(ctx, `SELECT id, unit_code, u1, u2, u3, u4, u5, u6, u7, u8, u9 FROM survey_responses`)
	if err != nil {
		t.Fatal(err)
	}
	oldAnswers := map[int64][]int{}
	byUnit := map[string][]scoring.Response{}
	for rows.Next() {
		var id int64
		var unit string
		a := make([]int, 9)
		if err := rows.Scan(&id, &unit, &a[0], &a[1], &a[2], &a[3], &a[4], &a[5], &a[6], &a[7], &a[8]); err != nil {
			t.Fatal(err)
		}
		oldAnswers[id] = a
		byUnit[unit] = append(byUnit[unit], scoring.Response{Answers: a})
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	rows.Close()
	if got, want := len(oldAnswers), 42; got != want {
		t.Fatalf("release 1 has %d survey responses, want %d", got, want)
	}

	// After: open with the current storage, which migrates.
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8", "U9"}
	totals, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(totals) != len(byUnit) {
		t.Fatalf("%d units with responses after the migration, want %d", len(totals), len(byUnit))
	}
	for _, tot := range totals {
		answered, sums := make([]int, len(codes)), make([]int, len(codes))
		for i, c := range codes {
			answered[i], sums[i] = tot.Answered[c], tot.Sums[c]
		}
		got := scoring.IKMFromTotals(tot.Respondents, answered, sums)
		want := scoring.ComputeIKM(len(codes), byUnit[tot.UnitCode])
		if !reflect.DeepEqual(got, want) {
			t.Errorf("unit %s: after the migration %+v, before %+v", tot.UnitCode, got, want)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// Every response keeps its nine answers, value by value.
	after, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer after.Close()
	rows, err = after.QueryContext(ctx, `SELECT response_id, unsur_code, value FROM survey_answers`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	newAnswers := map[int64][]int{}
	n := 0
	for rows.Next() {
		n++
		var id int64
		var code string
		var v int
		if err := rows.Scan(&id, &code, &v); err != nil {
			t.Fatal(err)
		}
		if newAnswers[id] == nil {
			newAnswers[id] = make([]int, 9)
		}
		i, err := strconv.Atoi(code[1:])
		if err != nil || code[0] != 'U' || i < 1 || i > 9 {
			t.Fatalf("response %d: unexpected unsur code %q", id, code)
		}
		newAnswers[id][i-1] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if got, want := n, 9*len(oldAnswers); got != want {
		t.Errorf("%d answer rows, want %d (nine per response)", got, want)
	}
	if !reflect.DeepEqual(newAnswers, oldAnswers) {
		t.Errorf("answers after the migration differ:\n got %v\nwant %v", newAnswers, oldAnswers)
	}
	var cols int
	if err := after.QueryRowContext(ctx, `SELECT COUNT(*) FROM pragma_table_info('survey_responses') WHERE name LIKE 'u_'`).Scan(&cols); err != nil || cols != 0 {
		t.Errorf("columns u1..u9 still there: %d (%v)", cols, err)
	}
}
