package practice

import (
	"context"
	"fmt"
	"time"

	kinerja "github.com/bkpsdm-solok/kinerjabot"
)

// mainReader is what seeding reads from the main database; a kinerja.Tx
// satisfies it.
type mainReader interface {
	Staff(ctx context.Context, nip string) (*kinerja.Staff, error)
	ListStaff(ctx context.Context, f kinerja.StaffFilter) ([]*kinerja.Staff, error)
	Unit(ctx context.Context, code string) (*kinerja.Unit, error)
	Account(ctx context.Context, telegramID int64) (*kinerja.Account, error)
	TargetsFor(ctx context.Context, nip string, month kinerja.Period) ([]*kinerja.Target, error)
}

// seeded says what seeding put in the sandbox for the person.
type seeded struct {
	assessor    bool   // the person has a practice subordinate
	superior    string // the name of whoever decides the person's practice reports
	superiorSim bool   // that superior is invented
}

// inventedNIP is an 18-digit NIP no real person has (its birth year would
// begin with lead), derived from a real one so each person gets their own.
func inventedNIP(lead byte, nip string, tid int64) string {
	if len(nip) == 18 {
		return string(lead) + nip[1:]
	}
	return fmt.Sprintf("%c%017d", lead, tid%100000000000000000)
}

// seed copies the person into the sandbox: their unit (without its group
// chat), themselves linked to their Telegram account, their language,
// their targets of the month (or two practice targets), and whoever
// decides their reports: their real assessor as a copy (who sees the
// practice reports once they practise too) or an invented one. An
// assessor also gets an invented subordinate with two pending practice
// reports to decide.
func (f *Feature) seed(ctx context.Context, main mainReader, sb kinerja.Tx, st *kinerja.Staff, tid int64, now time.Time) (seeded, error) {
	var out seeded
	loc := f.deps.Location
	month := kinerja.MonthOf(now, loc)
	if err := copyUnit(ctx, main, sb, st.UnitCode); err != nil {
		return out, err
	}
	self := *st
	self.TelegramID = 0
	if self.SuperiorNIP != "" {
		boss, err := main.Staff(ctx, self.SuperiorNIP)
		if err != nil {
			return out, err
		}
		if err := copyUnit(ctx, main, sb, boss.UnitCode); err != nil {
			return out, err
		}
		if err := putIfMissing(ctx, sb, boss, now); err != nil {
			return out, err
		}
		out.superior = boss.Name
	} else {
		boss := &kinerja.Staff{NIP: inventedNIP('8', st.NIP, tid), Name: "Penilai Latihan",
			Position: "Atasan (latihan)", UnitCode: st.UnitCode}
		if err := putIfMissing(ctx, sb, boss, now); err != nil {
			return out, err
		}
		self.SuperiorNIP = boss.NIP
		out.superior, out.superiorSim = boss.Name, true
	}
	if _, err := sb.PutStaff(ctx, &self, now); err != nil {
		return out, err
	}
	if err := sb.LinkTelegram(ctx, st.NIP, tid); err != nil {
		return out, err
	}
	acc := &kinerja.Account{TelegramID: tid, UpdatedAt: now}
	if a, err := main.Account(ctx, tid); err == nil {
		acc.Lang = a.Lang
	}
	if err := sb.PutAccount(ctx, acc); err != nil {
		return out, err
	}
	if err := copyTargets(ctx, main, sb, st.NIP, month); err != nil {
		return out, err
	}
	subs, err := main.ListStaff(ctx, kinerja.StaffFilter{SuperiorNIP: st.NIP})
	if err != nil {
		return out, err
	}
	if len(subs) > 0 {
		out.assessor = true
		if err := seedSubordinate(ctx, sb, st, tid, now, loc, month); err != nil {
			return out, err
		}
	}
	return out, nil
}

// copyUnit copies a unit without its group chat, so no summary of practice
// reaches a real group.
func copyUnit(ctx context.Context, main mainReader, sb kinerja.Tx, code string) error {
	u, err := main.Unit(ctx, code)
	if kinerja.ErrorCode(err) == kinerja.ENotFound {
		u = &kinerja.Unit{Code: code, Name: code}
	} else if err != nil {
		return err
	}
	cp := *u
	cp.GroupChatID = 0
	_, err = sb.PutUnit(ctx, &cp)
	return err
}

// putIfMissing adds a person to the sandbox unless already there (a copy
// made for someone else's practice, perhaps linked).
func putIfMissing(ctx context.Context, sb kinerja.Tx, st *kinerja.Staff, now time.Time) error {
	_, err := sb.Staff(ctx, st.NIP)
	if err == nil || kinerja.ErrorCode(err) != kinerja.ENotFound {
		return err
	}
	cp := *st
	cp.TelegramID = 0
	_, err = sb.PutStaff(ctx, &cp, now)
	return err
}

// copyTargets copies the person's targets of the month, or adds two
// practice targets when they have none.
func copyTargets(ctx context.Context, main mainReader, sb kinerja.Tx, nip string, month kinerja.Period) error {
	ts, err := main.TargetsFor(ctx, nip, month)
	if err != nil {
		return err
	}
	if len(ts) == 0 {
		ts = practiceTargets(nip, month)
	}
	for _, t := range ts {
		cp := *t
		cp.ID = 0
		if _, err := sb.PutTarget(ctx, &cp); err != nil {
			return err
		}
	}
	return nil
}

// practiceTargets are two invented targets of the month.
func practiceTargets(nip string, month kinerja.Period) []*kinerja.Target {
	return []*kinerja.Target{
		{NIP: nip, Period: month.String(), Code: "LATIHAN-1", Name: "Kegiatan latihan", Unit: "kegiatan",
			Target: 10, Direction: kinerja.HigherIsBetter},
		{NIP: nip, Period: month.String(), Code: "LATIHAN-2", Name: "Dokumen latihan", Unit: "dokumen",
			Target: 5, Direction: kinerja.HigherIsBetter},
	}
}

// seedSubordinate adds the assessor's invented subordinate "Pegawai
// Latihan" with practice targets and two pending reports (once).
func seedSubordinate(ctx context.Context, sb kinerja.Tx, boss *kinerja.Staff, tid int64, now time.Time, loc *time.Location, month kinerja.Period) error {
	sub := &kinerja.Staff{NIP: inventedNIP('9', boss.NIP, tid), Name: "Pegawai Latihan",
		Position: "Pelaksana (latihan)", UnitCode: boss.UnitCode, SuperiorNIP: boss.NIP}
	if _, err := sb.Staff(ctx, sub.NIP); err == nil {
		return nil // seeded by an earlier practice still in the sandbox
	} else if kinerja.ErrorCode(err) != kinerja.ENotFound {
		return err
	}
	if _, err := sb.PutStaff(ctx, sub, now); err != nil {
		return err
	}
	ts := practiceTargets(sub.NIP, month)
	for _, t := range ts {
		if _, err := sb.PutTarget(ctx, t); err != nil {
			return err
		}
	}
	day := kinerja.Day(now, loc)
	for i, d := range []string{"Menyusun notulen rapat koordinasi (contoh latihan)", "Mengarsipkan surat masuk (contoh latihan)"} {
		rep := &kinerja.Report{NIP: sub.NIP, TargetID: ts[i].ID, WorkDate: kinerja.DayString(day.AddDate(0, 0, -i), loc),
			Quantity: float64(2 + i), Description: d, Status: kinerja.ReportPending, AssessorNIP: boss.NIP,
			CreatedAt: now, UpdatedAt: now}
		if rep.Period() != month.String() {
			rep.WorkDate = kinerja.DayString(day, loc)
		}
		if err := sb.CreateReport(ctx, rep); err != nil {
			return err
		}
	}
	return nil
}
