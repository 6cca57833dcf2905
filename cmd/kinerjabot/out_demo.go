package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// exportWorkbook builds every export kind into one workbook for --out, as
// /ekspor's "everything" would, each for this month or, when that is still
// empty (the evaluations), the month before; and prints the onboarding
// table, which tells BKPSDM where the sosialisasi is still needed.
func (d *demo) exportWorkbook(ctx context.Context) error {
	reg, err := d.a.exportRegistry(d.db)
	if err != nil {
		return err
	}
	this := kinerja.MonthOf(d.a.now(), d.a.cfg.Location())
	var all []sheet.Sheet
	seen := map[string]bool{}
	for _, k := range reg.Kinds() {
		var sheets []sheet.Sheet
		for _, p := range []kinerja.Period{this, this.Prev()} {
			if sheets, err = k.Build(ctx, p); err != nil {
				return fmt.Errorf("export %s: %w", k.Name, err)
			}
			if hasRows(sheets) {
				break
			}
		}
		for _, s := range sheets {
			name := s.Name
			for i := 2; seen[name]; i++ {
				name = fmt.Sprintf("%s (%d)", s.Name, i)
			}
			seen[name], s.Name = true, name
			all = append(all, s)
		}
		if k.Name == "onboarding" && len(sheets) > 0 {
			d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot export --what onboarding --period %s", this)
			d.narrate("%s", strings.Join(sheets[0].Header, ","))
			for _, row := range sheets[0].Rows {
				d.narrate("%s", strings.Join(row, ","))
			}
		}
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, all); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.files["ekspor-"+this.String()+".xlsx"] = buf.Bytes()
	return nil
}

// hasRows reports whether any table holds a row.
func hasRows(sheets []sheet.Sheet) bool {
	for _, s := range sheets {
		if len(s.Rows) > 0 {
			return true
		}
	}
	return false
}
