// Package scoring holds the pure rules of kinerjabot: the numbers behind an
// ASN performance appraisal and a public-satisfaction survey. Every function
// is a calculation on values passed in: no I/O, no clock, no configuration
// lookups. Rules that are local policy (thresholds, the behaviour rule) are
// parameters, so the config decides and the tests pin them.
//
// The rules and their legal sources (details in /work/shared/spec/DOMAIN.md):
//
//   - Capaian (achievement) of an indicator, PermenPANRB 8/2021: higher is
//     better realisasi/target×100; lower is better (1+(1−realisasi/target))×100,
//     floored at 0; range targets compare with the bound that was crossed.
//     WeightedCapaian averages a plan's indicators. See Capaian.
//   - Proposed rating of work results, local policy: capaian ≥ 110% Di Atas,
//     ≥ 90% Sesuai, else Di Bawah (Thresholds). A unit head's rating is the
//     unit's own achievement, SE MenPANRB 3/2023 (UnitHeadHasil); when the
//     unit has its own predicate, Istimewa is Di Atas, Baik Sesuai, the
//     rest Di Bawah (OrgHasil).
//   - Budget efficiency of a unit, local policy: absorption to date (the
//     year's realisasi over the latest pagu) against the planned curve,
//     pro-rated by month, within a band, by the range formula (BudgetPlan,
//     Absorption).
//   - Proposed rating of work behaviour, local policy: the median of the seven
//     BerAKHLAK ratings, SE MenPANRB 20/2021 (MedianRating, BehaviourPolicy).
//   - Predikat kinerja from the two ratings, the matrix of PermenPANRB 6/2022
//     (Predicate).
//   - Distribution limits on a unit's predicates by the organisation's own
//     predicate, SE MenPANRB 3/2023 (CheckDistribution); warnings only.
//   - IKM of a service unit, PermenPANRB 14/2017: nine unsur answered 1–4,
//     IKM = (Σ NRR × 1/9) × 25 computed exactly and rounded once, half up;
//     grades A–D by lower bounds (ComputeIKM, Classify); Krejcie–Morgan sample
//     size (SampleSize).
//   - Roll-up of monthly count indicators to quarter, semester and year
//     (RollUp).
//
// The proposals are only proposals: the assessor decides, and a decision that
// differs from the proposal needs a written reason (kept by the caller).
//
// Errors are *kinerja.Error with code EInvalid. Their message keys, for the
// bot's text catalogue, with their arguments:
//
//	err.ikm_answer           unsur code, answer
//	err.capaian_target       target
//	err.capaian_realisasi    realisasi
//	err.capaian_direction    direction
//	err.capaian_range        lower bound, upper bound
//	err.capaian_none         (none)
//	err.capaian_weight       weight
//	err.capaian_value        capaian
//	err.thresholds           meets, above
//	err.behaviour_policy     policy name
//	err.behaviour_count      count given, count required (7)
//	err.behaviour_rating     core value
//	err.behaviour_missing    core value
//	err.predikat_rating      hasil, perilaku
//	err.budget_curve         the four quarters of the plan
//	err.budget_band          band
//
// Distribution breaches carry keys too (Breach.Key, Breach.Args: percent,
// count, total, allowed, share): dist.max_sangat_baik, dist.max_baik,
// dist.min_butuh_perbaikan_or_kurang, dist.min_butuh_perbaikan,
// dist.min_kurang, dist.min_sangat_kurang, dist.min_kurang_or_butuh_perbaikan,
// dist.no_sangat_baik.
package scoring
