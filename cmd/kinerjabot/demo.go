package main

import (
	"context"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	commands["demo"] = subcommand{"play a scripted conversation against an in-process fake Telegram (no token, no network)", runDemo}
}

// demoScene is one part of the demo; features append theirs in order.
type demoScene struct {
	title string
	play  func(ctx context.Context, d *demo) error
}

// demoScenes are played in order. The foundation's come first.
var demoScenes = []demoScene{
	{"Warga membuka bot / A citizen opens the bot", sceneCitizen},
	{"Undangan dan penautan akun pegawai / Inviting and linking a staff account", sceneLinking},
	{"Bantuan dan bahasa / Help and language", sceneHelpLanguage},
}

// demo drives the real bot through the fake Bot API and prints a transcript.
type demo struct {
	a     *app
	fake  *fakeapi.Fake
	db    *storage.DB
	bot   *bot.Bot
	mu    sync.Mutex
	names map[int64]string
	users map[string]fakeapi.User
}

// Demo people: Telegram ids of the sample roster's members and a citizen.
var demoPeople = []struct {
	key, name string
	id        int64
	nip       string
}{
	{"warga", "Rahmat (warga)", 9001, ""},
	{"budi", "Budi Santoso", 9002, "198502022010011002"},
	{"rina", "dr. Rina Marlina", 9003, "197804152005012003"},
	{"andi", "Andi Pratama (admin BKPSDM)", 9004, "198103102006041001"},
	{"lain", "Akun lain", 9005, ""},
}

// runDemo seeds a temporary database, runs the real bot against the fake
// Telegram, plays the scenes and prints what each person sees.
func runDemo(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "demo", "", "Plays a scripted conversation through the real handlers against an in-process\n"+
		"fake Telegram and prints the transcript. Needs no token and no network.")
	keep := fs.Bool("keep", false, "keep the demo database and print its path")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	dir, err := os.MkdirTemp("", "kinerjabot-demo-")
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	if !*keep {
		defer os.RemoveAll(dir)
	}
	if err := playDemo(ctx, a, filepath.Join(dir, "demo.db")); err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot demo:", err)
		return exitFailed
	}
	if *keep {
		fmt.Fprintln(a.stdout, "\nDatabase demo disimpan di / demo database kept at:", filepath.Join(dir, "demo.db"))
	}
	return exitOK
}

func playDemo(ctx context.Context, a *app, path string) error {
	db, err := storage.Open(ctx, path)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := seedDemo(ctx, db, a.now()); err != nil {
		return err
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	d := &demo{a: a, fake: fake, db: db, names: map[int64]string{}, users: map[string]fakeapi.User{}}
	for _, p := range demoPeople {
		d.names[p.id] = p.name
		d.users[p.key] = fakeapi.User{ID: p.id, FirstName: p.name, LanguageCode: "id"}
	}
	fake.OnCall(d.print)
	// The demo's own logs would interleave with the transcript.
	quiet, cfg := *a, *a.cfg
	quiet.cfg = &cfg
	quiet.cfg.Telegram.Token = fake.Token()
	quiet.cfg.Database = path // the survey's day keys go next to it
	quiet.log = newLogger(a.stderr, "error", fake.Token(), a.cfg.Location())
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	ready := make(chan *bot.Bot, 1)
	served := make(chan error, 1)
	go func() { served <- serve(runCtx, &quiet, db, fake.Endpoint(), func(b *bot.Bot) { ready <- b }) }()
	select {
	case d.bot = <-ready:
	case err := <-served:
		return fmt.Errorf("bot did not start: %v", err)
	case <-time.After(15 * time.Second):
		return errors.New("bot did not start in 15 s")
	}
	fmt.Fprintln(a.stdout, "Kinerja Bot — demo. Semua percakapan di bawah melewati handler asli dan Telegram tiruan.")
	fmt.Fprintln(a.stdout, "Kinerja Bot — demo. Every exchange below goes through the real handlers and a fake Telegram.")
	for i, s := range demoScenes {
		fmt.Fprintf(a.stdout, "\n━━━ %d. %s ━━━\n", i+1, s.title)
		if err := s.play(ctx, d); err != nil {
			return fmt.Errorf("scene %q: %w", s.title, err)
		}
	}
	stop()
	if err := <-served; err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nDemo selesai. / Demo finished.")
	return nil
}

// seedDemo writes a small Solok roster: a puskesmas, the civil registry and
// the one-stop licensing office, with BKPSDM and the regional secretary.
func seedDemo(ctx context.Context, db *storage.DB, now time.Time) error {
	units := []*kinerja.Unit{
		{Code: "SETDA", Name: "Sekretariat Daerah Kota Solok", HeadNIP: "196905121994031004"},
		{Code: "PKM-TGR", Name: "Puskesmas Tanah Garam", HeadNIP: "197804152005012003"},
		{Code: "DUKCAPIL", Name: "Dinas Kependudukan dan Pencatatan Sipil", HeadNIP: "197511202000121002"},
		{Code: "DPMPTSP", Name: "Dinas Penanaman Modal dan PTSP", HeadNIP: "197602142001122001"},
		{Code: "BKPSDM", Name: "Badan Kepegawaian dan Pengembangan SDM", HeadNIP: "197307071998031005"},
	}
	staff := []*kinerja.Staff{
		{NIP: "196905121994031004", Name: "H. Syafrizal", Position: "Sekretaris Daerah", UnitCode: "SETDA"},
		{NIP: "197804152005012003", Name: "dr. Rina Marlina", Position: "Kepala Puskesmas", UnitCode: "PKM-TGR", SuperiorNIP: "196905121994031004"},
		{NIP: "198502022010011002", Name: "Budi Santoso", Position: "Perawat Ahli Pertama", UnitCode: "PKM-TGR", SuperiorNIP: "197804152005012003"},
		{NIP: "199003032015032003", Name: "Sari Dewi", Position: "Bidan Terampil", UnitCode: "PKM-TGR", SuperiorNIP: "197804152005012003"},
		{NIP: "197511202000121002", Name: "Yusnaldi", Position: "Kepala Dinas Dukcapil", UnitCode: "DUKCAPIL", SuperiorNIP: "196905121994031004"},
		{NIP: "198807082012121001", Name: "Fitri Handayani", Position: "Pengadministrasi Kependudukan", UnitCode: "DUKCAPIL", SuperiorNIP: "197511202000121002"},
		{NIP: "197602142001122001", Name: "Elvi Susanti", Position: "Kepala DPMPTSP", UnitCode: "DPMPTSP", SuperiorNIP: "196905121994031004"},
		{NIP: "199201052019031003", Name: "Rizky Ananda", Position: "Analis Perizinan", UnitCode: "DPMPTSP", SuperiorNIP: "197602142001122001"},
		{NIP: "197307071998031005", Name: "Zulkifli", Position: "Kepala BKPSDM", UnitCode: "BKPSDM", SuperiorNIP: "196905121994031004"},
		{NIP: "198103102006041001", Name: "Andi Pratama", Position: "Analis SDM Aparatur", UnitCode: "BKPSDM", SuperiorNIP: "197307071998031005", Admin: true},
	}
	return db.InTx(ctx, func(tx kinerja.Tx) error {
		for _, u := range units {
			if _, err := tx.PutUnit(ctx, u); err != nil {
				return err
			}
		}
		for _, s := range staff {
			if _, err := tx.PutStaff(ctx, s, now.AddDate(0, -3, 0)); err != nil {
				return err
			}
		}
		return nil
	})
}

var tagPattern = regexp.MustCompile(`<[^>]+>`)

// plain turns a bot message's HTML into terminal text.
func plain(s string) string { return html.UnescapeString(tagPattern.ReplaceAllString(s, "")) }

// print writes each message the bot sends, as the recipient would see it.
func (d *demo) print(c fakeapi.Call) {
	var verb string
	switch c.Method {
	case "sendMessage":
		verb = ""
	case "editMessageText":
		verb = " (mengubah pesan / edits its message)"
	case "sendPhoto":
		verb = fmt.Sprintf(" [gambar/picture %s, %d byte]", c.FileName, len(c.File))
	case "sendDocument":
		verb = fmt.Sprintf(" [dokumen/document %s, %d byte]", c.FileName, len(c.File))
	default:
		return
	}
	if c.Status != 200 {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	name, ok := d.names[c.ChatID]
	if !ok {
		name = fmt.Sprintf("chat %d", c.ChatID)
	}
	out := d.a.stdout
	fmt.Fprintf(out, "🤖 → %s%s:\n", name, verb)
	for _, line := range strings.Split(plain(c.Text), "\n") {
		fmt.Fprintf(out, "     %s\n", line)
	}
	for _, row := range c.Buttons {
		var cells []string
		for _, b := range row {
			cells = append(cells, "[ "+b.Text+" ]")
		}
		fmt.Fprintf(out, "     %s\n", strings.Join(cells, " "))
	}
}

// narrate prints a line of the script.
func (d *demo) narrate(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.a.stdout, "   · "+format+"\n", args...)
}

// say sends text as a person and waits until the bot has handled it.
func (d *demo) say(who, text string) error {
	u := d.users[who]
	d.mu.Lock()
	fmt.Fprintf(d.a.stdout, "👤 %s: %s\n", u.FirstName, text)
	d.mu.Unlock()
	return d.wait(d.fake.SendText(u, text))
}

// press presses the button labelled label (a prefix is enough) on the
// newest bot message in the person's chat that has it. The message may still
// be on its way (work that runs after a commit), so it waits for it a while.
func (d *demo) press(who, label string) error {
	u := d.users[who]
	var msgID int
	var data, text string
	find := func(f *fakeapi.Fake) bool {
		msgs := f.Messages(u.ID)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Buttons {
				for _, b := range row {
					if strings.HasPrefix(b.Text, label) && b.Data != "" {
						msgID, data, text = msgs[i].ID, b.Data, b.Text
						return true
					}
				}
			}
		}
		return false
	}
	if !d.fake.WaitFor(10*time.Second, find) {
		return fmt.Errorf("no button %q in %s's chat", label, who)
	}
	d.mu.Lock()
	fmt.Fprintf(d.a.stdout, "👆 %s menekan / presses [ %s ]\n", u.FirstName, text)
	d.mu.Unlock()
	before := len(d.fake.Calls())
	id := d.fake.Press(u, msgID, data)
	if !d.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		return f.CallbackAnswered(id) && len(f.Calls()) > before
	}) {
		return fmt.Errorf("the bot did not answer %s's press of %q", who, label)
	}
	return d.settle()
}

// wait blocks until update id has been handled and confirmed.
func (d *demo) wait(id int64) error {
	if !d.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		for _, p := range f.Pending() {
			if p == id {
				return false
			}
		}
		return true
	}) {
		return fmt.Errorf("update %d was not handled in 10 s", id)
	}
	return d.settle()
}

// settle waits until no update is pending, so replies print in order.
func (d *demo) settle() error {
	if !d.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		return errors.New("updates still pending after 10 s")
	}
	return nil
}

func sceneCitizen(ctx context.Context, d *demo) error {
	if err := d.say("warga", "/start"); err != nil {
		return err
	}
	return d.say("warga", "/help")
}

func sceneLinking(ctx context.Context, d *demo) error {
	code, link, err := d.bot.Invite(ctx, "198502022010011002")
	if err != nil {
		return err
	}
	d.narrate("Admin BKPSDM menjalankan / the admin runs: kinerjabot invite 198502022010011002")
	d.narrate("→ %s", link)
	if err := d.say("budi", "/start "+code); err != nil {
		return err
	}
	d.narrate("Kode yang sama dipakai akun lain / the same code from another account:")
	if err := d.say("lain", "/start "+code); err != nil {
		return err
	}
	d.narrate("Kode karangan / a made-up code:")
	return d.say("lain", "/start i_bukanKodeAsli123")
}

func sceneHelpLanguage(ctx context.Context, d *demo) error {
	for _, p := range []struct{ key, nip string }{{"rina", "197804152005012003"}, {"andi", "198103102006041001"}} {
		if err := d.db.LinkTelegram(ctx, p.nip, d.users[p.key].ID); err != nil {
			return err
		}
	}
	d.narrate("dr. Rina (kepala puskesmas) dan Andi (admin) juga sudah menautkan akun.")
	if err := d.say("budi", "/help"); err != nil {
		return err
	}
	if err := d.say("budi", "/bahasa"); err != nil {
		return err
	}
	if err := d.press("budi", "🇬🇧"); err != nil {
		return err
	}
	if err := d.say("budi", "/help"); err != nil {
		return err
	}
	if err := d.say("budi", "/bahasa"); err != nil {
		return err
	}
	if err := d.press("budi", "🇮🇩"); err != nil {
		return err
	}
	return d.say("budi", "halo")
}
