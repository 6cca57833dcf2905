package storage_test

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	contract["service times/a start mark is taken once and forgotten after its day"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		day := kinerja.Day(t0, jakarta)
		s := &kinerja.ServiceStart{Key: "k1", UnitCode: "PKM-01", ServiceCode: "KIA", Day: day, StartedAt: t0}
		if ok, err := db.MarkServiceStart(ctx, s); !ok || err != nil {
			t.Fatalf("mark: %v %v", ok, err)
		}
		later := *s
		later.StartedAt = t0.Add(time.Hour)
		if ok, err := db.MarkServiceStart(ctx, &later); ok || err != nil {
			t.Fatalf("a second scan the same day replaced the first: %v %v", ok, err)
		}
		got, err := db.TakeServiceStart(ctx, "k1")
		if err != nil || !got.StartedAt.Equal(t0) || got.UnitCode != "PKM-01" || got.ServiceCode != "KIA" || !got.Day.Equal(day) {
			t.Fatalf("take: %+v %v", got, err)
		}
		if _, err := db.TakeServiceStart(ctx, "k1"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("taken twice: %v", err)
		}
		if ok, err := db.MarkServiceStart(ctx, s); ok || err != nil {
			t.Fatalf("a used mark was armed again the same day: %v %v", ok, err)
		}
		if n, err := db.ForgetServiceStarts(ctx, day); n != 0 || err != nil {
			t.Fatalf("forgot today's: %d %v", n, err)
		}
		if n, err := db.ForgetServiceStarts(ctx, day.AddDate(0, 0, 1)); n != 1 || err != nil {
			t.Fatalf("forget: %d %v", n, err)
		}
		if _, err := db.TakeServiceStart(ctx, "missing"); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("missing: %v", err)
		}
	}

	contract["service times/durations keep unit, service, month and minutes"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for _, d := range []kinerja.ServiceDuration{
			{UnitCode: "PKM-01", ServiceCode: "KIA", Month: "2026-11", Minutes: 35.5},
			{UnitCode: "PKM-01", ServiceCode: "", Month: "2026-11", Minutes: 20},
			{UnitCode: "PKM-01", ServiceCode: "KIA", Month: "2026-10", Minutes: 12},
		} {
			if err := db.AddServiceDuration(ctx, &d); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.ServiceDurations(ctx, kinerja.ServiceDurationFilter{UnitCode: "PKM-01", FromMonth: "2026-11", ToMonth: "2026-12"})
		if err != nil || len(got) != 2 || got[0].Minutes != 20 || got[1].Minutes != 35.5 || got[1].ServiceCode != "KIA" {
			t.Fatalf("november: %+v %v", got, err)
		}
		if all, err := db.ServiceDurations(ctx, kinerja.ServiceDurationFilter{}); err != nil || len(all) != 3 {
			t.Fatalf("all: %+v %v", all, err)
		}
	}

	contract["survey/a suggestion is published with its public wording and unpublished"] = func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		seedRoster(t, db)
		for i, text := range []string{"antri lama, kata Budi", "ramah"} {
			r := response("PKM-01", nipStaff, t0.AddDate(0, 0, i), "", 3, 3)
			r.Suggestion = text
			if err := db.AddSurveyResponse(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		list, _, err := db.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-01"})
		if err != nil || len(list) != 2 || list[0].Published() {
			t.Fatalf("list: %+v %v", list, err)
		}
		id, at := list[1].ID, t0.Add(72*time.Hour)
		if err := db.PublishSurveySuggestion(ctx, id, "Antrean lama", nipHead, at); err != nil {
			t.Fatal(err)
		}
		pub, total, err := db.SurveySuggestions(ctx, kinerja.SuggestionFilter{UnitCode: "PKM-01", PublishedOnly: true})
		if err != nil || total != 1 || len(pub) != 1 || pub[0].PublicText != "Antrean lama" || pub[0].Text != "antri lama, kata Budi" ||
			pub[0].PublishedBy != nipHead || !pub[0].PublishedAt.Equal(at) || !pub[0].Published() {
			t.Fatalf("published: %+v %d %v", pub, total, err)
		}
		if err := db.UnpublishSurveySuggestion(ctx, id); err != nil {
			t.Fatal(err)
		}
		if pub, _, err := db.SurveySuggestions(ctx, kinerja.SuggestionFilter{PublishedOnly: true}); err != nil || len(pub) != 0 {
			t.Fatalf("after unpublishing: %+v %v", pub, err)
		}
		if err := db.PublishSurveySuggestion(ctx, 9999, "x", nipHead, at); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown: %v", err)
		}
		if err := db.UnpublishSurveySuggestion(ctx, 9999); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("unknown: %v", err)
		}
	}
}
