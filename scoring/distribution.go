package scoring

import kinerja "github.com/bkpsdm-solok/kinerjabot"

// Bound says whether a distribution rule caps a share or demands one.
type Bound string

// Bounds of a distribution rule.
const (
	AtMost  Bound = "max"
	AtLeast Bound = "min"
)

// DistributionRule is one line of the SE MenPANRB 3/2023 table: the share of
// a unit's staff whose predicate is one of Predikats must be at most (or at
// least) Percent, and, for AtLeast, no fewer than MinCount people.
type DistributionRule struct {
	Key       string // message key, e.g. "dist.max_sangat_baik"
	Predikats []kinerja.Predikat
	Bound     Bound
	Percent   int
	MinCount  int // "at least one …" rules; 0 otherwise
}

// The predicate groups the rules count.
var (
	onlySangatBaik = []kinerja.Predikat{kinerja.PredikatSangatBaik}
	onlyBaik       = []kinerja.Predikat{kinerja.PredikatBaik}
	onlyBP         = []kinerja.Predikat{kinerja.PredikatButuhPerbaikan}
	onlyKurang     = []kinerja.Predikat{kinerja.PredikatKurang}
	onlySK         = []kinerja.Predikat{kinerja.PredikatSangatKurang}
	bpOrKurang     = []kinerja.Predikat{kinerja.PredikatButuhPerbaikan, kinerja.PredikatKurang}
)

// distributionRules is the table of SE MenPANRB 3/2023 (DOMAIN.md §4), one
// entry per organisation predicate, rules in the table's order.
var distributionRules = map[kinerja.OrgPredikat][]DistributionRule{
	kinerja.OrgIstimewa: {
		{Key: "dist.max_sangat_baik", Predikats: onlySangatBaik, Bound: AtMost, Percent: 70},
	},
	kinerja.OrgBaik: {
		{Key: "dist.max_baik", Predikats: onlyBaik, Bound: AtMost, Percent: 70},
		{Key: "dist.min_butuh_perbaikan_or_kurang", Predikats: bpOrKurang, Bound: AtLeast, MinCount: 1},
	},
	kinerja.OrgButuhPerbaikan: {
		{Key: "dist.min_butuh_perbaikan", Predikats: onlyBP, Bound: AtLeast, Percent: 60},
		{Key: "dist.max_sangat_baik", Predikats: onlySangatBaik, Bound: AtMost, Percent: 10},
	},
	kinerja.OrgKurang: {
		{Key: "dist.min_kurang", Predikats: onlyKurang, Bound: AtLeast, Percent: 60},
		{Key: "dist.min_butuh_perbaikan", Predikats: onlyBP, Bound: AtLeast, Percent: 10},
		{Key: "dist.max_sangat_baik", Predikats: onlySangatBaik, Bound: AtMost, Percent: 10},
	},
	kinerja.OrgSangatKurang: {
		{Key: "dist.min_sangat_kurang", Predikats: onlySK, Bound: AtLeast, Percent: 60},
		{Key: "dist.min_kurang_or_butuh_perbaikan", Predikats: bpOrKurang, Bound: AtLeast, Percent: 10},
		{Key: "dist.no_sangat_baik", Predikats: onlySangatBaik, Bound: AtMost, Percent: 0},
	},
}

// DistributionRules returns the rules that apply to the staff of an
// organisation with predicate org, so the bot can show them before anyone is
// rated; nil for an unknown predicate. The slice is shared: do not modify it.
func DistributionRules(org kinerja.OrgPredikat) []DistributionRule {
	return distributionRules[org]
}

// Allowed returns the boundary count for a unit of total people: the most
// people an AtMost rule allows, or the fewest an AtLeast rule demands.
//
// Percentages of small units are taken literally, in exact integers: "at
// most 70%" of 3 people allows floor(2.1) = 2, and "at least 10%" of 5
// demands ceil(0.5) = 1, i.e. count×100 ≤ 70×total and count×100 ≥ 10×total.
// Rounding the other way ("at least 10%" of 5 is 0) would switch every
// 10% minimum off for units of fewer than ten people, which are common. The consequence is that
// some tiny units cannot meet every rule (a 1-person unit of a Kurang
// organisation needs 1 Kurang and 1 Butuh Perbaikan): the check reports that
// honestly, and since it only warns, the assessor and admin decide.
func (r DistributionRule) Allowed(total int) int {
	if r.Bound == AtMost {
		return r.Percent * total / 100
	}
	return max((r.Percent*total+99)/100, r.MinCount)
}

// Breach is a rule of the distribution table that a unit's predicates break.
type Breach struct {
	Rule    DistributionRule
	Org     kinerja.OrgPredikat
	Count   int     // staff whose predicate is in Rule.Predikats
	Total   int     // staff with any of the five predicates
	Allowed int     // Rule.Allowed(Total)
	Share   float64 // Count / Total × 100, for display only
}

// Key is the message key of the breach, e.g. "dist.max_sangat_baik".
func (b Breach) Key() string { return b.Rule.Key }

// Args fill the message's placeholders, always in this order: the rule's
// percent, the count, the total, the allowed (AtMost) or demanded (AtLeast)
// count, and the actual share in percent.
func (b Breach) Args() []any {
	return []any{b.Rule.Percent, b.Count, b.Total, b.Allowed, b.Share}
}

// CheckDistribution checks how a unit's staff predicates are spread against
// the limits its organisation predicate sets (SE MenPANRB 3/2023) and returns
// every rule broken, in the table's order; nil when all hold. It never changes
// a predicate: the bot only warns the assessor and admin.
//
// counts maps each predicate to the number of staff who have it. Negative
// counts count as zero and keys other than the five predicates are ignored.
// An empty unit and an unknown organisation predicate break nothing.
// Comparisons are exact integer arithmetic (see DistributionRule.Allowed).
func CheckDistribution(org kinerja.OrgPredikat, counts map[kinerja.Predikat]int) []Breach {
	total := 0
	for _, p := range kinerja.Predikats {
		total += max(counts[p], 0)
	}
	if total == 0 {
		return nil
	}
	var out []Breach
	for _, r := range distributionRules[org] {
		n := 0
		for _, p := range r.Predikats {
			n += max(counts[p], 0)
		}
		allowed := r.Allowed(total)
		broken := n > allowed
		if r.Bound == AtLeast {
			broken = n < allowed
		}
		if broken {
			out = append(out, Breach{
				Rule: r, Org: org, Count: n, Total: total, Allowed: allowed,
				Share: float64(n) * 100 / float64(total),
			})
		}
	}
	return out
}
