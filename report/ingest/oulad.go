package ingest

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/bits"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// The Open University Learning Analytics Dataset (OULAD; Kuzilek, Hlosta
// and Zdrahal 2017, Scientific Data 4:170171) is seven CSV tables covering
// 22 module presentations. One `oulad` source is the folder holding them;
// each study course picks one module presentation by its course_id,
// "AAA/2013J" (code_module/code_presentation; "AAA-2013J" works too). All
// courses naming the same folder share one pass over it, so the 450 MB
// studentVle table is read once, not once per course.
//
// Mapping to the canonical tables (docs/formats.md, oulad):
//   - studentInfo → Learner (gender M/F → m/f, age_band → AgeBand,
//     highest_education → Education as text, region → Region) and Grade
//     (final_result → Result);
//   - studentRegistration → Learner.Enrolled/Unenrolled: days relative to
//     the presentation start, which is the study course's start;
//   - studentAssessment → Grade.Assignments ("TMA 1", "CMA 2", "Exam 1":
//     the n-th assessment of that type by date) as score/100; Grade.Grade
//     is the weighted coursework score (see courseworkScore);
//   - studentVle → LearnerWeek: week = date div 7 + 1, clicks summed by the
//     kind of the site's activity_type (vle.csv). Clicks, not events: the
//     table holds daily click sums, so Events counts clicks.

// Skip reasons of the OULAD reader.
const (
	SkipNoScore           = "no score"
	SkipUnknownAssessment = "unknown assessment"
	SkipUnregistered      = "learner not in studentInfo"
)

// OULADFiles are the tables an oulad folder must hold, in reading order.
var OULADFiles = []string{"courses.csv", "vle.csv", "assessments.csv", "studentInfo.csv", "studentRegistration.csv", "studentAssessment.csv", "studentVle.csv"}

// OULAD is what one OULAD folder gives for the study courses reading it.
type OULAD struct {
	Learners []report.Learner
	Grades   []report.Grade
	Activity []report.LearnerWeek
	Skips    []report.Skip
	Inputs   []string // the files read, relative to the study directory
}

// OULADCourseID normalises a study course_id naming a module presentation
// ("AAA/2013J", "AAA-2013J") to "AAA/2013J".
func OULADCourseID(id string) string {
	if i := strings.IndexAny(id, "/-_ "); i >= 0 {
		return id[:i] + "/" + id[i+1:]
	}
	return id
}

// activityKind maps an OULAD VLE activity_type to an event kind.
func activityKind(t string) report.EventKind {
	switch t {
	case "oucontent", "resource", "url", "page", "subpage", "homepage":
		return report.KindPage
	case "quiz", "questionnaire", "externalquiz":
		return report.KindProblem
	case "forumng", "ouwiki", "oucollaborate", "ouelluminate":
		return report.KindForum
	}
	return report.KindOther
}

type ouAssessment struct {
	course     string // "AAA/2013J"
	kind, name string
	date       int // -1 when missing (final exams)
	weight     float64
}

type ouReg struct {
	grade  *report.Grade
	learn  *report.Learner
	course *Course
}

// ouladReader holds one pass over an OULAD folder.
type ouladReader struct {
	rel         string             // the folder as written in errors
	courses     map[string]*Course // by "AAA/2013J"
	sites       map[string]report.EventKind
	assessments map[string]*ouAssessment
	byCourse    map[string][]*ouAssessment // in name order, for a deterministic sum
	regs        map[[2]string]*ouReg       // (course, id_student)
	weeks       map[ouWeek]*tally
	out         *OULAD
	skips       map[string]map[string]int // file → reason → count
}

type ouWeek struct {
	course, student string
	week            int
}

// ReadOULAD reads the OULAD tables at the root of fsys (an OULAD folder,
// os.DirFS in a build) for the study courses keyed by their normalised
// course_id (OULADCourseID). rel is the folder as the user named it,
// relative to the study, for errors and skips. Rows of module
// presentations the study does not include are counted as skips.
func ReadOULAD(fsys fs.FS, rel string, courses map[string]*Course) (*OULAD, error) {
	r := &ouladReader{rel: rel, courses: courses, sites: map[string]report.EventKind{},
		assessments: map[string]*ouAssessment{}, regs: map[[2]string]*ouReg{}, weeks: map[ouWeek]*tally{},
		out: &OULAD{}, skips: map[string]map[string]int{}}
	steps := []func(*table) error{r.readCourses, r.vle, r.assessmentsCSV, r.studentInfo, r.registration, r.studentAssessment, r.studentVle}
	for i, name := range OULADFiles {
		file := path.Join(rel, name)
		r.out.Inputs = append(r.out.Inputs, file)
		f, err := fsys.Open(name)
		if err != nil {
			return nil, &ParseError{File: file, Err: fmt.Errorf("an oulad folder needs %s: %w", strings.Join(OULADFiles, ", "), err)}
		}
		t := newTable(f, file, r.limits(), ',')
		err = t.readHeader()
		if err == nil {
			err = steps[i](t)
		}
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	r.finish()
	return r.out, nil
}

func (r *ouladReader) skip(t *table, reason string) {
	m := r.skips[t.file]
	if m == nil {
		m = map[string]int{}
		r.skips[t.file] = m
	}
	m[reason]++
}

// missing reports an OULAD missing value: empty, or "?" as the
// distributed files write it.
func missing(s string) bool { return s == "" || s == "?" }

// intField parses an integer cell; ok is false for a missing value.
func intField(t *table, rec []string, i int) (v int, ok bool, err error) {
	s := strings.TrimSpace(rec[i])
	if missing(s) {
		return 0, false, nil
	}
	v, err = strconv.Atoi(s)
	if err != nil {
		return 0, false, t.fieldErr(i, fmt.Errorf("want an integer or nothing, got %q", s))
	}
	return v, true, nil
}

func (r *ouladReader) readCourses(t *table) error {
	c, err := t.need("code_module", "code_presentation")
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		seen[rec[c[0]]+"/"+rec[c[1]]] = true
	}
	var errs []error
	for _, id := range slices.Sorted(maps.Keys(r.courses)) {
		if !seen[id] {
			errs = append(errs, &ParseError{File: t.file, Err: fmt.Errorf("no module presentation %s (course %s's course_id)", id, r.courses[id].Key)})
		}
	}
	return errors.Join(errs...)
}

func (r *ouladReader) vle(t *table) error {
	c, err := t.need("id_site", "activity_type")
	if err != nil {
		return err
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		r.sites[rec[c[0]]] = activityKind(rec[c[1]])
	}
	return nil
}

func (r *ouladReader) assessmentsCSV(t *table) error {
	c, err := t.need("code_module", "code_presentation", "id_assessment", "assessment_type", "date", "weight")
	if err != nil {
		return err
	}
	byCourse := map[string][]*ouAssessment{}
	r.byCourse = byCourse
	ids := map[*ouAssessment]int{}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id := rec[c[2]]
		if !isDigits(id) {
			return t.fieldErr(c[2], fmt.Errorf("want a numeric id, got %q", id))
		}
		if _, dup := r.assessments[id]; dup {
			return t.fieldErr(c[2], fmt.Errorf("%w: assessment %s", ErrDuplicate, id))
		}
		date, ok, err := intField(t, rec, c[4])
		if err != nil {
			return err
		}
		if !ok {
			date = -1
		}
		w, err := strconv.ParseFloat(strings.TrimSpace(rec[c[5]]), 64)
		if err != nil || w < 0 || w > 100 {
			return t.fieldErr(c[5], fmt.Errorf("want a weight 0–100, got %q", rec[c[5]]))
		}
		a := &ouAssessment{course: rec[c[0]] + "/" + rec[c[1]], kind: rec[c[3]], date: date, weight: w}
		r.assessments[id] = a
		byCourse[a.course] = append(byCourse[a.course], a)
		ids[a], _ = strconv.Atoi(id)
	}
	// Name each assessment "<type> <n>": the n-th of its type in the
	// presentation by date (undated, i.e. exams, last), then id.
	for _, as := range byCourse {
		sort.Slice(as, func(i, j int) bool {
			di, dj := as[i].date, as[j].date
			if (di < 0) != (dj < 0) {
				return dj < 0
			}
			if di != dj {
				return di < dj
			}
			return ids[as[i]] < ids[as[j]]
		})
		n := map[string]int{}
		for _, a := range as {
			n[a.kind]++
			a.name = fmt.Sprintf("%s %d", a.kind, n[a.kind])
		}
	}
	return nil
}

// ouGender maps OULAD's gender codes to edX's.
var ouGender = map[string]string{"M": "m", "F": "f", "": ""}

func (r *ouladReader) studentInfo(t *table) error {
	c, err := t.need("code_module", "code_presentation", "id_student", "gender", "region", "highest_education", "age_band", "final_result")
	if err != nil {
		return err
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id := rec[c[0]] + "/" + rec[c[1]]
		co, ok := r.courses[id]
		if !ok {
			r.skip(t, SkipOtherCourse)
			continue
		}
		student := rec[c[2]]
		if !isDigits(student) {
			return t.fieldErr(c[2], fmt.Errorf("want a numeric id_student, got %q", student))
		}
		key := [2]string{id, student}
		if _, dup := r.regs[key]; dup {
			return t.fieldErr(c[2], fmt.Errorf("%w: student %s listed twice for %s", ErrDuplicate, student, id))
		}
		g, ok := ouGender[rec[c[3]]]
		if !ok {
			return t.fieldErr(c[3], fmt.Errorf("want M, F or nothing, got %q", rec[c[3]]))
		}
		switch rec[c[7]] {
		case "Pass", "Fail", "Withdrawn", "Distinction":
		default:
			return t.fieldErr(c[7], fmt.Errorf("want Pass, Fail, Withdrawn or Distinction, got %q", rec[c[7]]))
		}
		pseudo := co.pseudonym(student)
		if co.ids == nil {
			co.ids, co.users = map[string]string{}, map[string]string{}
		}
		co.ids[student] = fmt.Sprintf("%s:%d", t.file, t.line())
		l := report.Learner{ID: pseudo, Course: co.Key, Gender: g, Region: clean(rec[c[4]]),
			Education: clean(rec[c[5]]), AgeBand: clean(rec[c[6]])}
		gr := report.Grade{Learner: pseudo, Course: co.Key, Result: rec[c[7]]}
		r.regs[key] = &ouReg{grade: &gr, learn: &l, course: co}
	}
	return nil
}

func clean(s string) string {
	if missing(s) {
		return ""
	}
	return s
}

func (r *ouladReader) registration(t *table) error {
	c, err := t.need("code_module", "code_presentation", "id_student", "date_registration", "date_unregistration")
	if err != nil {
		return err
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id := rec[c[0]] + "/" + rec[c[1]]
		if _, ok := r.courses[id]; !ok {
			r.skip(t, SkipOtherCourse)
			continue
		}
		reg := r.regs[[2]string{id, rec[c[2]]}]
		if reg == nil {
			r.skip(t, SkipUnregistered)
			continue
		}
		for k, dst := range []*time.Time{&reg.learn.Enrolled, &reg.learn.Unenrolled} {
			d, ok, err := intField(t, rec, c[3+k])
			if err != nil {
				return err
			}
			if ok {
				*dst = reg.course.Start.AddDate(0, 0, d)
			}
		}
	}
	return nil
}

func (r *ouladReader) studentAssessment(t *table) error {
	c, err := t.need("id_assessment", "id_student", "score")
	if err != nil {
		return err
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		a := r.assessments[rec[c[0]]]
		if a == nil {
			r.skip(t, SkipUnknownAssessment)
			continue
		}
		if _, ok := r.courses[a.course]; !ok {
			r.skip(t, SkipOtherCourse)
			continue
		}
		reg := r.regs[[2]string{a.course, rec[c[1]]}]
		if reg == nil {
			r.skip(t, SkipUnregistered)
			continue
		}
		s := strings.TrimSpace(rec[c[2]])
		if missing(s) {
			r.skip(t, SkipNoScore)
			continue
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v >= 0 && v <= 100) {
			return t.fieldErr(c[2], fmt.Errorf("want a score 0–100 or nothing, got %q", s))
		}
		if reg.grade.Assignments == nil {
			reg.grade.Assignments = map[string]float64{}
		}
		reg.grade.Assignments[a.name] = v / 100
	}
	return nil
}

func (r *ouladReader) studentVle(t *table) error {
	c, err := t.need("code_module", "code_presentation", "id_student", "id_site", "date", "sum_click")
	if err != nil {
		return err
	}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id := rec[c[0]] + "/" + rec[c[1]]
		if _, ok := r.courses[id]; !ok {
			r.skip(t, SkipOtherCourse)
			continue
		}
		if r.regs[[2]string{id, rec[c[2]]}] == nil {
			r.skip(t, SkipUnregistered)
			continue
		}
		date, ok, err := intField(t, rec, c[4])
		if err != nil {
			return err
		}
		if !ok {
			return t.fieldErr(c[4], errors.New("want a day number, got nothing"))
		}
		clicks, ok, err := intField(t, rec, c[5])
		if err != nil {
			return err
		}
		if !ok || clicks < 0 {
			return t.fieldErr(c[5], fmt.Errorf("want a click count ≥ 0, got %q", rec[c[5]]))
		}
		kind, ok := r.sites[rec[c[3]]]
		if !ok {
			kind = report.KindOther // a site missing from vle.csv still counts as activity
		}
		week := floorDiv(int64(date), 7)
		k := ouWeek{id, rec[c[2]], int(week) + 1}
		w := r.weeks[k]
		if w == nil {
			w = &tally{}
			r.weeks[k] = w
		}
		w.events[kind] += clicks
		w.days |= 1 << (int64(date) - week*7)
	}
	return nil
}

// courseworkScore is a registration's Grade.Grade: the OU's continuous
// assessment score, the weight-averaged score of the presentation's
// non-exam assessments (a missing submission scores 0), over 100. Where
// every such weight is 0 (some modules weigh only the exam), the plain
// mean. The OU's own final result, which also needs the exam, is in
// Grade.Result.
func (r *ouladReader) courseworkScore(course string, g *report.Grade) float64 {
	var sum, weights, plain float64
	n := 0
	for _, a := range r.byCourse[course] {
		if a.kind == "Exam" {
			continue
		}
		s := g.Assignments[a.name]
		sum += s * a.weight
		weights += a.weight
		plain += s
		n++
	}
	switch {
	case weights > 0:
		return min(sum/weights, 1)
	case n > 0:
		return plain / float64(n)
	}
	return 0
}

// finish turns the registrations and weeks into sorted canonical rows.
func (r *ouladReader) finish() {
	keys := make([][2]string, 0, len(r.regs))
	for k := range r.regs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return keys[i][0] < keys[j][0] || keys[i][0] == keys[j][0] && keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		reg := r.regs[k]
		reg.grade.Grade = r.courseworkScore(k[0], reg.grade)
		r.out.Learners = append(r.out.Learners, *reg.learn)
		r.out.Grades = append(r.out.Grades, *reg.grade)
	}
	for k, t := range r.weeks {
		co := r.courses[k.course]
		r.out.Activity = append(r.out.Activity, report.LearnerWeek{Course: co.Key, Learner: co.pseudonym(k.student),
			Week: k.week, Events: t.events, Days: uint8(bits.OnesCount8(t.days))})
	}
	sort.Slice(r.out.Activity, func(i, j int) bool {
		a, b := r.out.Activity[i], r.out.Activity[j]
		if a.Course != b.Course {
			return a.Course < b.Course
		}
		if a.Learner != b.Learner {
			return a.Learner < b.Learner
		}
		return a.Week < b.Week
	})
	for _, name := range OULADFiles {
		file := path.Join(r.rel, name)
		m := r.skips[file]
		for _, reason := range slices.Sorted(maps.Keys(m)) {
			r.out.Skips = append(r.out.Skips, report.Skip{File: file, Reason: reason, Count: m[reason]})
		}
	}
}

// limits returns the study's limits, which every course of one study
// shares; the defaults when the folder serves no course.
func (r *ouladReader) limits() study.Limits {
	for _, c := range r.courses {
		return c.Limits
	}
	return study.DefaultLimits
}
