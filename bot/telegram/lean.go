package telegram

import (
	"bytes"
	"io"
	"net/http"
)

// resultUnused are the methods whose result the bot never reads: an edit
// (the message id is already known) and a button answer (the result is
// "true"). Their successful answers skip JSON decoding (lean).
var resultUnused = map[string]bool{"editMessageText": true, "answerCallbackQuery": true}

// okPrefix is how the Bot API begins every successful answer, and okTrue
// what the library is handed instead of one whose result is not read.
var (
	okPrefix = []byte(`{"ok":true,`)
	okTrue   = []byte(`{"ok":true,"result":true}`)
)

// lean replaces the body of a successful answer whose result the caller
// does not read with {"ok":true,"result":true}. The library decodes every
// answer as JSON, and an edit's answer echoes the whole message with its
// keyboard: scanning it was a sixth of the bot's CPU per update spent on
// Telegram calls. The body is still read to its end, so the connection is
// reused. An answer that does not start as expected (an error, another
// server's spacing) is passed on untouched.
func lean(resp *http.Response) {
	var head [len(`{"ok":true,`)]byte
	n, err := io.ReadFull(resp.Body, head[:])
	if err == nil && bytes.Equal(head[:], okPrefix) {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		resp.Body = io.NopCloser(bytes.NewReader(okTrue))
		return
	}
	resp.Body = prefixed{io.MultiReader(bytes.NewReader(head[:n]), resp.Body), resp.Body}
}

// prefixed is a body whose first bytes were already read.
type prefixed struct {
	io.Reader
	io.Closer
}

// updatesPrefix begins every successful getUpdates answer, and
// updatesEmpty is what the library is handed instead of one kept (keep).
var (
	updatesPrefix = []byte(`{"ok":true,"result":`)
	updatesEmpty  = []byte(`{"ok":true,"result":[]}`)
)

// keep reads a successful getUpdates answer of the Bot API's own form,
// {"ok":true,"result":[…]}, into *result and hands the library an empty
// result instead, so the updates are decoded once, by the poller, rather
// than scanned by the library's decoder first (a sixth of the bot's time
// in JSON). An answer of another form, or one that cannot be read, is
// passed on as it came (what was read of it included) and *result is nil.
func keep(resp *http.Response, result *[]byte) {
	*result = nil
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	rest, ok := bytes.CutPrefix(body, updatesPrefix)
	if err == nil && ok {
		rest = bytes.TrimRight(rest, " \t\r\n")
		if r, ok := bytes.CutSuffix(rest, []byte("}")); ok && len(r) > 1 && r[0] == '[' && r[len(r)-1] == ']' {
			*result = r
			resp.Body = io.NopCloser(bytes.NewReader(updatesEmpty))
			return
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
}
