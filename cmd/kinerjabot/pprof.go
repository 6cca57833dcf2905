package main

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/pprof"
	"runtime/debug"
	"time"
)

// runGCPercent is the garbage collector's target while the bot runs,
// unless GOGC is set: the heap an update leaves is short-lived, and
// collecting half as often took a few percent off the CPU per update for
// some megabytes of memory (skmload, README).
const runGCPercent = 200

// tuneGC sets runGCPercent unless the operator set GOGC.
func (a *app) tuneGC() {
	if a.getenv("GOGC") == "" {
		debug.SetGCPercent(runGCPercent)
	}
}

// startPprof serves Go's profiler (/debug/pprof/) on KINERJA_PPROF, an
// address such as 127.0.0.1:6060, for measuring the bot under load; unset,
// nothing is served. It returns the function that stops it.
func (a *app) startPprof() func() {
	addr := a.getenv("KINERJA_PPROF")
	if addr == "" {
		return func() {}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		a.log.Error("pprof: cannot listen", "addr", addr, "err", err)
		return func() {}
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.log.Error("pprof server stopped", "err", err)
		}
	}()
	a.log.Info("pprof listening", "addr", ln.Addr().String())
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	}
}
