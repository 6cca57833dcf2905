package survey

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
)

func TestSurveyWithButtonsOnOneMessage(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", nipBudi)
	start := h.Text(900, "/start "+payload)
	mustSay(t, start, "Puskesmas Tanah Garam", "Budi Santoso", "anonim")
	q := mustSay(t, start, "1/9", "Persyaratan")
	// Four answers in order 1..4 with the regulation's words, then navigation.
	unsur := DefaultQuestionnaire().Unsur
	for k, label := range unsur[0].Answers {
		if got := q.Buttons[k][0].Text; !strings.Contains(got, label.ID) || !strings.HasPrefix(got, strconv.Itoa(k+1)) {
			t.Fatalf("button %d = %q, want %d and %q", k, got, k+1, label)
		}
	}
	msgs := start
	for i, a := range []int{4, 3, 2} {
		msgs = h.pressSurvey(900, msgs, strconv.Itoa(a))
		if len(msgs) != 1 || msgs[0].EditID == 0 {
			t.Fatalf("answer %d did not edit the question in place: %+v", i+1, msgs)
		}
		mustSay(t, msgs, fmt.Sprintf("%d/9", i+2), unsur[i+1].Name.ID)
	}
	// Back to question 3 and change its answer from 2 to 1.
	msgs = h.pressSurvey(900, msgs, "back")
	mustSay(t, msgs, "3/9", "Waktu penyelesaian")
	msgs = h.pressSurvey(900, msgs, "1")
	if q := mustSay(t, msgs, "4/9", "Biaya/tarif"); q.Buttons[3][0].Text != "4 · Gratis" {
		t.Fatalf("U4 answer 4 = %q, want the regulation's word Gratis", q.Buttons[3][0].Text)
	}
	for _, a := range []int{4, 4, 3, 3, 2, 2} {
		msgs = h.pressSurvey(900, msgs, strconv.Itoa(a))
	}
	mustSay(t, msgs, "Saran", "Lewati")
	if got := h.totals("PKM-TGR").Respondents; got != 0 {
		t.Fatalf("counted before the end: %d", got)
	}
	end := h.pressSurvey(900, msgs, "skip")
	mustSay(t, end, "Terima kasih", "Puskesmas Tanah Garam")
	tot := h.totals("PKM-TGR")
	if want := [9]int{4, 3, 1, 4, 4, 3, 3, 2, 2}; tot.Respondents != 1 || sumsOf(tot) != want {
		t.Fatalf("stored %d responses with answers %v, want 1 with %v (back changed question 3)", tot.Respondents, tot.Sums, want)
	}
	if _, err := h.DB.Session(context.Background(), 900); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("session left open after thanks: %v", err)
	}
	// Nothing more is asked: a later message gets the usual hint only.
	if got := h.Text(900, "halo"); len(got) != 1 || strings.Contains(got[0].Text, "Pertanyaan") {
		t.Fatalf("asked more after thanks: %+v", got)
	}
}

func TestSurveyStaleAndForgedPressesChangeNothing(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	first := h.Text(901, "/start "+payload)
	staleData, staleID := surveyButton(t, first, "4") // question 1, answer 4
	msgs := h.pressSurvey(901, first, "3")
	msgs = h.pressSurvey(901, msgs, "3") // now at question 3
	sid := strings.Split(staleData, ":")[2]

	t.Run("earlier question's button again", func(t *testing.T) {
		got := h.Press(901, staleID, staleData)
		if ans := h.Msg.Answer("cb" + staleData); !strings.Contains(ans, "sudah dijawab") {
			t.Fatalf("notice = %q", ans)
		}
		mustSay(t, got, "3/9")
	})
	t.Run("forged data", func(t *testing.T) {
		for _, data := range []string{
			svy(sid, "2", "5"), svy(sid, "2", "0"), svy(sid, "2", "skip"), svy(sid, "2", "44"),
			svy(sid, "9", "1"), svy(sid, "-1", "1"), svy(sid, "x2", "1"), svyButtons.Data(sid), "svy:",
			svyButtons.Data(sid, 2, 1, "extra"), "svy:a:" + sid + ":2:1",
		} {
			h.Press(901, 5, data)
			if ans := h.Msg.Answer("cb" + data); ans == "" {
				t.Errorf("%q not answered with a notice", data)
			}
		}
	})
	t.Run("another survey's id", func(t *testing.T) {
		h.Press(901, 5, svy("AAAAAAAA", "2", "1"))
		if ans := h.Msg.Answer("cb" + svy("AAAAAAAA", "2", "1")); !strings.Contains(ans, "digantikan") {
			t.Fatalf("notice = %q", ans)
		}
	})
	s, err := h.DB.Session(context.Background(), 901)
	if err != nil || s.Data["ans"] != "33" {
		t.Fatalf("state changed by stale or forged presses: %+v %v", s, err)
	}
	t.Run("text where a button is expected", func(t *testing.T) {
		got := h.Text(901, "bagus sekali")
		mustSay(t, got, "menekan salah satu tombol")
		q := mustSay(t, got, "3/9")
		if len(q.Buttons) != 5 {
			t.Fatalf("question not re-sent with its buttons: %+v", q)
		}
		msgs = got
	})
	// The dialogue continues from where it was.
	msgs = h.answerAll(901, msgs, nine(4, 4, 4, 4, 4, 4, 4))
	h.pressSurvey(901, msgs, "skip")
	if tot := h.totals("PKM-TGR"); tot.Respondents != 1 || tot.Sums["U1"] != 3 || tot.Sums["U9"] != 4 {
		t.Fatalf("totals after recovery: %+v", tot)
	}
}

func TestSurveyExpiresAndCancelsWithoutCounting(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	ctx := context.Background()

	t.Run("expired after 30 minutes", func(t *testing.T) {
		msgs := h.pressSurvey(902, h.Text(902, "/start "+payload), "4")
		h.Now = h.Now.Add(31 * time.Minute)
		if err := h.Bot.ExpireSessions(ctx); err != nil {
			t.Fatal(err)
		}
		mustSay(t, h.Msg.Take(), "Survei berakhir", "tidak dihitung")
		got := h.pressSurvey(902, msgs, "3")
		mustSay(t, got, "sudah berakhir")
		data, _ := surveyButton(t, msgs, "3")
		if ans := h.Msg.Answer("cb" + data); !strings.Contains(ans, "sudah berakhir") {
			t.Fatalf("notice = %q", ans)
		}
	})
	t.Run("buttons pressed after 31 idle minutes without the expiry job", func(t *testing.T) {
		msgs := h.Text(903, "/start "+payload)
		h.Now = h.Now.Add(31 * time.Minute)
		got := h.pressSurvey(903, msgs, "4")
		mustSay(t, got, "sudah berakhir")
	})
	t.Run("cancel half-way", func(t *testing.T) {
		msgs := h.answerAll(904, h.Text(904, "/start "+payload), nine(4, 4, 4, 4))
		mustSay(t, h.Text(904, "/cancel"), "dibatalkan")
		mustSay(t, h.pressSurvey(904, msgs, "4"), "sudah berakhir")
	})
	t.Run("cancel button", func(t *testing.T) {
		msgs := h.answerAll(905, h.Text(905, "/start "+payload), nine(4, 4))
		mustSay(t, h.pressSurvey(905, msgs, "x"), "Survei dibatalkan")
	})
	if tot := h.totals("PKM-TGR"); tot.Respondents != 0 {
		t.Fatalf("an unfinished survey was counted: %+v", tot)
	}
	t.Run("can start again after cancelling", func(t *testing.T) {
		mustSay(t, h.complete(904, payload, all(4)), "Terima kasih")
	})
}

func TestSurveyCountsOncePerAccountUnitAndDay(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	h.complete(910, payload, all(4))
	mustSay(t, h.Text(910, "/start "+payload), "sudah tercatat")
	if got := h.totals("PKM-TGR").Respondents; got != 1 {
		t.Fatalf("respondents = %d after a repeat", got)
	}

	t.Run("five surveys in parallel: the latest wins, one is counted", func(t *testing.T) {
		var starts [][]bot.OutMessage
		for range 5 {
			starts = append(starts, h.Text(911, "/start "+payload))
		}
		// Buttons of the four replaced surveys are refused.
		for _, s := range starts[:4] {
			mustSay(t, h.pressSurvey(911, s, "2"), "digantikan")
		}
		msgs := h.answerAll(911, starts[4], all(2))
		mustSay(t, h.pressSurvey(911, msgs, "skip"), "Terima kasih")
		if got := h.totals("PKM-TGR").Respondents; got != 2 {
			t.Fatalf("respondents = %d, want 2", got)
		}
	})
	t.Run("counted meanwhile: checked again at the end", func(t *testing.T) {
		msgs := h.answerAll(912, h.Text(912, "/start "+payload), all(1))
		// Another instance counts the same account first.
		// (a process sharing the key directory).
		other := New(bot.Deps{Store: h.DB, Location: wib}, Config{KeyDir: h.f.cfg.KeyDir})
		dayKey, err := other.keys.key(kinerja.Day(h.Now, wib).Format(time.DateOnly))
		if err != nil {
			t.Fatal(err)
		}
		key := dupKeyOf(dayKey, 912, "PKM-TGR", kinerja.Day(h.Now, wib))
		if err := h.DB.AddSurveyResponse(context.Background(), &kinerja.SurveyResponse{UnitCode: "PKM-TGR", Answers: byCode(all(3)), Day: h.Now, DupKey: key}); err != nil {
			t.Fatal(err)
		}
		mustSay(t, h.pressSurvey(912, msgs, "skip"), "sudah tercatat")
		if tot := h.totals("PKM-TGR"); tot.Respondents != 3 || tot.Sums["U1"] != 4+2+3 {
			t.Fatalf("totals = %+v", tot)
		}
	})
	t.Run("next day counts again, another unit the same day too", func(t *testing.T) {
		other := h.newLink("BKPSDM", "")
		mustSay(t, h.complete(910, other, all(3)), "Terima kasih")
		h.Now = h.Now.Add(24 * time.Hour)
		mustSay(t, h.complete(910, payload, all(3)), "Terima kasih")
		if got := h.totals("PKM-TGR").Respondents; got != 4 {
			t.Fatalf("respondents = %d, want 4", got)
		}
	})
	t.Run("configured to count every response", func(t *testing.T) {
		h2 := newSurveyHarness(t, Config{OncePer: OncePerNone})
		p := h2.newLink("PKM-TGR", "")
		h2.complete(920, p, all(4))
		h2.complete(920, p, all(4))
		if got := h2.totals("PKM-TGR").Respondents; got != 2 {
			t.Fatalf("respondents = %d, want 2", got)
		}
	})
}

func TestSurveyRefusesStaffOfTheUnitAndBadLinks(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	h.Link(nipSari, 930)
	h.Link(nipAdmin, 931)
	mustSay(t, h.Text(930, "/start "+payload), "tidak dihitung", "Puskesmas Tanah Garam")
	if _, err := h.DB.Session(context.Background(), 930); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatal("staff of the unit got a survey")
	}
	// Staff of another unit are citizens here.
	mustSay(t, h.complete(931, payload, all(4)), "Terima kasih")
	t.Run("linked to the unit while answering", func(t *testing.T) {
		msgs := h.answerAll(932, h.Text(932, "/start "+payload), all(2))
		h.Link(nipBudi, 932)
		mustSay(t, h.pressSurvey(932, msgs, "skip"), "tidak dihitung")
	})
	if got := h.totals("PKM-TGR").Respondents; got != 1 {
		t.Fatalf("respondents = %d, want 1", got)
	}

	revoked := h.newLink("PKM-TGR", "")
	if err := h.f.RevokeSurveyLink(context.Background(), "https://t.me/KinerjaSolokBot?start="+revoked); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]struct{ payload, want string }{
		"made up":     {"s_AAAAAAAAAAAAAAAA", "tidak dikenali"},
		"revoked":     {revoked, "sudah tidak berlaku"},
		"truncated":   {payload[:10], "tidak dikenali"},
		"200 chars":   {"s_" + strings.Repeat("A", 198), "tidak dikenali"},
		"bad chars":   {"s_<b>hai</b>", "tidak dikenali"},
		"prefix only": {"s_", "tidak dikenali"},
	} {
		t.Run(name, func(t *testing.T) {
			mustSay(t, h.Text(933, "/start "+c.payload), c.want)
		})
	}
	if err := h.f.RevokeSurveyLink(context.Background(), "i_notasurvey"); kinerja.ErrorCode(err) != kinerja.EInvalid {
		t.Fatalf("revoking a non-survey code: %v", err)
	}
}

func TestSurveySuggestion(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	h.Link(nipHead, 940)
	payload := h.newLink("PKM-TGR", nipSari)
	msgs := h.answerAll(941, h.Text(941, "/start "+payload), nine(3, 3, 1, 3, 3, 3, 3, 3, 3))
	skip, promptID := surveyButton(t, msgs, "skip")

	mustSay(t, h.Text(941, strings.Repeat("a", 10000)), "terlalu panjang", "10000", "1000")
	mustSay(t, h.Handle(bot.Update{ChatID: 941, ChatType: bot.ChatPrivate, From: bot.User{ID: 941}, Kind: bot.KindSticker}), "pesan teks")
	mustSay(t, h.Text(941, "   "), "kosong")
	if got := h.totals("PKM-TGR").Respondents; got != 0 {
		t.Fatal("counted on a refused suggestion")
	}
	out := h.Text(941, "Antrean <b>lama</b> & panas")
	mustSay(t, out, "Terima kasih")
	ack := mustSay(t, out, "Saran Anda sudah kami terima")
	if ack.EditID != promptID {
		t.Fatalf("prompt edited id %d, want %d", ack.EditID, promptID)
	}
	alert := mustSay(t, out, "Penilaian layanan baru", "Puskesmas Tanah Garam", "Waktu penyelesaian", "Tidak cepat",
		"Antrean &lt;b&gt;lama&lt;/b&gt; &amp; panas")
	if alert.ChatID != 940 {
		t.Fatalf("alert went to %d, want the head (940)", alert.ChatID)
	}
	// Per-officer results reach the assessor only in aggregate: the alert
	// must not name the officer the link was for.
	if strings.Contains(alert.Text, "941") || strings.Contains(alert.Text, "Persyaratan") || strings.Contains(alert.Text, "Sari") {
		t.Fatalf("alert names the respondent, the officer, or answers that were not low: %q", alert.Text)
	}
	if got := h.Press(941, promptID, skip); len(got) == 0 {
		t.Fatal("no answer to the skip button after the end")
	}
	if got := h.totals("PKM-TGR").Respondents; got != 1 {
		t.Fatalf("respondents = %d", got)
	}

	t.Run("no alert for a good response without suggestion, or when turned off", func(t *testing.T) {
		for _, m := range h.complete(942, payload, all(3)) {
			if m.ChatID == 940 {
				t.Fatalf("alert for a good response: %q", m.Text)
			}
		}
		h2 := newSurveyHarness(t, Config{NoAlerts: true})
		h2.Link(nipHead, 940)
		for _, m := range h2.complete(943, h2.newLink("PKM-TGR", ""), all(1)) {
			if m.ChatID == 940 {
				t.Fatalf("alert although turned off: %q", m.Text)
			}
		}
	})
}

func TestSurveyResponseIsAnonymous(t *testing.T) {
	h := newSurveyHarness(t, Config{Profile: true})
	payload := h.newLink("PKM-TGR", "")
	const id = 987654321
	u := bot.Update{ChatID: id, ChatType: bot.ChatPrivate, From: bot.User{ID: id, FirstName: "Warga", Username: "warga_solok"}, Kind: bot.KindText, Text: "/start " + payload}
	msgs := h.answerAll(id, h.Handle(u), all(4))
	mustSay(t, msgs, "Data responden 1/4", "Jenis kelamin")
	msgs = h.pressSurvey(id, msgs, "2") // Perempuan
	msgs = h.pressSurvey(id, msgs, "0") // age: prefer not to say
	msgs = h.pressSurvey(id, msgs, "3") // SMA
	msgs = h.pressSurvey(id, msgs, "5") // Lainnya
	h.Handle(bot.Update{ChatID: id, ChatType: bot.ChatPrivate, From: u.From, Kind: bot.KindText, Text: "Terima kasih, Warga"})

	db, err := sql.Open("sqlite3", "file:"+h.Path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT * FROM survey_responses`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	n := 0
	for rows.Next() {
		n++
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, c := range cols {
			row[c] = vals[i].String
			for _, secret := range []string{strconv.Itoa(id), "warga_solok"} {
				if strings.Contains(vals[i].String, secret) {
					t.Errorf("column %s holds %q", c, secret)
				}
			}
		}
		if want := map[string]string{"gender": "P", "age_band": "", "education": "sma", "occupation": "lain"}; row["gender"] != want["gender"] ||
			row["age_band"] != "" || row["education"] != want["education"] || row["occupation"] != want["occupation"] {
			t.Errorf("profile stored as %v, want %v", row, want)
		}
		if len(row["dup_key"]) != 64 {
			t.Errorf("dup_key %q is not an HMAC-SHA256", row["dup_key"])
		}
		if day := kinerja.Date(2026, 11, 10, wib).UnixMilli(); row["day"] != strconv.FormatInt(day, 10) {
			t.Errorf("day = %s, want local midnight %d (no instant)", row["day"], day)
		}
	}
	for _, c := range cols {
		for _, bad := range []string{"telegram", "user", "name", "chat"} {
			if strings.Contains(c, bad) && c != "unit_code" {
				t.Errorf("column %q may identify the respondent", c)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
	if _, ok, err := h.DB.Setting(context.Background(), "survey.hmac_secret"); err != nil || ok {
		t.Fatalf("an HMAC secret is kept in the database: %v %v", ok, err)
	}
}

func TestSurveyResumesAfterRestart(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	msgs := h.answerAll(950, h.Text(950, "/start "+payload), nine(2, 2, 2, 2))
	h.Restart()
	msgs = h.answerAll(950, msgs, nine(2, 2, 2, 2, 2))
	mustSay(t, h.pressSurvey(950, msgs, "skip"), "Terima kasih")
	if tot := h.totals("PKM-TGR"); sumsOf(tot) != [9]int(all(2)) {
		t.Fatalf("answers lost across a restart: %+v", tot)
	}
}

func TestSurveyInEnglish(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	h.Press(960, 1, "lang:en")
	start := h.Text(960, "/start "+payload)
	q := mustSay(t, start, "Question 1/9", "Requirements")
	if got := q.Buttons[3][0].Text; got != "4 · Very appropriate" {
		t.Fatalf("English label = %q", got)
	}
}

// svy is the data of a survey button.
func svy(sid, step, value string) string { return svyButtons.Data(sid, step, value) }
