package web

import (
	"context"
	"net/http"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// MetricsSource is what /metrics and /healthz read from the running bot.
type MetricsSource struct {
	Stats  func() bot.Stats
	Outbox func(ctx context.Context) (map[kinerja.OutboxStatus]int, error)
	// Healthy returns nil while the bot's heartbeat is fresh.
	Healthy func(ctx context.Context) error
}

// Metrics is the Prometheus registry of the bot: the dispatcher's
// counters, the outbox by status, and job runs.
type Metrics struct {
	src     MetricsSource
	reg     *prometheus.Registry
	jobRuns *prometheus.CounterVec
}

// NewMetrics registers the collectors over src.
func NewMetrics(src MetricsSource) *Metrics {
	m := &Metrics{src: src, reg: prometheus.NewRegistry()}
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_job_runs_total", Help: "Scheduled job runs by job and outcome (ok, failed)."}, []string{"job", "outcome"})
	stat := func(name, help string, get func(bot.Stats) uint64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(get(src.Stats())) })
	}
	m.reg.MustRegister(m.jobRuns, outboxCollector{src.Outbox},
		stat("kinerjabot_updates_handled_total", "Updates whose work was committed.", func(s bot.Stats) uint64 { return s.Handled }),
		stat("kinerjabot_updates_duplicate_total", "Redelivered updates skipped.", func(s bot.Stats) uint64 { return s.Duplicates }),
		stat("kinerjabot_updates_uncommitted_total", "Attempts the database could not commit.", func(s bot.Stats) uint64 { return s.Uncommitted }),
		stat("kinerjabot_busy_replies_total", "Senders told the bot is busy.", func(s bot.Stats) uint64 { return s.BusyReplies }),
		stat("kinerjabot_admin_alerts_total", "Alerts sent to admins.", func(s bot.Stats) uint64 { return s.Alerts }),
	)
	return m
}

// JobRan counts one run of a scheduled job.
func (m *Metrics) JobRan(job string, err error) {
	outcome := "ok"
	if err != nil {
		outcome = "failed"
	}
	m.jobRuns.WithLabelValues(job, outcome).Inc()
}

// Register adds /metrics and /healthz to mux.
func (m *Metrics) Register(mux *http.ServeMux) {
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{MaxRequestsInFlight: 2, Timeout: 10 * time.Second}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := m.src.Healthy(r.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("unhealthy: " + err.Error() + "\n"))
			return
		}
		_, _ = w.Write([]byte("ok\n"))
	})
}

// outboxCollector reports the outbox's messages by status at each scrape.
type outboxCollector struct {
	counts func(ctx context.Context) (map[kinerja.OutboxStatus]int, error)
}

var outboxDesc = prometheus.NewDesc("kinerjabot_outbox_messages", "Outbox messages by status (pending is the depth).", []string{"status"}, nil)

func (c outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- outboxDesc }

func (c outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	counts, err := c.counts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(outboxDesc, err)
		return
	}
	for _, st := range []kinerja.OutboxStatus{kinerja.OutboxPending, kinerja.OutboxSent, kinerja.OutboxFailed, kinerja.OutboxUnreachable, kinerja.OutboxGone} {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(counts[st]), string(st))
	}
}
