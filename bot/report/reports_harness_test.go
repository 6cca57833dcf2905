package report

import (
	"context"
	"fmt"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// The seeded people of bottest, by the names these tests use.
const (
	tgBudi      = bottest.TGBudi
	tgSari      = bottest.TGSari
	tgHead      = bottest.TGHead
	tgAdmin     = bottest.TGAdmin
	tgOtherBos  = bottest.TGOtherBos
	nipBudi     = bottest.NIPBudi
	nipHead     = bottest.NIPHead
	nipAdmin    = bottest.NIPAdmin
	nipOtherBos = bottest.NIPOtherBos
)

// wib is the tests' zone.
var wib = bottest.WIB

// reportFixture is a harness with the feature, the roster, linked
// accounts and targets. The recorder serves evidence files by id from
// Msg.Files, so hashes differ unless a test sends the same bytes twice.
type reportFixture struct {
	*bottest.Harness
	feat                         *Feature
	ikiPasien, ikiWaktu, ikiSari *kinerja.Target
}

// newReportFixture opens a harness (on a SQLite file tests can tamper
// with, f.Path) with Budi's two indicators (monthly, higher is better;
// yearly, lower is better) and one of Sari's.
func newReportFixture(t *testing.T, cfg Config) *reportFixture {
	t.Helper()
	feat := New(bot.Deps{}, cfg)
	h := bottest.New(t, bot.Config{}, feat)
	h.Msg.Files = map[string][]byte{}
	h.Seed()
	h.LinkAll()
	f := &reportFixture{Harness: h, feat: feat}
	ctx := context.Background()
	put := func(tg *kinerja.Target) *kinerja.Target {
		if _, err := h.DB.PutTarget(ctx, tg); err != nil {
			t.Fatal(err)
		}
		return tg
	}
	f.ikiPasien = put(&kinerja.Target{NIP: nipBudi, Period: "2026-11", Code: "IKI-1", Name: "Pasien dilayani",
		Unit: "pasien", Target: 200, Direction: kinerja.HigherIsBetter})
	f.ikiWaktu = put(&kinerja.Target{NIP: nipBudi, Period: "2026", Code: "IKI-2", Name: "Waktu rujukan",
		Unit: "hari", Target: 3, Direction: kinerja.LowerIsBetter, Aggregation: kinerja.AggMean})
	f.ikiSari = put(&kinerja.Target{NIP: bottest.NIPSari, Period: "2026-11", Code: "IKI-S", Name: "Persalinan",
		Unit: "persalinan", Target: 20, Direction: kinerja.HigherIsBetter})
	return f
}

// tid is a target id as callback data.
func tid(t *kinerja.Target) string { return fmt.Sprint("lp:t:", t.ID) }

// submit walks Budi (or another sender) through /lapor with typed values
// and buttons, and returns what the final Kirim press sent.
func (f *reportFixture) submit(from int64, tg *kinerja.Target, qty, day, desc string, evidence ...bot.Update) []bot.OutMessage {
	t := f.T
	t.Helper()
	f.Text(from, "/lapor")
	f.Press(from, 1, tid(tg))
	bottest.MustSay(t, f.Text(from, qty), "Kapan pekerjaan")
	if len(day) > 3 && day[:3] == "lp:" {
		f.Press(from, 1, day)
	} else {
		f.Text(from, day)
	}
	bottest.MustSay(t, f.Text(from, desc), "bukti")
	for _, u := range evidence {
		bottest.MustSay(t, f.Handle(u), "diterima")
	}
	bottest.MustSay(t, f.Press(from, 1, "lp:ev"), "Periksa")
	out := f.Press(from, 1, "lp:ok")
	bottest.MustSay(t, out, "terkirim")
	return out
}

// report reads a report from the database.
func (f *reportFixture) report(id int64) *kinerja.Report {
	f.T.Helper()
	r, err := f.DB.Report(context.Background(), id)
	if err != nil {
		f.T.Fatal(err)
	}
	return r
}

// digest runs the digest job now, as the scheduler would.
func (f *reportFixture) digest(ctx context.Context) error {
	_, err := f.feat.Jobs()[0].Run(ctx, f.Now)
	return err
}

// auditActions lists the actions in the audit log, in order.
func (f *reportFixture) auditActions() []string {
	f.T.Helper()
	entries, err := f.DB.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		f.T.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}
