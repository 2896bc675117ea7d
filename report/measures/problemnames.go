package measures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// namedProblem is a problem as the report lists it: its statistics, its
// id within the course (the block id, or the name a problem grade report
// gives), the label readers see and its place in the course.
type namedProblem struct {
	report.ProblemStat
	short string
	label string
	order int  // index in the course outline; -1 when it is not there
	named bool // label is the display name (and unit), not a number
}

// namedProblems lists the problems by course and, within a course, in
// course order: the order of the course structure, else of the problem
// grade report's columns (report.Dataset.Outline). A problem neither
// places follows, in the order of its first graded submission in the
// tracking logs (not course order: the data-quality section says so),
// then by block id. Each is labelled by its display name (the course
// structure's, else the tracking logs', else the grade report's), with
// its unit's name where two problems of the course share one. A problem
// whose name no input gives is labelled "Unnamed problem N"; unnamed
// counts them per course, for the data-quality section.
func (c *computer) namedProblems() (out []namedProblem, unnamed map[string]int) {
	unnamed = map[string]int{}
	for _, p := range c.ds.Problems {
		np := namedProblem{ProblemStat: p, short: report.BlockID(p.Problem), order: -1}
		for i, b := range c.ds.Outline[p.Course] {
			if b.Block == np.short {
				np.order, np.label = i, b.Name
				break
			}
		}
		if np.label == "" {
			np.label = p.Name // the tracking logs' context.module.display_name
		}
		if np.label == "" && !isProblemKey(p.Problem) {
			np.label = p.Problem // the problem grade report knows problems by name
		}
		out = append(out, np)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Course != b.Course {
			return a.Course < b.Course
		}
		if (a.order < 0) != (b.order < 0) {
			return a.order >= 0
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if a.FirstSeen.IsZero() != b.FirstSeen.IsZero() {
			return !a.FirstSeen.IsZero() // a time from the logs first
		}
		if !a.FirstSeen.Equal(b.FirstSeen) {
			return a.FirstSeen.Before(b.FirstSeen)
		}
		return naturalLess(a.short, b.short)
	})
	c.disambiguate(out)
	for i := range out {
		out[i].named = out[i].label != ""
		if !out[i].named {
			unnamed[out[i].Course]++
			out[i].label = fmt.Sprintf("Unnamed problem %d", unnamed[out[i].Course])
		}
	}
	return out, unnamed
}

// disambiguate adds the unit's name to a display name two problems of a
// course share ("Multiple Choice (One Correct Answer)"), and a number
// where that is not enough.
func (c *computer) disambiguate(ps []namedProblem) {
	parent := func(p namedProblem) string {
		if p.order < 0 {
			return ""
		}
		return c.ds.Outline[p.Course][p.order].Parent
	}
	for pass := 0; pass < 2; pass++ {
		count := map[[2]string]int{}
		for _, p := range ps {
			if p.label != "" {
				count[[2]string{p.Course, p.label}]++
			}
		}
		seen := map[[2]string]int{}
		for i, p := range ps {
			k := [2]string{p.Course, p.label}
			if p.label == "" || count[k] < 2 {
				continue
			}
			seen[k]++
			switch {
			case pass == 0 && parent(p) != "" && parent(p) != p.label:
				ps[i].label = p.label + " (" + parent(p) + ")"
			case pass == 1:
				ps[i].label = fmt.Sprintf("%s (%d)", p.label, seen[k])
			}
		}
	}
}

// isProblemKey tells a problem's usage key (block-v1:…@<id>, i4x://…)
// from the display name a problem grade report gives it.
func isProblemKey(id string) bool {
	return strings.Contains(id, "@") || strings.HasPrefix(id, "i4x://")
}

// unnamedProblemsNote says, for the data-quality section, how many
// problems of each course the inputs give no name for, and how they are
// shown; "" when every problem has its name.
func (c *computer) unnamedProblemsNote() string {
	_, unnamed := c.namedProblems()
	counts := c.perCourse(unnamed)
	if counts == "" {
		return ""
	}
	return "Problems without a name (" + counts + "): no course structure, tracking log or problem grade report of the course gives their display names, so the report numbers them \"Unnamed problem 1\", \"Unnamed problem 2\", … after the named ones, in the order learners first submitted them where the tracking logs tell, else in the order of their block ids; neither need be the course order."
}

// logOrderNote says, for the data-quality section, which courses list
// problems in the order learners first submitted them (the tracking
// logs' times) because no course structure or problem grade report gives
// their course order; "" when every problem has its place.
func (c *computer) logOrderNote() string {
	ps, _ := c.namedProblems()
	n := map[string]int{}
	for _, p := range ps {
		if p.order < 0 && !p.FirstSeen.IsZero() {
			n[p.Course]++
		}
	}
	counts := c.perCourse(n)
	if counts == "" {
		return ""
	}
	return "Problems not in course order (" + counts + "): no course structure or problem grade report of the course places them, so the report lists them in the order learners first submitted them in the tracking logs, which need not be the order of the course."
}

// perCourse lists the non-zero counts of n by course, in study order
// ("EAT101x: 3; SUS201x: 1"); "" when there are none.
func (c *computer) perCourse(n map[string]int) string {
	var parts []string
	for _, co := range c.s.Courses {
		if k := n[co.Key]; k > 0 {
			parts = append(parts, fmt.Sprintf("%s: %d", co.Short, k))
		}
	}
	return strings.Join(parts, "; ")
}
