package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/atomicfile"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage"
)

func init() {
	commands["demo"] = subcommand{"play a scripted conversation against an in-process fake Telegram (no token, no network)", runDemo}
}

// demoScene is one part of the demo.
type demoScene struct {
	title string
	play  func(ctx context.Context, d *demo) error
}

// demoScenes are played in the order of a month: people link and take the
// tour, report work that is approved or returned, citizens rate a service,
// reminders and the weekly summary go out, last month is evaluated and
// objected to, and the monthly summary closes it.
var demoScenes = []demoScene{
	{"Warga membuka bot / A citizen opens the bot", sceneCitizen},
	{"Undangan, penautan akun dan panduan / Invitation, linking and the guided tour", sceneLinking},
	{"Bantuan dan bahasa / Help and language", sceneHelpLanguage},
	{"Laporan kerja, persetujuan atasan dan capaian / Work report, approval and achievement", sceneReports},
	{"Laporan dikembalikan untuk diperbaiki / A report returned for correction", sceneReturn},
	{"Survei kepuasan masyarakat (SKM) dan IKM / Citizen satisfaction survey and IKM", sceneSurvey},
	{"Cuti dan pengingat / Leave and reminders", sceneReminders},
	{"Ringkasan mingguan ke grup unit / The weekly summary to the unit groups", sceneWeekly},
	{"Penilaian periode: usulan diubah dengan alasan / Period evaluation: a proposal overridden with a reason", sceneEvaluation},
	{"Keberatan atas hasil penilaian / An objection to the result", sceneObjection},
	{"Ringkasan bulanan dengan grafik IKM / The monthly summary with the IKM chart", sceneMonthly},
}

// demo drives the real bot through the fake Bot API and prints a transcript.
type demo struct {
	a     *app
	out   io.Writer // the transcript: standard output, and a copy for --out
	fake  *fakeapi.Fake
	db    *storage.DB
	bot   *bot.Bot
	mu    sync.Mutex
	names map[int64]string
	users map[string]fakeapi.User
	last  map[int64][]string // the lines last printed per chat, to shorten repeats
	// lastText is the last message printed, to any chat: a reminder sent to
	// several people is printed once.
	lastText string
	files    map[string][]byte // pictures and workbooks for --out, by file name
}

// The demo roster's staff member, his head and her assessor.
const (
	demoNIPBudi  = "198502022010011002"
	demoNIPRina  = "197804152005012003"
	demoNIPSekda = "196905121994031004"
)

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
	{"sekda", "H. Syafrizal (Sekda)", 9006, "196905121994031004"},
	{"sari", "Sari Dewi", 9007, "199003032015032003"},
}

// runDemo seeds a temporary database, runs the real bot against the fake
// Telegram, plays the scenes and prints what each person sees; with --out
// it also writes the transcript, the pictures and an export to a folder.
func runDemo(ctx context.Context, a *app, args []string) int {
	fs := newFlags(a, "demo", "[--out DIR] [--keep]", "Plays a scripted conversation through the real handlers against an in-process\n"+
		"fake Telegram and prints the transcript. Needs no token and no network.")
	keep := fs.Bool("keep", false, "keep the demo database and print its path")
	outDir := fs.String("out", "", "also write the transcript, the IKM chart, the survey QR code and an XLSX export to `DIR`")
	if code, ok := parseFlags(fs, args); !ok {
		return code
	}
	if *outDir != "" {
		if err := os.MkdirAll(*outDir, 0o755); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot demo:", err)
			return exitFailed
		}
	}
	dir, err := os.MkdirTemp("", "kinerjabot-demo-")
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot:", err)
		return exitFailed
	}
	if !*keep {
		defer os.RemoveAll(dir)
	}
	var transcript bytes.Buffer
	d, err := playDemo(ctx, a, filepath.Join(dir, "demo.db"), &transcript)
	if err != nil {
		fmt.Fprintln(a.stderr, "kinerjabot demo:", err)
		return exitFailed
	}
	if *keep {
		fmt.Fprintln(a.stdout, "\nDatabase demo disimpan di / demo database kept at:", filepath.Join(dir, "demo.db"))
	}
	if *outDir != "" {
		d.files["transcript.txt"] = transcript.Bytes()
		if err := writeDemoFiles(a, *outDir, d.files); err != nil {
			fmt.Fprintln(a.stderr, "kinerjabot demo:", err)
			return exitFailed
		}
	}
	return exitOK
}

// writeDemoFiles writes files into dir, each atomically, and lists them.
func writeDemoFiles(a *app, dir string, files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		path := filepath.Join(dir, n)
		if err := atomicfile.WriteFile(path, files[n], 0o644); err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "→ %s (%d byte)\n", path, len(files[n]))
	}
	return nil
}

// playDemo plays the scenes over a new database at path, printing to
// standard output and copying the transcript to transcript.
func playDemo(ctx context.Context, a *app, path string, transcript io.Writer) (*demo, error) {
	db, err := storage.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	if err := seedDemo(ctx, db, a.now()); err != nil {
		return nil, err
	}
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	d := &demo{a: a, out: io.MultiWriter(a.stdout, transcript), fake: fake, db: db,
		names: map[int64]string{}, users: map[string]fakeapi.User{}, last: map[int64][]string{}, files: map[string][]byte{}}
	for _, p := range demoPeople {
		d.names[p.id] = p.name
		d.users[p.key] = fakeapi.User{ID: p.id, FirstName: p.name, LanguageCode: string(a.cfg.lang)}
	}
	fake.OnCall(d.print)
	// The demo's own logs would interleave with the transcript.
	quiet, cfg := *a, *a.cfg
	quiet.cfg = &cfg
	quiet.cfg.Telegram.Token = fake.Token()
	quiet.cfg.Database = path                      // the survey's day keys go next to it
	quiet.cfg.Telegram.Webhook = WebhookSettings{} // the demo's fake is polled
	quiet.log = newLogger(a.stderr, "error", fake.Token(), a.cfg.Location())
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	ready := make(chan *bot.Bot, 1)
	served := make(chan error, 1)
	go func() { served <- serve(runCtx, &quiet, db, fake.Endpoint(), func(b *bot.Bot) { ready <- b }) }()
	select {
	case d.bot = <-ready:
	case err := <-served:
		return nil, fmt.Errorf("bot did not start: %v", err)
	case <-time.After(15 * time.Second):
		return nil, errors.New("bot did not start in 15 s")
	}
	d.printf("Kinerja Bot — demo. Semua percakapan di bawah melewati handler asli dan Telegram tiruan.\n")
	d.printf("Kinerja Bot — demo. Every exchange below goes through the real handlers and a fake Telegram.\n")
	for i, s := range demoScenes {
		d.printf("\n━━━ %d. %s ━━━\n", i+1, s.title)
		if err := s.play(ctx, d); err != nil {
			return nil, fmt.Errorf("scene %q: %w", s.title, err)
		}
	}
	if err := d.exportWorkbook(ctx); err != nil {
		return nil, err
	}
	stop()
	if err := <-served; err != nil {
		return nil, err
	}
	d.printf("\nDemo selesai. / Demo finished.\n")
	return d, nil
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
// The lines a message shares at its start with the previous one printed to
// the same chat (a card edited step by step) are shortened to one line.
// Pictures are kept for --out.
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
	if c.Method == "sendPhoto" && strings.HasSuffix(c.FileName, ".png") {
		d.files[c.FileName] = c.File
	}
	name, ok := d.names[c.ChatID]
	if !ok {
		name = fmt.Sprintf("chat %d", c.ChatID)
	}
	fmt.Fprintf(d.out, "🤖 → %s%s:\n", name, verb)
	text := plain(c.Text)
	lines := strings.Split(text, "\n")
	prev := d.last[c.ChatID]
	d.last[c.ChatID] = lines
	switch {
	case text == d.lastText && len(lines) >= minRepeat:
		lines = []string{"⋯ (pesan yang sama seperti di atas / the same message as above)"}
	default:
		lines = shorten(lines, prev)
	}
	d.lastText = text
	for _, line := range lines {
		fmt.Fprintf(d.out, "     %s\n", line)
	}
	for _, row := range c.Buttons {
		var cells []string
		for _, b := range row {
			cells = append(cells, "[ "+b.Text+" ]")
		}
		fmt.Fprintf(d.out, "     %s\n", strings.Join(cells, " "))
	}
}

// minRepeat is how many repeated lines make a message worth shortening.
const minRepeat = 4

// shorten replaces the runs of lines that the previous message to the same
// chat already showed (a card edited step by step) with one line each, when
// there are at least minRepeat of them; blank lines join the runs.
func shorten(lines, prev []string) []string {
	seen := map[string]int{}
	for _, l := range prev {
		if strings.TrimSpace(l) != "" {
			seen[l]++
		}
	}
	repeated, n := make([]bool, len(lines)), 0
	for i, l := range lines {
		switch {
		case strings.TrimSpace(l) == "":
			repeated[i] = true
		case seen[l] > 0:
			seen[l]--
			repeated[i] = true
			n++
		}
	}
	if n < minRepeat {
		return lines
	}
	var out []string
	for i := 0; i < len(lines); {
		if !repeated[i] {
			out = append(out, lines[i])
			i++
			continue
		}
		j, k := i, 0
		for ; j < len(lines) && repeated[j]; j++ {
			if strings.TrimSpace(lines[j]) != "" {
				k++
			}
		}
		if k < 2 {
			out = append(out, lines[i:j]...)
		} else {
			out = append(out, fmt.Sprintf("⋯ (%d baris seperti sebelumnya / %d lines as before)", k, k))
		}
		i = j
	}
	return out
}

// printf prints to the transcript; the fake's calls print from other
// goroutines.
func (d *demo) printf(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.out, format, args...)
}

// narrate prints a line of the script.
func (d *demo) narrate(format string, args ...any) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.out, "   · "+format+"\n", args...)
}

// say sends text as a person and waits until the bot has handled it.
func (d *demo) say(who, text string) error {
	u := d.users[who]
	d.mu.Lock()
	fmt.Fprintf(d.out, "👤 %s: %s\n", u.FirstName, text)
	d.mu.Unlock()
	return d.wait(d.fake.SendText(u, text))
}

// say0 prints what a person sends that is not text.
func (d *demo) say0(who, what string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	fmt.Fprintf(d.out, "👤 %s: %s\n", d.users[who].FirstName, what)
}

// press presses a button on the newest bot message in the person's chat
// that has it, so the script reads the same in every language. which is
//   - "data:PREFIX": the button whose callback data starts with PREFIX;
//   - a text key ("rpt.btn_send"): the button whose label starts with that
//     text in the person's language, up to its first placeholder;
//   - anything else: the start of the label (an emoji, an indicator code).
//
// The message may still be on its way (work that runs after a commit), so
// it waits for it a while.
func (d *demo) press(who, which string) error {
	u := d.users[who]
	match := d.matcher(u, which)
	var msgID int
	var data, text string
	find := func(f *fakeapi.Fake) bool {
		msgs := f.Messages(u.ID)
		for i := len(msgs) - 1; i >= 0; i-- {
			for _, row := range msgs[i].Buttons {
				for _, b := range row {
					if b.Data != "" && match(b) {
						msgID, data, text = msgs[i].ID, b.Data, b.Text
						return true
					}
				}
			}
		}
		return false
	}
	if !d.fake.WaitFor(10*time.Second, find) {
		return fmt.Errorf("no button %q in %s's chat", which, who)
	}
	d.mu.Lock()
	fmt.Fprintf(d.out, "👆 %s menekan / presses [ %s ]\n", u.FirstName, text)
	d.mu.Unlock()
	before := len(d.fake.Calls())
	id := d.fake.Press(u, msgID, data)
	if !d.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool {
		return f.CallbackAnswered(id) && len(f.Calls()) > before
	}) {
		return fmt.Errorf("the bot did not answer %s's press of %q", who, which)
	}
	return d.settle()
}

// matcher returns how press recognises the button which names.
func (d *demo) matcher(u fakeapi.User, which string) func(fakeapi.Button) bool {
	if prefix, ok := strings.CutPrefix(which, "data:"); ok {
		return func(b fakeapi.Button) bool { return strings.HasPrefix(b.Data, prefix) }
	}
	label := which
	if t := bot.T(d.lang(u.ID), which); t != which {
		label, _, _ = strings.Cut(t, "%")
		label = strings.TrimSpace(label)
	}
	return func(b fakeapi.Button) bool { return strings.HasPrefix(b.Text, label) }
}

// lang is the language the bot speaks to a Telegram user.
func (d *demo) lang(id int64) kinerja.Lang {
	return d.bot.LangOf(context.Background(), d.db, id)
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

// settle waits until no update is pending and the bot has delivered the
// replies of the handled ones (they go out after the commit, in the
// background), so replies print in order.
func (d *demo) settle() error {
	if !d.fake.WaitFor(10*time.Second, func(f *fakeapi.Fake) bool { return len(f.Pending()) == 0 }) {
		return errors.New("updates still pending after 10 s")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	d.bot.Wait(ctx)
	return nil
}
