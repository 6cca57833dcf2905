package evaluation

import (
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// Every distribution rule's breach and description renders in both
// languages with its arguments, never as a key or a fmt complaint.
func TestDistributionTextsRender(t *testing.T) {
	for _, org := range kinerja.OrgPredikats {
		for _, rule := range scoring.DistributionRules(org) {
			br := scoring.Breach{Rule: rule, Org: org, Count: 2, Total: 7, Allowed: rule.Allowed(7), Share: 28.57}
			for _, lang := range []kinerja.Lang{kinerja.LangID, kinerja.LangEN} {
				for _, got := range []string{bot.T(lang, br.Key(), br.Args()...), ruleText(lang, rule)} {
					if strings.Contains(got, "%!") || strings.HasPrefix(got, "dist") || got == "" {
						t.Errorf("%s %s (%s): %q", org, rule.Key, lang, got)
					}
				}
			}
		}
	}
}

// The errors package scoring can return have a text (scoring/doc.go).
func TestScoringErrorsHaveTexts(t *testing.T) {
	for _, key := range []string{"err.capaian_target", "err.capaian_realisasi", "err.capaian_direction", "err.capaian_range",
		"err.capaian_none", "err.capaian_weight", "err.capaian_value", "err.thresholds", "err.behaviour_policy",
		"err.behaviour_count", "err.behaviour_rating", "err.behaviour_missing", "err.predikat_rating", "err.ikm_answer"} {
		if bot.T(kinerja.LangID, key) == key {
			t.Errorf("no text for %s", key)
		}
	}
}
