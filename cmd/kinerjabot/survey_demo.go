package main

import (
	"context"
	"fmt"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// sceneSurvey: a citizen scans the QR code at the puskesmas counter and
// rates the service with buttons; the head gets the low answer and the
// suggestion at once; a repeat the same day is not counted; the head reads
// the unit's IKM and the admin exports it.
func sceneSurvey(ctx context.Context, d *demo) error {
	const unit, officer = "PKM-TGR", demoNIPBudi
	f, err := d.a.surveyFeature(ctx, d.db, true)
	if err != nil {
		return err
	}
	const qrName = "qr-" + unit + ".png"
	l, link, err := f.CreateSurveyLinkCard(ctx, unit, officer, func(card []byte) error {
		d.mu.Lock()
		defer d.mu.Unlock()
		d.files[qrName] = card
		return nil
	})
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot survey-link --unit %s --officer %s --qr %s", unit, officer, qrName)
	d.narrate("→ %s (dicetak sebagai kode QR di loket / printed as a QR code at the counter)", link)
	if err := d.say("warga", "/start "+l.Payload); err != nil {
		return err
	}
	// Answers 1 to 4, one of them a 1 (completion time), and one changed
	// with the back button.
	for _, label := range []string{"4 ·", "3 ·", "2 ·", "⬅️", "1 ·", "4 ·", "3 ·", "4 ·", "4 ·", "3 ·", "3 ·"} {
		if err := d.press("warga", label); err != nil {
			return err
		}
	}
	d.narrate("Warga menulis saran / the citizen writes a suggestion:")
	if err := d.say("warga", "Antrean pagi terlalu lama, mohon tambah petugas loket pendaftaran."); err != nil {
		return err
	}
	d.narrate("Warga yang sama memindai lagi hari ini / the same citizen scans again today:")
	if err := d.say("warga", "/start "+l.Payload); err != nil {
		return err
	}
	// Keep the transcript short: the month's other respondents are written
	// straight to the database, as if they had answered earlier.
	others := [][9]int{{4, 4, 3, 4, 4, 4, 4, 3, 3}, {3, 3, 3, 4, 3, 3, 4, 3, 3}, {3, 3, 2, 4, 3, 3, 3, 2, 3}}
	for i := range 29 {
		answers := map[string]int{}
		for k, u := range f.Questionnaire().Unsur {
			answers[u.Code] = others[i%len(others)][k%9]
		}
		r := &kinerja.SurveyResponse{UnitCode: unit, Answers: answers, Day: kinerja.Day(d.a.now(), d.a.cfg.Location())}
		if err := d.db.AddSurveyResponse(ctx, r); err != nil {
			return err
		}
	}
	d.narrate("29 warga lain sudah mengisi survei bulan ini (dimasukkan langsung agar transkrip singkat).")
	d.narrate("29 other citizens answered this month (written directly to keep the transcript short).")
	if err := d.say("rina", "/ikm"); err != nil {
		return err
	}
	p := kinerja.MonthOf(d.a.now(), d.a.cfg.Location())
	rows, err := f.IKMTable(ctx, p)
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot export --what ikm --period %s", p)
	for _, row := range rows {
		d.narrate("%s", strings.Join(row, ","))
	}
	if len(rows) < 2 {
		return fmt.Errorf("the IKM export is empty")
	}
	return nil
}
