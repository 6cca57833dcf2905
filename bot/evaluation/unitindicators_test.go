package evaluation

import (
	"context"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// budget stores one month of PKM-TGR's budget.
func (h *evalHarness) budget(month string, pagu, spent float64) {
	h.T.Helper()
	if _, err := h.DB.PutBudget(context.Background(), &kinerja.Budget{UnitCode: "PKM-TGR", Month: month, Pagu: pagu,
		Realisasi: spent, Source: kinerja.BudgetImported, UpdatedAt: h.Now}); err != nil {
		h.T.Fatal(err)
	}
}

// fakeSpeed is a measured speed of service, as bot/survey will give it.
type fakeSpeed struct {
	sp    kinerja.ServiceSpeed
	ok    bool
	asked []string
}

func (f *fakeSpeed) ServiceSpeed(_ context.Context, _ survey.TotalsStore, unit string, p kinerja.Period) (kinerja.ServiceSpeed, bool, error) {
	f.asked = append(f.asked, unit+"@"+p.String())
	return f.sp, f.ok, nil
}

// octoberBand makes October's plan 95% ± 5, the 90–100% band.
var octoberBand = scoring.BudgetPlan{Curve: [4]float64{30, 60, 92.5, 100}, Band: 5}

func TestUnitHeadBudgetEfficiency(t *testing.T) {
	tests := []struct {
		name     string
		spent    float64 // of a pagu of 1000, January to October
		capaian  string
		proposal string
	}{
		{"93% inside the 90–100% band is 100%", 930, "100,00", "Sesuai Ekspektasi"},
		{"70% below the band falls off as 70/90", 700, "77,78", "Di Bawah Ekspektasi"},
		{"105% above the band falls off as 2 − 105/100", 1050, "95,00", "Sesuai Ekspektasi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newEvalHarness(t)
			h.f.cfg.Budget = octoberBand
			h.budget("2026-01", 1000, tt.spent/2)
			h.budget("2026-10", 1000, tt.spent/2)
			h.budget("2026-11", 1000, 500) // after October: not counted
			card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
			abs := percent(kinerja.LangID, tt.spent/10)
			mustSay(t, card, "Efisiensi anggaran (penyerapan): penyerapan <b>"+abs+"%</b> terhadap rentang rencana 90,00–100,00% → capaian <b>"+tt.capaian+"%</b>",
				"Sumber: anggaran unit s.d. Oktober 2026", "rencana penyerapan 95,00%",
				"Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>"+tt.capaian+"%</b>", "Usulan hasil kerja: <b>"+tt.proposal+"</b>")
			if e := h.evaluation(nipHead); e.HasilBasis != kinerja.BasisUnit || len(e.Indicators) != 1 || e.Indicators[0].Source != sourceBudget {
				t.Fatalf("stored %+v", e)
			}
		})
	}
	t.Run("the head's own ANGGARAN target lends its name; no pagu: shown, not counted", func(t *testing.T) {
		h := newEvalHarness(t)
		h.target(nipHead, october, "anggaran", "Serapan anggaran Puskesmas", "%", 95, kinerja.HigherIsBetter, 0)
		own := h.target(nipHead, october, "M1", "Rapat koordinasi", "kali", 10, kinerja.HigherIsBetter, 0)
		h.report(nipHead, own, "2026-10-07", 10, kinerja.ReportApproved)
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "Serapan anggaran Puskesmas: belum ada data anggaran unit (pagu) tahun ini, tidak dihitung",
			"Capaian tertimbang: <b>100,00%</b>")
		if b := h.evaluation(nipHead).HasilBasis; b != kinerja.BasisUnitFallback {
			t.Fatalf("basis %q", b)
		}
		h.budget("2026-03", 1000, 930)
		h.f.cfg.Budget = octoberBand
		card = h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "Serapan anggaran Puskesmas: penyerapan <b>93,00%</b>", "Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>100,00%</b>")
	})
	t.Run("staff who are not heads get no unit indicator", func(t *testing.T) {
		h := newEvalHarness(t)
		h.budget("2026-10", 1000, 930)
		h.target(nipBudi, october, "K1", "Pasien dilayani", "pasien", 100, kinerja.HigherIsBetter, 0)
		h.press(etHead, 1, "nil:s:"+evKey(nipBudi))
		if e := h.evaluation(nipBudi); len(e.Indicators) != 1 || e.HasilBasis != kinerja.BasisOwn {
			t.Fatalf("stored %+v", e)
		}
	})
}

func TestUnitHeadSpeedOfService(t *testing.T) {
	t.Run("measured median against the standard, lower is better", func(t *testing.T) {
		h := newEvalHarness(t)
		src := &fakeSpeed{ok: true, sp: kinerja.ServiceSpeed{UnitCode: "PKM-TGR", Count: 37, MedianMinutes: 12, StandardMinutes: 10}}
		h.f.cfg.Speed = src
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		// 2 − 12/10 = 80%.
		mustSay(t, card, "Kecepatan pelayanan (median): realisasi 12 terhadap target 10 menit (makin kecil makin baik) → capaian <b>80,00%</b>",
			"median 37 layanan", "Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>80,00%</b>", "Usulan hasil kerja: <b>Di Bawah Ekspektasi</b>")
		if len(src.asked) == 0 || src.asked[0] != "PKM-TGR@"+october {
			t.Fatalf("asked %v", src.asked)
		}
	})
	t.Run("much faster than the standard is capped", func(t *testing.T) {
		h := newEvalHarness(t)
		h.f.cfg.Speed = &fakeSpeed{ok: true, sp: kinerja.ServiceSpeed{Count: 5, MedianMinutes: 2, StandardMinutes: 10}}
		card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
		mustSay(t, card, "capaian <b>120,00%</b>", "Usulan hasil kerja: <b>Di Atas Ekspektasi</b>")
		if in := h.evaluation(nipHead).Indicators[0]; in.CapaianRaw != 180 || in.Capaian != 120 || in.Cap != 120 {
			t.Fatalf("indicator %+v", in)
		}
	})
	for name, src := range map[string]*fakeSpeed{
		"no source":             nil,
		"nothing measured":      {ok: false},
		"no standard published": {ok: true, sp: kinerja.ServiceSpeed{Count: 9, MedianMinutes: 12}},
	} {
		t.Run(name+": the head's reported values", func(t *testing.T) {
			h := newEvalHarness(t)
			if src != nil {
				h.f.cfg.Speed = src
			}
			tg := &kinerja.Target{NIP: nipHead, Period: october, Code: "KECEPATAN", Name: "Waktu layanan rata-rata", Unit: "menit",
				Target: 10, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean}
			if _, err := h.DB.PutTarget(context.Background(), tg); err != nil {
				t.Fatal(err)
			}
			h.report(nipHead, tg.ID, "2026-10-05", 8, kinerja.ReportApproved)
			h.report(nipHead, tg.ID, "2026-10-06", 12, kinerja.ReportApproved)
			card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
			mustSay(t, card, "Waktu layanan rata-rata: realisasi 10 terhadap target 10 menit (makin kecil makin baik) → capaian <b>100,00%</b>",
				"nilai yang dilaporkan kepala unit", "Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>100,00%</b>")
			if e := h.evaluation(nipHead); e.HasilBasis != kinerja.BasisUnit || e.Indicators[0].Source != sourceSpeedReported {
				t.Fatalf("stored %+v", e)
			}
		})
	}
}

func TestUnitHeadIndicatorsTogetherAndTheUnitPredicate(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.Budget = octoberBand
	h.f.cfg.Speed = &fakeSpeed{ok: true, sp: kinerja.ServiceSpeed{Count: 20, MedianMinutes: 12, StandardMinutes: 10}}
	h.budget("2026-10", 1000, 930)
	// A weighted IKM target beside the two unit indicators that come by
	// themselves: all three count equally. (100 + 80 + 117.65) / 3.
	h.target(nipHead, october, "IKM", "Indeks Kepuasan Masyarakat", "indeks", 85, kinerja.HigherIsBetter, 3)
	h.f.cfg.Survey = survey.New(testDeps(h.Harness), survey.Config{Population: map[string]int{"PKM-TGR": 20}})
	h.surveys("PKM-TGR", "", h.Now.AddDate(0, -1, 0), 20, 4)
	card := h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
	mustSay(t, card, "Capaian unit (kepala unit, SE MenPANRB 3/2023): <b>99,22%</b>", "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>")

	// The unit's own predicate, once set, decides; the numbers stay shown.
	if err := h.DB.PutUnitPredicate(context.Background(), &kinerja.UnitPredicate{UnitCode: "PKM-TGR", Period: october,
		Predikat: kinerja.OrgIstimewa, SetBy: nipAdmin, SetAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	card = h.press(etKadis, 1, "nil:s:"+evKey(nipHead))
	mustSay(t, card, "Predikat unit Puskesmas Tanah Garam untuk Oktober 2026: <b>Istimewa</b> (ditetapkan admin) → hasil kerja kepala unit <b>Di Atas Ekspektasi</b>",
		"Capaian unit (ditampilkan, tidak menentukan", "Usulan hasil kerja: <b>Di Atas Ekspektasi</b>", "predikat unit Istimewa → Di Atas Ekspektasi")
	e := h.evaluation(nipHead)
	if e.HasilBasis != kinerja.BasisUnitPredicate || e.ProposedHasil != kinerja.RatingAbove {
		t.Fatalf("stored %+v", e)
	}
	// /skor shows the same lineage once the result is confirmed.
	h.evaluate(etKadis, nipHead, kinerja.RatingAbove, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	out := h.text(etHead, "/skor "+october)
	mustSay(t, out, "Predikat unit Puskesmas Tanah Garam", "Sumber: anggaran unit s.d. Oktober 2026",
		"median 20 layanan", "IKM unit dari survei masyarakat")
}

func TestNilaiOpensTheLastQuarterWhenEvaluationsAreQuarterly(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.Period = kinerja.Quarterly
	// 10 November 2026: the last quarter ended is the third.
	mustSay(t, h.text(etHead, "/nilai"), "Triwulan III 2026")
	h.f.cfg.Period = kinerja.Monthly
	mustSay(t, h.text(etHead, "/nilai"), "Oktober 2026")
}

// TestAnnualHeadProposalFromTheUnitsYearlyPredicate: a head's annual
// evaluation built on the decided quarters is decided by the unit's own
// predicate for the year when set; the quarters stay shown.
func TestAnnualHeadProposalFromTheUnitsYearlyPredicate(t *testing.T) {
	h := newEvalHarness(t)
	ctx := context.Background()
	decided := time.Date(2026, 12, 20, 9, 0, 0, 0, bottest.WIB)
	for q := 1; q <= 4; q++ {
		e := &kinerja.Evaluation{NIP: nipHead, Period: "2026-Q" + string(rune('0'+q)), AssessorNIP: nipKadis, UnitCode: "PKM-TGR",
			HasilBasis: kinerja.BasisUnit, CapaianPct: 100, ProposedHasil: kinerja.RatingMeets, DecidedHasil: kinerja.RatingMeets,
			ProposedPerilaku: kinerja.RatingMeets, DecidedPerilaku: kinerja.RatingMeets, Predikat: kinerja.PredikatBaik,
			Status: kinerja.EvalFinal, CreatedAt: decided, UpdatedAt: decided, DecidedAt: decided, NotifiedAt: decided}
		if err := h.DB.PutEvaluation(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	h.Now = time.Date(2027, 1, 10, 9, 0, 0, 0, bottest.WIB)
	card := h.press(etKadis, 1, "nil:s:"+nipHead+":2026")
	mustSay(t, card, "2026-Q4: hasil kerja <b>Sesuai Ekspektasi</b>", "Usulan hasil kerja: <b>Sesuai Ekspektasi</b>")
	if err := h.DB.PutUnitPredicate(ctx, &kinerja.UnitPredicate{UnitCode: "PKM-TGR", Period: "2026",
		Predikat: kinerja.OrgButuhPerbaikan, SetBy: nipAdmin, SetAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	card = h.press(etKadis, 1, "nil:s:"+nipHead+":2026")
	mustSay(t, card, "2026-Q1: hasil kerja", "Predikat unit Puskesmas Tanah Garam untuk Tahun 2026: <b>Butuh Perbaikan</b>",
		"Usulan hasil kerja: <b>Di Bawah Ekspektasi</b>")
	if e, _ := h.DB.Evaluation(ctx, nipHead, "2026"); e.HasilBasis != kinerja.BasisUnitPredicate || e.ProposedHasil != kinerja.RatingBelow {
		t.Fatalf("annual %+v", e)
	}
	// Budi is not a head: the unit's predicate does not decide for him.
	if ev, err := h.f.gatherEvidence(ctx, h.DB, &kinerja.Staff{NIP: nipBudi, UnitCode: "PKM-TGR"}, kinerja.Period{Kind: kinerja.Yearly, Year: 2026}); err != nil ||
		ev.basis == kinerja.BasisUnitPredicate {
		t.Fatalf("Budi's annual evidence: %+v %v", ev, err)
	}
}
