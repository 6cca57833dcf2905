package evaluation

import (
	"context"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
	"github.com/bkpsdm-solok/kinerjabot/bot"
	"github.com/bkpsdm-solok/kinerjabot/bot/jobs"
	"github.com/bkpsdm-solok/kinerjabot/scoring"
)

// The earlier assessors' ratings of their parts (evaluation.transfer_split).
// When a person moved to another assessor within the period, each earlier
// assessor rates the work results of the days the person spent under them
// (partchat.go); the assessor at the period's end rates nobody's part but
// decides the whole period. Once every earlier part with a result is
// rated, the proposal of work results combines the parts' ratings
// weighted by working days (scoring.CombineParts: Di Bawah 1, Sesuai 2,
// Di Atas 3, mean rounded half up), the final assessor's own part counting
// with its data proposal; until then it comes from the combined capaian.

// rateParts marks the final assessor's parts, sets each part's own
// proposal and attaches the earlier assessors' ratings to their parts. A
// rating given on another proposal than the part's current one (reports
// approved in the part since) no longer counts: the part is to be rated
// again.
func (f *Feature) rateParts(ctx context.Context, tx evidenceStore, nip string, p kinerja.Period, parts []kinerja.EvalPart) error {
	last := parts[len(parts)-1].AssessorNIP
	for i := range parts {
		pt := &parts[i]
		pt.Final = pt.AssessorNIP == last
		if pt.HasResult {
			pt.Proposed = f.cfg.Thresholds.Rate(pt.CapaianPct)
		}
	}
	rs, err := tx.ListPartRatings(ctx, kinerja.PartRatingFilter{NIP: nip, Period: p.String()})
	if err != nil {
		return err
	}
	for _, r := range rs {
		if i := partIndex(parts, r.AssessorNIP, r.From); i >= 0 && parts[i].Rateable() && r.Proposed == parts[i].Proposed {
			parts[i].Rated, parts[i].RatedReason, parts[i].RatedBy = r.Hasil, r.Reason, r.RatedBy
		}
	}
	return nil
}

// partIndex finds the part of assessor starting on day ("YYYY-MM-DD"), -1
// when there is none.
func partIndex(parts []kinerja.EvalPart, assessor, day string) int {
	for i, pt := range parts {
		if pt.AssessorNIP == assessor && partDay(pt) == day {
			return i
		}
	}
	return -1
}

// partDay is the part's first day, "YYYY-MM-DD" (From is local midnight).
func partDay(pt kinerja.EvalPart) string { return pt.From.Format("2006-01-02") }

// partsProposal combines the parts into the proposal of work results when
// there is an earlier part to rate and every one is rated: each earlier
// part counts with its assessor's rating, every other part with a result
// with its own proposal. mean is the weighted mean before rounding.
func partsProposal(parts []kinerja.EvalPart) (rt kinerja.Rating, mean float64, ok bool) {
	var scores []scoring.PartScore
	earlier := 0
	for _, pt := range parts {
		switch {
		case !pt.HasResult:
			continue
		case pt.Rateable():
			if !pt.Rated.Valid() {
				return kinerja.RatingNone, 0, false
			}
			earlier++
			scores = append(scores, scoring.PartScore{Rating: pt.Rated, Days: pt.WorkingDays})
		default:
			scores = append(scores, scoring.PartScore{Rating: pt.Proposed, Days: pt.WorkingDays})
		}
	}
	if earlier == 0 {
		return kinerja.RatingNone, 0, false
	}
	return scoring.CombineParts(scores)
}

// hasEarlierParts reports whether some part is an earlier assessor's to rate.
func hasEarlierParts(parts []kinerja.EvalPart) bool {
	for _, pt := range parts {
		if pt.Rateable() {
			return true
		}
	}
	return false
}

// partRatingLine is the line under an earlier part on the card: its
// assessor's rating with the reason of a departure, or "not rated yet".
func partRatingLine(lang kinerja.Lang, pt kinerja.EvalPart) string {
	if !pt.Rateable() {
		return ""
	}
	if !pt.Rated.Valid() {
		return "\n   " + bot.T(lang, "part.rating_none")
	}
	how := bot.T(lang, "eval.as_proposed")
	if pt.Rated != pt.Proposed {
		how = bot.T(lang, "eval.departed", ratingLabel(lang, pt.Proposed), pt.RatedReason)
	}
	line := "\n   " + bot.T(lang, "part.rating", ratingLabel(lang, pt.Rated), bot.Raw(how))
	if pt.RatedBy != "" && pt.RatedBy != pt.AssessorNIP {
		line += " " + bot.T(lang, "part.rated_acting")
	}
	return line
}

// partsBasisText says what the proposal of a split period rests on: the
// parts' ratings combined (with the sum), or the combined capaian while
// an earlier part is unrated, or the capaian when there is none to rate.
func (f *Feature) partsBasisText(lang kinerja.Lang, e *kinerja.Evaluation) string {
	combined := bot.T(lang, "eval.parts_combined", percent(lang, e.CapaianPct))
	if rt, mean, ok := partsProposal(e.Parts); ok {
		return combined + "\n" + bot.T(lang, "part.basis_ratings", decimal(lang, strconv.FormatFloat(mean, 'f', 2, 64)),
			ratingLabel(lang, rt))
	}
	if hasEarlierParts(e.Parts) {
		return combined + " " + bot.T(lang, "part.basis_waiting")
	}
	return combined + " " + bot.T(lang, "part.basis_capaian")
}

// partsSummary is the parts of an evaluation in one cell of the export:
// "2026-10-01..2026-10-14 198…(10 hari kerja) capaian 120.00 usulan Di
// Atas Ekspektasi; dinilai Di Atas Ekspektasi oleh 198…" per part (with
// "atas nama <assessor>" when an acting assessor rated), parts separated
// by " | ".
func partsSummary(e *kinerja.Evaluation) string {
	var out []string
	for _, pt := range e.Parts {
		var sb strings.Builder
		sb.WriteString(partDay(pt) + ".." + pt.To.AddDate(0, 0, -1).Format("2006-01-02") + " " + pt.AssessorNIP +
			" (" + strconv.Itoa(pt.WorkingDays) + " hari kerja)")
		if !pt.HasResult {
			sb.WriteString(" tanpa hasil")
			out = append(out, sb.String())
			continue
		}
		sb.WriteString(" capaian " + strconv.FormatFloat(pt.CapaianPct, 'f', 2, 64) + " usulan " + pt.Proposed.String())
		switch {
		case pt.Final:
			sb.WriteString("; penilai akhir")
		case pt.Rated.Valid():
			sb.WriteString("; dinilai " + pt.Rated.String() + " oleh " + pt.RatedBy)
			if pt.RatedBy != pt.AssessorNIP {
				sb.WriteString(" atas nama " + pt.AssessorNIP) // an acting assessor (Plt/Plh)
			}
			if pt.RatedReason != "" {
				sb.WriteString(" (alasan: " + pt.RatedReason + ")")
			}
		case pt.Rateable():
			sb.WriteString("; belum dinilai")
		}
		out = append(out, sb.String())
	}
	return strings.Join(out, " | ")
}

// partsBasis names the basis of a split evaluation's proposal for the
// export: "part_ratings", "capaian" or "" when the period was not split.
func partsBasis(e *kinerja.Evaluation) string {
	if len(e.Parts) == 0 {
		return ""
	}
	if _, _, ok := partsProposal(e.Parts); ok {
		return "part_ratings"
	}
	return "capaian"
}

// withPartsToRate adds to list, by assessor, the earlier parts of p still
// to rate: unrated, of a person whose work result of p is not decided
// yet. Only people with more than one assessor within p are measured.
func (f *Feature) withPartsToRate(ctx context.Context, tx kinerja.Tx, p kinerja.Period, list []jobs.UnfinishedEvaluations) ([]jobs.UnfinishedEvaluations, error) {
	if !f.cfg.TransferSplit {
		return list, nil
	}
	loc := f.deps.Location
	spans, err := tx.SuperiorSpansDuring(ctx, p.Start(loc), p.End(loc))
	if err != nil {
		return nil, err
	}
	var order []string
	sups := map[string]map[string]bool{} // each person's superiors within p
	for _, sp := range spans {
		if sups[sp.NIP] == nil {
			sups[sp.NIP], order = map[string]bool{}, append(order, sp.NIP)
		}
		sups[sp.NIP][sp.SuperiorNIP] = true
	}
	at := map[string]int{}
	for i, u := range list {
		at[u.AssessorNIP] = i
	}
	for _, nip := range order {
		if len(sups[nip]) < 2 {
			continue // one assessor all along: no earlier part
		}
		e, err := tx.Evaluation(ctx, nip, p.String())
		if err == nil && (e.Status != kinerja.EvalDraft || e.DecidedHasil.Valid()) {
			continue
		} else if err != nil && kinerja.ErrorCode(err) != kinerja.ENotFound {
			return nil, err
		}
		st, err := tx.Staff(ctx, nip)
		if kinerja.ErrorCode(err) == kinerja.ENotFound {
			continue
		} else if err != nil {
			return nil, err
		}
		ev, err := f.gatherEvidence(ctx, tx, st, p)
		if err != nil {
			return nil, err
		}
		for _, pt := range ev.parts {
			if !pt.Rateable() || pt.Rated.Valid() {
				continue
			}
			i, seen := at[pt.AssessorNIP]
			if !seen {
				i = len(list)
				at[pt.AssessorNIP] = i
				list = append(list, jobs.UnfinishedEvaluations{AssessorNIP: pt.AssessorNIP})
			}
			list[i].Parts++
			// The overview's own button: no role is needed to press it.
			list[i].OpenParts = nilaiButtons.Data("o", p.String())
		}
	}
	return list, nil
}
