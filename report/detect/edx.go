package detect

import (
	"fmt"
	"strings"
)

// The columns each edX instructor report must have, as ingest's readers
// require them (report/ingest profile.go, grades.go, problemgrades.go).
var (
	profileColumns      = []string{"id", "username", "year_of_birth", "gender", "level_of_education", "enrollment_mode", "verification_status", "country"}
	gradeColumns        = []string{"Student ID", "Grade", "Enrollment Track", "Certificate Eligible", "Certificate Delivered", "Certificate Type"}
	problemGradeColumns = []string{"Student ID", "Enrollment Status", "Grade"}
)

// EdXReport recognises the instructor dashboard's CSV reports by their
// header: the enrolled-learner profile (edx-profile), the grade report
// (edx-grades) and the problem grade report (edx-problem-grades, told from
// the grade report by its "(Earned)"/"(Possible)" column pairs).
func EdXReport(s *Sample) Match {
	rows, comma := s.Rows()
	if comma != ',' || len(rows) == 0 {
		return Match{}
	}
	h := rows[0]
	has := map[string]bool{}
	for _, c := range h {
		has[strings.TrimSpace(c)] = true
	}
	count := func(cols []string) (int, []string) {
		n := 0
		var missing []string
		for _, c := range cols {
			if has[c] {
				n++
			} else {
				missing = append(missing, c)
			}
		}
		return n, missing
	}
	earned := 0
	for _, c := range h {
		if strings.HasSuffix(c, " (Earned)") {
			earned++
		}
	}
	best := Match{}
	try := func(format, what string, cols []string, extra bool) {
		n, missing := count(cols)
		c := confidence(n, len(cols))
		if !extra {
			c *= 0.5
		}
		if c <= best.Confidence {
			return
		}
		saw := fmt.Sprintf("%s: header has %s", what, list(present(cols, has), 4))
		if len(missing) > 0 {
			saw += fmt.Sprintf(" but lacks %s", strings.Join(missing, ", "))
		}
		best = Match{Kind: Source, Format: format, Confidence: c, Saw: saw}
	}
	try("edx-profile", "edX enrolled-learner profile", profileColumns, true)
	try("edx-grades", "edX grade report", gradeColumns, earned == 0)
	try("edx-problem-grades", fmt.Sprintf("edX problem grade report (%d problems)", earned), problemGradeColumns, earned > 0)
	return best
}

func present(cols []string, has map[string]bool) []string {
	var out []string
	for _, c := range cols {
		if has[c] {
			out = append(out, c)
		}
	}
	return out
}
