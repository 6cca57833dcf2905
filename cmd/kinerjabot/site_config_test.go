package main

import (
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
)

// The running bot's site hides figures under the survey's one anonymity
// threshold (survey.officer_min_responses), not a fixed 5.
func TestTheSiteUsesTheSurveysAnonymityThreshold(t *testing.T) {
	loc := mustZone(t)
	now := time.Now().In(loc)
	path := seedFile(t)
	seedMonth(t, path, time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc))
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	_, base := startSite(t, fake, path, writeFile(t, "k.yaml", "survey:\n  officer_min_responses: 3\n"))
	// DPMPTSP has 3 respondents: shown from a threshold of 3.
	for _, page := range []string{"/unit/DPMPTSP", "/tv/DPMPTSP"} {
		status, _, body := httpGet(t, base+page)
		if status != 200 || !strings.Contains(body, `class="resp">3<`) {
			t.Errorf("%s (3 respondents, threshold 3): status %d, no count of 3", page, status)
		}
	}
	// The notes name the configured threshold.
	if _, _, body := httpGet(t, base+"/"); strings.Contains(body, "&lt; 5") || !strings.Contains(body, "kurang dari 3,") {
		t.Error("/ names a threshold other than the configured 3")
	}
}
