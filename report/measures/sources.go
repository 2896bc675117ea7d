package measures

import (
	"fmt"
	"slices"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// A study need not have every kind of data for every course: a course
// exported without tracking logs has no activity, one without a grade
// report no grades. A measure whose source is absent is not computed, so
// the report never shows "0 active learners" for want of logs; zero is
// published only when the source is there and the count is zero. The
// data-quality section says what was absent and what therefore is not
// reported.

// activityFormats and gradeFormats are the source formats that give a
// course's activity (LearnerWeeks) and grades.
var (
	activityFormats = []string{"edx-tracking", "oulad"}
	gradeFormats    = []string{"edx-grades", "edx-rdp-certificates", "oulad"}
)

// hasActivity says whether a course has activity data: a tracking source
// in study.yaml, or activity rows from wherever they came.
func (c *computer) hasActivity(course string) bool {
	return c.declares(course, activityFormats) || slices.ContainsFunc(c.ds.Activity, func(w report.LearnerWeek) bool { return w.Course == course })
}

// hasGrades says whether a course has grade data.
func (c *computer) hasGrades(course string) bool {
	return c.declares(course, gradeFormats) || slices.ContainsFunc(c.ds.Grades, func(g report.Grade) bool { return g.Course == course })
}

// declares reports whether the study declares a source of one of the
// formats for the course.
func (c *computer) declares(course string, formats []string) bool {
	co, ok := c.s.Course(course)
	if !ok {
		return false
	}
	return slices.ContainsFunc(co.Sources, func(s study.Source) bool { return slices.Contains(formats, s.Format) })
}

// activityCourses lists the courses with activity data, in study order.
func (c *computer) activityCourses() []study.Course {
	return c.coursesWhere(c.hasActivity)
}

// gradedCourses lists the courses with grade data, in study order.
func (c *computer) gradedCourses() []study.Course {
	return c.coursesWhere(c.hasGrades)
}

// coursesWhere lists the study's courses for which has is true, in
// study order.
func (c *computer) coursesWhere(has func(string) bool) []study.Course {
	var out []study.Course
	for _, co := range c.s.Courses {
		if has(co.Key) {
			out = append(out, co)
		}
	}
	return out
}

// activeResponseRate is a survey's response rate among active learners,
// or "n/a" without the course's tracking logs, which say who was active.
func (c *computer) activeResponseRate(id, course, title string, respondents map[string]bool) report.Cell {
	if !c.hasActivity(course) {
		return textCell("n/a")
	}
	return measureCell(c.share(id+".response-rate.active", course, title+": response rate among active learners", activeRespondents(respondents, c.acts[course]), len(c.acts[course]), activeResponseDefinition))
}

// absentSources says, course by course, which kinds of data the study
// does not have and what the report therefore leaves out; nil when every
// course has everything.
func (c *computer) absentSources() []string {
	var out []string
	noLogs, noGrades := c.coursesMissing()
	all := len(c.s.Courses)
	if len(noLogs) > 0 {
		funnel := "active stage in the engagement funnel"
		if len(noLogs) == all {
			funnel = "engagement funnel"
		}
		out = append(out, fmt.Sprintf("The study has no tracking logs (activity data) for %s, so the report gives no activity measures for %s: no weekly active learners, kinds of activity, events, activity per learner or retention, no %s, and no comparison or correlation involving activity.",
			joinAnd(noLogs), itThem(noLogs), funnel))
	}
	if len(noGrades) > 0 {
		funnel := "passed and certified stages in the engagement funnel"
		if len(noLogs) == all {
			funnel = "engagement funnel"
		}
		out = append(out, fmt.Sprintf("The study has no grade report for %s, so the report gives no grades, pass rates, certificates or assessment results for %s, no %s, and no comparison or correlation involving grades.",
			joinAnd(noGrades), itThem(noGrades), funnel))
	}
	if len(c.s.Surveys) == 0 {
		out = append(out, "The study has no surveys, so the report has no survey results.")
	}
	return out
}

// itThem is the pronoun for a list of courses.
func itThem(names []string) string {
	if len(names) == 1 {
		return "it"
	}
	return "them"
}

// joinAnd lists names as prose: "A", "A and B", "A, B and C".
func joinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " and " + names[len(names)-1]
}

// coursesMissing names the courses without tracking logs and those without
// a grade report, in study order.
func (c *computer) coursesMissing() (noLogs, noGrades []string) {
	for _, co := range c.s.Courses {
		if !c.hasActivity(co.Key) {
			noLogs = append(noLogs, co.Short)
		}
		if !c.hasGrades(co.Key) {
			noGrades = append(noGrades, co.Short)
		}
	}
	return noLogs, noGrades
}
