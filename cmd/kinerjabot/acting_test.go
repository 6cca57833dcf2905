package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// pilotRoster has four units whose four heads have no NIP Atasan.
const pilotRoster = `NIP,Nama,Jabatan,Kode Unit,Nama Unit,NIP Atasan,Peran
197208201998032004,dr. Yulia Rahmi,Kepala Puskesmas,PKM-TGR,Puskesmas Tanah Garam,,
199003032015032003,Siti Aminah,Bidan,PKM-TGR,Puskesmas Tanah Garam,197208201998032004,
199001102014031001,dr. Hendra Saputra,Dokter,PKM-TGR,Puskesmas Tanah Garam,197208201998032004,
197511052000121001,Ir. Afrizal,Kepala Dinas,DUKCAPIL,Dinas Dukcapil,,
198202142006042002,Desi Marlina,Kepala Bidang,DUKCAPIL,Dinas Dukcapil,197511052000121001,
197306111999031003,Syafrizal,Kepala Dinas,DPMPTSP,DPMPTSP,,
197307071998031005,Zulkifli,Kepala BKPSDM,BKPSDM,BKPSDM,,
198103102006041001,Andi Pratama,Analis SDM,BKPSDM,BKPSDM,197307071998031005,admin
`

func TestPilotRosterListsBackWithNoChange(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	code, stdout, stderr := run(t, db, "roster", "import", writeFile(t, "pilot.csv", pilotRoster))
	if code != exitOK || !strings.Contains(stdout, "Pegawai: 8 baru") || !strings.Contains(stdout, "4 pegawai tanpa NIP Atasan") {
		t.Fatalf("import: %d %q %q", code, stdout, stderr)
	}
	_, list, _ := run(t, db, "roster", "list")
	code, stdout, stderr = run(t, db, "roster", "import", writeFile(t, "all.csv", list))
	if code != exitOK || !strings.Contains(stdout, "Tidak ada perubahan.") || !strings.Contains(stdout, "0 baru, 0 diubah, 8 tetap") {
		t.Fatalf("re-import of the listing: %d %q %q", code, stdout, stderr)
	}
}

func TestActingCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "k.db")
	if code, _, stderr := run(t, db, "roster", "import", writeFile(t, "pilot.csv", pilotRoster)); code != exitOK {
		t.Fatal(stderr)
	}
	const yulia, hendra, siti = "197208201998032004", "199001102014031001", "199003032015032003"
	code, stdout, stderr := run(t, db, "acting", "--for", yulia, "--by", hendra, "--from", "2026-11-02", "--to", "2026-11-06", "--kind", "plh")
	if code != exitOK || !strings.HasPrefix(stdout, "1\tPLH") {
		t.Fatalf("acting: %d %q %q", code, stdout, stderr)
	}
	code, _, stderr = run(t, db, "acting", "--for", yulia, "--by", siti, "--from", "2026-11-05", "--to", "2026-11-20", "--kind", "plt")
	if code != exitFailed || !strings.Contains(stderr, "tumpang tindih") {
		t.Fatalf("overlap: %d %q", code, stderr)
	}
	code, _, stderr = run(t, db, "acting", "--for", yulia, "--by", "199999999999999999", "--from", "2026-12-01", "--to", "2026-12-02")
	if code != exitFailed || !strings.Contains(stderr, "tidak ada di daftar pegawai") {
		t.Fatalf("outsider: %d %q", code, stderr)
	}
	if code, _, stderr := run(t, db, "acting", "--for", yulia, "--by", hendra, "--from", "2026-12-05", "--to", "2026-12-01"); code != exitFailed || stderr == "" {
		t.Fatalf("reversed dates: %d %q", code, stderr)
	}
	_, list, _ := run(t, db, "acting", "list")
	if strings.Count(list, "\n") != 1 || !strings.Contains(list, hendra+" acts for "+yulia) {
		t.Fatalf("list: %q", list)
	}
	if code, _, stderr := run(t, db, "acting", "end", "1"); code != exitOK {
		t.Fatalf("end: %s", stderr)
	}
	if _, list, _ := run(t, db, "acting", "list"); list != "" {
		t.Fatalf("list after end: %q", list)
	}
	if _, list, _ := run(t, db, "acting", "list", "--all"); !strings.Contains(list, "ended") {
		t.Fatalf("list --all: %q", list)
	}
}

// The import of a roster with tops says when no top reviewer is configured
// (the tops then cannot be evaluated in the bot, nor their subordinates
// object), and not when one is.
func TestPilotRosterSaysWhenNoTopReviewerIsConfigured(t *testing.T) {
	file := writeFile(t, "pilot.csv", pilotRoster)
	_, stdout, _ := run(t, filepath.Join(t.TempDir(), "k.db"), "roster", "import", file)
	if !strings.Contains(stdout, "Penilai puncak belum dikonfigurasi (evaluation.top_reviewer)") {
		t.Fatalf("no word of the missing top reviewer: %q", stdout)
	}
	cfg := writeConfig(t, "evaluation:\n  top_reviewer:\n    name: Drs. H. Rusdi Hamdani, M.Si.\n    position: Sekretaris Daerah\n")
	code, stdout, stderr := run(t, filepath.Join(t.TempDir(), "k.db"), "--config", cfg, "roster", "import", file)
	if code != exitOK || !strings.Contains(stdout, "4 pegawai tanpa NIP Atasan") || strings.Contains(stdout, "belum dikonfigurasi") {
		t.Fatalf("with a top reviewer: %d %q %q", code, stdout, stderr)
	}
}
