// Package export is the one registry of exports: the tables the export
// command writes as CSV or XLSX and the admin's /ekspor dialogue sends as
// a workbook. Features declare their kinds (Source); this package imports
// no feature.
package export

import (
	"context"
	"fmt"
	"sort"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// Kind is one kind of export.
type Kind struct {
	// Name is the --what value and the /ekspor button's key: short, no ':'.
	Name string
	// About is its one line in "export --help" (for operators, English).
	About string
	// Label is the text key of its /ekspor button; "" keeps it out of the
	// chat (the command line still offers it).
	Label string
	// Build returns the tables of period p. CSV writes the first; XLSX
	// writes each as a sheet.
	Build func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error)
	// ForUnit, when set, builds the tables of one unit (export --unit);
	// a kind without it refuses --unit.
	ForUnit func(ctx context.Context, p kinerja.Period, unit string) ([]sheet.Sheet, error)
	// PDF, when set, renders the kind as a finished PDF document (export
	// --format pdf) of one unit, or of every unit when unit is "".
	PDF func(ctx context.Context, p kinerja.Period, unit string) ([]byte, error)
}

// Source is a feature that has exports.
type Source interface {
	Exports() []Kind
}

// Registry holds the kinds on offer, in the order they were given.
type Registry struct {
	kinds  []Kind
	byName map[string]Kind
}

// NewRegistry collects the kinds of every source among features (anything
// else is skipped), refusing a name used twice or unfit for callback data.
func NewRegistry(features ...any) (*Registry, error) {
	r := &Registry{byName: map[string]Kind{}}
	for _, f := range features {
		s, ok := f.(Source)
		if !ok {
			continue
		}
		for _, k := range s.Exports() {
			if _, dup := r.byName[k.Name]; dup || k.Build == nil {
				return nil, fmt.Errorf("export: kind %q registered twice or without a builder", k.Name)
			}
			// The name travels in /ekspor's callback data (where "all"
			// means every kind) and in the workbook's file name.
			if k.Name == "" || k.Name == allKinds || strings.ContainsAny(k.Name, ":/ ") {
				return nil, fmt.Errorf("export: kind name %q is empty, reserved or holds ':', '/' or a space", k.Name)
			}
			r.byName[k.Name] = k
			r.kinds = append(r.kinds, k)
		}
	}
	return r, nil
}

// Kinds returns every kind in registration order.
func (r *Registry) Kinds() []Kind { return r.kinds }

// Lookup returns the kind called name.
func (r *Registry) Lookup(name string) (Kind, bool) {
	k, ok := r.byName[name]
	return k, ok
}

// Names returns the kinds' names, sorted.
func (r *Registry) Names() []string {
	var out []string
	for _, k := range r.kinds {
		out = append(out, k.Name)
	}
	sort.Strings(out)
	return out
}
