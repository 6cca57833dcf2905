package storage_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// appendN appends n entries, each in its own transaction.
func appendN(t *testing.T, db *storage.DB, n int) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: t0.Add(time.Duration(i) * time.Minute), ActorNIP: nipStaff,
				Action: "report.create", Entity: "report", EntityID: fmt.Sprint(i + 1), After: fmt.Sprintf(`{"n":%d}`, i)})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// verify walks the chain or fails the test.
func verify(t *testing.T, db *storage.DB) *kinerja.AuditVerdict {
	t.Helper()
	v, err := kinerja.VerifyAudit(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// tamper runs raw SQL against the database, as an intruder would.
func tamper(t *testing.T, db *storage.DB, q string, args ...any) {
	t.Helper()
	if err := db.ExecRaw(context.Background(), q, args...); err != nil {
		t.Fatal(err)
	}
}

func init() {
	contract["audit/chain links entries and verifies"] = func(t *testing.T, db *storage.DB) {
		if v := verify(t, db); !v.OK() || v.Count != 0 {
			t.Fatalf("empty log: %+v", v)
		}
		appendN(t, db, 3)
		entries, err := db.AuditEntries(context.Background(), 0, 10)
		if err != nil || len(entries) != 3 {
			t.Fatalf("entries = %v, %v", entries, err)
		}
		if entries[0].PrevHash != "" || entries[1].PrevHash != entries[0].Hash || entries[2].Seq != 3 ||
			!entries[2].At.Equal(t0.Add(2*time.Minute)) || entries[2].After != `{"n":2}` {
			t.Fatalf("chain = %+v %+v %+v", entries[0], entries[1], entries[2])
		}
		v := verify(t, db)
		if !v.OK() || v.Count != 3 || v.HeadSeq != 3 || v.HeadHash != entries[2].Hash {
			t.Fatalf("verdict = %+v", v)
		}
	}
	contract["audit/an append rolls back with its transaction"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		appendN(t, db, 1)
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			if err := tx.AppendAudit(ctx, &kinerja.AuditEntry{At: t0, Action: "x", Entity: "y", EntityID: "1"}); err != nil {
				return err
			}
			return kinerja.Errorf(kinerja.EInvalid, "err.test")
		})
		if kinerja.ErrorCode(err) != kinerja.EInvalid {
			t.Fatal(err)
		}
		appendN(t, db, 1)
		if v := verify(t, db); !v.OK() || v.Count != 2 {
			t.Fatalf("after a rolled-back append: %+v", v)
		}
	}
	contract["audit/verify names the first altered, removed or reordered entry"] = func(t *testing.T, db *storage.DB) {
		cases := []struct {
			name    string
			tamper  func(db *storage.DB)
			seq     int64
			problem string
		}{
			{"content edited", func(db *storage.DB) {
				tamper(t, db, `UPDATE audit_log SET after_json = ? WHERE seq = 3`, `{"n":99}`)
			}, 3, "altered"},
			{"actor edited", func(db *storage.DB) {
				tamper(t, db, `UPDATE audit_log SET actor_nip = ? WHERE seq = 2`, nipHead)
			}, 2, "altered"},
			{"edited with a recomputed own hash", func(db *storage.DB) {
				// The intruder rehashes row 2; row 3's link then no longer matches.
				e, _ := db.AuditEntries(context.Background(), 1, 1)
				e[0].After = `{"n":42}`
				tamper(t, db, `UPDATE audit_log SET after_json = ?, hash = ? WHERE seq = 2`, e[0].After, kinerja.AuditHash(e[0]))
			}, 3, "reordered"},
			{"middle entry deleted", func(db *storage.DB) {
				tamper(t, db, `DELETE FROM audit_log WHERE seq = 2`)
			}, 2, "removed"},
			{"last entry deleted", func(db *storage.DB) {
				tamper(t, db, `DELETE FROM audit_log WHERE seq = 4`)
			}, 4, "removed"},
			{"two entries swapped", func(db *storage.DB) {
				tamper(t, db, `UPDATE audit_log SET seq = 100 WHERE seq = 2`)
				tamper(t, db, `UPDATE audit_log SET seq = 2 WHERE seq = 3`)
				tamper(t, db, `UPDATE audit_log SET seq = 3 WHERE seq = 100`)
			}, 2, "reordered"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				fresh := reopen(t, db)
				appendN(t, fresh, 4)
				c.tamper(fresh)
				v := verify(t, fresh)
				if v.BrokenSeq != c.seq || v.Problem != c.problem {
					t.Fatalf("verdict = %+v, want entry %d %s", v, c.seq, c.problem)
				}
			})
		}
	}
	contract["audit/concurrent appends never fork the chain"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		const workers, each = 8, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*each+3)
		for w := range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range each {
					errs <- db.InTx(ctx, func(tx kinerja.Tx) error {
						return tx.AppendAudit(ctx, &kinerja.AuditEntry{At: t0, Action: "a", Entity: "e", EntityID: fmt.Sprint(w, "/", i)})
					})
				}
			}()
		}
		// And a few outside InTx, each in its own transaction.
		for i := range 3 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- db.AppendAudit(ctx, &kinerja.AuditEntry{At: t0, Action: "b", Entity: "e", EntityID: fmt.Sprint(i)})
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		if v := verify(t, db); !v.OK() || v.Count != workers*each+3 {
			t.Fatalf("verdict after concurrent appends = %+v", v)
		}
	}
}

// reopen returns a fresh, empty database of the same engine as db.
func reopen(t *testing.T, db *storage.DB) *storage.DB {
	t.Helper()
	return storagetest.Engines()[db.Engine()](t)
}
