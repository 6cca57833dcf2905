package main

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/report"
	"github.com/bkpsdm-solok/kinerjabot/importer"
	"github.com/bkpsdm-solok/kinerjabot/sheet"
)

// sceneReports: the admin imports Budi's targets; Budi reports work with
// buttons and typed values (one bad quantity, one sticker as evidence) and a
// photo; his assessor, dr. Rina, gets the photo and the report and approves
// it with one press; Budi's achievement counts it; the admin exports it and
// checks the audit log.
func sceneReports(ctx context.Context, d *demo) error {
	const budi = demoNIPBudi
	month := kinerja.MonthOf(d.a.now(), d.a.cfg.Location())
	csv := "NIP;Periode;Kode Indikator;Indikator;Satuan;Target;Arah;Bobot\n" +
		budi + ";" + month.String() + ";PKM-PRW-01;Pasien rawat jalan yang mendapat asuhan keperawatan;pasien;250;naik;60\n" +
		budi + ";" + fmt.Sprint(month.Year) + ";PKM-PRW-02;Keluhan pasien yang tidak tertangani;kasus;5;turun;40\n"
	tab, err := sheet.ReadFrom(strings.NewReader(csv), ".csv")
	if err != nil {
		return err
	}
	sum, probs, err := importer.ImportTargets(ctx, d.db, tab, d.a.now(), false)
	if err != nil || len(probs) > 0 {
		return fmt.Errorf("demo targets: %v %v", probs, err)
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot targets import target.csv")
	d.narrate("→ %s", sum.Text(kinerja.LangID))
	steps := []func() error{
		func() error { return d.say("budi", "/lapor") },
		func() error { return d.press("budi", "PKM-PRW-01") },
		func() error { return d.say("budi", "dua belas") },
		func() error { return d.say("budi", "12") },
		func() error { return d.press("budi", "rpt.btn_today") },
		func() error {
			return d.say("budi", "Asuhan keperawatan 12 pasien poli umum, termasuk 3 lansia hipertensi.")
		},
		func() error {
			d.say0("budi", "(stiker / a sticker)")
			return d.wait(d.fake.SendSticker(d.users["budi"]))
		},
		func() error {
			d.say0("budi", "(foto register pasien / a photo of the patient register)")
			return d.wait(d.fake.SendPhoto(d.users["budi"], demoPhoto, ""))
		},
		func() error { return d.press("budi", "rpt.btn_ev_done") },
		func() error { return d.press("budi", "rpt.btn_send") },
		func() error { return d.press("rina", "rpt.btn_approve") },
		func() error { return d.say("budi", "/capaian") },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	rows, err := report.New(d.a.deps(d.db), d.a.reportsConfig()).ReportRows(ctx, month)
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot export --what reports --period %s", month)
	for _, row := range rows {
		d.narrate("%s", strings.Join(row, ","))
	}
	if len(rows) != 1 || rows[0][7] != string(kinerja.ReportApproved) {
		return fmt.Errorf("the report was not approved: %v", rows)
	}
	v, err := kinerja.VerifyAudit(ctx, d.db)
	if err != nil {
		return err
	}
	d.narrate("kinerjabot audit verify → %d entri, utuh / %d entries, intact: %v (head %s…)", v.Count, v.Count, v.OK(), v.HeadHash[:16])
	return nil
}

// demoPhoto stands in for a photo of a patient register.
var demoPhoto = []byte("\xff\xd8\xff\xe0 demo: register pasien poli umum")

// sceneReturn: Budi reports more work without evidence; dr. Rina returns
// it with a reason, which Budi is told, and Budi sees it in /laporan, ready
// to correct and send again.
func sceneReturn(ctx context.Context, d *demo) error {
	for _, step := range []func() error{
		func() error { return d.say("budi", "/lapor") },
		func() error { return d.press("budi", "PKM-PRW-01") },
		func() error { return d.say("budi", "30") },
		func() error { return d.press("budi", "rpt.btn_today") },
		func() error { return d.say("budi", "Pasien poli umum.") },
		func() error { return d.press("budi", "rpt.btn_ev_skip") },
		func() error { return d.press("budi", "rpt.btn_send") },
		func() error { return d.press("rina", "rpt.btn_return") },
		func() error {
			return d.say("rina", "Jumlah 30 tidak sesuai register hari ini; mohon lampirkan foto register pasien.")
		},
		func() error { return d.say("budi", "/laporan") },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
