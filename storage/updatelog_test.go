package storage_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["a batch's updates are looked up and marked at once"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.MarkUpdate(ctx, 5, t0); err != nil {
			t.Fatal(err)
		}
		ids := make([]int64, 0, 150) // more than one statement's worth
		for id := int64(1); id <= 150; id++ {
			ids = append(ids, id)
		}
		seen, err := db.UpdatesSeen(ctx, ids)
		if err != nil || !reflect.DeepEqual(seen, map[int64]bool{5: true}) {
			t.Fatalf("UpdatesSeen = %v, %v; want only 5", seen, err)
		}
		if err := db.MarkUpdates(ctx, ids, t0.Add(time.Hour)); err != nil { // 5 again: kept
			t.Fatal(err)
		}
		if seen, err = db.UpdatesSeen(ctx, ids); err != nil || len(seen) != 150 {
			t.Fatalf("after marking: %d seen, %v", len(seen), err)
		}
		// 5 keeps its first instant: pruning before the later one takes it alone.
		if n, err := db.PruneUpdates(ctx, t0.Add(time.Minute)); n != 1 || err != nil {
			t.Fatalf("prune = %d, %v; want 1", n, err)
		}
		if seen, _ := db.UpdatesSeen(ctx, nil); len(seen) != 0 {
			t.Fatalf("no ids: %v", seen)
		}
	}
	contract["settings are read several at once"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		for k, v := range map[string]string{"a": "1", "b": "", "c": "3"} {
			if err := db.PutSetting(ctx, k, v); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.Settings(ctx, []string{"a", "b", "missing", "c"})
		if want := map[string]string{"a": "1", "b": "", "c": "3"}; err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("Settings = %v, %v; want %v", got, err, want)
		}
	}
	contract["an update's sender and chat are read in one query"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		if err := db.LinkTelegram(ctx, nipStaff, 555); err != nil {
			t.Fatal(err)
		}
		// Nobody known: all three missing.
		cs, err := db.ChatState(ctx, 777, 777)
		if err != nil || cs.Account != nil || cs.Staff != nil || cs.Session != nil {
			t.Fatalf("stranger: %+v, %v", cs, err)
		}
		// Linked, no account row, no session.
		cs, err = db.ChatState(ctx, 555, 555)
		if err != nil || cs.Account != nil || cs.Session != nil || cs.Staff == nil {
			t.Fatalf("linked: %+v, %v", cs, err)
		}
		want, err := db.StaffByTelegram(ctx, 555)
		if err != nil || !reflect.DeepEqual(cs.Staff, want) {
			t.Fatalf("staff = %+v, want %+v (%v)", cs.Staff, want, err)
		}
		acct := &kinerja.Account{TelegramID: 555, Lang: kinerja.LangEN, Unreachable: true, UpdatedAt: t0.UTC()}
		ses := &kinerja.Session{ChatID: 555, Flow: "survey", Step: "q3", Data: map[string]string{"U1": "4"}, MessageID: 42, UpdatedAt: t0.UTC()}
		if err := db.PutAccount(ctx, acct); err != nil {
			t.Fatal(err)
		}
		if err := db.PutSession(ctx, ses); err != nil {
			t.Fatal(err)
		}
		cs, err = db.ChatState(ctx, 555, 555)
		if err != nil || !reflect.DeepEqual(cs.Account, acct) || !reflect.DeepEqual(cs.Session, ses) || cs.Staff == nil {
			t.Fatalf("all three: %+v %+v %+v, %v", cs.Account, cs.Session, cs.Staff, err)
		}
		// A group chat: the user's records, no session of that chat.
		if cs, err = db.ChatState(ctx, 555, -100); err != nil || cs.Session != nil || cs.Account == nil || cs.Staff == nil {
			t.Fatalf("group chat: %+v, %v", cs, err)
		}
	}
}
