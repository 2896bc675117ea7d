package measures

import (
	"strings"

	"golang.org/x/text/language"

	"github.com/moocreport/moocreport/report"
)

// notListed is the published label of every category value outside its
// field's known code list: such a value is something a person typed (a
// username in the gender column, an e-mail as level of education), so it
// is counted but never written out.
const notListed = "Other (not listed)"

// Known code lists: edX's own codes, and the OULAD's fixed labels, which
// the OULAD reader passes through as given.
var (
	knownGender    = set("m", "f", "o")
	knownEducation = set("p", "p_se", "p_oth", "m", "b", "a", "hs", "jhs", "el", "none", "other",
		"A Level or Equivalent", "HE Qualification", "Lower Than A Level", "No Formal quals", "Post Graduate Qualification")
	knownModes = set("audit", "verified", "honor", "professional", "no-id-professional", "credit", "masters",
		"executive-education", "paid-executive-education", "unpaid-executive-education", "paid-bootcamp", "unpaid-bootcamp")
	knownAgeBands = set("0-35", "35-55", "55<=")
	knownRegions  = set("East Anglian Region", "East Midlands Region", "Ireland", "London Region", "North Region", "North Western Region",
		"Scotland", "South East Region", "South Region", "South West Region", "Wales", "West Midlands Region", "Yorkshire Region")
	knownResults = set("Pass", "Fail", "Distinction", "Withdrawn")
)

// set makes a lookup set of xs.
func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// listed returns v when it is empty (not stated) or in known, else
// notListed.
func listed(v string, known map[string]bool) string {
	if v == "" || known[v] {
		return v
	}
	return notListed
}

// isCountryCode reports whether code is an ISO 3166-1 alpha-2 country
// code (language.ParseRegion alone also takes alpha-3 and UN M.49 codes).
func isCountryCode(code string) bool {
	if len(code) != 2 || strings.ToUpper(code) != code {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry()
}

// listedCategories returns a copy of ds whose learner and grade category
// fields hold only known codes, "" (not stated) or notListed, so no
// measure, table, figure or log can publish a value a person typed. The
// caller's dataset is left as it is.
func listedCategories(ds *report.Dataset) *report.Dataset {
	out := *ds
	out.Learners = make([]report.Learner, len(ds.Learners))
	for i, l := range ds.Learners {
		if knownGender[l.Gender] {
			// already a code as listed (edX writes them in lower case)
		} else if g := strings.ToLower(l.Gender); knownGender[g] {
			l.Gender = g
		} else {
			l.Gender = listed(l.Gender, nil)
		}
		l.Education = listed(l.Education, knownEducation)
		if l.Education == "p_se" || l.Education == "p_oth" {
			l.Education = "p" // edX's retired split of the doctorate
		}
		l.Mode = listed(l.Mode, knownModes)
		l.AgeBand = listed(l.AgeBand, knownAgeBands)
		l.Region = listed(l.Region, knownRegions)
		if l.Country != "" && !isCountryCode(l.Country) {
			l.Country = notListed
		}
		out.Learners[i] = l
	}
	out.Grades = make([]report.Grade, len(ds.Grades))
	for i, g := range ds.Grades {
		g.Track = listed(g.Track, knownModes)
		g.Result = listed(g.Result, knownResults)
		g.CertificateType = listed(g.CertificateType, knownModes)
		out.Grades[i] = g
	}
	return &out
}

// listedAnswer is the label a survey answer is published under: one of
// the question's declared options as declared, or, for a question that
// declares none, the answer itself only when at least k responses over
// all courses gave it (rare answers are what people type in an "Other"
// box); every other answer is pooled as notListed.
func listedAnswer(a string, options []string, freq map[string]int, k int) string {
	if len(options) > 0 {
		for _, o := range options {
			if strings.EqualFold(a, o) {
				return o
			}
		}
		return notListed
	}
	if freq[a] >= k {
		return a
	}
	return notListed
}
