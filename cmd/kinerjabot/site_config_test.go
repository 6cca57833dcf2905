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

// http.public_url is an http(s) address without a query; its trailing
// slash is dropped, and the monthly summary gets it for its links.
func TestPublicURLIsCheckedAndReachesTheJobs(t *testing.T) {
	for _, bad := range []string{"ikm.example.go.id", "ftp://ikm.example.go.id", "https://", "https://ikm.example.go.id/?x=1", "https://a:b@ikm.example.go.id"} {
		if _, err := LoadConfig(writeFile(t, "k.yaml", "http:\n  public_url: "+bad+"\n"), env(nil)); err == nil || !strings.Contains(err.Error(), "http.public_url") {
			t.Errorf("public_url %q: err = %v, want one naming http.public_url", bad, err)
		}
	}
	c, err := LoadConfig(writeFile(t, "k.yaml", "http:\n  public_url: https://ikm.example.go.id/\n"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if got := (&app{cfg: c}).jobsConfig().SiteURL; got != "https://ikm.example.go.id" {
		t.Errorf("the jobs get %q", got)
	}
}
