package storage_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

var (
	jakarta = time.FixedZone("WIB", 7*3600)
	t0      = time.Date(2026, 11, 2, 9, 0, 0, 0, jakarta)
)

const (
	nipHead  = "197001012000031001"
	nipStaff = "198502022010012002"
	nipOther = "199003032015032003"
)

// seedRoster puts one unit with a head and two staff in db.
func seedRoster(t *testing.T, db *storage.DB) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.PutUnit(ctx, &kinerja.Unit{Code: "PKM-01", Name: "Puskesmas Tanah Garam"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []*kinerja.Staff{
		{NIP: nipHead, Name: "Dr. Rina", Position: "Kepala Puskesmas", UnitCode: "PKM-01"},
		{NIP: nipStaff, Name: "Budi", Position: "Perawat", UnitCode: "PKM-01", SuperiorNIP: nipHead},
		{NIP: nipOther, Name: "Sari", Position: "Bidan", UnitCode: "PKM-01", SuperiorNIP: nipHead},
	} {
		if _, err := db.PutStaff(ctx, s, t0); err != nil {
			t.Fatal(err)
		}
	}
}

func init() {
	contract["staff/put is idempotent and keeps superior history"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		s, err := db.Staff(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		changed, err := db.PutStaff(ctx, s, t0.Add(time.Hour))
		if err != nil || changed {
			t.Fatalf("re-put unchanged: changed=%v err=%v", changed, err)
		}
		moved := *s
		moved.SuperiorNIP = nipOther
		t1 := t0.AddDate(0, 1, 0)
		if changed, err := db.PutStaff(ctx, &moved, t1); err != nil || !changed {
			t.Fatalf("change superior: changed=%v err=%v", changed, err)
		}
		hist, err := db.SuperiorHistory(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(hist), 2; got != want {
			t.Fatalf("history has %d spans, want %d: %+v", got, want, hist)
		}
		if !hist[0].To.Equal(t1) || !hist[1].To.IsZero() {
			t.Fatalf("spans not closed/opened at the change: %+v", hist)
		}
		before, _ := db.SuperiorAt(ctx, nipStaff, t0.Add(24*time.Hour))
		after, _ := db.SuperiorAt(ctx, nipStaff, t1.Add(time.Hour))
		early, _ := db.SuperiorAt(ctx, nipStaff, t0.AddDate(-1, 0, 0))
		if before != nipHead || after != nipOther || early != nipHead {
			t.Fatalf("SuperiorAt: before=%q after=%q early=%q", before, after, early)
		}
		subs, err := db.ListStaff(ctx, kinerja.StaffFilter{SuperiorNIP: nipHead})
		if err != nil || len(subs) != 0 {
			// nipOther still reports to the head; nipStaff moved away.
			if len(subs) != 1 || subs[0].NIP != nipOther {
				t.Fatalf("subordinates of head: %v %v", subs, err)
			}
		}
	}
	contract["staff/link is one account to one NIP"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if err := db.LinkTelegram(ctx, nipStaff, 555); err != nil {
			t.Fatal(err)
		}
		err := db.LinkTelegram(ctx, nipOther, 555)
		if got, want := kinerja.ErrorCode(err), kinerja.EConflict; got != want {
			t.Fatalf("second NIP on the same account: code %q, want %q (%v)", got, want, err)
		}
		s, err := db.StaffByTelegram(ctx, 555)
		if err != nil || s.NIP != nipStaff {
			t.Fatalf("StaffByTelegram = %v, %v", s, err)
		}
		if err := db.LinkTelegram(ctx, nipStaff, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.StaffByTelegram(ctx, 555); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("after unlink: %v", err)
		}
		if err := db.LinkTelegram(ctx, "000000000000000000", 1); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown NIP: %v", err)
		}
	}
	contract["invites/used once"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		inv := &kinerja.Invite{Code: "abc", NIP: nipStaff, CreatedAt: t0, ExpiresAt: t0.AddDate(0, 0, 14)}
		if err := db.CreateInvite(ctx, inv); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkInviteUsed(ctx, "abc", 7, t0); err != nil {
			t.Fatal(err)
		}
		if err := db.MarkInviteUsed(ctx, "abc", 8, t0); kinerja.ErrorCode(err) != kinerja.EConflict {
			t.Fatalf("second use: %v", err)
		}
		got, err := db.Invite(ctx, "abc")
		if err != nil || got.UsedBy != 7 || !got.UsedAt.Equal(t0) || !got.ExpiresAt.Equal(inv.ExpiresAt) {
			t.Fatalf("Invite = %+v, %v", got, err)
		}
	}
	contract["invites/a new one revokes the unused earlier ones"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for _, code := range []string{"old", "used", "gone"} {
			exp := t0.AddDate(0, 0, 14)
			if code == "gone" {
				exp = t0.Add(-time.Hour)
			}
			if err := db.CreateInvite(ctx, &kinerja.Invite{Code: code, NIP: nipStaff, CreatedAt: t0.Add(-2 * time.Hour), ExpiresAt: exp}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.MarkInviteUsed(ctx, "used", 7, t0.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		if n, err := db.RevokeInvites(ctx, nipStaff, t0); err != nil || n != 1 {
			t.Fatalf("RevokeInvites = %d, %v; want the one unused, unexpired code", n, err)
		}
		if got, _ := db.Invite(ctx, "old"); !got.ExpiresAt.Equal(t0) {
			t.Fatalf("revoked code expires %v, want %v", got.ExpiresAt, t0)
		}
		if got, _ := db.Invite(ctx, "used"); !got.ExpiresAt.Equal(t0.AddDate(0, 0, 14)) {
			t.Fatalf("a used code changed: %+v", got)
		}
	}
	contract["sessions, accounts, settings and the update log round-trip"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		s := &kinerja.Session{ChatID: 9, Flow: "report", Step: "qty", Data: map[string]string{"k": "v"}, MessageID: 4, UpdatedAt: t0}
		if err := db.PutSession(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, err := db.Session(ctx, 9)
		if err != nil || got.Step != "qty" || got.Data["k"] != "v" || got.MessageID != 4 || !got.UpdatedAt.Equal(t0) {
			t.Fatalf("Session = %+v, %v", got, err)
		}
		if idle, err := db.IdleSessions(ctx, t0.Add(time.Minute)); err != nil || len(idle) != 1 || idle[0].ChatID != 9 {
			t.Fatalf("IdleSessions = %v, %v", idle, err)
		}
		if idle, _ := db.IdleSessions(ctx, t0); len(idle) != 0 {
			t.Fatalf("IdleSessions before update = %v", idle)
		}
		if err := db.DeleteSession(ctx, 9); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, 9); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("deleted session: %v", err)
		}
		if err := db.PutAccount(ctx, &kinerja.Account{TelegramID: 3, Lang: kinerja.LangEN, UpdatedAt: t0}); err != nil {
			t.Fatal(err)
		}
		if a, err := db.Account(ctx, 3); err != nil || a.Lang != kinerja.LangEN {
			t.Fatalf("Account = %+v, %v", a, err)
		}
		if err := db.PutSetting(ctx, "k", "v1"); err != nil {
			t.Fatal(err)
		}
		if err := db.PutSetting(ctx, "k", "v2"); err != nil {
			t.Fatal(err)
		}
		if v, ok, err := db.Setting(ctx, "k"); v != "v2" || !ok || err != nil {
			t.Fatalf("Setting = %q %v %v", v, ok, err)
		}
		if _, ok, _ := db.Setting(ctx, "missing"); ok {
			t.Fatal("missing setting reported present")
		}
		for _, id := range []int64{1, 1} {
			if err := db.MarkUpdate(ctx, id, t0); err != nil {
				t.Fatal(err)
			}
		}
		if seen, _ := db.UpdateSeen(ctx, 1); !seen {
			t.Fatal("update 1 not seen")
		}
		if seen, _ := db.UpdateSeen(ctx, 2); seen {
			t.Fatal("update 2 seen")
		}
		if n, err := db.PruneUpdates(ctx, t0.Add(time.Second)); n != 1 || err != nil {
			t.Fatalf("prune = %d, %v", n, err)
		}
	}
	contract["transactions roll back on error"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		err := db.InTx(ctx, func(tx kinerja.Tx) error {
			if err := tx.PutSetting(ctx, "x", "1"); err != nil {
				return err
			}
			return kinerja.Errorf(kinerja.EInvalid, "err.test")
		})
		if kinerja.ErrorCode(err) != kinerja.EInvalid {
			t.Fatalf("InTx error = %v", err)
		}
		if _, ok, _ := db.Setting(ctx, "x"); ok {
			t.Fatal("rolled-back write is visible")
		}
	}
}

func TestOpenRefusesMemory(t *testing.T) {
	if _, err := storage.Open(context.Background(), ":memory:"); err == nil {
		t.Fatal(":memory: accepted")
	}
}

func TestMigrationsApplyOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "k.db")
	db := storagetest.MustOpenPath(t, path)
	seedRoster(t, db)
	db.Close()
	db2 := storagetest.MustOpenPath(t, path)
	if _, err := db2.Staff(context.Background(), nipHead); err != nil {
		t.Fatalf("data lost on reopen: %v", err)
	}
}
