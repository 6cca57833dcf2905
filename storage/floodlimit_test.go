package storage_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// Reservations from many callers at once (two pools, as two replicas)
// share one pace: the first burst goes at once, every later one is handed
// its own slot one interval after the previous, none twice.
func TestReserveSendPacesEveryCallerAsOne(t *testing.T) {
	ctx := context.Background()
	a := storagetest.MustOpenPostgres(t)
	const (
		interval  = 50 * time.Millisecond
		tolerance = 100 * time.Millisecond // a burst of three
		callers   = 12
	)
	var (
		mu    sync.Mutex
		waits []time.Duration
		wg    sync.WaitGroup
	)
	start := time.Now()
	for range callers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w, err := a.ReserveSend(ctx, "global", interval, tolerance)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			waits = append(waits, w)
			mu.Unlock()
		}()
	}
	wg.Wait()
	took := time.Since(start)
	if len(waits) != callers {
		t.Fatalf("%d reservations", len(waits))
	}
	slots := map[int]int{}
	for _, w := range waits {
		slots[int((w+interval/2)/interval)]++
	}
	if slots[0] < 3 {
		t.Errorf("waits %v: want the burst of three to go at once", waits)
	}
	var total time.Duration
	for _, w := range waits {
		total += w
	}
	// Without pacing the total would be 0; with it, the sum of 1..9
	// intervals (the nine after the burst), less up to the time the
	// reservations took for each.
	if low := 45*interval - 9*took; total < low || total > 45*interval {
		t.Errorf("waits %v sum to %v, want about %v", waits, total, 45*interval)
	}
	// Another key has its own pace.
	if w, err := a.ReserveSend(ctx, "chat:1", interval, tolerance); err != nil || w != 0 {
		t.Errorf("a fresh key waits %v (%v), want 0", w, err)
	}
	// Idle time restores the burst, no more.
	time.Sleep(10*interval + tolerance)
	for i := range 4 {
		w, err := a.ReserveSend(ctx, "global", interval, tolerance)
		if err != nil {
			t.Fatal(err)
		}
		if i < 3 && w != 0 || i == 3 && w < interval/2 {
			t.Errorf("after a rest, reservation %d waits %v", i, w)
		}
	}
}

func TestReserveSendRefusesSQLite(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	if _, err := db.ReserveSend(context.Background(), "global", time.Second, 0); err == nil {
		t.Error("ReserveSend on SQLite: want an error")
	}
}
