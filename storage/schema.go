package storage

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// NewSchema creates the empty schema name in the PostgreSQL database at
// dsn and returns a DSN whose search_path is that schema, so a load tool
// can run every process of one measurement on a fresh database without
// creating one. name must be a plain lower-case identifier.
func NewSchema(ctx context.Context, dsn, name string) (string, error) {
	if err := schemaDDL(ctx, dsn, "CREATE SCHEMA ", name); err != nil {
		return "", err
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "", fmt.Errorf("storage: %w", err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// DropSchema removes a schema NewSchema created, with everything in it.
func DropSchema(ctx context.Context, dsn, name string) error {
	return schemaDDL(ctx, dsn, "DROP SCHEMA IF EXISTS ", name+" CASCADE")
}

func schemaDDL(ctx context.Context, dsn, verb, what string) error {
	name, _, _ := strings.Cut(what, " ")
	pg := strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
	if !pg || !isIdent(name) {
		return fmt.Errorf("storage: schemas need a postgres:// DSN and a plain identifier, not %q", name)
	}
	d, err := sql.Open("pgx", dsn)
	if err != nil {
		return fmt.Errorf("storage: %w", err)
	}
	defer d.Close()
	if _, err := d.ExecContext(ctx, verb+what); err != nil {
		return fmt.Errorf("storage: %s%s: %w", verb, name, err)
	}
	return nil
}
