package ingest

import (
	"errors"
	"fmt"
	"iter"
	"path/filepath"
	"time"

	"github.com/moocreport/moocreport/report"
)

// The learner tables of edx-activity; every user id is pseudonymised as
// it is read.

var errNoUser = errors.New(`column "user_id": want an edX user id, got nothing`)

// rows yields the rows of result table name, every file of it in turn,
// each as the values of columns, which every file must have; it ends
// after the last row or after yielding an error. A reader points at a
// problem in the row just yielded with rowErr.
func (a *activityReader) rows(name string, columns []string) iter.Seq2[[]string, error] {
	return func(yield func([]string, error) bool) {
		files, err := activityFiles(a.base, a.dir, name)
		if err != nil {
			yield(nil, &ParseError{File: a.dir, Err: err})
			return
		}
		vals := make([]string, len(columns))
		for _, f := range files {
			a.inputs = append(a.inputs, f)
			if !a.fileRows(f, columns, vals, yield) {
				return
			}
		}
	}
}

// fileRows yields the rows of one file of a result table as rows does;
// false when the caller stopped or an error was yielded.
func (a *activityReader) fileRows(f string, columns, vals []string, yield func([]string, error) bool) bool {
	t, closer, err := openResultTable(filepath.Join(a.base, filepath.FromSlash(f)), f, a.c.Limits)
	if err != nil {
		yield(nil, err)
		return false
	}
	defer closer.Close()
	col, err := t.need(columns...)
	if err != nil {
		yield(nil, err)
		return false
	}
	a.cur = t
	for rec, err := range t.rows() {
		if err != nil {
			yield(nil, err)
			return false
		}
		for i, c := range col {
			vals[i] = rec[c]
		}
		if !yield(vals, nil) {
			return false
		}
	}
	return true
}

// rowErr points err at the row rows yielded last: its file and its line
// (CSV) or 1-based row number (Parquet).
func (a *activityReader) rowErr(err error) error {
	return &ParseError{File: a.cur.file, Line: a.cur.line(), Err: err}
}

func (a *activityReader) weeks(tr *Tracking) error {
	for v, err := range a.rows("weeks", activityWeekColumns) {
		if err != nil {
			return err
		}
		w, err := a.week(v)
		if err != nil {
			return a.rowErr(err)
		}
		tr.Weeks = append(tr.Weeks, w)
	}
	return nil
}

// week reads one row of the weeks table.
func (a *activityReader) week(v []string) (report.LearnerWeek, error) {
	if v[0] == "" {
		return report.LearnerWeek{}, errNoUser
	}
	n, err := ints(v, activityWeekColumns, 1)
	if err != nil {
		return report.LearnerWeek{}, err
	}
	w := report.LearnerWeek{Course: a.c.Key, Learner: a.c.pseudonym(v[0]), Week: int(n[0])}
	for k := range report.NumKinds {
		w.Events[k] = int(n[1+k])
	}
	w.Insights = report.InsightsWeek{PlayedVideo: int(n[7]), AttemptedProblem: int(n[8]), PostedForum: int(n[9])}
	if n[10] < 0 || n[10] > 7 {
		return report.LearnerWeek{}, fmt.Errorf(`column "days": want 0 to 7, got %d`, n[10])
	}
	w.Days, w.Sessions, w.Seconds = uint8(n[10]), int(n[11]), int(n[12])
	return w, nil
}

func (a *activityReader) reach(tr *Tracking) error {
	cols := []string{"user_id", "chapters"}
	for v, err := range a.rows("reach", cols) {
		if err != nil {
			return err
		}
		if v[0] == "" {
			return a.rowErr(errNoUser)
		}
		n, err := ints(v, cols, 1)
		if err != nil {
			return a.rowErr(err)
		}
		tr.Reach = append(tr.Reach, report.Reach{Course: a.c.Key, Learner: a.c.pseudonym(v[0]), Chapters: int(n[0])})
	}
	return nil
}

func (a *activityReader) problems(tr *Tracking) error {
	cols := []string{"problem_id", "learners", "first_attempts", "first_correct"}
	for v, err := range a.rows("problems", cols) {
		if err != nil {
			return err
		}
		n, err := ints(v, cols, 1)
		if err != nil {
			return a.rowErr(err)
		}
		tr.Problems = append(tr.Problems, report.ProblemStat{Course: a.c.Key, Problem: v[0],
			Learners: int(n[0]), FirstAttempts: int(n[1]), FirstCorrect: int(n[2])})
	}
	return nil
}

// enrolments: times in unix ms; an empty cell is no such event.
func (a *activityReader) enrolments(tr *Tracking) error {
	cols := []string{"user_id", "enrolled_ms", "unenrolled_ms"}
	for v, err := range a.rows("enrolments", cols) {
		if err != nil {
			return err
		}
		if v[0] == "" {
			return a.rowErr(errNoUser)
		}
		var e Enrollment
		for i, t := range []*time.Time{&e.Enrolled, &e.Unenrolled} {
			if v[1+i] == "" {
				continue
			}
			n, err := ints(v[:2+i], cols, 1+i)
			if err != nil {
				return a.rowErr(err)
			}
			*t = time.UnixMilli(n[0]).UTC()
		}
		tr.Enrollments[a.c.pseudonym(v[0])] = e
	}
	return nil
}
