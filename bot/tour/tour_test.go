package tour_test

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
	"github.com/bkpsdm-solok/kinerjabot/bot/leave"
	"github.com/bkpsdm-solok/kinerjabot/bot/tour"
)

// harness is a bot with the tour and /cuti (a command a page offers to
// try), over the seeded roster.
func harness(t *testing.T) (*bottest.Harness, *tour.Feature) {
	t.Helper()
	var h *bottest.Harness
	clock := func() time.Time { return h.Now }
	deps := bot.Deps{Location: bottest.WIB, Now: clock}
	f := tour.New(deps)
	h = bottest.New(t, bot.Config{}, f, leave.New(deps))
	h.Seed()
	return h, f
}

// link redeems a fresh invitation for nip from Telegram id and returns
// what the bot sent.
func link(t *testing.T, h *bottest.Harness, nip string, id int64) []bot.OutMessage {
	t.Helper()
	code, _, err := h.Bot.Invite(context.Background(), nip)
	if err != nil {
		t.Fatal(err)
	}
	return h.Text(id, "/start "+code)
}

// buttonData returns the data of the button labelled with a prefix of
// label in m, or "".
func buttonData(m bot.OutMessage, label string) string {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Text, label) {
				return b.Data
			}
		}
	}
	return ""
}

func outcome(t *testing.T, h *bottest.Harness, nip string) string {
	t.Helper()
	v, _, err := h.DB.Setting(context.Background(), "tour."+nip)
	if err != nil {
		t.Fatal(err)
	}
	status, _, _ := strings.Cut(v, ":")
	return status
}

func TestStaffGetTheTourAfterLinkingAndCompleteIt(t *testing.T) {
	h, _ := harness(t)
	// One message: the confirmation of linking with the tour's offer.
	msgs := link(t, h, bottest.NIPBudi, 200)
	if len(msgs) != 1 {
		t.Fatalf("want one message, got %q", bottest.Texts(msgs))
	}
	offer := bottest.MustSay(t, msgs, "Akun terhubung", "Panduan singkat (4 halaman)", "sebagai Pegawai")
	if buttonData(offer, "🧭 Mulai") != "tour:go" || buttonData(offer, "Lewati") != "tour:no" {
		t.Fatalf("offer buttons: %+v", offer.Buttons)
	}
	// Starting sends the first page in a message of its own.
	msgs = h.Press(200, 40, "tour:go")
	page := bottest.MustSay(t, msgs, "Panduan</b> (1/4)", "Budi Santoso", "Pegawai")
	if len(msgs) != 1 || page.EditID != 0 || buttonData(page, "Lewati") != "tour:skip" || buttonData(page, "◀️") != "" {
		t.Fatalf("first page: %+v", msgs)
	}
	// Next, edited in place, to the reporting page: /lapor is not in this
	// build, so there is nothing to try on it.
	const msgID = 41
	msgs = h.Press(200, msgID, buttonData(page, "Lanjut"))
	if len(msgs) != 1 || msgs[0].EditID != msgID {
		t.Fatalf("next does not edit the tour's message: %+v", msgs)
	}
	page = bottest.MustSay(t, msgs, "(2/4)", "/lapor", "Hanya laporan yang disetujui")
	if d, ok := bottest.FindButton(msgs, "tour:try:"); ok {
		t.Fatalf("a try button for a command this build lacks: %q", d)
	}
	page = bottest.MustSay(t, h.Press(200, msgID, buttonData(page, "Lanjut")), "(3/4)", "/keberatan")
	try := buttonData(page, "▶️ Coba /cuti")
	if try != "tour:try:cuti" || buttonData(page, "▶️ Coba /skor") != "" {
		t.Fatalf("try buttons: %+v", page.Buttons)
	}
	// Trying runs /cuti as typed, in a new message; the tour stays.
	msgs = h.Press(200, msgID, try)
	cuti := bottest.MustSay(t, msgs, "Cuti Anda")
	if cuti.EditID != 0 {
		t.Fatalf("the tried command overwrote the tour: %+v", cuti)
	}
	if a := h.Msg.Answer("cb" + try); !strings.Contains(a, "/cuti") {
		t.Fatalf("answer to the try press: %q", a)
	}
	// Back and forth, then the last page and done.
	bottest.MustSay(t, h.Press(200, msgID, buttonData(page, "◀️")), "(2/4)")
	page = bottest.MustSay(t, h.Press(200, msgID, buttonData(page, "Lanjut")), "(4/4)", "/panduan")
	if buttonData(page, "Lewati") != "" {
		t.Fatalf("the last page offers skip: %+v", page.Buttons)
	}
	if outcome(t, h, bottest.NIPBudi) != "" {
		t.Fatal("recorded before the end")
	}
	msgs = h.Press(200, msgID, buttonData(page, "✅ Selesai"))
	if m := bottest.MustSay(t, msgs, "Panduan selesai"); m.EditID != msgID || len(m.Buttons) != 0 {
		t.Fatalf("done: %+v", m)
	}
	if got := outcome(t, h, bottest.NIPBudi); got != "done" {
		t.Fatalf("recorded %q", got)
	}
}

func TestPagesFollowTheRoles(t *testing.T) {
	h, _ := harness(t)
	bottest.MustSay(t, link(t, h, bottest.NIPHead, 300), "(6 halaman)", "Pejabat Penilai Kinerja")
	bottest.MustSay(t, link(t, h, bottest.NIPAdmin, 301), "(5 halaman)", "Admin BKPSDM")
	bottest.MustSay(t, h.Press(300, 1, "tour:go"), "(1/6)")
	bottest.MustSay(t, h.Press(301, 1, "tour:go"), "(1/5)")
	// The head reaches the approvals page; the admin the admin page; each
	// is refused the other's page.
	p := bottest.MustSay(t, h.Press(300, 1, "tour:p:setuju"), "(4/6)", "/persetujuan")
	if buttonData(p, "Lanjut") != "tour:p:nilai" {
		t.Fatalf("after approvals: %+v", p.Buttons)
	}
	bottest.MustSay(t, h.Press(301, 1, "tour:p:admin"), "(4/5)", "/ekspor", "/koreksi")
	for _, c := range []struct {
		id   int64
		data string
	}{{301, "tour:p:setuju"}, {300, "tour:p:admin"}, {300, "tour:p:nope"}, {300, "tour:try:bahasa"}} {
		if msgs := h.Press(c.id, 1, c.data); len(msgs) != 0 || h.Msg.Answer("cb"+c.data) != bot.T(kinerja.LangID, "core.stale_button") {
			t.Fatalf("%s by %d: %q, answer %q", c.data, c.id, bottest.Texts(msgs), h.Msg.Answer("cb"+c.data))
		}
	}
}

func TestSkipIsRecordedAndTheTourRepeatable(t *testing.T) {
	h, _ := harness(t)
	// Declined under the confirmation: said in a new message, which
	// leaves the confirmation as it was.
	offer := bottest.MustSay(t, link(t, h, bottest.NIPSari, 400), "(4 halaman)")
	m := bottest.MustSay(t, h.Press(400, 7, buttonData(offer, "Lewati")), "Panduan dilewati", "/panduan")
	if m.EditID != 0 || outcome(t, h, bottest.NIPSari) != "skipped" {
		t.Fatalf("declined: %+v, recorded %q", m, outcome(t, h, bottest.NIPSari))
	}
	// Skipped from a page: that page says so.
	bottest.MustSay(t, h.Text(400, "/panduan"), "(1/4)")
	if m := bottest.MustSay(t, h.Press(400, 6, "tour:skip"), "Panduan dilewati"); m.EditID != 6 {
		t.Fatalf("skip from a page: %+v", m)
	}
	// /panduan and its alias /tour start again; completing replaces the skip.
	bottest.MustSay(t, h.Text(400, "/tour"), "(1/4)")
	bottest.MustSay(t, h.Press(400, 8, "tour:p:end"), "(4/4)")
	bottest.MustSay(t, h.Press(400, 8, "tour:done"), "Panduan selesai")
	if got := outcome(t, h, bottest.NIPSari); got != "done" {
		t.Fatalf("after completing: %q", got)
	}
	// A later skip keeps the completion.
	bottest.MustSay(t, h.Text(400, "/panduan"), "(1/4)")
	bottest.MustSay(t, h.Press(400, 9, "tour:skip"), "Panduan dilewati")
	if got := outcome(t, h, bottest.NIPSari); got != "done" {
		t.Fatalf("a skipped repeat undid the completion: %q", got)
	}
}

func TestCitizenGetsTwoLines(t *testing.T) {
	h, _ := harness(t)
	// In the greeting's message, after a blank line.
	msgs := h.Text(500, "/start")
	c := bottest.MustSay(t, msgs, "Selamat datang", "Cara menilai layanan", "anonim")
	parts := strings.Split(c.Text, "\n\n")
	if tail := parts[len(parts)-1]; len(msgs) != 1 || strings.Count(tail, "\n") != 1 || !strings.Contains(tail, "Cara menilai") || len(c.Buttons) != 0 {
		t.Fatalf("citizen tour: %q", bottest.Texts(msgs))
	}
	bottest.MustSay(t, h.Text(500, "/panduan"), "Cara menilai layanan")
	// A tour button is nothing for a citizen.
	if msgs := h.Press(500, 1, "tour:done"); len(msgs) != 0 {
		t.Fatalf("citizen pressed done: %q", bottest.Texts(msgs))
	}
	// A linked person's /start greets without repeating the tour.
	h.Link(bottest.NIPBudi, 501)
	msgs = h.Text(501, "/start")
	if len(msgs) != 1 || strings.Contains(msgs[0].Text, "Panduan") || strings.Contains(msgs[0].Text, "Cara menilai") {
		t.Fatalf("staff /start: %q", bottest.Texts(msgs))
	}
}

func TestTourInEnglish(t *testing.T) {
	h, _ := harness(t)
	h.Link(bottest.NIPBudi, 600)
	for _, id := range []int64{600, 601} { // Budi and a citizen
		if err := h.DB.PutAccount(context.Background(), &kinerja.Account{TelegramID: id, Lang: kinerja.LangEN, UpdatedAt: h.Now}); err != nil {
			t.Fatal(err)
		}
	}
	page := bottest.MustSay(t, h.Text(600, "/panduan"), "Guided tour</b> (1/4)", "Your roles: Staff")
	if buttonData(page, "Skip the tour") != "tour:skip" || buttonData(page, "Next") != "tour:p:lapor" {
		t.Fatalf("English buttons: %+v", page.Buttons)
	}
	bottest.MustSay(t, h.Text(601, "/tour"), "How to rate a service")
}

func TestOnboardingExportCountsPerUnit(t *testing.T) {
	h, f := harness(t)
	link(t, h, bottest.NIPBudi, 700)
	link(t, h, bottest.NIPSari, 701)
	link(t, h, bottest.NIPHead, 702) // linked, tour not finished
	h.Press(700, 1, "tour:done")
	h.Press(701, 1, "tour:skip")
	h.Now = h.Now.AddDate(0, 1, 0) // December
	link(t, h, bottest.NIPOtherBos, 703)
	h.Press(703, 1, "tour:done")

	// The kind as the export command builds it, over the database.
	kinds := tour.New(bot.Deps{Store: h.DB, Location: bottest.WIB}).Exports()
	if len(kinds) != 1 || kinds[0].Name != "onboarding" || kinds[0].Label == "" {
		t.Fatalf("kinds: %+v", kinds)
	}
	nov := kinerja.MonthOf(time.Date(2026, 11, 1, 0, 0, 0, 0, bottest.WIB), bottest.WIB)
	sheets, err := kinds[0].Build(context.Background(), nov)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, r := range sheets[0].Rows {
		rows[r[0]] = r[3:]
	}
	// staff, linked, completed, skipped, linked without a tour, completed
	// a practice (none here). Linking is as of now; Yusuf's tour ended
	// after November.
	for unit, w := range map[string]string{"PKM-TGR": "3 3 1 1 1 0", "PKM-KTK": "2 1 0 0 1 0", "BKPSDM": "1 0 0 0 0 0"} {
		if got := strings.Join(rows[unit], " "); got != w {
			t.Errorf("%s: %s, want %s", unit, got, w)
		}
	}
	sheets, err = f.Onboarding(context.Background(), h.DB, nov.Next())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range sheets[0].Rows {
		if r[0] == "PKM-KTK" && strings.Join(r[3:], " ") != "2 1 1 0 0 0" {
			t.Errorf("December PKM-KTK: %v", r)
		}
	}
	// The per-person sheet names who is missing.
	people := sheets[1]
	var without []string
	for _, r := range people.Rows {
		if r[3] == "true" && r[4] == "" {
			without = append(without, r[1])
		}
	}
	if strings.Join(without, ",") != "dr. Rina Marlina" {
		t.Fatalf("linked without a tour: %v", without)
	}
}
