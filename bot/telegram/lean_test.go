package telegram

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// A successful answer whose result is not read reaches the library as
// {"ok":true,"result":true}, read to its end; anything else is passed on
// as it came.
func TestLeanAnswer(t *testing.T) {
	for name, tc := range map[string]struct{ body, want string }{
		"edited message": {`{"ok":true,"result":{"message_id":7,"text":"Pertanyaan 2","reply_markup":{"inline_keyboard":[]}}}`,
			`{"ok":true,"result":true}`},
		"answered button": {`{"ok":true,"result":true}`, `{"ok":true,"result":true}`},
		"other spacing":   {`{"ok": true, "result": true}`, `{"ok": true, "result": true}`},
		"short":           {`{"ok":`, `{"ok":`},
		"not json":        {`<html>bad gateway</html>`, `<html>bad gateway</html>`},
	} {
		t.Run(name, func(t *testing.T) {
			src := &countingBody{r: strings.NewReader(tc.body)}
			resp := &http.Response{StatusCode: http.StatusOK, Body: src}
			lean(resp)
			got, err := io.ReadAll(resp.Body)
			if err != nil || string(got) != tc.want {
				t.Fatalf("body %q (%v), want %q", got, err, tc.want)
			}
			if src.n != len(tc.body) {
				t.Errorf("read %d of %d bytes of the answer: the connection would not be reused", src.n, len(tc.body))
			}
		})
	}
}

type countingBody struct {
	r *strings.Reader
	n int
}

func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func (c *countingBody) Close() error { return nil }

// A successful getUpdates answer of the Bot API's form is kept whole for
// the poller and reaches the library as an empty result; any other is
// passed on as it came and nothing is kept.
func TestKeepUpdates(t *testing.T) {
	for name, tc := range map[string]struct{ body, kept, passed string }{
		"batch":       {`{"ok":true,"result":[{"update_id":5,"message":{"text":"}"}}]}` + "\n", `[{"update_id":5,"message":{"text":"}"}}]`, `{"ok":true,"result":[]}`},
		"empty":       {`{"ok":true,"result":[]}`, `[]`, `{"ok":true,"result":[]}`},
		"spacing":     {`{"ok": true, "result": []}`, "", `{"ok": true, "result": []}`},
		"not a list":  {`{"ok":true,"result":true}`, "", `{"ok":true,"result":true}`},
		"cut short":   {`{"ok":true,"result":[{"update_id":5`, "", `{"ok":true,"result":[{"update_id":5`},
		"not json":    {`<html>bad gateway</html>`, "", `<html>bad gateway</html>`},
		"description": {`{"ok":true,"result":[],"description":"x"}`, "", `{"ok":true,"result":[],"description":"x"}`},
	} {
		t.Run(name, func(t *testing.T) {
			src := &countingBody{r: strings.NewReader(tc.body)}
			resp := &http.Response{StatusCode: http.StatusOK, Body: src}
			var kept []byte
			keep(resp, &kept)
			got, err := io.ReadAll(resp.Body)
			if err != nil || string(got) != tc.passed {
				t.Fatalf("library reads %q (%v), want %q", got, err, tc.passed)
			}
			if string(kept) != tc.kept || (tc.kept == "") != (kept == nil) {
				t.Errorf("kept %q, want %q", kept, tc.kept)
			}
			if src.n != len(tc.body) {
				t.Errorf("read %d of %d bytes of the answer", src.n, len(tc.body))
			}
		})
	}
}
