package importer

import "strings"

// checkSuperiors fails rows whose superior cannot be found and rows whose
// chain of superiors loops, repeating until nothing changes: failing one
// row can strand the rows below it, and taking a row out of the file brings
// back its old superior from the database, which can close a new loop.
func (c *checker) checkSuperiors() {
	for c.checkSuperiorsExist() || c.checkCycles() {
	}
}

// good returns the rows still passing, by NIP. Duplicated NIPs have failed
// already, so each NIP maps to one row.
func (c *checker) good() map[string]*rosterRow {
	m := map[string]*rosterRow{}
	for _, row := range c.rows {
		if !row.bad {
			m[row.staff.NIP] = row
		}
	}
	return m
}

// checkSuperiorsExist fails each passing row whose superior is neither a
// passing row nor in the database, and reports whether it failed any.
func (c *checker) checkSuperiorsExist() bool {
	inFile := map[string]int{} // NIP -> first row, passing or not, for messages
	for _, row := range c.rows {
		if _, ok := inFile[row.staff.NIP]; !ok && row.staff.NIP != "" {
			inFile[row.staff.NIP] = row.num
		}
	}
	failed := false
	for changed := true; changed; {
		changed = false
		good := c.good()
		for _, row := range c.rows {
			sup := row.staff.SuperiorNIP
			if row.bad || sup == "" || good[sup] != nil {
				continue
			}
			if _, ok := c.db.Superior(sup); ok {
				continue
			}
			if n, ok := inFile[sup]; ok {
				c.fail(row, ColSuperiorNIP, "roster.superior_rejected", sup, n)
			} else {
				c.fail(row, ColSuperiorNIP, "roster.superior_unknown", sup)
			}
			changed, failed = true, true
		}
	}
	return failed
}

// checkCycles follows every passing row up its chain of superiors, through
// the file and then the database, and fails each file row on a loop. It
// reports whether it failed any.
func (c *checker) checkCycles() bool {
	good := c.good()
	superior := func(nip string) (string, bool) {
		if row := good[nip]; row != nil {
			return row.staff.SuperiorNIP, true
		}
		return c.db.Superior(nip)
	}
	const (
		unseen = iota
		onPath
		done
	)
	state := map[string]int{}
	failed := false
	for _, start := range c.rows {
		if start.bad {
			continue
		}
		var path []string
		at := map[string]int{} // NIP -> index in path
		for nip, ok := start.staff.NIP, true; ok && nip != ""; nip, ok = superior(nip) {
			if state[nip] == done {
				break
			}
			if state[nip] == onPath {
				if c.failCycle(path[at[nip]:], good) {
					failed = true
				}
				break
			}
			state[nip] = onPath
			at[nip] = len(path)
			path = append(path, nip)
		}
		for _, nip := range path {
			state[nip] = done
		}
	}
	return failed
}

// failCycle fails the file rows on a loop, each with the whole loop written
// out from itself, and reports whether there were any. A loop made only of
// database rows is not this file's doing and is left alone.
func (c *checker) failCycle(loop []string, good map[string]*rosterRow) bool {
	found := false
	for i, nip := range loop {
		row := good[nip]
		if row == nil {
			continue
		}
		chain := append(append([]string{}, loop[i:]...), loop[:i+1]...)
		c.fail(row, ColSuperiorNIP, "roster.superior_cycle", strings.Join(chain, " → "))
		found = true
	}
	return found
}
