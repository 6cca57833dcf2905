// Package fakeapi is an in-process fake of the Telegram Bot API, served by an
// httptest.Server. The real telegram-bot-api client talks to it through its
// endpoint setting, so tests and the `kinerjabot demo` command exercise the
// same code as production with no network and no token.
//
// The fake acts as users (SendText, Press, …), answers the bot's calls with
// the real semantics that matter to the bot (queued updates confirmed by
// offset, one poller per token, "message is not modified", 403 for blocked
// users, flood limits, 400 "can't parse entities" for HTML Telegram would
// refuse and "message is too long" past 4,096 UTF-16 units of visible text,
// both judged by the strict reader in tghtml), records every call, and
// injects faults on demand. With setWebhook it delivers updates as
// Telegram does (webhook.go): POSTed with the secret token, a few at a
// time but one per chat, retried with backoff until answered 2xx, while
// getUpdates answers 409.
//
// It deliberately does not import telegram-bot-api: a fake that shares the
// client's types would agree with the client's mistakes.
package fakeapi

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultToken is the token the fake accepts when Options.Token is empty. It
// has the shape of a real token so that redaction code sees realistic input.
const DefaultToken = "123456789:AAFakeTokenForTestsOnly-0123456789ab"

// Options configure a Fake. The zero value is ready to use.
type Options struct {
	Token    string           // accepted token; DefaultToken if empty
	Username string           // the bot's username; "KinerjaSolokBot" if empty
	Now      func() time.Time // clock for dates and flood limits; time.Now if nil
}

// Call is one request the bot made, as the fake saw it.
type Call struct {
	Method    string
	ChatID    int64
	MessageID int    // the message sent, edited or deleted
	Text      string // text or caption
	Buttons   [][]Button
	FileName  string
	File      []byte
	Params    map[string]string // every form field, as sent
	Time      time.Time
	Status    int    // HTTP status the fake answered
	Error     string // the error description, when Status is not 200
}

// Message is a bot message as it currently stands in a chat, edits applied.
type Message struct {
	ID       int
	ChatID   int64
	Text     string // text or caption
	Buttons  [][]Button
	Photo    bool
	Document bool
	FileName string
	File     []byte
	Edits    int
}

// Fake is a running fake Bot API. All methods are safe for concurrent use.
type Fake struct {
	opts Options
	srv  *httptest.Server
	bot  User
	done chan struct{}

	mu        sync.Mutex
	changed   chan struct{} // closed and replaced on every change of state
	calls     []Call
	observers []func(Call)
	updates   updateQueue
	polling   int
	msgIDs    map[int64]int
	chats     map[int64][]*Message // bot messages by chat, in order
	files     map[string]*storedFile
	paths     map[string]*storedFile
	nextFile  int
	callbacks map[string]bool // callback id → answered
	nextCB    int
	commands  map[string][]Command
	faults    faults
	storm     *storm   // the current or last fault storm, nil if none
	webhook   *webhook // set by setWebhook; nil while the bot polls
	whStats   WebhookStats
}

// New starts a fake Bot API. Close it when done.
func New(opts Options) *Fake {
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.Username == "" {
		opts.Username = "KinerjaSolokBot"
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	botID, _ := strconv.ParseInt(strings.SplitN(opts.Token, ":", 2)[0], 10, 64)
	f := &Fake{
		opts:      opts,
		bot:       User{ID: botID, IsBot: true, FirstName: "Kinerja", Username: opts.Username},
		done:      make(chan struct{}),
		changed:   make(chan struct{}),
		updates:   updateQueue{history: map[int64]json.RawMessage{}},
		msgIDs:    map[int64]int{},
		chats:     map[int64][]*Message{},
		files:     map[string]*storedFile{},
		paths:     map[string]*storedFile{},
		callbacks: map[string]bool{},
		commands:  map[string][]Command{},
		faults:    newFaults(),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serveHTTP))
	return f
}

// Endpoint returns the API endpoint in telegram-bot-api's template form,
// "http://127.0.0.1:PORT/bot%s/%s".
func (f *Fake) Endpoint() string { return f.srv.URL + "/bot%s/%s" }

// Token returns the token the fake accepts.
func (f *Fake) Token() string { return f.opts.Token }

// Username returns the bot's username as getMe reports it.
func (f *Fake) Username() string { return f.opts.Username }

// Close aborts pending long polls and stops the server.
func (f *Fake) Close() {
	f.mu.Lock()
	select {
	case <-f.done:
	default:
		close(f.done)
	}
	f.mu.Unlock()
	f.srv.CloseClientConnections()
	f.srv.Close()
}

// OnCall registers an observer called after each recorded call, outside the
// fake's lock; the demo uses it to print a transcript as the bot talks.
func (f *Fake) OnCall(fn func(Call)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.observers = append(f.observers, fn)
}

// Calls returns every call recorded so far, in order.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Call(nil), f.calls...)
}

// CallsTo returns the recorded calls of one method, in order.
func (f *Fake) CallsTo(method string) []Call {
	var out []Call
	for _, c := range f.Calls() {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// WaitFor polls cond until it holds or timeout passes, waking on every change
// of the fake's state, and reports whether it held. cond may call the fake.
func (f *Fake) WaitFor(timeout time.Duration, cond func(*Fake) bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		f.mu.Lock()
		ch := f.changed
		f.mu.Unlock()
		if cond(f) {
			return true
		}
		select {
		case <-ch:
		case <-deadline.C:
			return cond(f)
		}
	}
}

// notifyLocked wakes long polls and WaitFor. The caller holds f.mu.
func (f *Fake) notifyLocked() {
	close(f.changed)
	f.changed = make(chan struct{})
}

// apiError is a Telegram-shaped error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
}

func badRequest(format string, args ...any) *apiError {
	return &apiError{code: 400, desc: "Bad Request: " + fmt.Sprintf(format, args...)}
}

// request is one parsed call, handed to a method handler, which fills in the
// call record as it learns what the call was about.
type request struct {
	ctx    context.Context
	params map[string]string
	files  map[string]upload
	call   *Call
}

type upload struct {
	name string
	data []byte
}

type handler func(f *Fake, r *request) (any, *apiError)

// errAborted tells serveHTTP that the client went away: answer nothing.
var errAborted = &apiError{code: -1}

func (f *Fake) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if rest, ok := strings.CutPrefix(r.URL.Path, "/file/bot"); ok {
		f.serveFile(w, rest)
		return
	}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	token, method, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 || token != f.opts.Token {
		writeJSON(w, http.StatusUnauthorized, response{ErrorCode: 401, Description: "Unauthorized"})
		return
	}
	req, err := parseRequest(r)
	if err != nil {
		writeJSON(w, 400, response{ErrorCode: 400, Description: "Bad Request: " + err.Error()})
		return
	}
	req.call = &Call{Method: method, Params: req.params, Time: f.opts.Now()}
	req.call.ChatID, _ = strconv.ParseInt(req.params["chat_id"], 10, 64)

	result, aerr := f.dispatch(req, method)
	if aerr == errAborted {
		return
	}
	status := http.StatusOK
	resp := response{OK: true, Result: result}
	if aerr != nil {
		status = aerr.code
		resp = response{ErrorCode: aerr.code, Description: aerr.desc}
		if aerr.retryAfter > 0 {
			resp.Parameters = &responseParameters{RetryAfter: aerr.retryAfter}
		}
		req.call.Error = aerr.desc
	}
	req.call.Status = status
	f.record(*req.call)
	writeJSON(w, status, resp)
}

// dispatch applies injected faults (a storm's first), then the method's
// handler.
func (f *Fake) dispatch(req *request, method string) (any, *apiError) {
	h, known := handlers[strings.ToLower(method)]
	if !known {
		return nil, &apiError{code: 404, desc: "Not Found"}
	}
	hang, aerr := f.stormFault(method)
	if aerr != nil {
		return nil, aerr
	}
	if d := max(f.hangFor(method), hang); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-req.ctx.Done():
			return nil, errAborted
		case <-f.done:
			return nil, errAborted
		}
	}
	if aerr := f.injected(method, req.call.ChatID); aerr != nil {
		return nil, aerr
	}
	return h(f, req)
}

func (f *Fake) record(c Call) {
	f.mu.Lock()
	f.calls = append(f.calls, c)
	obs := append([]func(Call){}, f.observers...)
	f.notifyLocked()
	f.mu.Unlock()
	for _, fn := range obs {
		fn(c)
	}
}

// parseRequest reads form-encoded and multipart bodies, the two encodings
// telegram-bot-api uses, plus query parameters.
func parseRequest(r *http.Request) (*request, error) {
	req := &request{ctx: r.Context(), params: map[string]string{}, files: map[string]upload{}}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(64 << 20); err != nil {
			return nil, err
		}
		for field, fhs := range r.MultipartForm.File {
			fh := fhs[0]
			rd, err := fh.Open()
			if err != nil {
				return nil, err
			}
			data, err := io.ReadAll(rd)
			rd.Close()
			if err != nil {
				return nil, err
			}
			req.files[field] = upload{name: fh.Filename, data: data}
		}
	} else if err := r.ParseForm(); err != nil {
		return nil, err
	}
	for k, v := range r.Form {
		req.params[k] = v[0]
	}
	return req, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// serveFile answers downloads at /file/bot<token>/<path>.
func (f *Fake) serveFile(w http.ResponseWriter, rest string) {
	token, path, ok := strings.Cut(rest, "/")
	if !ok || token != f.opts.Token {
		http.Error(w, "Unauthorized", http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	sf := f.paths[path]
	f.mu.Unlock()
	if sf == nil {
		http.Error(w, "Not Found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(sf.data)))
	_, _ = w.Write(sf.data)
}
