package web

import (
	"embed"
	"html/template"
	"net/http"
)

//go:embed assets/pages.html assets/site.css
var assets embed.FS

var (
	pages = template.Must(template.ParseFS(assets, "assets/pages.html"))
	css   = mustRead("assets/site.css")
)

func mustRead(name string) []byte {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return b
}

// serveCSS serves the one stylesheet.
func serveCSS(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=86400")
	_, _ = w.Write(css)
}
