package bot_test

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

func TestStartAndHelpForUnknownUserAreIndonesian(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	bottest.MustSay(t, h.Text(100, "/start"), "Selamat datang", "kode QR")
	help := bottest.MustSay(t, h.Text(100, "/help"), "Bantuan", "/bahasa")
	if strings.Contains(help.Text, "/lapor") {
		t.Fatalf("citizen help lists staff commands: %q", help.Text)
	}
}

func TestInviteLinksOnceAndRefusesOthers(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	ctx := context.Background()
	code, link, err := h.Bot.Invite(ctx, bottest.NIPBudi)
	if err != nil {
		t.Fatal(err)
	}
	if !bot.PayloadPattern.MatchString(code) || len(code) < 18 {
		t.Fatalf("code %q does not fit a start payload with 96 bits", code)
	}
	if want := "https://t.me/KinerjaSolokBot?start=" + code; link != want {
		t.Fatalf("link = %q, want %q", link, want)
	}
	t.Run("linked with greeting by name and role", func(t *testing.T) {
		bottest.MustSay(t, h.Text(200, "/start "+code), "Budi Santoso", bottest.NIPBudi, "Pegawai")
		st, err := h.DB.StaffByTelegram(ctx, 200)
		if err != nil || st.NIP != bottest.NIPBudi {
			t.Fatalf("link not stored: %v %v", st, err)
		}
	})
	t.Run("reused code refused", func(t *testing.T) {
		bottest.MustSay(t, h.Text(201, "/start "+code), "sudah pernah dipakai")
		if _, err := h.DB.StaffByTelegram(ctx, 201); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("second account linked: %v", err)
		}
	})
	t.Run("same person again is told politely", func(t *testing.T) {
		bottest.MustSay(t, h.Text(200, "/start "+code), "sudah terhubung")
	})
	t.Run("made-up code refused", func(t *testing.T) {
		bottest.MustSay(t, h.Text(202, "/start i_AAAAAAAAAAAAAAAA"), "tidak valid")
	})
	t.Run("payload of random characters or too long refused", func(t *testing.T) {
		bottest.MustSay(t, h.Text(202, "/start <script>"), "tidak dikenali")
		bottest.MustSay(t, h.Text(202, "/start "+strings.Repeat("a", 200)), "tidak dikenali")
	})
	t.Run("expired code refused", func(t *testing.T) {
		code2, _, err := h.Bot.Invite(ctx, bottest.NIPSari)
		if err != nil {
			t.Fatal(err)
		}
		h.Now = h.Now.Add(15 * 24 * time.Hour)
		bottest.MustSay(t, h.Text(203, "/start "+code2), "kedaluwarsa")
	})
	t.Run("one account cannot take a second NIP", func(t *testing.T) {
		code3, _, _ := h.Bot.Invite(ctx, bottest.NIPSari)
		bottest.MustSay(t, h.Text(200, "/start "+code3), "sudah terhubung dengan NIP "+bottest.NIPBudi)
	})
}

func TestDuplicateUpdateHandledOnce(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	code, _, _ := h.Bot.Invite(context.Background(), bottest.NIPBudi)
	u := bot.Update{ID: 77, ChatID: 300, ChatType: bot.ChatPrivate, From: bot.User{ID: 300}, Kind: bot.KindText, Text: "/start " + code}
	if got := len(h.Handle(u)); got != 1 {
		t.Fatalf("first delivery sent %d messages", got)
	}
	if got := h.Handle(u); len(got) != 0 {
		t.Fatalf("redelivered update had an effect: %+v", got)
	}
}

func TestRolesAreCheckedOnEveryUse(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	h.Link(bottest.NIPBudi, 400)
	h.Link(bottest.NIPHead, 401)
	h.Link(bottest.NIPAdmin, 402)
	roles := func(id int64) string { return bottest.MustSay(t, h.Text(id, "/start"), "Peran").Text }
	if r := roles(400); strings.Contains(r, "Penilai") || strings.Contains(r, "Admin") {
		t.Fatalf("staff shown extra roles: %q", r)
	}
	if r := roles(401); !strings.Contains(r, "Pejabat Penilai") {
		t.Fatalf("assessor role missing: %q", r)
	}
	if r := roles(402); !strings.Contains(r, "Admin BKPSDM") {
		t.Fatalf("admin role missing: %q", r)
	}
}

func TestBadInputGetsClearAnswers(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	cases := []struct {
		name string
		u    bot.Update
		want string
	}{
		{"unknown command", bot.Update{Kind: bot.KindText, Text: "/terbang"}, "tidak dikenal"},
		{"sticker without dialogue", bot.Update{Kind: bot.KindSticker}, "/help"},
		{"photo without dialogue", bot.Update{Kind: bot.KindPhoto, File: &bot.File{FileID: "x"}}, "/help"},
		{"plain text", bot.Update{Kind: bot.KindText, Text: "halo"}, "/help"},
		{"edited message", bot.Update{Kind: bot.KindText, Text: "x", Edited: true}, "diedit"},
		{"staff command by citizen", bot.Update{Kind: bot.KindText, Text: "/start"}, "Selamat datang"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.u.ChatID, c.u.ChatType, c.u.From = 500, bot.ChatPrivate, bot.User{ID: 500}
			bottest.MustSay(t, h.Handle(c.u), c.want)
		})
	}
	t.Run("forged callback is answered and changes nothing", func(t *testing.T) {
		for _, data := range []string{"zzz:1", "lang:xx", "lang", "", strings.Repeat("x", 64)} {
			h.Press(500, 1, data)
			// The core answers every press with a notice, so an empty
			// answer means the press was not answered.
			if ans := h.Msg.Answer("cb" + data); ans == "" {
				t.Fatalf("callback %q not answered with a notice (%q)", data, ans)
			}
		}
		if _, err := h.DB.Account(context.Background(), 500); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("forged callback wrote an account: %v", err)
		}
	})
	t.Run("group chatter ignored, addressed command pointed to private chat", func(t *testing.T) {
		g := bot.Update{ChatID: -1001, ChatType: bot.ChatSupergroup, From: bot.User{ID: 500}, Kind: bot.KindText, Text: "selamat pagi"}
		if got := h.Handle(g); len(got) != 0 {
			t.Fatalf("group chatter answered: %+v", got)
		}
		g.Text = "/help@KinerjaSolokBot"
		bottest.MustSay(t, h.Handle(g), "chat pribadi")
	})
}

func TestLanguageSwitch(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	msgs := h.Text(600, "/bahasa")
	if len(msgs) != 1 || len(msgs[0].Buttons) == 0 {
		t.Fatalf("no language buttons: %+v", msgs)
	}
	h.Press(600, 1, "lang:en")
	bottest.MustSay(t, h.Text(600, "/help"), "Commands you can use")
	h.Press(600, 1, "lang:id")
	bottest.MustSay(t, h.Text(600, "/help"), "Perintah yang dapat")
}

func TestSessionExpiresWithNote(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	ctx := context.Background()
	if err := h.DB.PutSession(ctx, &kinerja.Session{ChatID: 700, Flow: "x", Step: "y", Data: map[string]string{}, UpdatedAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	h.Now = h.Now.Add(31 * time.Minute)
	if err := h.Bot.ExpireSessions(ctx); err != nil {
		t.Fatal(err)
	}
	bottest.MustSay(t, h.Msg.Take(), "30 menit")
	if _, err := h.DB.Session(ctx, 700); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("session survived expiry: %v", err)
	}
}

func TestUnlinkAllowsNewInvite(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	h.Seed()
	ctx := context.Background()
	h.Link(bottest.NIPBudi, 800)
	if err := bot.Unlink(ctx, h.DB, bottest.NIPBudi); err != nil {
		t.Fatal(err)
	}
	if err := bot.Unlink(ctx, h.DB, bottest.NIPBudi); kinerja.ErrorCode(err) != kinerja.EConflict {
		t.Fatalf("second unlink: %v", err)
	}
	code, _, _ := h.Bot.Invite(ctx, bottest.NIPBudi)
	bottest.MustSay(t, h.Text(801, "/start "+code), "Akun terhubung")
}

func TestWritingToTheBotClearsUnreachable(t *testing.T) {
	h := bottest.New(t, bot.Config{})
	ctx := context.Background()
	if err := h.DB.PutAccount(ctx, &kinerja.Account{TelegramID: 990, Lang: kinerja.LangEN, Unreachable: true, UpdatedAt: h.Now}); err != nil {
		t.Fatal(err)
	}
	bottest.MustSay(t, h.Text(990, "/help"), "Commands you can use")
	a, err := h.DB.Account(ctx, 990)
	if err != nil || a.Unreachable || a.Lang != kinerja.LangEN {
		t.Fatalf("account after a message: %+v %v", a, err)
	}
}
