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
	// SurveyResponses returns the survey responses of the current month,
	// all units together (never per unit: /metrics may be as public as
	// the site, and a unit's count under the anonymity threshold is not
	// shown there). Nil leaves the gauge out.
	SurveyResponses func(ctx context.Context) (int, error)
}

// Metrics is the Prometheus registry of the bot: the dispatcher's
// counters, updates by kind and their handling time, replies, Telegram's
// 429s, the outbox by status, job runs, survey responses and database
// errors. It is the bot's Observer (bot.Config.Observer) and counts
// Telegram's 429s (TooManyRequests, for telegram.Config).
type Metrics struct {
	src      MetricsSource
	reg      *prometheus.Registry
	jobRuns  *prometheus.CounterVec
	updates  *prometheus.CounterVec
	latency  prometheus.Histogram
	replies  *prometheus.CounterVec
	tooMany  *prometheus.CounterVec
	dbErrors *prometheus.CounterVec
}

var _ bot.Observer = (*Metrics)(nil)

// NewMetrics registers the collectors over src.
func NewMetrics(src MetricsSource) *Metrics {
	m := &Metrics{src: src, reg: prometheus.NewRegistry()}
	m.jobRuns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_job_runs_total", Help: "Scheduled job runs by job and outcome (ok, failed)."}, []string{"job", "outcome"})
	m.updates = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_updates_total", Help: "Updates handled (committed, duplicates left out) by kind: command, text, callback, photo, document, edited, ..."}, []string{"kind"})
	m.latency = prometheus.NewHistogram(prometheus.HistogramOpts{Name: "kinerjabot_update_handling_seconds", Help: "Time from the start of an update's handling to its commit.",
		Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}})
	m.replies = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_replies_total", Help: "Replies to updates by outcome (sent, failed)."}, []string{"outcome"})
	m.tooMany = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_telegram_429_total", Help: "Flood-limit answers (HTTP 429) received from Telegram, by method."}, []string{"method"})
	m.dbErrors = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "kinerjabot_db_errors_total", Help: "Handlers that failed with an internal error (where=handler; a database error mostly). Commits that failed are kinerjabot_updates_uncommitted_total."}, []string{"where"})
	m.dbErrors.WithLabelValues("handler") // present at 0 from the start
	for _, o := range []string{"sent", "failed"} {
		m.replies.WithLabelValues(o)
	}
	stat := func(name, help string, get func(bot.Stats) uint64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(get(src.Stats())) })
	}
	m.reg.MustRegister(m.jobRuns, outboxCollector{src.Outbox},
		stat("kinerjabot_updates_handled_total", "Updates whose work was committed.", func(s bot.Stats) uint64 { return s.Handled }),
		stat("kinerjabot_updates_duplicate_total", "Redelivered updates skipped.", func(s bot.Stats) uint64 { return s.Duplicates }),
		stat("kinerjabot_updates_uncommitted_total", "Attempts the database could not commit.", func(s bot.Stats) uint64 { return s.Uncommitted }),
		stat("kinerjabot_busy_replies_total", "Senders told the bot is busy.", func(s bot.Stats) uint64 { return s.BusyReplies }),
		stat("kinerjabot_admin_alerts_total", "Alerts sent to admins.", func(s bot.Stats) uint64 { return s.Alerts }),
		m.updates, m.latency, m.replies, m.tooMany, m.dbErrors,
	)
	if src.SurveyResponses != nil {
		m.reg.MustRegister(surveyCollector{src.SurveyResponses})
	}
	return m
}

// UpdateHandled counts a committed update of kind and its handling time.
func (m *Metrics) UpdateHandled(kind string, latency time.Duration) {
	m.updates.WithLabelValues(kind).Inc()
	m.latency.Observe(latency.Seconds())
}

// ReplySent counts a reply sent (err nil) or failed.
func (m *Metrics) ReplySent(err error) {
	if err != nil {
		m.replies.WithLabelValues("failed").Inc()
		return
	}
	m.replies.WithLabelValues("sent").Inc()
}

// HandlerFailed counts a handler's internal error.
func (m *Metrics) HandlerFailed() { m.dbErrors.WithLabelValues("handler").Inc() }

// TooManyRequests counts a 429 from Telegram answering method.
func (m *Metrics) TooManyRequests(method string) { m.tooMany.WithLabelValues(method).Inc() }

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

// surveyCollector reports this month's survey responses at each scrape.
type surveyCollector struct {
	count func(ctx context.Context) (int, error)
}

var surveyDesc = prometheus.NewDesc("kinerjabot_survey_responses", "Survey responses of the current month, all units together.", nil, nil)

func (c surveyCollector) Describe(ch chan<- *prometheus.Desc) { ch <- surveyDesc }

func (c surveyCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n, err := c.count(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(surveyDesc, err)
		return
	}
	ch <- prometheus.MustNewConstMetric(surveyDesc, prometheus.GaugeValue, float64(n))
}
