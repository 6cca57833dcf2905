package importer_test

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// withEffective is baseRows with a Tanggal Efektif column, the given day on
// the row of staf and empty elsewhere.
func withEffective(rows [][]string, day string) ([]string, [][]string) {
	h := append(append([]string(nil), header...), "Tanggal Efektif")
	for i := range rows {
		v := ""
		if rows[i][0] == staf {
			v = day
		}
		rows[i] = append(rows[i], v)
	}
	return h, rows
}

func TestImportMoveWithEffectiveDate(t *testing.T) {
	for _, written := range []string{"2026-02-16", "16-02-2026", "16/02/2026", "16/2/2026"} {
		t.Run(written, func(t *testing.T) {
			ctx := context.Background()
			db := storagetest.MustOpenDB(t)
			importFile(t, db, readTable(t, writeTable(t, sheet.FormatCSV, header, baseRows())), first)
			// Fajar moves to BKPSDM under the Sekda from 16 February; the file
			// is imported on 2 March.
			h, rows := withEffective(edit(set(3, 3, "BKPSDM"), set(3, 4, "Badan Kepegawaian"), set(3, 5, sekda)), written)
			importFile(t, db, readTable(t, writeTable(t, sheet.FormatXLSX, h, rows)), later)
			move := kinerja.Date(2026, 2, 16, wib)
			for _, c := range []struct {
				name      string
				hour      int
				unit, sup string
			}{{"the day before", -1, "DUKCAPIL", kabid}, {"the day itself", 0, "BKPSDM", sekda}} {
				at := move.Add(timeHours(c.hour))
				unit, _ := db.UnitAt(ctx, staf, at)
				sup, _ := db.SuperiorAt(ctx, staf, at)
				if unit != c.unit || sup != c.sup {
					t.Errorf("%s: unit %q superior %q, want %q %q", c.name, unit, sup, c.unit, c.sup)
				}
			}
			// The same file again changes nothing, date and all.
			if sum := importFile(t, db, readTable(t, writeTable(t, sheet.FormatCSV, h, rows)), later.AddDate(0, 0, 1)); sum.Changed() {
				t.Errorf("re-import changed: %+v", sum)
			}
		})
	}
}

func TestImportEffectiveDateRefused(t *testing.T) {
	for _, c := range []struct{ written, key string }{
		{"16 Feb", "not recognised"},
		{"2026-02-30", "not recognised"},
		{"2026-03-03", "has not come yet"}, // imported on 2 March
	} {
		t.Run(c.written, func(t *testing.T) {
			db := storagetest.MustOpenDB(t)
			h, rows := withEffective(edit(set(3, 5, sekda)), c.written)
			_, probs, err := importer.ImportRoster(context.Background(), db, readTable(t, writeTable(t, sheet.FormatCSV, h, rows)), later, false)
			if err != nil {
				t.Fatal(err)
			}
			if len(probs) != 1 || probs[0].Row != 5 || !strings.Contains(probs[0].Text(kinerja.LangEN), c.key) {
				t.Fatalf("problems = %v, want one on row 5 saying %q", probs, c.key)
			}
		})
	}
}

func TestRosterTableHasNoEffectiveDate(t *testing.T) {
	h, _ := importer.RosterTable(nil, nil)
	if got, want := strings.Join(h, ","), strings.Join(header, ","); got != want {
		t.Errorf("listing header %q, want %q", got, want)
	}
}

func timeHours(h int) time.Duration { return time.Duration(h) * time.Hour }
