package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot/telegram/fakeapi"
	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// Through the real transport and the fake Bot API: a staff member and
// their assessor practise, every practice message is marked, and ending
// practice leaves the main database without practice data and deletes the
// sandbox file.
func TestPracticeThroughTheEmulator(t *testing.T) {
	fake := fakeapi.New(fakeapi.Options{})
	defer fake.Close()
	path := seedFile(t)
	db := storagetest.MustOpenPath(t, path)
	ctx := context.Background()
	rina, budi := fakeapi.User{ID: 9203, FirstName: "Rina"}, fakeapi.User{ID: 9202, FirstName: "Budi"}
	for nip, u := range map[string]fakeapi.User{evDemoRina: rina, evDemoBudi: budi} {
		if err := db.LinkTelegram(ctx, nip, u.ID); err != nil {
			t.Fatal(err)
		}
	}
	reportsBefore, err := db.CountReports(ctx, kinerja.ReportFilter{})
	if err != nil {
		t.Fatal(err)
	}
	r := startBot(t, fake, path)

	const mark = "LATIHAN / PRACTICE"
	if got := reply(t, fake, budi, "/latihan"); !strings.Contains(got, mark) || !strings.Contains(got, "mode latihan") {
		t.Fatalf("/latihan: %q", got)
	}
	if got := reply(t, fake, budi, "/lapor"); !strings.HasPrefix(got, "🧪 <b>"+mark) {
		t.Fatalf("/lapor in practice: %q", got)
	}
	if got := reply(t, fake, rina, "/latihan"); !strings.Contains(got, "Pegawai Latihan") {
		t.Fatalf("assessor's /latihan: %q", got)
	}
	if got := reply(t, fake, rina, "/persetujuan"); !strings.HasPrefix(got, "🧪 <b>"+mark) || !strings.Contains(got, "Pegawai Latihan") {
		t.Fatalf("/persetujuan in practice: %q", got)
	}
	if got := reply(t, fake, rina, "/latihan selesai"); strings.Contains(got, mark) || !strings.Contains(got, "Latihan selesai") {
		t.Fatalf("end: %q", got)
	}
	if got := reply(t, fake, budi, "/latihan selesai"); !strings.Contains(got, "Latihan selesai") {
		t.Fatalf("end: %q", got)
	}
	// Everything between each person's /latihan and its end is marked.
	for _, u := range []fakeapi.User{rina, budi} {
		msgs := fake.Messages(u.ID)
		for _, m := range msgs[:len(msgs)-1] {
			if !strings.Contains(m.Text, mark) {
				t.Fatalf("unmarked practice message to %s: %q", u.FirstName, m.Text)
			}
		}
	}
	if got := reply(t, fake, budi, "/lapor"); strings.Contains(got, mark) {
		t.Fatalf("after practice: %q", got)
	}
	if !fake.WaitFor(5*time.Second, func(*fakeapi.Fake) bool {
		_, err := os.Stat(path + ".latihan.db")
		return os.IsNotExist(err)
	}) {
		t.Fatal("sandbox file not deleted")
	}
	r.stop()
	if n, err := db.CountReports(ctx, kinerja.ReportFilter{}); err != nil || n != reportsBefore {
		t.Fatalf("main reports %d → %d (%v)", reportsBefore, n, err)
	}
}
