// Package web is the public results site: every unit's satisfaction index
// (IKM) this month with its trend, a unit's unsur and history, a board for
// a screen at the counter (/tv), and the IKM as open data. Pages are
// server-rendered html/template, Indonesian first (?lang=en for English),
// need no JavaScript and load nothing from elsewhere. The figures come
// from the survey's one IKM computation; a unit with fewer respondents
// than the anonymity threshold shows none. It also serves /metrics and
// /healthz (metrics.go), the only user of the Prometheus client.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
)

// Store is what the site reads: units, survey totals, links, services,
// service times and published suggestions.
// A *storage.DB satisfies it.
type Store interface {
	survey.TotalsStore
	ListUnits(ctx context.Context) ([]*kinerja.Unit, error)
	ListSurveyLinks(ctx context.Context, unitCode string) ([]*kinerja.SurveyLink, error)
	SurveyServices(ctx context.Context, unitCode string) ([]*kinerja.SurveyService, error)
	SurveySuggestions(ctx context.Context, f kinerja.SuggestionFilter) ([]*kinerja.SurveySuggestion, int, error)
}

// Config is the site's configuration; zero fields take their defaults.
type Config struct {
	Survey   *survey.Feature
	Store    Store
	Now      kinerja.Clock
	Location *time.Location
	Logger   *slog.Logger
	// MinRespondents is the anonymity threshold: a unit or service with
	// fewer respondents in a period shows no figure (5).
	MinRespondents int
	// TVFrameAncestors is the CSP frame-ancestors source list of /tv, for
	// a signage system that frames the board ("'none'").
	TVFrameAncestors string
	// TVRefresh is how often the board reloads itself (60 s).
	TVRefresh time.Duration
	// MaxConcurrent bounds the requests served at once (4); more wait
	// briefly and are then refused with 503, so a flood of requests takes
	// at most this many database connections from the bot.
	MaxConcurrent int
	// CacheTTL is how long computed figures are reused (1 minute).
	CacheTTL time.Duration
}

func (c Config) withDefaults() Config {
	if c.MinRespondents <= 0 {
		c.MinRespondents = 5
	}
	if c.TVFrameAncestors == "" {
		c.TVFrameAncestors = "'none'"
	}
	if c.TVRefresh <= 0 {
		c.TVRefresh = time.Minute
	}
	if c.MaxConcurrent <= 0 {
		c.MaxConcurrent = 4
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = time.Minute
	}
	if c.Location == nil {
		c.Location = time.Local
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Site serves the public pages.
type Site struct {
	cfg   Config
	f     *survey.Feature
	store Store
	slots chan struct{} // the concurrency limit
	cache cache
	qrs   sync.Map // payload → PNG card
}

// New returns the site over cfg.
func New(cfg Config) *Site {
	cfg = cfg.withDefaults()
	return &Site{cfg: cfg, f: cfg.Survey, store: cfg.Store, slots: make(chan struct{}, cfg.MaxConcurrent)}
}

// Handler returns the site's routes behind the security headers and the
// concurrency limit.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.page(s.index))
	mux.HandleFunc("GET /unit/{code}", s.page(s.unit))
	mux.HandleFunc("GET /tv/{code}", s.page(s.tv))
	mux.HandleFunc("GET /qr/{file}", s.qr)
	mux.HandleFunc("GET /data/ikm.csv", s.dataCSV)
	mux.HandleFunc("GET /data/ikm.json", s.dataJSON)
	mux.HandleFunc("GET /static/site.css", serveCSS)
	mux.HandleFunc("GET /favicon.ico", noIcon)
	mux.HandleFunc("/", s.page(func(*http.Request, *view) (int, string, any, error) {
		return http.StatusNotFound, "notfound", nil, nil
	}))
	return s.secure(readOnly(s.limit(mux)))
}

// readOnly refuses every method but GET and HEAD (the site has no forms
// that post), before a request takes one of the limited slots.
func readOnly(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "405 hanya baca / read-only", http.StatusMethodNotAllowed)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// noIcon answers the icon every browser asks for with no content rather
// than the 404 page: a 404 is an error in the browser's console.
func noIcon(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	w.WriteHeader(http.StatusNoContent)
}

// Server returns an http.Server for h on addr with timeouts that a slow
// or idle client cannot stretch.
func Server(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    16 << 10,
	}
}

// secure sets the security headers: a CSP that allows no script at all,
// styles and images from the site only (QR and charts are inline), and
// frames only for /tv where configured.
func (s *Site) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		frame := "'none'"
		if strings.HasPrefix(r.URL.Path, "/tv/") {
			frame = s.cfg.TVFrameAncestors
		} else {
			w.Header().Set("X-Frame-Options", "DENY")
		}
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors "+frame)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// limit serves at most MaxConcurrent requests at once; a request that
// finds no slot within a moment is refused with 503 and Retry-After, and
// every request gets a deadline for its database work.
func (s *Site) limit(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t := time.NewTimer(200 * time.Millisecond)
		defer t.Stop()
		select {
		case s.slots <- struct{}{}:
		case <-t.C:
			w.Header().Set("Retry-After", "5")
			http.Error(w, "503 sibuk / busy", http.StatusServiceUnavailable)
			return
		case <-r.Context().Done():
			return
		}
		defer func() { <-s.slots }()
		ctx, cancel := context.WithTimeout(r.Context(), 10*time.Second)
		defer cancel()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// cache keeps computed figures for CacheTTL.
type cache struct {
	mu sync.Mutex
	m  map[string]cached
}

type cached struct {
	at time.Time
	v  any
}

// get returns the value under key, computing it when missing or stale.
func (c *cache) get(now time.Time, ttl time.Duration, key string, compute func() (any, error)) (any, error) {
	c.mu.Lock()
	if e, ok := c.m[key]; ok && now.Sub(e.at) < ttl && !now.Before(e.at) {
		c.mu.Unlock()
		return e.v, nil
	}
	c.mu.Unlock()
	v, err := compute()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) > 256 {
		c.m = map[string]cached{}
	}
	c.m[key] = cached{now, v}
	c.mu.Unlock()
	return v, nil
}
