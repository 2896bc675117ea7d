package exampledata

import (
	"bytes"
	"encoding/csv"
	"strconv"
)

// profileHeader is the enrolled-learner profile export's header, as in
// docs/formats.md.
var profileHeader = []string{"id", "username", "name", "email", "language", "location", "year_of_birth",
	"gender", "level_of_education", "mailing_address", "goals", "enrollment_mode", "verification_status",
	"cohort", "city", "country"}

// writeProfiles writes the enrolled-learner profile CSV: RFC 4180, quoting
// only where needed (addresses hold commas and newlines), LF line ends.
func writeProfiles(path string, ls []*learner) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(profileHeader)
	for _, l := range ls {
		yob, country, location := "", "", ""
		if l.yob != 0 {
			yob = strconv.Itoa(l.yob)
		}
		if l.showCountry {
			country = l.country.code
		}
		if l.city != "" && l.id%3 == 0 { // some type their city into the old "location" field too
			location = l.city
		}
		w.Write([]string{strconv.Itoa(l.id), l.username, l.name, l.email, l.language, location, yob,
			l.gender, l.education, l.mailing, l.goals, l.mode, l.verification, "Default Group", l.city, country})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}
