package ingest

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/detect"
	"github.com/moocreport/moocreport/report/study"
)

// Load reads every raw export a study declares into one Dataset.
//
// Profiles are read first, for all courses, because they hold the
// username → user id map that links grades, log events carrying only a
// username, and survey responses; only the research data package's
// enrolments come before them, as they filter auth_userprofile. Then each
// course's grade reports and tracking logs (each Format's order),
// then the surveys. Without a memo the tracking logs are read ahead,
// beside the passes before theirs, and taken in their turn (see
// trackPrefetch); the result is the same. A problem in one file does not
// stop the others from being read: all errors are returned together.
func Load(s *study.Study) (*report.Dataset, error) { return LoadWith(s, nil, nil) }

// load is Load counting on meter (see LoadWith).
func load(s *study.Study, meter *Meter, memo Memo) (*report.Dataset, error) {
	l := &loader{s: s, meter: meter, memo: memo, ds: &report.Dataset{}, inputs: map[string]bool{}, enrol: map[string]map[string]Enrollment{},
		rdpEnrol: map[string]rdpEnrollments{}, certs: map[string][]rdpCertificate{}, problemGrades: map[string]*problemAttempts{}, logs: newSharedLogs()}
	courses := make(map[string]*Course, len(s.Courses))
	for _, c := range s.Courses {
		courses[c.Key] = NewCourse(c, s.Salt)
		courses[c.Key].ready = make(chan struct{})
		courses[c.Key].PublishText = s.Privacy.PublishText
		courses[c.Key].Limits = s.Limits.Or()
		courses[c.Key].WeekStart = s.Activity.WeekStart(c.Start.Time)
	}
	l.prefetch = l.prefetchTracking(courses)
	var surveys *loader
	for _, f := range sourcePasses() {
		if f.Name == trackingFormat {
			openReady(courses)
			surveys = l.surveysAhead(courses)
		}
		l.sources(f, courses)
	}
	openReady(courses)
	l.prefetch.wait()
	for _, c := range s.Courses {
		for _, src := range c.Sources {
			if LookupFormat(src.Format, detect.Source) == nil {
				l.errs = append(l.errs, &ParseError{File: s.File, Line: src.Line,
					Err: fmt.Errorf("course %s: unknown source format %q", c.Key, src.Format)})
			}
		}
	}
	for _, c := range s.Courses {
		l.ds.Skips = append(l.ds.Skips, courses[c.Key].usernameSkips()...)
	}
	if len(l.errs) == 0 {
		l.applyRDP(courses)
		l.applyProblemGrades()
	}
	if surveys == nil { // the logs' format is always registered; load stays whole without it
		surveys = l.surveysAhead(courses)
	}
	l.adopt(surveys)
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	l.logLearners.apply(s, l.ds)
	l.applyEnrollments()
	ds := l.ds
	ds.Skips = append(ds.Skips, l.logs.result()...)
	for name := range l.inputs {
		ds.Inputs = append(ds.Inputs, name)
	}
	sortDataset(ds)
	// Responses keep study and file order: a measure that keeps a learner's
	// first response relies on it.
	return ds, nil
}

// surveysAhead reads every survey export into a loader of its own, which
// load adopts where the surveys take their turn, after every course
// source: the dataset and the errors are those of reading them then. It
// runs just before the tracking logs' pass, while their prefetch (if any)
// still reads them: the responses link to learners through the profiles,
// the research data package's user profiles and the anonymous ids, all
// read by then (sourcePasses orders them first), and the logs' reading
// shares nothing with a survey's but the course's pseudonyms, which are
// safe to make from two goroutines.
func (l *loader) surveysAhead(courses map[string]*Course) *loader {
	sub := l.child()
	sub.surveys(courses)
	return sub
}

// surveys reads every survey export, after the course sources whose
// learners its responses link to.
func (l *loader) surveys(courses map[string]*Course) {
	for _, sv := range l.s.Surveys {
		c, ok := courses[sv.Course]
		f := LookupFormat(sv.Format, detect.Survey)
		if !ok || f == nil {
			l.errs = append(l.errs, &ParseError{File: l.s.File, Line: sv.Line,
				Err: fmt.Errorf("survey %s: want format %s of a declared course, got %q for %q", sv.Key, strings.Join(study.SurveyFormats, ", "), sv.Format, sv.Course)})
			continue
		}
		errs := len(l.errs)
		for _, name := range l.match(sv.Path, sv.Line, "survey "+sv.Key+" of course "+sv.Course) {
			l.readFile(name, func(r io.Reader) error {
				rs, err := f.readSurvey(r, name, sv, c)
				l.ds.Responses = append(l.ds.Responses, rs...)
				return err
			})
		}
		if len(l.errs) == errs {
			l.checkLinkage(sv, c)
		}
	}
}

// sortDataset puts the tables in a fixed order, whatever order their
// files were read in. Ties keep the order they were read in. The tables
// are sorted at once, each on its own goroutine: on a large course the
// learner weeks alone take tens of milliseconds.
func sortDataset(ds *report.Dataset) {
	var wg sync.WaitGroup
	wg.Go(func() { sort.Strings(ds.Inputs) })
	sortBeside(&wg, ds.Learners, func(a, b *report.Learner) int {
		return cmp.Or(cmp.Compare(a.Course, b.Course), cmp.Compare(a.ID, b.ID))
	})
	sortBeside(&wg, ds.Grades, func(a, b *report.Grade) int {
		return cmp.Or(cmp.Compare(a.Course, b.Course), cmp.Compare(a.Learner, b.Learner))
	})
	sortBeside(&wg, ds.Activity, func(a, b *report.LearnerWeek) int {
		return cmp.Or(cmp.Compare(a.Course, b.Course), cmp.Compare(a.Learner, b.Learner), cmp.Compare(a.Week, b.Week))
	})
	sortBeside(&wg, ds.Reach, func(a, b *report.Reach) int {
		return cmp.Or(cmp.Compare(a.Course, b.Course), cmp.Compare(a.Learner, b.Learner))
	})
	sortBeside(&wg, ds.Problems, func(a, b *report.ProblemStat) int {
		return cmp.Or(cmp.Compare(a.Course, b.Course), cmp.Compare(a.Problem, b.Problem))
	})
	sortStable(ds.Skips, func(a, b *report.Skip) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Course, b.Course))
	})
	wg.Wait()
}

// sortBeside sorts s with sortStable on a goroutine of wg's.
func sortBeside[T any](wg *sync.WaitGroup, s []T, compare func(a, b *T) int) {
	wg.Go(func() { sortStable(s, compare) })
}

// sortStable sorts s stably by compare. The rows are large (a learner
// week is over a hundred bytes) and, for the biggest tables, already in
// order (each tracking source comes sorted), so it checks first, then
// sorts row numbers rather than moving rows about, and moves each row
// once.
func sortStable[T any](s []T, compare func(a, b *T) int) {
	sorted := true
	for i := 1; i < len(s) && sorted; i++ {
		sorted = compare(&s[i-1], &s[i]) <= 0
	}
	if sorted {
		return
	}
	idx := make([]int32, len(s))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(a, b int32) int {
		return cmp.Or(compare(&s[a], &s[b]), cmp.Compare(a, b)) // by position on ties: stable
	})
	out := make([]T, len(s))
	for i, j := range idx {
		out[i] = s[j]
	}
	copy(s, out)
}

// loader collects a Dataset and every error on the way.
type loader struct {
	meter  *Meter // counts the bytes read; nil counts nothing
	memo   Memo   // keeps tracking sources read before; nil keeps nothing
	s      *study.Study
	ds     *report.Dataset
	inputs map[string]bool
	errs   []error
	// enrol holds enrolment dates from the tracking logs, by course key and
	// pseudonym, until they are merged into the profile's learners.
	enrol map[string]map[string]Enrollment
	// rdpEnrol and certs hold the research data package's enrolments (by
	// raw user id) and certificates, by course key, until applyRDP merges
	// them into learners and grades.
	rdpEnrol map[string]rdpEnrollments
	certs    map[string][]rdpCertificate
	// problemGrades holds the problem grade reports' attempts by course
	// key until applyProblemGrades weighs them against the logs.
	problemGrades map[string]*problemAttempts
	// logs holds the tracking sources' skips until every source is read,
	// so a log file read for several courses is counted once.
	logs *sharedLogs
	// logLearners collects the learners the tracking logs show, for
	// courses without a learner list.
	logLearners logLearners
	// prefetch reads the tracking logs ahead, beside the passes before
	// theirs; nil reads them in their turn.
	prefetch *trackPrefetch
}

// mergeEnrollment combines the enrolments two sources saw: the latest of
// each, and an unenrolment only if it is not older than the enrolment.
func mergeEnrollment(a, b Enrollment) Enrollment {
	if b.Enrolled.After(a.Enrolled) {
		a.Enrolled = b.Enrolled
	}
	if b.Unenrolled.After(a.Unenrolled) {
		a.Unenrolled = b.Unenrolled
	}
	if !a.Unenrolled.IsZero() && a.Unenrolled.Before(a.Enrolled) {
		a.Unenrolled = time.Time{}
	}
	return a
}

// applyEnrollments sets the enrolment dates the logs give on the
// learners. A learner whom only the logs know is added only to a course
// without a learner list (logLearners.apply): beside a profile, enrolment
// counts come from the profile, and the activity measures already count
// unprofiled learners.
func (l *loader) applyEnrollments() {
	for i := range l.ds.Learners {
		ln := &l.ds.Learners[i]
		if e, ok := l.enrol[ln.Course][ln.ID]; ok {
			if !e.Enrolled.IsZero() {
				ln.Enrolled = e.Enrolled
			}
			if !e.Unenrolled.IsZero() {
				ln.Unenrolled = e.Unenrolled
			}
		}
	}
}

// sources reads every course's sources of format f, course by course in
// study order.
func (l *loader) sources(f *Format, courses map[string]*Course) {
	if f.readAll != nil {
		f.readAll(l, courses)
		return
	}
	if f.byCourse {
		l.parallelSources(f, courses)
		return
	}
	for _, c := range l.s.Courses {
		for _, src := range c.Sources {
			if src.Format == f.Name {
				names := l.match(src.Path, src.Line, fmt.Sprintf("course %s %s source", c.Key, src.Format))
				f.read(l, courses[c.Key], c.Key, src, names)
			}
		}
	}
}

// adoptRows appends rows to table. The first rows of a table are taken
// as they are, not copied (a large course's learner weeks are tens of
// megabytes), unless a memo keeps them for later loads: the dataset's
// tables are sorted in place. Clipped, they are copied by the next append.
func adoptRows[T any](l *loader, table, rows []T) []T {
	if table == nil && l.memo == nil {
		return slices.Clip(rows)
	}
	return append(table, rows...)
}

// tracking adds what one course's tracking logs (or the tables computed
// from them) give to the dataset: path is the source's path in study.yaml,
// files the log files read.
func (l *loader) tracking(c *Course, key, path string, files []string, tr *Tracking) {
	l.ds.Activity = adoptRows(l, l.ds.Activity, tr.Weeks)
	l.ds.Reach = adoptRows(l, l.ds.Reach, tr.Reach)
	l.ds.Problems = adoptRows(l, l.ds.Problems, tr.Problems)
	l.logs.add(c, files, tr)
	l.logLearners.add(key, path, tr)
	if tr.Chapters > 0 {
		if l.ds.Chapters == nil {
			l.ds.Chapters = map[string]int{}
		}
		// Several tracking sources of one course: the largest count
		// seen; a course structure, when read, takes precedence.
		l.ds.Chapters[key] = max(l.ds.Chapters[key], tr.Chapters)
	}
	if l.enrol[key] == nil {
		l.enrol[key] = map[string]Enrollment{}
	}
	for id, e := range tr.Enrollments {
		l.enrol[key][id] = mergeEnrollment(l.enrol[key][id], e)
	}
}

// match expands a source path (maybe a glob) into sorted, slash-separated
// names relative to the study directory. No match is an error pointing at
// the source's line in study.yaml.
//
// A relative path is relative to the study directory and may leave it
// with ../ (raw learner data is often kept outside the study's
// repository). An absolute path is read where it points; like every other
// input it is then named relative to the study directory (../../data/…)
// in errors, the data-quality section and the provenance list, so the
// report does not publish the machine's folder layout.
func (l *loader) match(pattern string, line int, what string) []string {
	native := filepath.FromSlash(pattern)
	if !filepath.IsAbs(native) {
		native = filepath.Join(l.s.Dir, native)
	}
	paths, err := filepath.Glob(native)
	if err == nil && len(paths) == 0 {
		err = ErrNoMatch
	}
	var base string
	if err == nil {
		base, err = filepath.Abs(l.s.Dir)
	}
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		if err != nil {
			break
		}
		var rel string
		if p, err = filepath.Abs(p); err == nil {
			rel, err = filepath.Rel(base, p)
		}
		names = append(names, filepath.ToSlash(rel))
	}
	if err != nil {
		l.errs = append(l.errs, &ParseError{File: l.s.File, Line: line, Err: fmt.Errorf("%s: path %q: %w", what, pattern, err)})
		return nil
	}
	sort.Strings(names)
	return names
}

// readFile opens the study file name, records it as an input and hands it
// to read.
func (l *loader) readFile(name string, read func(io.Reader) error) {
	l.inputs[name] = true
	f, err := os.Open(filepath.Join(l.s.Dir, filepath.FromSlash(name)))
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	defer f.Close()
	if err := read(l.meter.reader(f)); err != nil {
		l.errs = append(l.errs, err)
	}
}
