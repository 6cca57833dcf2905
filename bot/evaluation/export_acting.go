package evaluation

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// Who decided in whose place, for the evaluations export: an evaluation
// confirmed, or an objection decided, by someone acting for the assessor
// or reviewer (Plt/Plh), or by an admin for an outside top reviewer. The
// audit log is where this is recorded (auditOnBehalf), so the export reads
// it from there; one pass over the log per export.

// ActingHeader are the columns the evaluations export adds after
// EvaluationHeader's own: who confirmed the evaluation, on whose behalf
// (a NIP, or the name and position of an outside top reviewer) and under
// which kind of assignment (plt, plh; "" otherwise), and the same for the
// decision of an objection.
var ActingHeader = []string{
	"decided_by_nip", "on_behalf_of", "acting_kind",
	"objection_decided_by_nip", "objection_on_behalf_of", "objection_acting_kind",
}

// behalf is one decision as the audit log records it.
type behalf struct {
	by, forWho, kind string
}

// auditReader pages through the audit log.
type auditReader interface {
	AuditEntries(ctx context.Context, after int64, limit int) ([]*kinerja.AuditEntry, error)
}

// decisionsOf reads the audit log into the last decision of each
// evaluation ("evaluation/NIP/PERIOD") and objection ("objection/ID"):
// who made it and, when they acted in another's place, for whom. A later
// decision on the same thing (a reopened evaluation confirmed again)
// replaces the earlier one.
func decisionsOf(ctx context.Context, s auditReader) (map[string]behalf, error) {
	out := map[string]behalf{}
	var after int64
	for {
		page, err := s.AuditEntries(ctx, after, 1000)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			after = e.Seq
			key := e.Entity + "/" + e.EntityID
			switch e.Action {
			case "evaluation.confirm", "objection.uphold", "objection.change":
				out[key] = behalf{by: e.ActorNIP}
			case "evaluation.on_behalf", "objection.on_behalf":
				var v struct {
					By       string `json:"by"`
					Kind     string `json:"kind"`
					For      string `json:"on_behalf_of"`
					Name     string `json:"on_behalf_of_name"`
					Position string `json:"on_behalf_of_position"`
				}
				if json.Unmarshal([]byte(e.After), &v) != nil {
					continue
				}
				b := behalf{by: v.By, forWho: v.For, kind: v.Kind}
				if b.forWho == "" {
					b.forWho = strings.TrimSpace(v.Name + ", " + v.Position)
					b.forWho = strings.Trim(b.forWho, ", ")
				}
				out[key] = b
			}
		}
		if len(page) < 1000 {
			return out, nil
		}
	}
}

// actingCells are the ActingHeader cells of evaluation e and its objection
// o (nil when none).
func actingCells(d map[string]behalf, e *kinerja.Evaluation, o *kinerja.Objection) []string {
	ev := d["evaluation/"+e.NIP+"/"+e.Period]
	if ev.by == "" {
		ev.by = e.AssessorNIP
	}
	var ob behalf
	if o != nil && !o.DecidedAt.IsZero() {
		ob = d["objection/"+strconv.FormatInt(o.ID, 10)]
	}
	return []string{ev.by, ev.forWho, ev.kind, ob.by, ob.forWho, ob.kind}
}
