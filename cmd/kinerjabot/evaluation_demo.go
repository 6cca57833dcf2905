package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// sceneEvaluation: the head of the puskesmas evaluates Budi for the month
// that has just ended. The bot proposes "Sesuai Ekspektasi" from his
// approved reports; she chooses "Di Atas Ekspektasi" and must say why;
// she rates the seven BerAKHLAK values and confirms. Budi is notified and
// sees the whole chain with /skor; the export shows proposal, decision and
// reason side by side.
func sceneEvaluation(ctx context.Context, d *demo) error {
	const budi = demoNIPBudi
	p := kinerja.MonthOf(d.a.now(), d.a.cfg.Location()).Prev()
	t := &kinerja.Target{NIP: budi, Period: p.String(), Code: "PKM-01", Name: "Pasien rawat jalan dilayani",
		Unit: "pasien", Target: 120, Direction: kinerja.HigherIsBetter, Weight: 2}
	t2 := &kinerja.Target{NIP: budi, Period: p.String(), Code: "PKM-02", Name: "Kunjungan rumah pasien TB",
		Unit: "kunjungan", Target: 8, Direction: kinerja.HigherIsBetter, Weight: 1}
	for _, tg := range []*kinerja.Target{t, t2} {
		if _, err := d.db.PutTarget(ctx, tg); err != nil {
			return err
		}
	}
	start := p.Start(d.a.cfg.Location())
	for i, q := range []struct {
		target *kinerja.Target
		day    int
		qty    float64
	}{{t, 3, 40}, {t, 12, 38}, {t, 24, 35}, {t2, 9, 4}, {t2, 20, 4}} {
		r := &kinerja.Report{NIP: budi, TargetID: q.target.ID, WorkDate: start.AddDate(0, 0, q.day-1).Format("2006-01-02"),
			Quantity: q.qty, Description: fmt.Sprintf("laporan %d", i+1), Status: kinerja.ReportApproved,
			AssessorNIP: demoNIPRina, DecidedBy: demoNIPRina, CreatedAt: d.a.now(), UpdatedAt: d.a.now()}
		// With the audit entries the report feature writes, so that the
		// kept demo database passes audit verify.
		err := d.db.InTx(ctx, func(tx kinerja.Tx) error {
			if err := tx.CreateReport(ctx, r); err != nil {
				return err
			}
			for _, step := range []struct{ actor, action string }{{budi, "report.create"}, {r.DecidedBy, "report.approve"}} {
				if err := tx.AppendAudit(ctx, &kinerja.AuditEntry{At: d.a.now(), ActorNIP: step.actor, Action: step.action,
					Entity: "report", EntityID: strconv.FormatInt(r.ID, 10), After: r.AuditJSON()}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	d.narrate("Laporan kerja Budi bulan %s sudah disetujui dr. Rina (dimasukkan langsung agar transkrip singkat).", p)
	d.narrate("Budi's work reports for %s were approved earlier (written directly to keep the transcript short).", p)
	steps := []struct{ who, label string }{
		{"rina", "eval.btn_continue"}, // the first subordinate not yet evaluated
		{"rina", "rating.short3"},     // above: differs from the proposal, a reason is asked
	}
	if err := d.say("rina", "/nilai"); err != nil {
		return err
	}
	for _, s := range steps {
		if err := d.press(s.who, s.label); err != nil {
			return err
		}
	}
	d.narrate("Tanpa alasan pilihan tidak disimpan; alasan satu huruf ditolak / without a reason nothing is saved; a one-letter reason is refused:")
	if err := d.say("rina", "x"); err != nil {
		return err
	}
	if err := d.say("rina", "Menangani lonjakan pasien DBD di luar jam kerja, tercatat di laporan harian."); err != nil {
		return err
	}
	// The seven BerAKHLAK values: above (short3) or meets (short2).
	for _, label := range []string{"rating.short3", "rating.short2", "rating.short2", "rating.short2", "rating.short3", "rating.short2", "rating.short3"} {
		if err := d.press("rina", label); err != nil {
			return err
		}
	}
	for _, label := range []string{"eval.btn_accept", "eval.btn_confirm"} {
		if err := d.press("rina", label); err != nil {
			return err
		}
	}
	if err := d.say("budi", "/skor"); err != nil {
		return err
	}
	rows, err := d.a.evaluationFeature(d.db).EvaluationTable(ctx, p)
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot export --what evaluations --period %s", p)
	keep := []string{"nip", "capaian_pct", "proposed_hasil", "decided_hasil", "hasil_reason", "decided_perilaku", "predikat", "objection_status"}
	idx := map[string]int{}
	for i, c := range rows[0] {
		idx[c] = i
	}
	var out [][]string
	for _, row := range rows[1:] {
		var cells []string
		for _, c := range keep {
			cells = append(cells, row[idx[c]])
		}
		out = append(out, cells)
	}
	var buf strings.Builder
	if err := sheet.WriteCSV(&buf, keep, out); err != nil {
		return err
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		fmt.Fprintf(d.out, "     %s\n", line)
	}
	fmt.Fprintln(d.out, "     (kolom lain dan lembar indikator: lihat README / other columns and the indicators sheet: see the README)")
	return nil
}

// sceneObjection: Budi objects to last month's result within the window;
// the objection goes to dr. Rina's own superior, the regional secretary,
// who upholds the result with a reason; both are told, and the decision is
// final.
func sceneObjection(ctx context.Context, d *demo) error {
	for _, step := range []func() error{
		func() error { return d.say("budi", "/keberatan") },
		func() error { return d.press("budi", "data:kbr:new:") },
		func() error {
			return d.say("budi", "Capaian kunjungan rumah TB 100% dan saya menangani pasien DBD di luar jam kerja; mohon perilaku kerja ditinjau.")
		},
		func() error { return d.press("sekda", "data:kbr:up:") },
		func() error {
			return d.say("sekda", "Penilaian perilaku sudah sesuai catatan atasan langsung; kerja di luar jam sudah dihargai pada hasil kerja.")
		},
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
