package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

func TestWebhookSettingsFromTheFileAndTheEnvironment(t *testing.T) {
	cfg := writeFile(t, "kb.yaml", "telegram:\n  webhook:\n    url: https://bot.example.go.id/tg\n    secret: from-the-file-0123456789\n    cert_file: tls/cert.pem\n")
	c, err := LoadConfig(cfg, env(map[string]string{"KINERJA_WEBHOOK_MAX_CONNECTIONS": "20", "KINERJA_WEBHOOK_LISTEN": ":8443"}))
	if err != nil {
		t.Fatal(err)
	}
	w := c.Telegram.Webhook
	if !w.on() || w.Secret != "from-the-file-0123456789" || w.MaxConnections != 20 || w.Listen != ":8443" || w.path() != "/tg" ||
		w.CertFile != filepath.Join(filepath.Dir(cfg), "tls/cert.pem") || w.shared(c.HTTP.Listen) {
		t.Fatalf("settings %+v", w)
	}
}

func TestWebhookSettingsBadValuesNameTheKey(t *testing.T) {
	base := map[string]string{"KINERJA_WEBHOOK_URL": "https://bot.example.go.id/tg", "KINERJA_WEBHOOK_SECRET": "a-good-secret-0123456789"}
	with := func(k, v string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		m[k] = v
		return m
	}
	cases := map[string]struct {
		env  map[string]string
		want string
	}{
		"plain http":    {with("KINERJA_WEBHOOK_URL", "http://bot.example.go.id/tg"), "https://"},
		"no secret":     {map[string]string{"KINERJA_WEBHOOK_URL": "https://bot.example.go.id/tg"}, "openssl rand -hex 32"},
		"short secret":  {with("KINERJA_WEBHOOK_SECRET", "short"), "16 to 256"},
		"bad character": {with("KINERJA_WEBHOOK_SECRET", "spaces are not allowed here"), "KINERJA_WEBHOOK_SECRET"},
		"connections":   {with("KINERJA_WEBHOOK_MAX_CONNECTIONS", "500"), "between 1 and 100"},
		"not a number":  {with("KINERJA_WEBHOOK_MAX_CONNECTIONS", "many"), "KINERJA_WEBHOOK_MAX_CONNECTIONS"},
		"key only":      {with("KINERJA_WEBHOOK_KEY_FILE", "k.pem"), "needs cert_file"},
		"root path":     {with("KINERJA_WEBHOOK_URL", "https://bot.example.go.id/"), "needs a path"},
		"no listener":   {with("KINERJA_HTTP_ADDR", "off"), "KINERJA_WEBHOOK_LISTEN"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := LoadConfig("", env(c.env))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want mention of %q", err, c.want)
			}
		})
	}
}

func TestReadyzFollowsTheDatabase(t *testing.T) {
	db := storagetest.MustOpenDB(t)
	var logs bytes.Buffer
	r := &readiness{db: db, log: slog.New(slog.NewTextHandler(&logs, nil))}
	r.ready.Store(true)
	mux := http.NewServeMux()
	r.register(mux, true)
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if code := get(t, srv.URL+"/readyz"); code != http.StatusOK || !r.Ready() {
		t.Fatalf("/readyz %d with the database up", code)
	}
	db.Close()
	if code := get(t, srv.URL+"/readyz"); code != http.StatusServiceUnavailable || r.Ready() {
		t.Fatalf("/readyz %d with the database closed", code)
	}
	if code := get(t, srv.URL+"/healthz"); code != http.StatusOK {
		t.Fatalf("/healthz %d: the process is up", code)
	}
	if !strings.Contains(logs.String(), "database unreachable") {
		t.Errorf("logs: %s", logs.String())
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files.
func selfSigned(t *testing.T) (cert, key string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalECPrivateKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	cert = writeFile(t, "cert.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})))
	key = writeFile(t, "key.pem", string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb})))
	return cert, key
}

func TestEndToEndWebhookOverTLSWithASelfSignedCertificate(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	cert, key := selfSigned(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	logs := &syncBuffer{}
	done := make(chan int, 1)
	getenv := env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": seedFile(t), "KINERJA_HTTP_ADDR": "off",
		"KINERJA_WEBHOOK_URL": "https://" + addr + "/telegram", "KINERJA_WEBHOOK_SECRET": e2eSecret,
		"KINERJA_WEBHOOK_LISTEN": addr, "KINERJA_WEBHOOK_CERT_FILE": cert, "KINERJA_WEBHOOK_KEY_FILE": key,
	})
	go func() { done <- Main(ctx, []string{"run"}, strings.NewReader(""), logs, logs, getenv) }()
	defer func() { cancel(); <-done }()
	stranger := fakeapi.User{ID: 5201, FirstName: "Warga"}
	fake.SendText(stranger, "/start")
	if !fake.WaitFor(15*time.Second, func(f *fakeapi.Fake) bool { return len(f.Messages(stranger.ID)) == 1 }) {
		t.Fatalf("no answer over TLS; logs:\n%s", logs)
	}
	set := fake.CallsTo("setWebhook")
	if len(set) == 0 || set[0].Params["url"] != "https://"+addr+"/telegram" {
		t.Fatalf("setWebhook %v", set)
	}
}

func TestRunFailsWhenTheWebhookCannotListen(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	var out, errOut syncBuffer
	code := Main(t.Context(), []string{"run"}, nil, &out, &errOut, env(map[string]string{
		"KINERJA_TELEGRAM_TOKEN": fake.Token(), "KINERJA_TELEGRAM_ENDPOINT": fake.Endpoint(),
		"KINERJA_DB": seedFile(t), "KINERJA_HTTP_ADDR": "off",
		"KINERJA_WEBHOOK_URL": "https://bot.example.go.id/telegram", "KINERJA_WEBHOOK_SECRET": e2eSecret,
		"KINERJA_WEBHOOK_LISTEN": addr,
	}))
	if code != exitFailed || !strings.Contains(errOut.String(), "telegram.webhook.listen") {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if len(fake.CallsTo("setWebhook")) != 0 {
		t.Fatal("setWebhook called without a listener")
	}
}
