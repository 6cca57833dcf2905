package main

import (
	"context"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// TRANSITIONAL: delete this file once the report, survey and evaluation
// features provide their kinds through export.Source (then the build
// functions it names are gone, and it no longer compiles). Until then it
// keeps "export --what reports|ikm|evaluations|indicators" working through
// the one registry, offering only the names no feature offers yet.

func init() { transitionalExports = legacyExports }

// legacySource offers the kinds still built in cmd.
type legacySource []export.Kind

// Exports returns the kinds.
func (s legacySource) Exports() []export.Kind { return s }

// legacyExports returns the kinds still built by the offline bot, without
// those have already holds.
func legacyExports(a *app, db *storage.DB, have *export.Registry) export.Source {
	wrap := func(build func(ctx context.Context, a *app, db *storage.DB, p kinerja.Period) ([]sheet.Sheet, error)) func(context.Context, kinerja.Period) ([]sheet.Sheet, error) {
		return func(ctx context.Context, p kinerja.Period) ([]sheet.Sheet, error) { return build(ctx, a, db, p) }
	}
	var out legacySource
	for _, k := range []export.Kind{
		{Name: "ikm", Label: "ekspor.kind_ikm", About: "public satisfaction index (IKM, PermenPANRB 14/2017) per unit", Build: wrap(buildIKMExport)},
	} {
		if _, taken := have.Lookup(k.Name); !taken {
			out = append(out, k)
		}
	}
	return out
}
