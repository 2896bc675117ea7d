package ingest

import (
	"fmt"
	"math"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Result tables of `moocreport sql` (report/sqlgen), read back by format
// edx-activity in place of the tracking logs they were computed from.
// ReadActivity turns them into the same Tracking as ReadTrackingFiles, so
// the build that follows cannot tell the two apart (TestActivityDuckDB).

// activityWeekColumns are the weeks table's columns: learner, week, the
// event counts in report.EventKind order, days, sessions and seconds.
var activityWeekColumns = []string{"user_id", "week", "other", "page", "video", "problem", "forum", "enrollment",
	"played_video", "attempted_problem", "posted_forum", "days", "sessions", "seconds"}

// activityFileColumns are the files table's columns after the file name
// and its line count, with the skip reason each counts.
var activityFileColumns = [][2]string{
	{"comment", SkipComment}, {"malformed", SkipMalformed}, {"task", SkipTask},
	{"other_course", SkipOtherCourse}, {"no_course", SkipNoCourse}, {"no_learner", SkipNoLearner},
	{"bad_timestamp", SkipBadTime},
}

// activityReader reads one course's result tables in the study folder
// base, from the folder dir (slash-separated, relative to base).
type activityReader struct {
	base, dir string
	c         *Course
	opt       TrackingOptions
	inputs    []string
	cur       *table // the file rows is reading
}

// ReadActivity reads the result tables of `moocreport sql` in folder dir
// (relative to the study folder base) for course c: the learner weeks,
// chapters reached, problems, enrolments and skipped lines, learners
// pseudonymised as every reader does. The course table must show the
// tables were computed for this course with the settings opt and the
// week start of c; a file of the logs with more malformed lines than
// opt.MaxBadLines allows is refused as ReadTrackingFiles refuses it. It
// also returns the table files it read.
func ReadActivity(base, dir string, c *Course, opt TrackingOptions) (*Tracking, []string, error) {
	a := &activityReader{base: base, dir: dir, c: c, opt: opt}
	tr := &Tracking{Enrollments: map[string]Enrollment{}}
	steps := []func(*Tracking) error{a.course, a.files, a.weeks, a.reach, a.problems, a.enrolments}
	for _, step := range steps {
		if err := step(tr); err != nil {
			return nil, nil, err
		}
	}
	sort.Slice(tr.Weeks, func(i, j int) bool {
		x, y := tr.Weeks[i], tr.Weeks[j]
		return x.Learner < y.Learner || x.Learner == y.Learner && x.Week < y.Week
	})
	sort.Slice(tr.Reach, func(i, j int) bool { return tr.Reach[i].Learner < tr.Reach[j].Learner })
	sort.Slice(tr.Problems, func(i, j int) bool { return tr.Problems[i].Problem < tr.Problems[j].Problem })
	asRead(c, tr)
	return tr, a.inputs, nil
}

// ints parses vals[from:] as integers, naming the column of a bad one.
func ints(vals, columns []string, from int) ([]int64, error) {
	out := make([]int64, len(vals)-from)
	for i := range out {
		v, err := strconv.ParseInt(vals[from+i], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("column %q: want a whole number, got %q", columns[from+i], vals[from+i])
		}
		out[i] = v
	}
	return out, nil
}

// course checks the settings the tables were computed with.
func (a *activityReader) course(tr *Tracking) error {
	cols := []string{"course_id", "week_start_ms", "session_gap_ms", "learner_id", "page_rule", "chapters"}
	rows := 0
	learnerID := "user_id"
	if a.opt.ByUsername {
		learnerID = "username"
	}
	pageRule := "0"
	if a.opt.PageCourse {
		pageRule = "1"
	}
	for v, err := range a.rows("course", cols) {
		if err != nil {
			return err
		}
		rows++
		ch, err := a.courseRow(v, cols, learnerID, pageRule)
		if err != nil {
			return a.rowErr(err)
		}
		tr.Chapters = ch
	}
	if rows != 1 {
		return &ParseError{File: a.dir + "/course", Err: fmt.Errorf("want one row, got %d", rows)}
	}
	return nil
}

// courseRow checks one row of the course table against the course and
// the settings, returning its chapter count.
func (a *activityReader) courseRow(v, cols []string, learnerID, pageRule string) (int, error) {
	n, err := ints(v[:3], cols, 1)
	if err != nil {
		return 0, err
	}
	ch, err := ints(v, cols, 5)
	if err != nil {
		return 0, err
	}
	week := a.c.weekStart().UnixMilli()
	switch {
	case v[0] != a.c.ID:
		return 0, fmt.Errorf("computed for course %q, want %q: run moocreport sql for this course", v[0], a.c.ID)
	case n[0] != week:
		return 0, fmt.Errorf("computed with week 1 starting %s, want %s (course start and activity weeks, time_zone): run moocreport sql again",
			time.UnixMilli(n[0]).UTC().Format(time.RFC3339), time.UnixMilli(week).UTC().Format(time.RFC3339))
	case n[1] != a.opt.gap():
		return 0, fmt.Errorf("computed with session gap %s, want %s (session_gap): run moocreport sql again",
			time.Duration(n[1])*time.Millisecond, time.Duration(a.opt.gap())*time.Millisecond)
	case v[3] != learnerID:
		return 0, fmt.Errorf("computed with learner_id %q, want %q: run moocreport sql again", v[3], learnerID)
	case v[4] != pageRule:
		return 0, fmt.Errorf("computed with page_rule %s, want %s (activity.preset): run moocreport sql again", v[4], pageRule)
	}
	return int(ch[0]), nil
}

// logName is a log file's name as the data-quality section shows it:
// relative to the study folder, as ReadTrackingFiles names it, when the
// engine gave a path (or file: URI) inside it; cleaned of "./".
func (a *activityReader) logName(name string) string {
	if rest, ok := strings.CutPrefix(name, "file://"); ok {
		name = rest
	} else if rest, ok := strings.CutPrefix(name, "file:"); ok {
		name = rest
	}
	if filepath.IsAbs(name) {
		if base, err := filepath.Abs(a.base); err == nil {
			if rel, err := filepath.Rel(base, name); err == nil && !strings.HasPrefix(rel, "..") {
				name = filepath.ToSlash(rel)
			}
		}
	}
	return path.Clean(name)
}

// files turns the per-file counts into skips, refusing a file with too
// many malformed lines (readLog's rule).
func (a *activityReader) files(tr *Tracking) error {
	cols := []string{"file", "lines"}
	for _, r := range activityFileColumns {
		cols = append(cols, r[0])
	}
	type counts struct {
		file string
		n    []int64
	}
	var all []counts
	for v, err := range a.rows("files", cols) {
		if err != nil {
			return err
		}
		n, err := ints(v, cols, 1)
		if err != nil {
			return a.rowErr(err)
		}
		all = append(all, counts{a.logName(v[0]), n})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].file < all[j].file })
	share := a.opt.maxBad()
	for _, f := range all {
		lines, malformed := f.n[0], f.n[2]
		if allowed := int64(math.Floor(float64(lines)*share + 1e-9)); malformed > allowed {
			return &ParseError{File: f.file, Err: fmt.Errorf("%w: %d of %d lines are not JSON events, at most %d (%s %%) tolerated",
				ErrTooManyMalformed, malformed, lines, allowed, strconv.FormatFloat(share*100, 'g', -1, 64))}
		}
		var skips []report.Skip
		for i, r := range activityFileColumns {
			if n := f.n[1+i]; n > 0 {
				skips = append(skips, report.Skip{File: f.file, Reason: r[1], Count: int(n)})
			}
		}
		sort.Slice(skips, func(i, j int) bool { return skips[i].Reason < skips[j].Reason })
		tr.Skips = append(tr.Skips, skips...)
	}
	return nil
}

// activity reads an edx-activity source: the path names the folder (or
// folders) holding one course's result tables.
func (l *loader) activity(c *Course, key string, src study.Source, names []string) {
	opt := TrackingOptions{SessionGap: src.SessionGap, ByUsername: src.LearnerID == "username", MaxBadLines: src.MaxBadLines,
		PageCourse: l.s.Activity.Preset == "insights"}
	for _, name := range names {
		tr, inputs, err := ReadActivity(l.s.Dir, name, c, opt)
		if err != nil {
			l.errs = append(l.errs, err)
			continue
		}
		for _, in := range inputs {
			l.inputs[in] = true
		}
		l.tracking(c, key, src.Path, logFiles(tr), tr)
	}
}

// otherCourse stands for the course id of a line of another course in
// tables read back from an engine, which count those lines per file without
// their course id; no course has it.
const otherCourse = "\x00other"

// asRead gives tables read back from an engine the shape the tracking
// reader gives its own result, so data quality counts them alike: every
// skip names the course, and lines of other courses are kept per file
// under otherCourse. For a file only this course reads, the counts are the
// tracking reader's; a file several courses read through edx-activity
// counts every other course's lines as another course's.
func asRead(c *Course, tr *Tracking) {
	for i, k := range tr.Skips {
		if k.Reason == SkipOtherCourse {
			if tr.OtherCourses == nil {
				tr.OtherCourses = map[string]map[string]int{}
			}
			if tr.OtherCourses[k.File] == nil {
				tr.OtherCourses[k.File] = map[string]int{}
			}
			tr.OtherCourses[k.File][otherCourse] += k.Count
		}
		tr.Skips[i].Course = c.Key
	}
}

// logFiles lists the log files a course's tables were computed from, as
// far as their skips name them.
func logFiles(tr *Tracking) []string {
	var files []string
	for _, k := range tr.Skips {
		if !slices.Contains(files, k.File) {
			files = append(files, k.File)
		}
	}
	for f := range tr.OtherCourses {
		if !slices.Contains(files, f) {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	return files
}
