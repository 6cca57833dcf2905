// Package kinerja holds the domain of kinerjabot: the nouns of ASN performance
// appraisal in Solok (staff, units, indicators, work reports, citizen survey
// responses, evaluations, periods) and the small interfaces through which the
// rest of the program stores and reads them.
//
// It imports the standard library only. Rules that compute something
// (IKM, capaian, predikat) live in package scoring; the database lives in
// package storage; conversations live in package bot.
package kinerja

import (
	"regexp"
	"time"
)

// Role is what a person may do in the bot. A person can hold several roles at
// once (an assessor is also staff; an admin may be an assessor).
type Role string

// Roles, from least to most privileged.
const (
	RoleCitizen  Role = "citizen"  // anyone not linked to the roster
	RoleStaff    Role = "staff"    // linked to a NIP on the roster
	RoleAssessor Role = "assessor" // has subordinates on the roster
	RoleAdmin    Role = "admin"    // regional HR office (BKPSDM) officer
)

// Lang is a user-interface language.
type Lang string

// Supported languages; Indonesian is the default.
const (
	LangID Lang = "id"
	LangEN Lang = "en"
)

// ParseLang returns the language for a code such as "id", "en" or "en-US",
// and false when the code names no supported language.
func ParseLang(code string) (Lang, bool) {
	if len(code) >= 2 {
		switch code[:2] {
		case "id", "in":
			return LangID, true
		case "en":
			return LangEN, true
		}
	}
	return LangID, false
}

var nipPattern = regexp.MustCompile(`^[0-9]{18}$`)

// ValidNIP reports whether s is a well-formed NIP: exactly 18 digits.
func ValidNIP(s string) bool { return nipPattern.MatchString(s) }

// Clock returns the current instant. Logic never calls time.Now directly; it
// is handed a Clock so that tests can pin time.
type Clock func() time.Time

// Date builds local midnight of the given calendar day in loc. Calendar
// instants are always built this way, never by truncating to 24 hours (which
// cuts in UTC and puts "midnight" at 07:00 WIB).
func Date(y int, m time.Month, d int, loc *time.Location) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// Day returns local midnight of the day that contains t in loc.
func Day(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return Date(t.Year(), t.Month(), t.Day(), loc)
}
