package storage

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps one prepared statement per query text, so a query run on
// every update is compiled once per pooled connection instead of on every
// call: compiling was a third of the time an update held SQLite's single
// write lock. It is used for SQLite only; pgx already caches statements.
type stmtCache struct {
	db *sql.DB
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache; queries are fixed texts with a few
// filter variants, far fewer than this.
const maxCachedStmts = 512

func newStmtCache(db *sql.DB) *stmtCache { return &stmtCache{db: db, m: map[string]*sql.Stmt{}} }

// get returns the prepared statement for q, preparing it on first use; nil
// when the cache is full or preparing failed (the caller then runs q
// directly, and reports the error the normal way).
func (s *stmtCache) get(ctx context.Context, q string) *sql.Stmt {
	s.mu.RLock()
	st := s.m[q]
	s.mu.RUnlock()
	if st != nil {
		return st
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.m[q]; st != nil {
		return st
	}
	if s.m == nil || len(s.m) >= maxCachedStmts { // closed, or full
		return nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	s.m[q] = st
	return st
}

// close closes every cached statement.
func (s *stmtCache) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, st := range s.m {
		st.Close()
	}
	s.m = nil
}

// stmt returns the cached statement for q bound to c's transaction, or nil
// when c has no cache. A statement bound with Tx.StmtContext reuses the
// connection's compiled statement and is closed with the transaction.
func (c *conn) stmt(ctx context.Context, q string) *sql.Stmt {
	if c.cache == nil {
		return nil
	}
	if bound := c.bound[q]; bound != nil {
		return bound
	}
	st := c.cache.get(ctx, q)
	if st == nil || c.tx == nil {
		return st
	}
	// Bound once per transaction: a batch runs the same few queries for
	// each of its updates, and binding allocates and locks.
	bound := c.tx.StmtContext(ctx, st)
	if c.bound == nil {
		c.bound = make(map[string]*sql.Stmt, 16)
	}
	c.bound[q] = bound
	return bound
}
