package evaluation

import (
	"context"
	"strings"
	"testing"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/bottest"
)

// The button data of Rina's part of Budi's October (it starts on the 1st).
const (
	rinaPart = "nil:pv:" + nipBudi + ":" + october + ":20261001"
	rinaRate = "nil:pk:" + nipBudi + ":" + october + ":20261001:"
)

// partRatings reads the stored ratings of Budi's October.
func (h *evalHarness) partRatings() []*kinerja.PartRating {
	h.T.Helper()
	rs, err := h.DB.ListPartRatings(context.Background(), kinerja.PartRatingFilter{NIP: nipBudi, Period: october})
	if err != nil {
		h.T.Fatal(err)
	}
	return rs
}

// yusufCard opens Budi's card as Yusuf, the assessor at October's end.
func (h *evalHarness) yusufCard() []bot.OutMessage {
	return h.tap(etYusuf, h.text(etYusuf, "/nilai"), "nil:s:"+evKey(nipBudi))
}

// TestEarlierAssessorRatesTheirPart: with Budi moved on the 15th, Rina
// finds his first part in her /nilai, sees its numbers and proposal (Di
// Atas, 120%), and accepts it with one press. Yusuf is told; his card
// shows her rating, and the proposal now combines the ratings: Di Atas
// for 10 days and his own part's Di Bawah for 12 is (3×10 + 1×12)/22 =
// 1,91 → Sesuai, where the combined capaian (84,55%) proposed Di Bawah.
func TestEarlierAssessorRatesTheirPart(t *testing.T) {
	h := movedOn15th(t, true)
	card := h.yusufCard()
	mustSay(t, card, "Nilai atasan bagian ini: <i>belum dinilai</i>",
		"84,55% (dasar usulan selama bagian atasan sebelumnya belum dinilai)")
	if e := h.evaluation(nipBudi); e.ProposedHasil != kinerja.RatingBelow {
		t.Fatalf("proposal before the rating %v, want Di Bawah from the capaian", e.ProposedHasil)
	}

	over := h.text(etHead, "/nilai")
	mustSay(t, over, "Bagian yang Anda nilai", "Budi Santoso — 1 Oktober 2026–14 Oktober 2026: belum dinilai")
	part := h.tap(etHead, over, rinaPart)
	mustSay(t, part, "Penilaian bagian — Oktober 2026",
		"1 Oktober 2026–14 Oktober 2026, 10 hari kerja, 1 laporan disetujui, capaian 120,00% → usulan <b>Di Atas Ekspektasi</b>",
		"Penilaian akhir periode oleh Ns. Yusuf")
	if !evHasButton(part, rinaRate+"1") || !evHasButton(part, rinaRate+"2") {
		t.Fatalf("no rating buttons: %q", evTexts(part))
	}
	saved := h.tap(etHead, part, rinaRate+"3")
	mustSay(t, saved, "Nilai bagian tersimpan", "Nilai atasan bagian ini: <b>Di Atas Ekspektasi</b> (sesuai usulan)")
	mustSay(t, evTo(saved, etYusuf), "dr. Rina Marlina menilai bagian Budi Santoso", "<b>Di Atas Ekspektasi</b>")

	rs := h.partRatings()
	if len(rs) != 1 || rs[0].Hasil != kinerja.RatingAbove || rs[0].RatedBy != nipHead || rs[0].OnBehalfOf != "" ||
		rs[0].AssessorNIP != nipHead || rs[0].From != "2026-10-01" || rs[0].WorkingDays != 10 {
		t.Fatalf("stored %+v", rs)
	}
	card = h.yusufCard()
	mustSay(t, card, "Nilai atasan bagian ini: <b>Di Atas Ekspektasi</b> (sesuai usulan)",
		"Usulan dari nilai tiap bagian", "1,91 → <b>Sesuai Ekspektasi</b> (dasar usulan)",
		"Usulan hasil kerja: <b>Sesuai Ekspektasi</b>")
	e := h.evaluation(nipBudi)
	if e.ProposedHasil != kinerja.RatingMeets || e.Parts[0].Rated != kinerja.RatingAbove || !e.Parts[1].Final {
		t.Fatalf("proposal %v, parts %+v", e.ProposedHasil, e.Parts)
	}
	if n := auditCount(t, h, "evaluation_part.rate"); n != 1 {
		t.Errorf("%d audit entries of the rating, want 1", n)
	}
	if en := h.f.partsText(kinerja.LangEN, e); !strings.Contains(en, "This part's assessor's rating: <b>") ||
		!strings.Contains(en, "1.91 → <b>") {
		t.Errorf("English parts: %q", en)
	}
}

// auditCount counts the audit entries of action.
func auditCount(t *testing.T, h *evalHarness, action string) int {
	t.Helper()
	es, err := h.DB.AuditEntries(context.Background(), 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range es {
		if e.Action == action {
			n++
		}
	}
	return n
}

// TestPartRatingDepartureNeedsReason: a rating other than the part's
// proposal is not stored until a reason of the required length is typed.
// With Budi moved on the 16th both parts have 11 working days, so Rina's
// Sesuai against Yusuf's part's Di Bawah is exactly (2 + 1)/2 = 1,5,
// which rounds up to Sesuai; her change to Di Bawah makes it 1 → Di Bawah.
func TestPartRatingDepartureNeedsReason(t *testing.T) {
	h := newEvalHarness(t)
	h.f.cfg.TransferSplit = true
	moveBudi(t, h, 16, 70, 30)

	part := h.tap(etHead, h.text(etHead, "/nilai"), rinaPart)
	mustSay(t, part, "11 hari kerja", "usulan <b>Di Atas Ekspektasi</b>")
	ask := h.tap(etHead, part, rinaRate+"2")
	mustSay(t, ask, "Anda memilih <b>Sesuai Ekspektasi</b>, berbeda dari usulan <b>Di Atas Ekspektasi</b>")
	if rs := h.partRatings(); len(rs) != 0 {
		t.Fatalf("a departure stored before its reason: %+v", rs)
	}
	short := h.text(etHead, "kurang")
	if len(h.partRatings()) != 0 || len(short) == 0 || strings.Contains(strings.Join(evTexts(short), "\n"), "tersimpan") {
		t.Fatalf("a short reason was taken: %q", evTexts(short))
	}
	saved := h.text(etHead, "Sebagian laporan bulan ini belum lengkap buktinya.")
	mustSay(t, saved, "Nilai bagian tersimpan", "<b>Sesuai Ekspektasi</b> (usulan: Di Atas Ekspektasi; alasan: <i>Sebagian laporan")
	if rs := h.partRatings(); len(rs) != 1 || rs[0].Hasil != kinerja.RatingMeets || rs[0].Proposed != kinerja.RatingAbove ||
		!strings.HasPrefix(rs[0].Reason, "Sebagian laporan") {
		t.Fatalf("stored %+v", rs)
	}
	card := h.yusufCard()
	mustSay(t, card, "alasan: <i>Sebagian laporan bulan ini belum lengkap buktinya.</i>", "1,50 → <b>Sesuai Ekspektasi</b>")
	if e := h.evaluation(nipBudi); e.ProposedHasil != kinerja.RatingMeets {
		t.Fatalf("1,5 proposed %v, want Sesuai (half rounds up)", e.ProposedHasil)
	}

	// She may change it while Yusuf has not decided.
	h.tap(etHead, h.text(etHead, "/nilai"), rinaPart)
	h.press(etHead, 1, rinaRate+"1")
	h.text(etHead, "Target bagian ini jauh dari tercapai setelah diperiksa.")
	mustSay(t, h.yusufCard(), "1,00 → <b>Di Bawah Ekspektasi</b>")
	if e := h.evaluation(nipBudi); e.ProposedHasil != kinerja.RatingBelow {
		t.Fatalf("after the change proposed %v, want Di Bawah", e.ProposedHasil)
	}
	if n := auditCount(t, h, "evaluation_part.rate"); n != 2 {
		t.Errorf("%d audit entries, want one per rating", n)
	}
}

// TestPartRatingLockedAfterDecision: once Yusuf has decided Budi's
// October, Rina's part shows the lock and a press changes nothing.
func TestPartRatingLockedAfterDecision(t *testing.T) {
	h := movedOn15th(t, true)
	h.tap(etHead, h.tap(etHead, h.text(etHead, "/nilai"), rinaPart), rinaRate+"3")
	h.evaluate(etYusuf, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)

	over := h.text(etHead, "/nilai")
	mustSay(t, over, "🔒 Budi Santoso — 1 Oktober 2026–14 Oktober 2026: Di Atas Ekspektasi")
	part := h.tap(etHead, over, rinaPart)
	mustSay(t, part, "sudah diputuskan oleh Ns. Yusuf")
	if evHasButton(part, rinaRate) {
		t.Fatalf("rating buttons on a locked part: %q", evTexts(part))
	}
	refused := h.press(etHead, 1, rinaRate+"1")
	mustSay(t, refused, "sudah diputuskan oleh Ns. Yusuf")
	if rs := h.partRatings(); len(rs) != 1 || rs[0].Hasil != kinerja.RatingAbove {
		t.Fatalf("a locked rating changed: %+v", rs)
	}
	// The confirmed evaluation keeps the rating and its basis in the export.
	rows, err := h.f.EvaluationTable(context.Background(), octoberPeriod(t))
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	row := rows[1]
	if got := row[col["parts"]]; !strings.Contains(got, "2026-10-01..2026-10-14 "+nipHead+" (10 hari kerja) capaian 120.00 usulan Di Atas Ekspektasi; dinilai Di Atas Ekspektasi oleh "+nipHead) ||
		!strings.Contains(got, " | 2026-10-15..2026-10-31 "+bottest.NIPOtherBos) || !strings.Contains(got, "penilai akhir") {
		t.Errorf("parts cell %q", got)
	}
	if got := row[col["parts_basis"]]; got != "part_ratings" {
		t.Errorf("parts_basis %q", got)
	}
	if rows[0][0] != "nip" || rows[0][len(EvaluationHeader)] != ActingHeader[0] {
		t.Errorf("the existing columns moved: %v", rows[0])
	}
}

// TestActingRatesPartOnBehalf: while drg. Hendra acts for Rina, he finds
// her part in his /nilai and rates it; the rating and the audit log say
// he did so on her behalf.
func TestActingRatesPartOnBehalf(t *testing.T) {
	h := movedOn15th(t, true)
	h.act(nipHead, nipKadis)
	over := h.text(etKadis, "/nilai")
	mustSay(t, over, "Bagian yang Anda nilai", "Budi Santoso — 1 Oktober 2026–14 Oktober 2026")
	part := h.tap(etKadis, over, rinaPart)
	mustSay(t, part, "Anda menilai sebagai Plt/Plh atas nama dr. Rina Marlina")
	h.tap(etKadis, part, rinaRate+"3")
	rs := h.partRatings()
	if len(rs) != 1 || rs[0].RatedBy != nipKadis || rs[0].OnBehalfOf != nipHead || rs[0].AssessorNIP != nipHead {
		t.Fatalf("stored %+v", rs)
	}
	if n := auditCount(t, h, "evaluation_part.on_behalf"); n != 1 {
		t.Errorf("%d on-behalf entries, want 1", n)
	}
	mustSay(t, h.yusufCard(), "diberikan oleh Plt/Plh atas nama beliau")
	h.evaluate(etYusuf, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	rows, err := h.f.EvaluationTable(context.Background(), octoberPeriod(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := rows[1][len(rows[1])-2]; !strings.Contains(got, "dinilai Di Atas Ekspektasi oleh "+nipKadis+" atas nama "+nipHead) {
		t.Errorf("parts cell %q", got)
	}
	// Sari, still Rina's at October's end, is no part to rate.
	if evHasButton(over, "nil:pv:"+nipSari) {
		t.Errorf("a part offered for someone who did not move: %q", evTexts(over))
	}
}

// TestPartRatingOthersRefused: Yusuf (the final assessor) and Sari may
// not rate Rina's part.
func TestPartRatingOthersRefused(t *testing.T) {
	h := movedOn15th(t, true)
	for _, from := range []int64{etYusuf, etSari} {
		mustSay(t, h.press(from, 1, rinaRate+"3"), "bukan bagian yang Anda nilai")
	}
	if rs := h.partRatings(); len(rs) != 0 {
		t.Fatalf("stored %+v", rs)
	}
}

// TestPartRatingSplitOff: with evaluation.transfer_split off nothing of
// this shows: no parts in Rina's /nilai, a part button is refused, and
// the export's parts cells are empty.
func TestPartRatingSplitOff(t *testing.T) {
	h := movedOn15th(t, false)
	if over := h.text(etHead, "/nilai"); evHasButton(over, "nil:pv:") ||
		strings.Contains(strings.Join(evTexts(over), "\n"), "Bagian yang Anda nilai") {
		t.Fatalf("parts offered with the split off: %q", evTexts(over))
	}
	mustSay(t, h.press(etHead, 1, rinaPart), "bukan bagian yang Anda nilai")
	h.evaluate(etYusuf, nipBudi, kinerja.RatingMeets, evAll7(kinerja.RatingMeets), kinerja.RatingMeets)
	rows, err := h.f.EvaluationTable(context.Background(), octoberPeriod(t))
	if err != nil {
		t.Fatal(err)
	}
	n := len(rows[0])
	if rows[0][n-2] != "parts" || rows[1][n-2] != "" || rows[1][n-1] != "" {
		t.Fatalf("parts columns with the split off: %v / %v", rows[0], rows[1])
	}
	if left, err := h.f.Unfinished(context.Background(), h.DB, octoberPeriod(t)); err != nil {
		t.Fatal(err)
	} else {
		for _, u := range left {
			if u.Parts != 0 {
				t.Errorf("parts to rate with the split off: %+v", u)
			}
		}
	}
}

// TestUnfinishedCountsPartsToRate: the evaluation reminder's source
// counts Rina's unrated part until she rates it.
func TestUnfinishedCountsPartsToRate(t *testing.T) {
	h := movedOn15th(t, true)
	p := octoberPeriod(t)
	parts := func() int {
		left, err := h.f.Unfinished(context.Background(), h.DB, p)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range left {
			if u.AssessorNIP == nipHead {
				return u.Parts
			}
		}
		return 0
	}
	if n := parts(); n != 1 {
		t.Fatalf("Rina's parts to rate %d, want 1", n)
	}
	h.tap(etHead, h.tap(etHead, h.text(etHead, "/nilai"), rinaPart), rinaRate+"3")
	if n := parts(); n != 0 {
		t.Fatalf("after rating, parts to rate %d, want 0", n)
	}
}

// octoberPeriod is October 2026.
func octoberPeriod(t *testing.T) kinerja.Period {
	t.Helper()
	p, err := kinerja.ParsePeriod(october)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestFormerAssessorWithoutStaffRatesFromReminder: when Sari too left
// Rina (for all of October), Rina has nobody to assess and /nilai is not
// hers, but the reminder of her part carries the overview's own button,
// from which she rates Budi's part.
func TestFormerAssessorWithoutStaffRatesFromReminder(t *testing.T) {
	h := movedOn15th(t, true)
	ctx := context.Background()
	sari, err := h.DB.Staff(ctx, nipSari)
	if err != nil {
		t.Fatal(err)
	}
	sari.SuperiorNIP = bottest.NIPOtherBos
	if _, err := h.DB.MoveStaff(ctx, sari, h.Now, kinerja.Date(2026, 10, 1, bottest.WIB)); err != nil {
		t.Fatal(err)
	}
	mustSay(t, h.text(etHead, "/nilai"), "tidak tersedia untuk peran Anda")
	left, err := h.f.Unfinished(ctx, h.DB, octoberPeriod(t))
	if err != nil {
		t.Fatal(err)
	}
	var open string
	for _, u := range left {
		if u.AssessorNIP == nipHead {
			if u.Count != 0 || u.Parts != 1 {
				t.Fatalf("Rina's %+v", u)
			}
			open = u.OpenParts
		}
	}
	if open != "nil:o:"+october {
		t.Fatalf("open button %q in %+v", open, left)
	}
	over := h.press(etHead, 1, open)
	mustSay(t, over, "Bagian yang Anda nilai", "Budi Santoso — 1 Oktober 2026–14 Oktober 2026: belum dinilai")
	h.tap(etHead, h.tap(etHead, over, rinaPart), rinaRate+"3")
	if rs := h.partRatings(); len(rs) != 1 || rs[0].Hasil != kinerja.RatingAbove {
		t.Fatalf("stored %+v", rs)
	}
}
