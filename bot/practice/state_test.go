package practice

import (
	"context"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/bot"
)

// settings is an in-memory settingStore.
type settings map[string]string

func (s settings) Setting(_ context.Context, k string) (string, bool, error) {
	v, ok := s[k]
	return v, ok, nil
}
func (s settings) PutSetting(_ context.Context, k, v string) error { s[k] = v; return nil }
func (s settings) Settings(_ context.Context, keys []string) (map[string]string, error) {
	out := map[string]string{}
	for _, k := range keys {
		if v, ok := s[k]; ok {
			out[k] = v
		}
	}
	return out, nil
}

func TestOwnUpdatesAreTheCommandAndItsButtons(t *testing.T) {
	text := func(s string) bot.Update { return bot.Update{Kind: bot.KindText, Text: s} }
	press := func(d string) bot.Update { return bot.Update{Callback: &bot.Callback{Data: d}} }
	for u, want := range map[*bot.Update]bool{
		ptr(text("/latihan")): true, ptr(text("/latihan selesai")): true, ptr(text("/Practice@KinerjaBot done")): true,
		ptr(text("/lapor")): false, ptr(text("latihan")): false, ptr(text("/")): false, ptr(text("/latihanx")): false,
		ptr(press("ltn:end")): true, ptr(press("rpt:a:1:1")): false, ptr(press("ltnx:end")): false,
	} {
		if got := Own(*u); got != want {
			t.Errorf("Own(%q %v) = %v, want %v", u.Text, u.Callback, got, want)
		}
	}
}

func ptr(u bot.Update) *bot.Update { return &u }

func TestEndedRangesTellPracticeMessagesApart(t *testing.T) {
	ctx := context.Background()
	s := settings{}
	if err := addEnded(ctx, s, 7, 10, 20); err != nil {
		t.Fatal(err)
	}
	if err := addEnded(ctx, s, 7, 40, 45); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int]bool{9: false, 10: true, 20: true, 21: false, 44: true, 46: false} {
		if got, _ := WasPractice(ctx, s, 7, id); got != want {
			t.Errorf("message %d: %v, want %v", id, got, want)
		}
	}
	if got, _ := WasPractice(ctx, s, 8, 15); got {
		t.Error("another chat's range applied")
	}
	// A batch reads the same in one go, with who is practising.
	if err := putActive(ctx, s, map[int64]Entry{8: {NIP: "1", First: 3}}); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBatch(ctx, s, []int64{7, 8})
	if err != nil || len(b.Active) != 1 || b.Active[8].First != 3 {
		t.Fatalf("LoadBatch: %+v, %v", b, err)
	}
	for id, want := range map[int]bool{9: false, 10: true, 20: true, 21: false, 44: true, 46: false} {
		if got := b.WasPractice(7, id); got != want {
			t.Errorf("batch, message %d: %v, want %v", id, got, want)
		}
	}
	if b.WasPractice(8, 15) || b.WasPractice(9, 15) {
		t.Error("batch: a chat without ended practice, or not asked for, has a range")
	}
	for i := 0; i < maxRanges+5; i++ {
		addEnded(ctx, s, 9, i*10, i*10+1)
	}
	if got, _ := WasPractice(ctx, s, 9, 0); got {
		t.Error("ranges not bounded")
	}
}
