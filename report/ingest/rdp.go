package ingest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"time"

	"github.com/moocreport/moocreport/report"
)

// Readers of the edX research data package's LMS tables (docs/formats.md,
// edx-rdp-*). Each table may come as the package's TSV file or as a MySQL
// dump; openRDPTable hides which. A table holds every course of the package,
// so rows of other courses are counted as skipped "other course".

// rdpEnrollment is one learner's row of student_courseenrollment for the
// course. Keyed by raw user id in rdpEnrollments, it never leaves ingest.
type rdpEnrollment struct {
	Mode    string
	Created time.Time // when the enrolment row was made: the first enrolment
	Active  bool
}

type rdpEnrollments map[string]rdpEnrollment

// reasonInactive counts enrolments with is_active 0. The table says the
// learner unenrolled but not when (it keeps no history), and a Learner's
// Unenrolled is a time, so the learner stays enrolled unless the tracking
// logs date the unenrolment; the count makes that visible in the
// data-quality section.
const reasonInactive = "is_active 0: unenrolled at an unknown time, counted as enrolled"

// readRDPEnrollment reads student_courseenrollment: the course's rows by
// user id. A learner enrolled twice in the course is an error (the table's
// unique key is user_id, course_id).
func readRDPEnrollment(r io.Reader, file string, c *Course) (rdpEnrollments, []report.Skip, error) {
	t, err := openRDPTable(r, file, "student_courseenrollment", c.Limits)
	if err != nil {
		return nil, nil, err
	}
	col, err := t.need("user_id", "course_id", "created", "is_active", "mode")
	if err != nil {
		return nil, nil, err
	}
	out := rdpEnrollments{}
	skips := map[string]int{}
	for row, err := range t.courseRows(c.ID, col[1], skips) {
		if err != nil {
			return nil, nil, err
		}
		id, err := t.userID(row, col[0])
		if err != nil {
			return nil, nil, err
		}
		if _, dup := out[id]; dup {
			return nil, nil, t.fieldErr(col[0], fmt.Errorf("%w: learner enrolled twice in %s", ErrDuplicate, c.ID))
		}
		created, err := t.datetime(row, col[2])
		if err != nil {
			return nil, nil, err
		}
		e := rdpEnrollment{Mode: row[col[4]], Created: created}
		switch row[col[3]] {
		case "1":
			e.Active = true
		case "0":
			skips[reasonInactive]++
		default:
			return nil, nil, t.fieldErr(col[3], fmt.Errorf("want 1 or 0, got %q", row[col[3]]))
		}
		out[id] = e
	}
	skips["other table"] += t.otherTables
	return out, skipsOf(file, skips), nil
}

// readRDPUserProfile reads auth_userprofile into Learners of course c.
// The table lists every user of the platform, not of one course: with
// the course's enrolments (enrolled non-nil) only enrolled users become
// learners, the others are skipped as "not enrolled in the course";
// without, every row is a learner. name, mailing_address, goals, meta,
// location and city are personal data: name is only given to the
// redactor, the rest is never read.
func readRDPUserProfile(r io.Reader, file string, c *Course, enrolled rdpEnrollments) ([]report.Learner, []report.Skip, error) {
	t, err := openRDPTable(r, file, "auth_userprofile", c.Limits)
	if err != nil {
		return nil, nil, err
	}
	col, err := t.need("user_id", "gender", "year_of_birth", "level_of_education", "country")
	if err != nil {
		return nil, nil, err
	}
	nameCol, hasName := t.cols["name"]
	if c.ids == nil {
		c.users = map[string]string{}
		c.ids = map[string]string{}
	}
	var out []report.Learner
	skips := map[string]int{}
	for row, err := range t.rows() {
		if err != nil {
			return nil, nil, err
		}
		id, err := t.userID(row, col[0])
		if err != nil {
			return nil, nil, err
		}
		e, ok := enrolled[id]
		if enrolled != nil && !ok {
			skips["not enrolled in the course"]++
			continue
		}
		if first, dup := c.ids[id]; dup {
			return nil, nil, t.fieldErr(col[0], fmt.Errorf("%w: learner already listed at %s", ErrDuplicate, first))
		}
		c.ids[id] = fmt.Sprintf("%s:%d", file, t.lineOf(col[0]))
		if hasName {
			c.redact.addPerson("", row[nameCol])
		}
		yob := 0
		if f := row[col[2]]; f != "" {
			y, err := strconv.Atoi(f)
			if err != nil || len(f) != 4 {
				return nil, nil, t.fieldErr(col[2], fmt.Errorf("want a 4-digit year or NULL, got %q", f))
			}
			yob = y
		}
		out = append(out, report.Learner{
			ID:          c.pseudonym(id),
			Course:      c.Key,
			YearOfBirth: yob,
			Gender:      row[col[1]],
			Education:   row[col[3]],
			Country:     row[col[4]],
			Mode:        e.Mode,
			Enrolled:    e.Created,
		})
	}
	skips["other table"] += t.otherTables
	return out, skipsOf(file, skips), nil
}

// rdpCertificate is one learner's certificates_generatedcertificate row.
type rdpCertificate struct {
	File     string // where it was read, for skips
	Learner  string // pseudonym
	Grade    float64
	HasGrade bool
	Status   string
	Mode     string
}

// Delivered: only "downloadable" certificates were issued.
func (rc rdpCertificate) Delivered() bool { return rc.Status == "downloadable" }

// Eligible: the statuses edX gives a learner who passed, whether or not
// the certificate was then issued (still generating, or an unverified
// learner in a verified track). "notpassing", "audit_notpassing",
// "unavailable", "restricted", "error" and others are not.
func (rc rdpCertificate) Eligible() bool {
	switch rc.Status {
	case "downloadable", "generating", "regenerating", "audit_passing", "honor_passing", "unverified":
		return true
	}
	return false
}

// readRDPCertificates reads certificates_generatedcertificate: the
// course's rows, in file order. grade is text in this table; an empty one
// is kept as no grade.
func readRDPCertificates(r io.Reader, file string, c *Course) ([]rdpCertificate, []report.Skip, error) {
	t, err := openRDPTable(r, file, "certificates_generatedcertificate", c.Limits)
	if err != nil {
		return nil, nil, err
	}
	col, err := t.need("user_id", "course_id", "grade", "status", "mode")
	if err != nil {
		return nil, nil, err
	}
	var out []rdpCertificate
	seen := map[string]int{}
	skips := map[string]int{}
	for row, err := range t.courseRows(c.ID, col[1], skips) {
		if err != nil {
			return nil, nil, err
		}
		id, err := t.userID(row, col[0])
		if err != nil {
			return nil, nil, err
		}
		if first, dup := seen[id]; dup {
			return nil, nil, t.fieldErr(col[0], fmt.Errorf("%w: learner already has a certificate row on line %d", ErrDuplicate, first))
		}
		seen[id] = t.lineOf(col[0])
		rc := rdpCertificate{File: file, Learner: c.pseudonym(id), Status: row[col[3]], Mode: row[col[4]]}
		if g := row[col[2]]; g != "" {
			v, ok := score(g)
			if !ok {
				return nil, nil, t.fieldErr(col[2], fmt.Errorf("want a number 0–1 or nothing, got %q", g))
			}
			rc.Grade, rc.HasGrade = v, true
		}
		out = append(out, rc)
	}
	skips["other table"] += t.otherTables
	return out, skipsOf(file, skips), nil
}

// StudentModule is what courseware_studentmodule gives a course.
type StudentModule struct {
	// Reach counts, per learner, the distinct chapters with a state row,
	// made when the learner first opened the chapter.
	Reach []report.Reach
	// Problems counts, per problem, the learners who submitted it (state
	// "attempts" above 0, or a grade). The table keeps only the latest
	// state of each learner's problem, so first-attempt results are not
	// there: FirstAttempts and FirstCorrect stay 0, which measures show as
	// "–".
	Problems []report.ProblemStat
	// Chapters is the number of distinct chapters any learner opened.
	Chapters int
	Skips    []report.Skip
}

// readRDPStudentModule reads courseware_studentmodule for course c.
func readRDPStudentModule(r io.Reader, file string, c *Course) (*StudentModule, error) {
	t, err := openRDPTable(r, file, "courseware_studentmodule", c.Limits)
	if err != nil {
		return nil, err
	}
	col, err := t.need("module_type", "module_id", "student_id", "course_id", "state", "grade")
	if err != nil {
		return nil, err
	}
	chapters := map[string]map[string]bool{} // learner → chapter ids
	allChapters := map[string]bool{}
	problems := map[string]map[string]bool{} // problem → learners
	skips := map[string]int{}
	for row, err := range t.courseRows(c.ID, col[3], skips) {
		if err != nil {
			return nil, err
		}
		kind := row[col[0]]
		if kind != "chapter" && kind != "problem" {
			skips["module type not measured"]++
			continue
		}
		id, err := t.userID(row, col[2])
		if err != nil {
			return nil, err
		}
		module := row[col[1]]
		if module == "" {
			return nil, t.fieldErr(col[1], fmt.Errorf("want a module id, got nothing"))
		}
		learner := c.pseudonym(id)
		if kind == "chapter" {
			if chapters[learner] == nil {
				chapters[learner] = map[string]bool{}
			}
			chapters[learner][module] = true
			allChapters[module] = true
			continue
		}
		submitted, ok := problemSubmitted(row[col[4]], row[col[5]])
		switch {
		case !ok:
			skips["problem state not readable"]++
			continue
		case !submitted:
			skips["problem opened, not submitted"]++
			continue
		}
		if problems[module] == nil {
			problems[module] = map[string]bool{}
		}
		problems[module][learner] = true
	}
	skips["other table"] += t.otherTables
	sm := &StudentModule{Chapters: len(allChapters), Skips: skipsOf(file, skips)}
	for learner, ch := range chapters {
		sm.Reach = append(sm.Reach, report.Reach{Course: c.Key, Learner: learner, Chapters: len(ch)})
	}
	sort.Slice(sm.Reach, func(i, j int) bool { return sm.Reach[i].Learner < sm.Reach[j].Learner })
	for p, ls := range problems {
		sm.Problems = append(sm.Problems, report.ProblemStat{Course: c.Key, Problem: p, Learners: len(ls)})
	}
	sort.Slice(sm.Problems, func(i, j int) bool { return sm.Problems[i].Problem < sm.Problems[j].Problem })
	return sm, nil
}

// problemSubmitted says whether a problem's state row records a
// submission: a grade, or a state JSON with "attempts" above 0. A row is
// made as soon as a learner opens a problem (holding only its random
// seed), so a row alone is not a submission. ok is false when the state is
// not JSON and there is no grade to go by.
func problemSubmitted(state, grade string) (submitted, ok bool) {
	if grade != "" {
		return true, true
	}
	if state == "" {
		return false, true
	}
	var st struct {
		Attempts json.Number `json:"attempts"`
	}
	if err := json.Unmarshal([]byte(state), &st); err != nil {
		return false, false
	}
	if st.Attempts == "" {
		return false, true
	}
	n, err := st.Attempts.Float64()
	if err != nil || math.IsNaN(n) {
		return false, false
	}
	return n > 0, true
}
