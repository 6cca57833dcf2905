package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/survey"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	commands["run"] = subcommand{"run the bot (the default command)", runBot}
}

// shutdownGrace bounds how long in-flight work may take after a signal;
// the whole process exits within 5 seconds.
const shutdownGrace = 4 * time.Second

// runBot runs the bot until ctx ends (SIGINT/SIGTERM).
func runBot(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "run", "[--webhook URL]", "Runs the bot: long-polls Telegram (or, with --webhook, serves updates posted to URL),\n"+
		"handles updates, runs the schedule.\n"+
		"Needs KINERJA_TELEGRAM_TOKEN (or telegram.token). For a try-out without a token,\nuse \"kinerjabot demo\".")
	hookURL := fs.String("webhook", "", "take updates over HTTPS at this public URL instead of polling (telegram.webhook.url); needs telegram.webhook.secret")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *hookURL != "" {
		a.cfg.Telegram.Webhook.URL = *hookURL
		if err := a.cfg.Telegram.Webhook.check(a.cfg.HTTP.Listen); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot:", err)
			return exitUsage
		}
	}
	if a.cfg.Telegram.Token == "" {
		fmt.Fprintln(a.stderr, "kinerjabot: configuration telegram.token (KINERJA_TELEGRAM_TOKEN): no bot token set; get one from @BotFather, or try \"kinerjabot demo\" which needs none")
		return exitUsage
	}
	unlock, ok := a.lockStore() // SQLite: one bot process per file (cluster.go)
	if !ok {
		return exitFailed
	}
	defer unlock()
	db, err := a.openStore(ctx)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	defer db.Close()
	defer a.startPprof()() // KINERJA_PPROF
	a.tuneGC()
	if err := serve(ctx, a, db, a.cfg.Telegram.Endpoint, nil); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	return exitOK
}

// serve connects to the Bot API at endpoint and runs the bot on db until
// ctx ends. readyFn, when not nil, is called with the bot once it takes
// updates.
func serve(ctx context.Context, a *app, db *storage.DB, endpoint string, readyFn func(*bot.Bot)) error {
	// The metrics first: the client and the bot report to them (http.go).
	var b *bot.Bot
	metrics := a.newMetrics(db, func() bot.Stats {
		if b == nil {
			return bot.Stats{}
		}
		return b.Stats()
	})
	client, err := telegram.New(ctx, telegram.Config{Token: a.cfg.Telegram.Token, Endpoint: endpoint, Logger: a.log,
		Pacer: pacer(db, a.log), PaceReplies: a.cfg.Telegram.PaceReplies, OnTooManyRequests: metrics.TooManyRequests})
	if err != nil {
		if ctx.Err() != nil {
			return nil // stopped while connecting
		}
		return err
	}
	defer client.Close()
	cfg := a.botConfig()
	cfg.BotUsername = client.Username()
	cfg.Observer = metrics
	if err := db.PutSetting(ctx, settingBotUsername, cfg.BotUsername); err != nil {
		return err
	}
	// Practice mode's sandbox: the features built for db find it.
	sandbox := newSandbox(a, db, client, cfg)
	defer sandbox.close()
	deps := a.deps(db)
	deps.Username = cfg.BotUsername
	features, _, err := a.features(deps)
	if err != nil {
		return err
	}
	b, err = bot.New(cfg, db, client, a.now, a.log, features...)
	if err != nil {
		return err
	}
	closeSent, err := a.resumeReplies(ctx, b) // replies a crash left unsent go first
	if err != nil {
		return err
	}
	defer closeSent()
	go b.SetupMenus(ctx) // best effort; must not delay the start
	scheduled, err := a.jobs(b, db)
	if err != nil {
		return err
	}
	router := &practiceRouter{main: b, db: db, sb: sandbox, msg: client} // people in practice reach the sandbox bot
	ready := newReadiness(a, db)
	go ready.run(ctx)
	wh := a.cfg.Telegram.Webhook
	var hook *telegram.Webhook
	if wh.on() {
		lanes := 1 // SQLite commits one transaction at a time: one lane, the biggest batches
		if db.Engine() == "postgres" {
			lanes = webhookLanes
		}
		hook = client.NewWebhook(router, telegram.WebhookOptions{Secret: wh.Secret, Ready: ready.Ready, Lanes: lanes})
	}
	// The public site, the metrics and the webhook (http.go).
	stopHTTP, err := a.startHTTP(db, metrics, survey.New(deps, a.surveyConfig()), ready, httpHandler(hook))
	if err != nil {
		if hook != nil {
			_ = hook.Shutdown(ctx) // nothing in flight: it never listened
		}
		return err
	}
	countJobs(metrics, scheduled)
	stopJobs, stopSender, err := a.startBackground(ctx, cfg.Location, db, client, scheduled) // cluster.go
	if err != nil {
		stopHTTP(context.WithoutCancel(ctx))
		return err
	}
	mode := "polling"
	if hook != nil {
		mode = "webhook"
		// Listening already: Telegram posts as soon as this returns.
		err := client.SetWebhook(ctx, telegram.WebhookConfig{URL: wh.URL, Secret: wh.Secret,
			MaxConnections: wh.MaxConnections, CertFile: wh.CertFile})
		if err != nil && ctx.Err() == nil {
			stop, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
			defer cancel()
			_ = hook.Shutdown(stop)
			stopHTTP(stop)
			stopJobs(stop)
			stopSender(stop)
			return fmt.Errorf("setWebhook %s: %w", wh.URL, err)
		}
	}
	a.log.Info("kinerjabot is running", "bot", cfg.BotUsername, "database", db.Engine(), "timezone", cfg.Location.String(), "updates", mode)
	if readyFn != nil {
		readyFn(b)
	}
	var pollErr error
	deadline := time.Now().Add(shutdownGrace)
	if hook != nil {
		// The webhook needs no loop. At the signal, new requests get 503
		// (Telegram retries them, on another replica if there is one);
		// those in flight are handled and answered, within the grace.
		<-ctx.Done()
		deadline = time.Now().Add(shutdownGrace)
		stop, cancel := context.WithDeadline(context.WithoutCancel(ctx), deadline)
		if err := hook.Shutdown(stop); err != nil {
			a.log.Warn("shutdown: webhook requests still in flight", "err", err)
		}
		cancel()
	} else {
		polled := make(chan error, 1)
		go func() { polled <- client.Poll(ctx, router) }()
		select {
		case pollErr = <-polled:
		case <-ctx.Done():
			deadline = time.Now().Add(shutdownGrace)
			// Stop taking updates; let in-flight work finish, within the grace.
			select {
			case pollErr = <-polled:
			case <-time.After(shutdownGrace):
				a.log.Warn("shutdown: in-flight work did not finish in time")
			}
		}
	}
	// Replies still on their way, jobs, downloads and the outbox get what
	// is left of the grace (at least half a second).
	wait, cancel := context.WithDeadline(context.WithoutCancel(ctx), later(deadline, time.Now().Add(500*time.Millisecond)))
	defer cancel()
	stopHTTP(wait)
	stopJobs(wait)
	b.Wait(wait) // replies being delivered, evidence downloads in flight; a pending report is reminded anyway
	sandbox.Wait(wait)
	stopSender(wait)
	if pollErr != nil && !errors.Is(pollErr, context.Canceled) {
		return pollErr
	}
	a.log.Info("kinerjabot stopped")
	return nil
}

// jobs are the registered jobs that are switched on, for the scheduler,
// each run as of the clock with its outcome logged.
func (a *app) jobs(b *bot.Bot, db *storage.DB) ([]job, error) {
	reg, err := a.registry(b, db)
	if err != nil {
		return nil, err
	}
	var out []job
	for _, j := range reg.Jobs() {
		if j.On() && j.Run != nil {
			out = append(out, job{name: j.Name, spec: j.Spec, run: j.Func(a.now, a.log)})
		}
	}
	return out, nil
}

// later returns the later of two instants.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// httpHandler is hook as an http.Handler, nil (not a typed nil) if none.
func httpHandler(hook *telegram.Webhook) http.Handler {
	if hook == nil {
		return nil
	}
	return hook
}
