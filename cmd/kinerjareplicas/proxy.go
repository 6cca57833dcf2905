package main

import (
	"bytes"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// proxy spreads requests over the replicas in turn, as the proxy in front
// of a deployment does (deploy/replicas/Caddyfile). A replica that fails
// at the transport level (refused or reset: killed, restarting) is skipped
// for a second and the request goes to the next one, which may repeat an
// update the dead one committed (the handled record makes that harmless);
// any answer a replica gives, 503 included, is passed back for Telegram
// to act on.
type proxy struct {
	mu       sync.Mutex
	backends []string // host:port
	down     map[string]time.Time
	next     atomic.Uint64
	client   *http.Client
	failed   atomic.Int64 // requests no replica took
}

func newProxy(backends []string) *proxy {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = 128
	return &proxy{backends: backends, down: map[string]time.Time{}, client: &http.Client{Transport: tr, Timeout: 60 * time.Second}}
}

func (p *proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, "bad body", http.StatusBadRequest)
		return
	}
	start := p.next.Add(1)
	for i := range len(p.backends) {
		b := p.backends[(int(start)+i)%len(p.backends)]
		if !p.up(b) {
			continue
		}
		req, err := http.NewRequestWithContext(r.Context(), r.Method, "http://"+b+r.URL.Path, bytes.NewReader(body))
		if err != nil {
			break
		}
		req.Header = r.Header.Clone()
		resp, err := p.client.Do(req)
		if err != nil {
			p.markDown(b)
			continue
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = io.Copy(w, resp.Body)
		resp.Body.Close()
		return
	}
	p.failed.Add(1)
	http.Error(w, "no replica available", http.StatusBadGateway)
}

func (p *proxy) up(b string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return time.Now().After(p.down[b])
}

func (p *proxy) markDown(b string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down[b] = time.Now().Add(time.Second)
}
