package survey

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// copyDatabase copies the database file and its write-ahead log, as a
// backup taken while the bot runs would, without the key directory, and
// opens the copy read-only.
func copyDatabase(t *testing.T, h *surveyHarness) *sql.DB {
	t.Helper()
	dir := t.TempDir()
	for _, suffix := range []string{"", "-wal"} {
		data, err := os.ReadFile(h.Path + suffix)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		} else if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "copy.db"+suffix), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "copy.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// everyValue returns every text and blob value stored anywhere in db:
// whatever an attacker could try as the key.
func everyValue(t *testing.T, db *sql.DB) [][]byte {
	t.Helper()
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var out [][]byte
	for _, table := range tables {
		rows, err := db.Query(`SELECT * FROM "` + table + `"`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				var b []byte
				switch v := v.(type) {
				case string:
					b = []byte(v)
				case []byte:
					b = v
				default:
					continue
				}
				out = append(out, b)
				if raw, err := hex.DecodeString(string(b)); err == nil && len(raw) > 0 {
					out = append(out, raw)
				}
			}
		}
		rows.Close()
	}
	return append(out, nil) // and the empty key
}

// dupKeysOf returns the non-null duplicate keys stored in db.
func dupKeysOf(t *testing.T, db *sql.DB) map[string]bool {
	t.Helper()
	rows, err := db.Query(`SELECT dup_key FROM survey_responses WHERE dup_key IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	keys := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			t.Fatal(err)
		}
		keys[k] = true
	}
	return keys
}

// reidentify is the attack: for every linked Telegram id in db, every unit
// and every response day, the HMAC of "id|unit|day" under each candidate
// key, looked up among the stored duplicate keys. It returns who was found
// answering which unit.
func reidentify(t *testing.T, db *sql.DB, candidates [][]byte) map[string]bool {
	t.Helper()
	col := func(q string) []string {
		rows, err := db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		return out
	}
	ids := col(`SELECT CAST(telegram_id AS TEXT) FROM staff WHERE telegram_id IS NOT NULL AND telegram_id <> 0`)
	units := col(`SELECT code FROM units`)
	var days []string
	for _, ms := range col(`SELECT DISTINCT CAST(day AS TEXT) FROM survey_responses`) {
		n, _ := strconv.ParseInt(ms, 10, 64)
		days = append(days, time.UnixMilli(n).In(wib).Format(time.DateOnly))
	}
	if len(ids) == 0 || len(units) == 0 || len(days) == 0 {
		t.Fatalf("nothing to attack: %d ids, %d units, %d days", len(ids), len(units), len(days))
	}
	stored := dupKeysOf(t, db)
	found := map[string]bool{}
	for _, key := range candidates {
		for _, id := range ids {
			for _, unit := range units {
				for _, day := range days {
					mac := hmac.New(sha256.New, key)
					mac.Write([]byte(id + "|" + unit + "|" + day))
					if stored[hex.EncodeToString(mac.Sum(nil))] {
						found[id+"|"+unit] = true
					}
				}
			}
		}
	}
	return found
}

// TestDatabaseCopyCannotTellWhoAnswered repeats the re-identification of
// issue 16 on a copy of the database: civil servants, all linked, answer
// other units' surveys; whatever the copy holds, tried as the key for every
// linked Telegram id, matches no response. The same attack with the day
// key from the key directory finds them all, so the attack is the right
// one. Once the day is over, the key file is gone and no response carries
// a duplicate key.
func TestDatabaseCopyCannotTellWhoAnswered(t *testing.T) {
	h := newSurveyHarness(t, Config{Profile: true})
	h.LinkAll()
	ctx := context.Background()
	tgr, bkpsdm := h.newLink("PKM-TGR", nipBudi), h.newLink("BKPSDM", "")
	answered := map[string]bool{}
	for _, c := range []struct {
		id      int64
		payload string
		unit    string
	}{
		{bottest.TGAdmin, tgr, "PKM-TGR"},
		{bottest.TGOtherBos, tgr, "PKM-TGR"},
		{bottest.TGBudi, bkpsdm, "BKPSDM"},
		{bottest.TGSari, bkpsdm, "BKPSDM"},
	} {
		msgs := h.answerAll(c.id, h.Text(c.id, "/start "+c.payload), all(2))
		msgs = h.answerAll(c.id, msgs, []int{1, 1, 1, 1})
		mustSay(t, h.pressSurvey(c.id, msgs, "skip"), "Terima kasih")
		answered[strconv.FormatInt(c.id, 10)+"|"+c.unit] = true
	}
	// and a citizen, who skips the profile
	msgs := h.answerAll(4242, h.Text(4242, "/start "+tgr), all(4))
	for range 4 {
		msgs = h.pressSurvey(4242, msgs, "0")
	}
	mustSay(t, h.pressSurvey(4242, msgs, "skip"), "Terima kasih")

	db := copyDatabase(t, h)
	if got := len(dupKeysOf(t, db)); got != 5 {
		t.Fatalf("the copy holds %d duplicate keys, want 5 (today's)", got)
	}
	if found := reidentify(t, db, everyValue(t, db)); len(found) != 0 {
		t.Fatalf("a copy of the database re-identifies %v", found)
	}
	// The attack itself is sound: with the day key it finds every one.
	keyFile := filepath.Join(h.f.cfg.KeyDir, "day-2026-11-10.key")
	dayKey, err := readKeyFile(keyFile)
	if err != nil {
		t.Fatal(err)
	}
	if found := reidentify(t, db, [][]byte{dayKey}); len(found) != len(answered) {
		t.Fatalf("with the day key the attack finds %v, want %v", found, answered)
	} else {
		for who := range answered {
			if !found[who] {
				t.Fatalf("with the day key the attack misses %s: %v", who, found)
			}
		}
	}
	if bytes.Contains(mustRead(t, h.Path), []byte(hex.EncodeToString(dayKey))) {
		t.Fatal("the day key is in the database file")
	}

	// The day is over: the clean-up job destroys the key and the keys.
	h.Now = time.Date(2026, 11, 11, 0, 5, 0, 0, wib)
	if _, err := h.f.Jobs()[0].Run(ctx, h.Now); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(keyFile); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the key file of a past day is still there: %v", err)
	}
	db = copyDatabase(t, h)
	if keys := dupKeysOf(t, db); len(keys) != 0 {
		t.Fatalf("responses of a past day keep %d duplicate keys", len(keys))
	}
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM survey_responses`).Scan(&n); err != nil || n != 5 {
		t.Fatalf("%d responses after the clean-up (%v), want all 5", n, err)
	}
}

// TestRepeatRefusedAcrossRestart: the day key survives a restart in its
// file, so a repeat the same day is still refused by a new process; a
// lost key directory forgets who was counted (and only that).
func TestRepeatRefusedAcrossRestart(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	mustSay(t, h.complete(930, payload, all(3)), "Terima kasih")
	restart := func(cfg Config) {
		h.f = New(bot.Deps{Store: h.DB, Now: h.Clock(), Location: wib, Username: "KinerjaSolokBot"}, cfg)
		h.Features = []bot.Feature{h.f}
		h.Restart()
	}
	restart(h.f.cfg)
	h.Now = h.Now.Add(8 * time.Hour) // 17:00, the same day
	mustSay(t, h.Text(930, "/start "+payload), "sudah tercatat")
	// A survey begun before a restart and finished after it counts once.
	msgs := h.answerAll(931, h.Text(931, "/start "+payload), all(2))
	restart(h.f.cfg)
	mustSay(t, h.pressSurvey(931, msgs, "skip"), "Terima kasih")
	restart(h.f.cfg)
	mustSay(t, h.Text(931, "/start "+payload), "sudah tercatat")
	if got := h.totals("PKM-TGR").Respondents; got != 2 {
		t.Fatalf("respondents = %d, want 2", got)
	}

	if err := os.RemoveAll(h.f.cfg.KeyDir); err != nil {
		t.Fatal(err)
	}
	restart(h.f.cfg)
	mustSay(t, h.complete(930, payload, all(3)), "Terima kasih")
	if got := h.totals("PKM-TGR").Respondents; got != 3 {
		t.Fatalf("respondents = %d, want 3 (the key was lost)", got)
	}
}

// TestFinishedSurveyLeavesNoAnswersInSessions ends surveys every way one
// ends (completed with a button or a typed suggestion, cancelled, expired,
// replaced by another link, refused as the unit's own staff) and reads the
// raw sessions table after each; once the clean-up job has run, neither
// the database file nor its log holds any of those surveys' ids.
func TestFinishedSurveyLeavesNoAnswersInSessions(t *testing.T) {
	h := newSurveyHarness(t, Config{})
	payload := h.newLink("PKM-TGR", "")
	ctx := context.Background()
	// A first clean-up does the one VACUUM after the upgrade, which would
	// hide what the later one does not clear.
	if _, err := h.f.Forget(ctx, h.Now); err != nil {
		t.Fatal(err)
	}
	var sids []string
	sidOf := func(msgs []bot.OutMessage) []bot.OutMessage {
		data, _ := surveyButton(t, msgs, "x")
		sids = append(sids, strings.Split(data, ":")[1])
		return msgs
	}
	sessions := func(t *testing.T, id int64) int {
		t.Helper()
		var n int
		if err := copyDatabase(t, h).QueryRow(`SELECT COUNT(*) FROM sessions WHERE chat_id = ?`, id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Other citizens in the middle of a survey keep rows next to the
	// finished one, as on a busy day.
	bystander := int64(5000)
	bystanders := func() {
		for range 3 {
			bystander++
			h.answerAll(bystander, h.Text(bystander, "/start "+payload), nine(2, 2))
		}
	}
	for _, c := range []struct {
		name string
		end  func(id int64)
	}{
		{"completed with a button", func(id int64) {
			mustSay(t, h.pressSurvey(id, h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), all(3)), "skip"), "Terima kasih")
		}},
		{"completed with a typed suggestion", func(id int64) {
			h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), all(2))
			mustSay(t, h.Text(id, "Antrean terlalu lama"), "Terima kasih")
		}},
		{"cancelled", func(id int64) {
			msgs := h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), nine(4, 4, 4))
			mustSay(t, h.pressSurvey(id, msgs, "x"), "dibatalkan")
		}},
		{"expired", func(id int64) {
			h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), nine(1, 1))
			h.Now = h.Now.Add(24 * time.Hour)
			bystanders()
			if err := h.Bot.ExpireSessions(ctx); err != nil {
				t.Fatal(err)
			}
		}},
		{"replaced by another unit's link", func(id int64) {
			h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), nine(3, 3))
			other := h.newLink("BKPSDM", "")
			msgs := h.answerAll(id, sidOf(h.Text(id, "/start "+other)), all(1))
			mustSay(t, h.pressSurvey(id, msgs, "skip"), "Terima kasih")
		}},
		{"linked to the unit's staff meanwhile", func(id int64) {
			msgs := h.answerAll(id, sidOf(h.Text(id, "/start "+payload)), all(4))
			h.Link(nipSari, id)
			mustSay(t, h.pressSurvey(id, msgs, "skip"), "Sari")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			id := int64(960 + len(sids))
			bystanders()
			c.end(id)
			if n := sessions(t, id); n != 0 {
				t.Fatalf("%d sessions left", n)
			}
		})
	}
	// Before the clean-up the log still holds the sessions' earlier
	// versions (so the check below can see them); after it, nothing does.
	files := func() []byte { return append(mustRead(t, h.Path), mustRead(t, h.Path+"-wal")...) }
	seen := 0
	for _, sid := range sids {
		if bytes.Contains(files(), []byte(sid)) {
			seen++
		}
	}
	if seen == 0 {
		t.Fatal("no survey id in the files before the clean-up: the check below would prove nothing")
	}
	if _, err := h.f.Forget(ctx, h.Now); err != nil {
		t.Fatal(err)
	}
	for _, sid := range sids {
		if bytes.Contains(files(), []byte(sid)) {
			t.Errorf("survey %s is still readable in the database files", sid)
		}
	}
}

// mustRead reads a file; a missing one is empty.
func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	return data
}
