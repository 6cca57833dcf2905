package kinerja

// Rating is one of the three levels used for work results (hasil kerja),
// work behaviour (perilaku kerja) and each BerAKHLAK value
// (PermenPANRB 6/2022). The zero value means "not rated".
type Rating int

// The three levels, ordered so that a greater value is a better rating.
const (
	RatingNone  Rating = 0
	RatingBelow Rating = 1 // Di Bawah Ekspektasi
	RatingMeets Rating = 2 // Sesuai Ekspektasi
	RatingAbove Rating = 3 // Di Atas Ekspektasi
)

// Valid reports whether r is one of the three levels.
func (r Rating) Valid() bool { return r >= RatingBelow && r <= RatingAbove }

// String returns the regulation's Indonesian name, used in exports.
func (r Rating) String() string {
	switch r {
	case RatingBelow:
		return "Di Bawah Ekspektasi"
	case RatingMeets:
		return "Sesuai Ekspektasi"
	case RatingAbove:
		return "Di Atas Ekspektasi"
	}
	return ""
}

// Predikat is the performance predicate of a person for a period
// (PermenPANRB 6/2022). The five values are never merged.
type Predikat string

// The five predicates, best first.
const (
	PredikatSangatBaik     Predikat = "Sangat Baik"
	PredikatBaik           Predikat = "Baik"
	PredikatButuhPerbaikan Predikat = "Butuh Perbaikan"
	PredikatKurang         Predikat = "Kurang/Misconduct"
	PredikatSangatKurang   Predikat = "Sangat Kurang"
)

// Predikats lists the five predicates, best first.
var Predikats = []Predikat{PredikatSangatBaik, PredikatBaik, PredikatButuhPerbaikan, PredikatKurang, PredikatSangatKurang}

// OrgPredikat is an organisation's (unit's) own predicate, set by its
// superior; it caps how staff predicates may be spread (SE MenPANRB 3/2023).
type OrgPredikat string

// The five organisation predicates, best first.
const (
	OrgIstimewa       OrgPredikat = "Istimewa"
	OrgBaik           OrgPredikat = "Baik"
	OrgButuhPerbaikan OrgPredikat = "Butuh Perbaikan"
	OrgKurang         OrgPredikat = "Kurang"
	OrgSangatKurang   OrgPredikat = "Sangat Kurang"
)

// OrgPredikats lists the five organisation predicates, best first.
var OrgPredikats = []OrgPredikat{OrgIstimewa, OrgBaik, OrgButuhPerbaikan, OrgKurang, OrgSangatKurang}

// Direction says whether a higher or a lower realisation is better.
type Direction string

// Directions of an indicator; "naik" and "turun" in the targets file.
const (
	HigherIsBetter Direction = "naik"
	LowerIsBetter  Direction = "turun"
)

// CoreValue is one of the seven ASN core values (BerAKHLAK, SE MenPANRB
// 20/2021) against which work behaviour is rated.
type CoreValue string

// The seven BerAKHLAK values, in their official order.
const (
	ValueBerorientasiPelayanan CoreValue = "berorientasi_pelayanan"
	ValueAkuntabel             CoreValue = "akuntabel"
	ValueKompeten              CoreValue = "kompeten"
	ValueHarmonis              CoreValue = "harmonis"
	ValueLoyal                 CoreValue = "loyal"
	ValueAdaptif               CoreValue = "adaptif"
	ValueKolaboratif           CoreValue = "kolaboratif"
)

// CoreValues lists the seven values in order.
var CoreValues = []CoreValue{
	ValueBerorientasiPelayanan, ValueAkuntabel, ValueKompeten, ValueHarmonis,
	ValueLoyal, ValueAdaptif, ValueKolaboratif,
}
