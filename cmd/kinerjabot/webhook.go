package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/storage"
)

// WebhookSettings switch the bot from long polling to a webhook
// (telegram.webhook), which lets several replicas share the updates.
type WebhookSettings struct {
	// URL is the public address Telegram posts updates to
	// (KINERJA_WEBHOOK_URL, or run --webhook); "" polls instead.
	URL string `yaml:"url"`
	// Secret is the secret_token every request must carry
	// (KINERJA_WEBHOOK_SECRET); required, the same on every replica.
	Secret string `yaml:"secret"`
	// Listen is the address the webhook is served on
	// (KINERJA_WEBHOOK_LISTEN); "" or the same as http.listen shares the
	// public site's server.
	Listen string `yaml:"listen"`
	// MaxConnections is how many requests Telegram sends at once, 1–100
	// (KINERJA_WEBHOOK_MAX_CONNECTIONS); 40 if 0.
	MaxConnections int `yaml:"max_connections"`
	// CertFile is a self-signed certificate (PEM) uploaded to Telegram
	// (KINERJA_WEBHOOK_CERT_FILE); with KeyFile (KINERJA_WEBHOOK_KEY_FILE)
	// the listener serves TLS itself, else a proxy in front terminates it.
	CertFile string `yaml:"cert_file"`
	KeyFile  string `yaml:"key_file"`
}

// webhookLanes is how many batches of updates a replica on PostgreSQL
// handles at once (different chats; a chat's updates stay in order): an
// update's queries are round trips to the server, which one lane would
// wait on one after the other. Two, measured with kinerjareplicas on two
// cores: one replica gained a tenth over one lane, three lost little;
// four made three replicas slower (twelve transactions at once).
const webhookLanes = 2

// on reports whether webhook mode is configured.
func (w *WebhookSettings) on() bool { return w.URL != "" }

// fromEnv applies the KINERJA_WEBHOOK_* variables.
func (w *WebhookSettings) fromEnv(getenv func(string) string) error {
	for env, dst := range map[string]*string{
		"KINERJA_WEBHOOK_URL":       &w.URL,
		"KINERJA_WEBHOOK_SECRET":    &w.Secret,
		"KINERJA_WEBHOOK_LISTEN":    &w.Listen,
		"KINERJA_WEBHOOK_CERT_FILE": &w.CertFile,
		"KINERJA_WEBHOOK_KEY_FILE":  &w.KeyFile,
	} {
		if v := getenv(env); v != "" {
			*dst = v
		}
	}
	if v := getenv("KINERJA_WEBHOOK_MAX_CONNECTIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return &ConfigError{Key: "telegram.webhook.max_connections (KINERJA_WEBHOOK_MAX_CONNECTIONS)", Msg: fmt.Sprintf("%q is not a number", v)}
		}
		w.MaxConnections = n
	}
	return nil
}

var webhookSecret = regexp.MustCompile(`^[A-Za-z0-9_-]{16,256}$`)

// check validates the settings; siteListen is http.listen, which the
// webhook shares unless it has a listen address of its own.
func (w *WebhookSettings) check(siteListen string) error {
	if !w.on() {
		return nil
	}
	u, err := url.Parse(w.URL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname()))) {
		return &ConfigError{Key: "telegram.webhook.url (KINERJA_WEBHOOK_URL, --webhook)",
			Msg: fmt.Sprintf("%q is not an https:// URL; Telegram posts updates only over HTTPS (plain http is accepted for this machine only, for tests)", w.URL)}
	}
	if w.Secret == "" {
		return &ConfigError{Key: "telegram.webhook.secret (KINERJA_WEBHOOK_SECRET)",
			Msg: "required in webhook mode, the same on every replica, so that only Telegram can post updates; make one with: openssl rand -hex 32"}
	}
	if !webhookSecret.MatchString(w.Secret) {
		return &ConfigError{Key: "telegram.webhook.secret (KINERJA_WEBHOOK_SECRET)",
			Msg: "must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule, with a minimum length); make one with: openssl rand -hex 32"}
	}
	if w.MaxConnections < 0 || w.MaxConnections > 100 {
		return &ConfigError{Key: "telegram.webhook.max_connections (KINERJA_WEBHOOK_MAX_CONNECTIONS)", Msg: "must be between 1 and 100 (0 for Telegram's default, 40)"}
	}
	if w.KeyFile != "" && w.CertFile == "" {
		return &ConfigError{Key: "telegram.webhook.key_file (KINERJA_WEBHOOK_KEY_FILE)", Msg: "needs cert_file, the certificate that goes with the key"}
	}
	if !addrOn(w.Listen) && !addrOn(siteListen) {
		return &ConfigError{Key: "telegram.webhook.listen (KINERJA_WEBHOOK_LISTEN)", Msg: "webhook mode needs an address to listen on, and the public site (http.listen) is off; set one, such as :8443"}
	}
	if u.Path == "" || u.Path == "/" {
		if w.shared(siteListen) {
			return &ConfigError{Key: "telegram.webhook.url (KINERJA_WEBHOOK_URL, --webhook)", Msg: "needs a path such as /telegram when it shares the public site's address"}
		}
	}
	return nil
}

// shared reports whether the webhook is served by the public site's server.
func (w *WebhookSettings) shared(siteListen string) bool {
	return !addrOn(w.Listen) || w.Listen == siteListen
}

// path is where the webhook is mounted: the URL's path ("/" if none).
func (w *WebhookSettings) path() string {
	u, err := url.Parse(w.URL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return u.Path
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// readiness tracks whether the database answers: /readyz reports it, and
// the webhook answers 503 while it does not, so Telegram retries (on
// another replica, through the proxy) instead of the update failing here.
type readiness struct {
	db    *storage.DB
	log   *slog.Logger
	ready atomic.Bool
}

// readyTimeout bounds one database ping.
const readyTimeout = 2 * time.Second

func newReadiness(a *app, db *storage.DB) *readiness {
	r := &readiness{db: db, log: a.log}
	r.ready.Store(true) // the database answered at open
	return r
}

// check pings the database and records the outcome, logging a change.
func (r *readiness) check(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	err := r.db.Ping(ctx)
	if was := r.ready.Swap(err == nil); was && err != nil {
		r.log.Warn("database unreachable: not taking updates until it is back", "err", err)
	} else if !was && err == nil {
		r.log.Info("database reachable again: taking updates")
	}
	return err
}

// run checks every second until ctx ends.
func (r *readiness) run(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			_ = r.check(ctx)
		}
	}
}

// Ready is what the webhook asks before taking an update.
func (r *readiness) Ready() bool { return r.ready.Load() }

// leaderLine names the replica that leads the schedule on PostgreSQL
// (River's leader), or says none is known yet. It informs, and does not
// decide readiness: a replica takes updates whoever leads, and during the
// seconds of an election every replica would otherwise be taken out of
// the proxy at once. SQLite has one process and no line.
func (r *readiness) leaderLine(ctx context.Context) string {
	if r.db.Engine() != "postgres" {
		return ""
	}
	id, until, ok, err := r.db.RiverLeader(ctx)
	switch {
	case err != nil:
		return "leader: unknown (" + err.Error() + ")\n"
	case !ok || until.Before(time.Now()):
		return "leader: none yet (an election takes some seconds)\n"
	}
	return "leader: " + id + "\n"
}

// register adds /readyz (the database answers) to mux, and, when health
// is true, a /healthz that only says the process is up.
func (r *readiness) register(mux *http.ServeMux, health bool) {
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		if err := r.check(req.Context()); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("not ready: database unreachable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n" + r.leaderLine(req.Context())))
	})
	if health {
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Cache-Control", "no-store")
			_, _ = w.Write([]byte("ok\n"))
		})
	}
}
