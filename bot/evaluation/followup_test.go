package evaluation

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/export"
)

// drain returns the pending outbox messages of the remind-objections job,
// marking every pending message sent.
func (h *evalHarness) drain() []*kinerja.OutboxMessage {
	h.T.Helper()
	ctx := context.Background()
	var out []*kinerja.OutboxMessage
	for {
		batch, err := h.DB.NextBatch(ctx, h.Now.AddDate(1, 0, 0), 100)
		if err != nil {
			h.T.Fatal(err)
		}
		if len(batch) == 0 {
			return out
		}
		for _, m := range batch {
			if m.JobName == JobRemindObjections {
				out = append(out, m)
			}
			if err := h.DB.MarkSent(ctx, m.ID, h.Now); err != nil {
				h.T.Fatal(err)
			}
		}
	}
}

// remind runs the daily job at 08:00 WIB on day (of November 2026) and
// returns what it queued.
func (h *evalHarness) remind(day int) []*kinerja.OutboxMessage {
	h.T.Helper()
	h.drain()
	at := time.Date(2026, 11, day, 8, 0, 0, 0, h.Now.Location())
	h.Now = at
	res, err := h.f.Jobs()[0].Run(context.Background(), at)
	if err != nil {
		h.T.Fatal(err)
	}
	msgs := h.drain()
	// The result lists what was queued, for the operator's "jobs run"
	// (it said "queued 0 message(s)" while queuing the admins' notice).
	if res.Queued != (len(msgs) > 0) || len(res.Messages) != len(msgs) {
		h.T.Fatalf("result %+v with %d messages", res, len(msgs))
	}
	return msgs
}

// to returns the messages to one chat.
func outTo(msgs []*kinerja.OutboxMessage, chat int64) []*kinerja.OutboxMessage {
	var out []*kinerja.OutboxMessage
	for _, m := range msgs {
		if m.ChatID == chat {
			out = append(out, m)
		}
	}
	return out
}

func TestObjectionDeadlineReminderAndOverdueOnce(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.object() // filed on 10 November: the reviewer has until 24 November
	o := h.objectionOf(nipBudi)
	if d := ReviewDeadline(o, h.f.Config().ObjectionReviewDays, h.Now.Location()); kinerja.DayString(d, h.Now.Location()) != "2026-11-24" {
		t.Fatalf("deadline %v", d)
	}
	if msgs := h.remind(20); len(msgs) != 0 {
		t.Fatalf("four days before the deadline: %+v", msgs)
	}
	msgs := h.remind(21)
	if len(msgs) != 1 || msgs[0].ChatID != etKadis || !strings.Contains(msgs[0].Text, "24 November 2026") ||
		!strings.Contains(msgs[0].Text, "Budi Santoso") || len(msgs[0].Buttons) != 1 ||
		msgs[0].Buttons[0][0].Data != "kbr:v:"+strconv.FormatInt(o.ID, 10) {
		t.Fatalf("reminder %+v", msgs)
	}
	for _, day := range []int{21, 22, 24} {
		if msgs := h.remind(day); len(msgs) != 0 {
			t.Fatalf("reminder again on %d: %+v", day, msgs)
		}
	}
	msgs = h.remind(25)
	if len(msgs) != 1 || msgs[0].ChatID != etAdmin || !strings.Contains(msgs[0].Text, "melewati batas waktu") ||
		!strings.Contains(msgs[0].Text, "drg. Hendra") {
		t.Fatalf("overdue notice %+v", msgs)
	}
	for _, day := range []int{25, 26, 30} {
		if msgs := h.remind(day); len(msgs) != 0 {
			t.Fatalf("overdue notice again on %d: %+v", day, msgs)
		}
	}
}

func TestDecidedObjectionIsNotReminded(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.object()
	id := strconv.FormatInt(h.objectionOf(nipBudi).ID, 10)
	h.press(etKadis, 1, "kbr:up:"+id)
	h.text(etKadis, "Penilaian sudah sesuai dengan laporan yang disetujui.")
	if !h.objectionOf(nipBudi).Status.Decided() {
		t.Fatal("not decided")
	}
	for _, day := range []int{21, 25} {
		if msgs := h.remind(day); len(msgs) != 0 {
			t.Fatalf("decided objection reminded on %d: %+v", day, msgs)
		}
	}
}

func TestKurangOpensFollowUpThatTheHeadFills(t *testing.T) {
	h := newEvalHarness(t)
	sent := h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingBelow), kinerja.RatingBelow)
	if e := h.evaluation(nipBudi); e.Predikat != kinerja.PredikatKurang {
		t.Fatalf("predikat %q", e.Predikat)
	}
	ctx := context.Background()
	list, err := h.DB.ListFollowUps(ctx, kinerja.FollowUpFilter{OpenOnly: true})
	if err != nil || len(list) != 1 || list[0].NIP != nipBudi || list[0].HeadNIP != nipHead || list[0].Filled() {
		t.Fatalf("follow-ups %+v %v", list, err)
	}
	id := strconv.FormatInt(list[0].ID, 10)
	note := mustSay(t, evTo(sent, etHead), "Tindak lanjut diperlukan", "Budi Santoso", "Kurang")
	mustSay(t, evTo(sent, etAdmin), "Tindak lanjut dibuka", "Budi Santoso", "dr. Rina Marlina")

	// The export lists it, open.
	reg, err := export.NewRegistry(h.f)
	if err != nil {
		t.Fatal(err)
	}
	kind, ok := reg.Lookup("followups")
	if !ok {
		t.Fatal("no followups export")
	}
	p, _ := kinerja.ParsePeriod("2026")
	sheets, err := kind.Build(ctx, p)
	if err != nil || len(sheets) != 1 || len(sheets[0].Rows) != 1 {
		t.Fatalf("export %+v %v", sheets, err)
	}
	row := sheets[0].Rows[0]
	if row[1] != nipBudi || row[5] != string(kinerja.PredikatKurang) || row[11] != "open" || row[8] != "" {
		t.Fatalf("export row %q", row)
	}

	// Only the head (or an admin) fills it in.
	mustSay(t, h.press(etSari, 1, "ftl:f:"+id), "bukan tugas Anda")
	mustSay(t, h.text(etHead, "/tindaklanjut"), "Tindak lanjut terbuka: 1", "Budi Santoso", "belum diisi")
	mustSay(t, h.tap(etHead, []bot.OutMessage{note}, "ftl:f:"+id), "Tuliskan rencana")
	mustSay(t, h.text(etHead, "singkat"), "7 karakter")
	ask := h.text(etHead, "Pendampingan mingguan oleh kepala ruang dan kunjungan rumah bersama.")
	mustSay(t, ask, "penanggung jawab")
	days := h.tap(etHead, ask, "ftl:me:"+id)
	mustSay(t, days, "dr. Rina Marlina", "dievaluasi")
	mustSay(t, h.tap(etHead, days, "ftl:d:"+id+":14"), "tersimpan", "24 November 2026")
	fu, err := h.DB.FollowUp(ctx, list[0].ID)
	if err != nil || fu.ReviewDay != "2026-11-24" || fu.Responsible != "dr. Rina Marlina" ||
		!strings.HasPrefix(fu.Plan, "Pendampingan mingguan") || fu.Closed {
		t.Fatalf("stored %+v %v", fu, err)
	}
	if acts := strings.Join(h.auditActions(), ","); !strings.Contains(acts, "followup.open") || !strings.Contains(acts, "followup.plan") {
		t.Fatalf("audit %s", acts)
	}

	// The reminder comes on the review day, once.
	if msgs := h.remind(23); len(msgs) != 0 {
		t.Fatalf("before the review day: %+v", msgs)
	}
	msgs := h.remind(24)
	if len(msgs) != 1 || msgs[0].ChatID != etHead || !strings.Contains(msgs[0].Text, "Evaluasi tindak lanjut") ||
		!strings.Contains(msgs[0].Text, "Pendampingan mingguan") {
		t.Fatalf("review reminder %+v", msgs)
	}
	if msgs := h.remind(25); len(msgs) != 0 {
		t.Fatalf("review reminder again: %+v", msgs)
	}

	// Closing it after the review; the export shows it closed with its plan.
	mustSay(t, h.press(etHead, 1, "ftl:c:"+id), "ditutup")
	sheets, err = kind.Build(ctx, p)
	if err != nil || len(sheets[0].Rows) != 1 || sheets[0].Rows[0][11] != "closed" || sheets[0].Rows[0][10] != "2026-11-24" {
		t.Fatalf("export after closing %+v %v", sheets, err)
	}
	mustSay(t, h.text(etHead, "/tindaklanjut"), "Tidak ada tindak lanjut")
}

func TestObjectionChangeToKurangOpensFollowUp(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.object()
	id := strconv.FormatInt(h.objectionOf(nipBudi).ID, 10)
	h.press(etKadis, 1, "kbr:ch:"+id)
	h.press(etKadis, 1, "kbr:h:"+id+":2")
	h.press(etKadis, 1, "kbr:p:"+id+":2:1")
	sent := h.text(etKadis, "Perilaku kerja terbukti tidak sesuai setelah diperiksa.")
	if e := h.evaluation(nipBudi); e.Predikat != kinerja.PredikatKurang {
		t.Fatalf("predikat %q", e.Predikat)
	}
	mustSay(t, evTo(sent, etHead), "Tindak lanjut diperlukan")
	list, err := h.DB.ListFollowUps(context.Background(), kinerja.FollowUpFilter{})
	if err != nil || len(list) != 1 || list[0].Predikat != kinerja.PredikatKurang {
		t.Fatalf("follow-ups %+v %v", list, err)
	}
}

// An objection decided after the unit's last confirmation runs the
// distribution check again: Sari's Butuh Perbaikan changed to Baik leaves
// the unit (predicate Baik) with three Baik of three and no Butuh
// Perbaikan, and her assessor and the admins are told.
func TestObjectionChangeRechecksDistribution(t *testing.T) {
	h := newEvalHarness(t)
	h.press(etAdmin, 1, "upr:s:PKM-TGR:2026-10:1")
	h.evaluate(etKadis, nipHead, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	sent := h.evaluate(etHead, nipSari, kinerja.RatingBelow, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	if p := h.evaluation(nipSari).Predikat; p != kinerja.PredikatButuhPerbaikan {
		t.Fatalf("Sari's predikat %q", p)
	}
	if len(evTo(sent, etAdmin)) != 0 {
		t.Fatalf("a breach reported while within the limits: %q", evTexts(evTo(sent, etAdmin)))
	}
	h.press(etSari, 1, "kbr:new:"+evKey(nipSari))
	h.text(etSari, "Capaian saya dihitung dari target yang salah.")
	o := h.objectionOf(nipSari)
	id := strconv.FormatInt(o.ID, 10)
	h.press(etKadis, 1, "kbr:ch:"+id)
	h.press(etKadis, 1, "kbr:h:"+id+":2")
	h.press(etKadis, 1, "kbr:p:"+id+":2:2")
	sent = h.text(etKadis, "Target bulan Oktober memang salah dimasukkan.")
	if p := h.evaluation(nipSari).Predikat; p != kinerja.PredikatBaik {
		t.Fatalf("after the change %q", p)
	}
	for _, who := range []int64{etHead, etAdmin} {
		mustSay(t, evTo(sent, who), "Sari", "berubah menjadi Baik", "Pemeriksaan distribusi unit Puskesmas Tanah Garam",
			"Baik paling banyak 70%")
	}
}

// An admin's correction of a locked result to Sangat Kurang opens a
// follow-up too.
func TestCorrectionToSangatKurangOpensFollowUp(t *testing.T) {
	h := newEvalHarness(t)
	h.evaluate(etHead, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	h.Now = h.Now.AddDate(0, 0, 20) // the objection window has closed
	k := nipBudi + ":" + october
	h.text(etAdmin, "/koreksi "+nipBudi+" "+october)
	h.press(etAdmin, 1, "kor:h:"+k+":1")
	h.press(etAdmin, 1, "kor:p:"+k+":1:1")
	sent := h.text(etAdmin, "Hasil audit menunjukkan laporan fiktif selama Oktober.")
	if p := h.evaluation(nipBudi).Predikat; p != kinerja.PredikatSangatKurang {
		t.Fatalf("after the correction %q", p)
	}
	mustSay(t, evTo(sent, etHead), "Tindak lanjut diperlukan", "Sangat Kurang")
	list, err := h.DB.ListFollowUps(context.Background(), kinerja.FollowUpFilter{HeadNIP: nipHead, OpenOnly: true})
	if err != nil || len(list) != 1 || list[0].Predikat != kinerja.PredikatSangatKurang {
		t.Fatalf("follow-ups %+v %v", list, err)
	}
}
