package ingest

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/moocreport/moocreport/report"
)

var gradeColumns = []string{"Student ID", "Grade", "Enrollment Track", "Certificate Eligible", "Certificate Delivered", "Certificate Type"}

// ReadGrades reads an edX grade report (docs/formats.md, edx-grades). Every
// column after "Certificate Type" is an assignment or assignment-type
// average, however many the course has. The learner is the pseudonym of
// "Student ID", the same user id the profile's "id" holds.
func ReadGrades(r io.Reader, file string, c *Course) ([]report.Grade, error) {
	gs, _, err := readGrades(r, file, c)
	return gs, err
}

// readGrades is ReadGrades that also returns the assignment columns in
// the order of the header, which is the course's order.
func readGrades(r io.Reader, file string, c *Course) ([]report.Grade, []string, error) {
	t := newTable(r, file, c.Limits, ',')
	if err := t.readHeader(); err != nil {
		return nil, nil, err
	}
	col, err := t.need(gradeColumns...)
	if err != nil {
		return nil, nil, err
	}
	var assignments []int
	for i := col[5] + 1; i < len(t.header); i++ {
		if t.header[i] == "" {
			continue // a trailing comma in the header
		}
		if t.cols[t.header[i]] != i {
			return nil, nil, &ParseError{File: file, Line: 1, Field: columnField(t.header[i]), Err: fmt.Errorf("%w column", ErrDuplicate)}
		}
		assignments = append(assignments, i)
	}
	names := make([]string, len(assignments))
	for k, i := range assignments {
		names[k] = t.header[i]
	}
	seen := map[string]int{}
	var out []report.Grade
	for rec, err := range t.rows() {
		if err != nil {
			return nil, nil, err
		}
		id, err := t.userID(rec, col[0])
		if err != nil {
			return nil, nil, err
		}
		if first, dup := seen[id]; dup {
			return nil, nil, t.fieldErr(col[0], fmt.Errorf("%w: learner already listed on line %d", ErrDuplicate, first))
		}
		seen[id] = t.line()
		grade, ok := score(rec[col[1]])
		if !ok {
			return nil, nil, t.fieldErr(col[1], fmt.Errorf("want a number 0–1, got %q", rec[col[1]]))
		}
		g := report.Grade{
			Learner:         c.pseudonym(id),
			Course:          c.Key,
			Grade:           grade,
			Track:           rec[col[2]],
			CertificateType: rec[col[5]],
		}
		for k, dst := range []*bool{&g.CertificateEligible, &g.CertificateDelivered} {
			i := col[3+k]
			switch rec[i] {
			case "Y":
				*dst = true
			case "N":
			default:
				return nil, nil, t.fieldErr(i, fmt.Errorf("want Y or N, got %q", rec[i]))
			}
		}
		for _, i := range assignments {
			switch s := rec[i]; s {
			case "", "Not Attempted", "Not Available":
			default:
				v, ok := score(s)
				if !ok {
					return nil, nil, t.fieldErr(i, fmt.Errorf("want a number 0–1, \"Not Attempted\" or \"Not Available\", got %q", s))
				}
				if g.Assignments == nil {
					g.Assignments = make(map[string]float64, len(assignments))
				}
				g.Assignments[t.header[i]] = v
			}
		}
		out = append(out, g)
	}
	return out, names, nil
}

// assessmentOrder adds a grade report's assignment columns to the
// course's list, in header order; a column a later file adds comes after
// the ones before it.
func (l *loader) assessmentOrder(course string, cols []string) {
	if l.ds.Assessments == nil {
		l.ds.Assessments = map[string][]string{}
	}
	for _, name := range cols {
		if !slices.Contains(l.ds.Assessments[course], name) {
			l.ds.Assessments[course] = append(l.ds.Assessments[course], name)
		}
	}
}

// score parses a grade in [0, 1].
func score(s string) (float64, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > 1 {
		return 0, false
	}
	return v, true
}
