package web_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

func TestMetricsAndHealth(t *testing.T) {
	healthy := error(nil)
	m := web.NewMetrics(web.MetricsSource{
		Stats: func() bot.Stats { return bot.Stats{Handled: 42, Duplicates: 1} },
		Outbox: func(context.Context) (map[kinerja.OutboxStatus]int, error) {
			return map[kinerja.OutboxStatus]int{kinerja.OutboxPending: 7, kinerja.OutboxFailed: 2}, nil
		},
		Healthy:         func(context.Context) error { return healthy },
		SurveyResponses: func(context.Context) (int, error) { return 37, nil },
	})
	m.UpdateHandled("command", 20*time.Millisecond)
	m.UpdateHandled("callback", 3*time.Second)
	m.ReplySent(nil)
	m.ReplySent(errors.New("403"))
	m.HandlerFailed()
	m.TooManyRequests("sendMessage")
	m.JobRan("heartbeat", nil)
	m.JobRan("heartbeat", errors.New("db down"))
	mux := http.NewServeMux()
	m.Register(mux)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	get := func(path string) (int, string) {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	_, body := get("/metrics")
	for _, want := range []string{
		"kinerjabot_updates_handled_total 42",
		`kinerjabot_outbox_messages{status="pending"} 7`,
		`kinerjabot_outbox_messages{status="failed"} 2`,
		`kinerjabot_job_runs_total{job="heartbeat",outcome="failed"} 1`,
		`kinerjabot_job_runs_total{job="heartbeat",outcome="ok"} 1`,
		`kinerjabot_updates_total{kind="command"} 1`,
		`kinerjabot_updates_total{kind="callback"} 1`,
		`kinerjabot_update_handling_seconds_bucket{le="0.025"} 1`,
		`kinerjabot_update_handling_seconds_bucket{le="5"} 2`,
		`kinerjabot_update_handling_seconds_count 2`,
		`kinerjabot_replies_total{outcome="sent"} 1`,
		`kinerjabot_replies_total{outcome="failed"} 1`,
		`kinerjabot_telegram_429_total{method="sendMessage"} 1`,
		`kinerjabot_db_errors_total{where="handler"} 1`,
		"kinerjabot_survey_responses 37",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if code, _ := get("/healthz"); code != 200 {
		t.Errorf("healthz %d while healthy", code)
	}
	healthy = errors.New("last heartbeat 10m0s ago")
	if code, body := get("/healthz"); code != 503 || !strings.Contains(body, "10m0s") {
		t.Errorf("healthz %d %q while stale", code, body)
	}
}
