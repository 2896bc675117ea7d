package ingest

import (
	"errors"
	"fmt"
	"time"

	"github.com/moocreport/moocreport/report"
)

// The learner tables of edx-activity; every user id is pseudonymised as
// it is read.

var errNoUser = errors.New(`column "user_id": want an edX user id, got nothing`)

func (a *activityReader) weeks(tr *Tracking) error {
	cols := activityWeekColumns
	return a.table("weeks", cols, func(v []string, _ int) error {
		if v[0] == "" {
			return errNoUser
		}
		n, err := ints(v, cols, 1)
		if err != nil {
			return err
		}
		w := report.LearnerWeek{Course: a.c.Key, Learner: a.c.pseudonym(v[0]), Week: int(n[0])}
		for k := range report.NumKinds {
			w.Events[k] = int(n[1+k])
		}
		w.Insights = report.InsightsWeek{PlayedVideo: int(n[7]), AttemptedProblem: int(n[8]), PostedForum: int(n[9])}
		if n[10] < 0 || n[10] > 7 {
			return fmt.Errorf(`column "days": want 0 to 7, got %d`, n[10])
		}
		w.Days, w.Sessions, w.Seconds = uint8(n[10]), int(n[11]), int(n[12])
		tr.Weeks = append(tr.Weeks, w)
		return nil
	})
}

func (a *activityReader) reach(tr *Tracking) error {
	cols := []string{"user_id", "chapters"}
	return a.table("reach", cols, func(v []string, _ int) error {
		if v[0] == "" {
			return errNoUser
		}
		n, err := ints(v, cols, 1)
		if err == nil {
			tr.Reach = append(tr.Reach, report.Reach{Course: a.c.Key, Learner: a.c.pseudonym(v[0]), Chapters: int(n[0])})
		}
		return err
	})
}

func (a *activityReader) problems(tr *Tracking) error {
	cols := []string{"problem_id", "learners", "first_attempts", "first_correct"}
	return a.table("problems", cols, func(v []string, _ int) error {
		n, err := ints(v, cols, 1)
		if err == nil {
			tr.Problems = append(tr.Problems, report.ProblemStat{Course: a.c.Key, Problem: v[0],
				Learners: int(n[0]), FirstAttempts: int(n[1]), FirstCorrect: int(n[2])})
		}
		return err
	})
}

// enrolments: times in unix ms; an empty cell is no such event.
func (a *activityReader) enrolments(tr *Tracking) error {
	cols := []string{"user_id", "enrolled_ms", "unenrolled_ms"}
	return a.table("enrolments", cols, func(v []string, _ int) error {
		if v[0] == "" {
			return errNoUser
		}
		var e Enrollment
		for i, t := range []*time.Time{&e.Enrolled, &e.Unenrolled} {
			if v[1+i] == "" {
				continue
			}
			n, err := ints(v[:2+i], cols, 1+i)
			if err != nil {
				return err
			}
			*t = time.UnixMilli(n[0]).UTC()
		}
		tr.Enrollments[a.c.pseudonym(v[0])] = e
		return nil
	})
}
