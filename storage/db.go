// Package storage is kinerjabot's database: SQLite (the embedded default) and
// PostgreSQL (for deployments that outgrow one machine) behind the same code.
// Queries are written once with ? placeholders and rebound for PostgreSQL;
// migrations are embedded numbered SQL files applied once each at open.
// This is the only package that contains SQL or imports a database driver.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	_ "github.com/mattn/go-sqlite3"    // SQLite driver "sqlite3"
)

// engine is the SQL dialect in use.
type engine int

const (
	sqliteEngine engine = iota
	postgresEngine
)

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs the store methods over a querier: the pool for DB, one
// transaction for InTx.
type conn struct {
	q      querier
	engine engine
	cache  *stmtCache // prepared statements (SQLite); nil for none
	tx     *sql.Tx    // the transaction q is, inside InTx
	// bound are the cached statements bound to tx (stmtcache.go); a
	// transaction is used by one goroutine at a time.
	bound map[string]*sql.Stmt
}

// DB is an open database. It implements kinerja.Store.
type DB struct {
	conn
	sql *sql.DB
	dsn string // for the pool River needs (cluster.go)
	// writeMu serialises SQLite write transactions in this process: SQLite has
	// one writer, and queueing here is cheaper than spinning on busy_timeout.
	writeMu sync.Mutex
}

var _ kinerja.Store = (*DB)(nil)

// Open opens the database named by dsn and applies pending migrations. A dsn
// starting with postgres:// or postgresql:// selects PostgreSQL; anything
// else is a SQLite file path (optionally prefixed with "sqlite:"), opened in
// WAL mode with foreign keys, secure delete and a busy timeout on every
// pooled connection. A missing SQLite file is created.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return open(ctx, dsn, false)
}

// OpenExisting opens a database like Open, but refuses one that does not
// exist yet (a SQLite file that is missing, or a database no migration was
// ever applied to) with a not-found error naming it, instead of creating
// it. Commands that only read use it, so that a mistyped KINERJA_DB is
// reported rather than answered from a new, empty database.
func OpenExisting(ctx context.Context, dsn string) (*DB, error) {
	return open(ctx, dsn, true)
}

func open(ctx context.Context, dsn string, existing bool) (*DB, error) {
	var (
		d   *sql.DB
		err error
		eng engine
	)
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		eng = postgresEngine
		d, err = sql.Open("pgx", dsn)
	default:
		eng = sqliteEngine
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" || path == ":memory:" || strings.Contains(path, "mode=memory") {
			// Every pooled connection would get its own empty database.
			return nil, fmt.Errorf("storage: an in-memory SQLite database is not supported; give a file path")
		}
		// Per-connection pragmas go in the DSN so that every pooled
		// connection has them; _txlock=immediate takes the write lock at
		// BEGIN, so two writers never deadlock upgrading a read lock;
		// _secure_delete=on overwrites deleted content with zeros, so a
		// finished survey's session (a Telegram id next to its answers)
		// cannot be read back from free space in a copy of the file.
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		params := "_journal_mode=WAL&_foreign_keys=on&_busy_timeout=10000&_synchronous=NORMAL&_txlock=immediate&_secure_delete=on"
		if existing {
			file, _, _ := strings.Cut(path, "?")
			if st, err := os.Stat(file); err != nil || !st.Mode().IsRegular() {
				return nil, kinerja.Errorf(kinerja.ENotFound, "err.db_missing", file)
			}
			// mode=rw opens without creating, should the file go between
			// the check and the open.
			params += "&mode=rw"
		}
		d, err = sql.Open("sqlite3", "file:"+path+sep+params)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	if eng == postgresEngine {
		d.SetMaxOpenConns(16)
	} else {
		d.SetMaxOpenConns(8)
	}
	db := &DB{conn: conn{q: d, engine: eng}, sql: d, dsn: dsn}
	if eng == sqliteEngine {
		db.cache = newStmtCache(d)
	}
	if err := d.PingContext(ctx); err != nil {
		d.Close()
		return nil, fmt.Errorf("storage: connect: %w", err)
	}
	if existing {
		if err := db.mustBeSetUp(ctx, dsn); err != nil {
			d.Close()
			return nil, err
		}
	}
	if err := db.migrate(ctx); err != nil {
		d.Close()
		return nil, err
	}
	return db, nil
}

// mustBeSetUp refuses a database that no migration was ever applied to: an
// empty SQLite file, or a PostgreSQL database (or schema) the bot never
// used. The name in the error is the file, or the server and database
// without the credentials.
func (db *DB) mustBeSetUp(ctx context.Context, dsn string) error {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&n)
	switch {
	case err == nil && n > 0:
		return nil
	case err != nil && !strings.Contains(err.Error(), "no such table") && !strings.Contains(err.Error(), "SQLSTATE 42P01"):
		return fmt.Errorf("storage: %w", err) // not a database at all, say
	}
	name := strings.TrimPrefix(dsn, "sqlite:")
	if db.engine == postgresEngine {
		if u, perr := url.Parse(dsn); perr == nil {
			name = u.Host + u.Path
		} else {
			name = "PostgreSQL"
		}
	}
	name, _, _ = strings.Cut(name, "?")
	return kinerja.Errorf(kinerja.ENotFound, "err.db_missing", name)
}

// Close closes the database.
func (db *DB) Close() error {
	if db.cache != nil {
		db.cache.close()
	}
	return db.sql.Close()
}

// Engine returns "sqlite" or "postgres".
func (db *DB) Engine() string {
	if db.engine == postgresEngine {
		return "postgres"
	}
	return "sqlite"
}

// InTx runs fn in one transaction, committed when fn returns nil and rolled
// back otherwise (including on panic, which is re-raised).
func (db *DB) InTx(ctx context.Context, fn func(tx kinerja.Tx) error) (err error) {
	if db.engine == sqliteEngine {
		db.writeMu.Lock()
		defer db.writeMu.Unlock()
	}
	tx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("storage: begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
	}()
	if err := fn(&conn{q: tx, engine: db.engine, cache: db.cache, tx: tx}); err != nil {
		_ = tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("storage: commit: %w", err)
	}
	return nil
}

// Savepoint marks a point inside the transaction that RollbackTo can
// return to, undoing only what was written after it; Release forgets it,
// keeping the writes. The dispatcher handles a batch of updates in one
// transaction with a savepoint per update, so a failing handler rolls
// back its own writes and no one else's (group commit). name is a plain
// identifier. Outside InTx these are errors.
func (c *conn) Savepoint(ctx context.Context, name string) error {
	return c.savepoint(ctx, "SAVEPOINT ", name)
}

// RollbackTo undoes every write since Savepoint(name); the savepoint stays
// and can be rolled back to again or released.
func (c *conn) RollbackTo(ctx context.Context, name string) error {
	return c.savepoint(ctx, "ROLLBACK TO SAVEPOINT ", name)
}

// Release forgets Savepoint(name), keeping the writes since it as part of
// the enclosing transaction.
func (c *conn) Release(ctx context.Context, name string) error {
	return c.savepoint(ctx, "RELEASE SAVEPOINT ", name)
}

func (c *conn) savepoint(ctx context.Context, verb, name string) error {
	if c.tx == nil {
		return fmt.Errorf("storage: %s%s outside a transaction", verb, name)
	}
	if !isIdent(name) {
		return fmt.Errorf("storage: savepoint name %q is not a plain identifier", name)
	}
	if _, err := c.exec(ctx, verb+name); err != nil {
		return fmt.Errorf("storage: %s%s: %w", verb, name, err)
	}
	return nil
}

// isIdent reports whether s is a lower-case SQL identifier (letters,
// digits and underscores, not starting with a digit).
func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if ch := s[i]; !(ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

// rebind turns ? placeholders into $1, $2… for PostgreSQL. Queries in this
// package never contain a literal question mark.
func (c *conn) rebind(q string) string {
	if c.engine != postgresEngine || !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(q[i])
	}
	return b.String()
}

func (c *conn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := c.stmt(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return c.q.ExecContext(ctx, c.rebind(q), args...)
}

func (c *conn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := c.stmt(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return c.q.QueryContext(ctx, c.rebind(q), args...)
}

func (c *conn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := c.stmt(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return c.q.QueryRowContext(ctx, c.rebind(q), args...)
}

// notFound turns sql.ErrNoRows into the domain's not-found error.
func notFound(err error, key string, args ...any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return kinerja.Errorf(kinerja.ENotFound, key, args...)
	}
	return err
}

// isUniqueViolation reports whether err is a unique-constraint failure in
// either engine.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	s := err.Error()
	return strings.Contains(s, "UNIQUE constraint failed") || strings.Contains(s, "SQLSTATE 23505")
}

// collect reads every row with scan and closes rows: the shape of every
// list query.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
