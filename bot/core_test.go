package bot

import (
	"context"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

func TestStartAndHelpForUnknownUserAreIndonesian(t *testing.T) {
	h := newHarness(t)
	h.seed()
	mustSay(t, h.text(100, "/start"), "Selamat datang", "kode QR")
	help := mustSay(t, h.text(100, "/help"), "Bantuan", "/bahasa")
	if strings.Contains(help.Text, "/lapor") {
		t.Fatalf("citizen help lists staff commands: %q", help.Text)
	}
}

func TestInviteLinksOnceAndRefusesOthers(t *testing.T) {
	h := newHarness(t)
	h.seed()
	ctx := context.Background()
	code, link, err := h.bot.Invite(ctx, nipBudi)
	if err != nil {
		t.Fatal(err)
	}
	if !payloadPattern.MatchString(code) || len(code) < 18 {
		t.Fatalf("code %q does not fit a start payload with 96 bits", code)
	}
	if want := "https://t.me/KinerjaSolokBot?start=" + code; link != want {
		t.Fatalf("link = %q, want %q", link, want)
	}
	t.Run("linked with greeting by name and role", func(t *testing.T) {
		mustSay(t, h.text(200, "/start "+code), "Budi Santoso", nipBudi, "Pegawai")
		st, err := h.db.StaffByTelegram(ctx, 200)
		if err != nil || st.NIP != nipBudi {
			t.Fatalf("link not stored: %v %v", st, err)
		}
	})
	t.Run("reused code refused", func(t *testing.T) {
		mustSay(t, h.text(201, "/start "+code), "sudah pernah dipakai")
		if _, err := h.db.StaffByTelegram(ctx, 201); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("second account linked: %v", err)
		}
	})
	t.Run("same person again is told politely", func(t *testing.T) {
		mustSay(t, h.text(200, "/start "+code), "sudah terhubung")
	})
	t.Run("made-up code refused", func(t *testing.T) {
		mustSay(t, h.text(202, "/start i_AAAAAAAAAAAAAAAA"), "tidak valid")
	})
	t.Run("payload of random characters or too long refused", func(t *testing.T) {
		mustSay(t, h.text(202, "/start <script>"), "tidak dikenali")
		mustSay(t, h.text(202, "/start "+strings.Repeat("a", 200)), "tidak dikenali")
	})
	t.Run("expired code refused", func(t *testing.T) {
		code2, _, err := h.bot.Invite(ctx, nipSari)
		if err != nil {
			t.Fatal(err)
		}
		h.now = h.now.Add(15 * 24 * time.Hour)
		mustSay(t, h.text(203, "/start "+code2), "kedaluwarsa")
	})
	t.Run("one account cannot take a second NIP", func(t *testing.T) {
		code3, _, _ := h.bot.Invite(ctx, nipSari)
		mustSay(t, h.text(200, "/start "+code3), "sudah terhubung dengan NIP "+nipBudi)
	})
}

func TestDuplicateUpdateHandledOnce(t *testing.T) {
	h := newHarness(t)
	h.seed()
	code, _, _ := h.bot.Invite(context.Background(), nipBudi)
	u := Update{ID: 77, ChatID: 300, ChatType: ChatPrivate, From: User{ID: 300}, Kind: KindText, Text: "/start " + code}
	if got := len(h.handle(u)); got != 1 {
		t.Fatalf("first delivery sent %d messages", got)
	}
	if got := h.handle(u); len(got) != 0 {
		t.Fatalf("redelivered update had an effect: %+v", got)
	}
}

func TestRolesAreCheckedOnEveryUse(t *testing.T) {
	h := newHarness(t)
	h.seed()
	h.link(nipBudi, 400)
	h.link(nipHead, 401)
	h.link(nipAdmin, 402)
	roles := func(id int64) string { return mustSay(t, h.text(id, "/start"), "Peran").Text }
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
	h := newHarness(t)
	h.seed()
	cases := []struct {
		name string
		u    Update
		want string
	}{
		{"unknown command", Update{Kind: KindText, Text: "/terbang"}, "tidak dikenal"},
		{"sticker without dialogue", Update{Kind: KindSticker}, "/help"},
		{"photo without dialogue", Update{Kind: KindPhoto, File: &File{FileID: "x"}}, "/help"},
		{"plain text", Update{Kind: KindText, Text: "halo"}, "/help"},
		{"edited message", Update{Kind: KindText, Text: "x", Edited: true}, "diedit"},
		{"staff command by citizen", Update{Kind: KindText, Text: "/start"}, "Selamat datang"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.u.ChatID, c.u.ChatType, c.u.From = 500, ChatPrivate, User{ID: 500}
			mustSay(t, h.handle(c.u), c.want)
		})
	}
	t.Run("forged callback is answered and changes nothing", func(t *testing.T) {
		for _, data := range []string{"zzz:1", "lang:xx", "lang", "", strings.Repeat("x", 64)} {
			h.press(500, 1, data)
			if ans, ok := h.msg.answers["cb"+data]; !ok || ans == "" {
				t.Fatalf("callback %q not answered with a notice (%q)", data, ans)
			}
		}
		if _, err := h.db.Account(context.Background(), 500); kinerja.ErrorCode(err) != kinerja.ENotFound {
			t.Fatalf("forged callback wrote an account: %v", err)
		}
	})
	t.Run("group chatter ignored, addressed command pointed to private chat", func(t *testing.T) {
		g := Update{ChatID: -1001, ChatType: ChatSupergroup, From: User{ID: 500}, Kind: KindText, Text: "selamat pagi"}
		if got := h.handle(g); len(got) != 0 {
			t.Fatalf("group chatter answered: %+v", got)
		}
		g.Text = "/help@KinerjaSolokBot"
		mustSay(t, h.handle(g), "chat pribadi")
	})
}

func TestLanguageSwitch(t *testing.T) {
	h := newHarness(t)
	msgs := h.text(600, "/bahasa")
	if len(msgs) != 1 || len(msgs[0].Buttons) == 0 {
		t.Fatalf("no language buttons: %+v", msgs)
	}
	h.press(600, 1, "lang:en")
	mustSay(t, h.text(600, "/help"), "Commands you can use")
	h.press(600, 1, "lang:id")
	mustSay(t, h.text(600, "/help"), "Perintah yang dapat")
}

func TestSessionExpiresWithNote(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.db.PutSession(ctx, &kinerja.Session{ChatID: 700, Flow: "x", Step: "y", Data: map[string]string{}, UpdatedAt: h.now}); err != nil {
		t.Fatal(err)
	}
	h.now = h.now.Add(31 * time.Minute)
	if err := h.bot.ExpireSessions(ctx); err != nil {
		t.Fatal(err)
	}
	mustSay(t, h.msg.take(), "30 menit")
	if _, err := h.db.Session(ctx, 700); kinerja.ErrorCode(err) != kinerja.ENotFound {
		t.Fatalf("session survived expiry: %v", err)
	}
}

func TestUnlinkAllowsNewInvite(t *testing.T) {
	h := newHarness(t)
	h.seed()
	ctx := context.Background()
	h.link(nipBudi, 800)
	if err := Unlink(ctx, h.db, nipBudi); err != nil {
		t.Fatal(err)
	}
	if err := Unlink(ctx, h.db, nipBudi); kinerja.ErrorCode(err) != kinerja.EConflict {
		t.Fatalf("second unlink: %v", err)
	}
	code, _, _ := h.bot.Invite(ctx, nipBudi)
	mustSay(t, h.text(801, "/start "+code), "Akun terhubung")
}

func TestWritingToTheBotClearsUnreachable(t *testing.T) {
	h := newHarness(t)
	ctx := context.Background()
	if err := h.db.PutAccount(ctx, &kinerja.Account{TelegramID: 990, Lang: kinerja.LangEN, Unreachable: true, UpdatedAt: h.now}); err != nil {
		t.Fatal(err)
	}
	mustSay(t, h.text(990, "/help"), "Commands you can use")
	a, err := h.db.Account(ctx, 990)
	if err != nil || a.Unreachable || a.Lang != kinerja.LangEN {
		t.Fatalf("account after a message: %+v %v", a, err)
	}
}
