package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/storage"
	"github.com/bkpsdm-solok/kinerjabot/web"
)

// defaultHTTPAddr is where the public site listens unless configured.
const defaultHTTPAddr = "127.0.0.1:8080"

// HTTPSettings are the public results site and the metrics.
type HTTPSettings struct {
	// Listen is the site's address (KINERJA_HTTP_ADDR); "" or "off"
	// switches the site off.
	Listen string `yaml:"listen"`
	// MetricsListen serves /metrics and /healthz on an address of their
	// own; "" serves them with the site.
	MetricsListen string `yaml:"metrics_listen"`
	// TVFrameAncestors is the CSP frame-ancestors of /tv ("'none'").
	TVFrameAncestors string `yaml:"tv_frame_ancestors"`
	// MaxConcurrent bounds the site's requests served at once (4).
	MaxConcurrent int `yaml:"max_concurrent"`
	// TVRefreshSeconds is how often /tv reloads itself (60).
	TVRefreshSeconds int `yaml:"tv_refresh_seconds"`
	// PublicURL is the site's address as the public reaches it (behind
	// the TLS proxy), for links in messages; "" sends none.
	PublicURL string `yaml:"public_url"`
}

// check validates the settings and drops PublicURL's trailing slash.
func (h *HTTPSettings) check() error {
	if h.PublicURL == "" {
		return nil
	}
	u, err := url.Parse(h.PublicURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return &ConfigError{Key: "http.public_url", Msg: fmt.Sprintf("%q is not the address of the site; use an http(s) address without a query, such as https://ikm.example.go.id", h.PublicURL)}
	}
	h.PublicURL = strings.TrimRight(h.PublicURL, "/")
	return nil
}

func addrOn(addr string) bool { return addr != "" && addr != "off" }

// heartbeatMaxAge is how old the heartbeat may be for /healthz.
const heartbeatMaxAge = 3 * time.Minute

// newMetrics builds the metrics over db. They exist before the bot (the
// bot and the Telegram client report to them) and even when nothing
// serves them, for the job counters; stats reads the bot's counters once
// it is built (zero before).
func (a *app) newMetrics(db *storage.DB, stats func() bot.Stats) *web.Metrics {
	started := a.now()
	loc := a.cfg.Location()
	return web.NewMetrics(web.MetricsSource{
		Stats:  stats,
		Outbox: db.OutboxCounts,
		Healthy: func(ctx context.Context) error {
			v, ok, err := db.Setting(ctx, settingHeartbeat)
			if err != nil {
				return err
			}
			ms, perr := strconv.ParseInt(v, 10, 64)
			now := a.now()
			switch {
			case (!ok || perr != nil) && now.Sub(started) <= heartbeatMaxAge:
				return nil // starting: the first heartbeat is up to a minute away
			case !ok || perr != nil:
				return errors.New("no heartbeat recorded")
			case now.Sub(time.UnixMilli(ms)) > heartbeatMaxAge && now.Sub(started) > heartbeatMaxAge:
				return fmt.Errorf("last heartbeat %s ago", now.Sub(time.UnixMilli(ms)).Round(time.Second))
			}
			return nil
		},
		SurveyResponses: func(ctx context.Context) (int, error) {
			p := kinerja.MonthOf(a.now(), loc)
			tots, err := db.SurveyTotals(ctx, kinerja.SurveyFilter{From: p.Start(loc), To: p.End(loc)})
			n := 0
			for _, t := range tots {
				n += t.Respondents
			}
			return n, err
		},
	})
}

// startHTTP starts the public site and serves the metrics as configured,
// with /readyz beside them, and hook, the webhook, when not nil
// (webhook.go). stop shuts the servers down within ctx. An address that
// cannot be bound is logged and left off, the bot runs without its pages,
// except the webhook's: without it the bot gets no updates, so that is an
// error.
func (a *app) startHTTP(db *storage.DB, metrics *web.Metrics, surveys *survey.Feature, ready *readiness, hook http.Handler) (func(context.Context), error) {
	h := a.cfg.HTTP
	// One anonymity threshold for the survey: the site hides a unit's or
	// a service's figures under the same count as an officer's.
	site := web.New(web.Config{Survey: surveys, Store: db, Now: a.now, Location: a.cfg.Location(), Logger: a.log,
		MinRespondents:   surveys.OfficerMinResponses(),
		TVFrameAncestors: h.TVFrameAncestors, MaxConcurrent: h.MaxConcurrent, TVRefresh: time.Duration(h.TVRefreshSeconds) * time.Second})
	var servers []*http.Server
	wh := a.cfg.Telegram.Webhook
	listen := func(addr string, handler http.Handler, withHook bool) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return fmt.Errorf("http.listen %s: %w", addr, err)
		}
		srv := web.Server(addr, handler)
		servers = append(servers, srv)
		serve := func() error { return srv.Serve(ln) }
		if withHook && wh.KeyFile != "" {
			serve = func() error { return srv.ServeTLS(ln, wh.CertFile, wh.KeyFile) }
		}
		go func() {
			if err := serve(); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error("http server stopped", "addr", addr, "err", err)
			}
		}()
		a.log.Info("http server listening", "addr", ln.Addr().String())
		return nil
	}
	stop := func(ctx context.Context) {
		for _, s := range servers {
			if err := s.Shutdown(ctx); err != nil {
				_ = s.Close()
			}
		}
	}
	siteOn, metricsApart := addrOn(h.Listen), addrOn(h.MetricsListen)
	hookShared := hook != nil && wh.shared(h.Listen)
	if siteOn {
		mux := http.NewServeMux()
		if !metricsApart {
			metrics.Register(mux)
		}
		ready.register(mux, false)
		if hookShared {
			mux.Handle("POST "+wh.path(), hook)
		}
		mux.Handle("/", site.Handler())
		if err := listen(h.Listen, mux, hookShared); err != nil {
			if hookShared {
				return nil, err
			}
			// The bot matters more than its public pages: run without them.
			a.log.Error("the public site is off", "err", err)
		}
	}
	if metricsApart {
		mux := http.NewServeMux()
		metrics.Register(mux)
		ready.register(mux, false)
		if err := listen(h.MetricsListen, mux, false); err != nil {
			a.log.Error("the metrics are off", "err", err)
		}
	}
	if hook != nil && !hookShared {
		mux := http.NewServeMux()
		ready.register(mux, true)
		mux.Handle("POST "+wh.path(), hook)
		if err := listen(wh.Listen, mux, true); err != nil {
			stop(context.Background())
			return nil, fmt.Errorf("telegram.webhook.listen: %w", err)
		}
	}
	return stop, nil
}

// countJobs makes each job's run count in the metrics.
func countJobs(m *web.Metrics, jobs []job) {
	for i := range jobs {
		name, run := jobs[i].name, jobs[i].run
		jobs[i].run = func(ctx context.Context) error {
			err := run(ctx)
			m.JobRan(name, err)
			return err
		}
	}
}
