package main

import (
	"context"
)

// sceneCitizen: a citizen opens the bot and gets the two lines of their
// tour, then the help.
func sceneCitizen(ctx context.Context, d *demo) error {
	if err := d.say("warga", "/start"); err != nil {
		return err
	}
	return d.say("warga", "/help")
}

// sceneLinking: Budi opens his invitation and takes the guided tour to the
// end, trying a step on the way; his head, dr. Rina, links and skips it;
// a code used twice and a made-up one are refused.
func sceneLinking(ctx context.Context, d *demo) error {
	code, link, err := d.bot.Invite(ctx, demoNIPBudi)
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot invite %s", demoNIPBudi)
	d.narrate("→ %s", link)
	if err := d.say("budi", "/start "+code); err != nil {
		return err
	}
	d.narrate("Budi mengikuti panduan sampai selesai / Budi follows the tour to the end:")
	for _, which := range []string{"tour.start", "tour.next", "tour.next", "data:tour:try:cuti", "tour.next", "tour.finish"} {
		if err := d.press("budi", which); err != nil {
			return err
		}
	}
	d.narrate("Kode yang sama dipakai akun lain / the same code from another account:")
	if err := d.say("lain", "/start "+code); err != nil {
		return err
	}
	d.narrate("Kode karangan / a made-up code:")
	if err := d.say("lain", "/start i_bukanKodeAsli123"); err != nil {
		return err
	}
	code, _, err = d.bot.Invite(ctx, demoNIPRina)
	if err != nil {
		return err
	}
	d.narrate("dr. Rina, kepala puskesmas, menautkan akunnya dan melewati panduan / dr. Rina, head of the puskesmas, links and skips the tour:")
	if err := d.say("rina", "/start "+code); err != nil {
		return err
	}
	return d.press("rina", "tour.skip")
}

// sceneHelpLanguage: the other accounts of the script are linked; Budi
// reads the help in both languages.
func sceneHelpLanguage(ctx context.Context, d *demo) error {
	for _, p := range demoPeople {
		if p.nip == "" || p.key == "budi" || p.key == "rina" {
			continue
		}
		if err := d.db.LinkTelegram(ctx, p.nip, p.id); err != nil {
			return err
		}
	}
	d.narrate("Andi (admin BKPSDM), H. Syafrizal (Sekda) dan Sari Dewi juga sudah menautkan akun / Andi, H. Syafrizal and Sari Dewi have linked too.")
	for _, step := range []func() error{
		func() error { return d.say("budi", "/help") },
		func() error { return d.say("budi", "/bahasa") },
		func() error { return d.press("budi", "🇬🇧") },
		func() error { return d.say("budi", "/help") },
		func() error { return d.say("budi", "/bahasa") },
		func() error { return d.press("budi", "🇮🇩") },
		func() error { return d.say("budi", "halo") },
	} {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}
