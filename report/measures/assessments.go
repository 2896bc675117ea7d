package measures

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

const (
	assessmentsDefinition = "Per assignment column of the edX grade report (\"(Avg)\" columns left out): completed = learners with a score (not \"Not Attempted\" or \"Not Available\"), as a share of learners in the grade report; mean score (0–1) of those who completed it. No mean is published for fewer than the minimum cell size of learners."
	problemsDefinition    = "First-attempt correctness: per problem, from the course server's record of each checked answer, the learners who submitted and the share of first attempts that were correct; problems with fewer than the minimum cell size of learners are withheld."
)

// assessmentResults adds per-assessment completion and mean scores, then
// first-attempt correctness by problem; a table without rows is left out.
func (c *computer) assessmentResults() error {
	c.part("assessments", tableBlocks(c.assessments(), c.problems())...)
	return nil
}

// assessments reports, per assignment column of the grade report, how
// many learners completed it and their mean score. "(Avg)" columns are
// left out: edX fills them for every learner, so they measure nothing.
func (c *computer) assessments() *report.Table {
	def := assessmentsDefinition
	t := &report.Table{ID: "performance-assessments", Title: "Completion and mean score by assessment", Columns: []string{"Course", "Assessment", "Completed", "Completed %", "Mean score"}, DefinedIn: assessmentsTerm}
	for _, co := range c.gradedCourses() {
		scores := map[string][]float64{}
		graded := 0
		for _, g := range c.ds.Grades {
			if g.Course != co.Key {
				continue
			}
			graded++
			for name, v := range g.Assignments {
				if !strings.HasSuffix(name, "(Avg)") {
					scores[name] = append(scores[name], v)
				}
			}
		}
		names := make([]string, 0, len(scores))
		for n := range scores {
			names = append(names, n)
		}
		sortAssessments(names, c.ds.Assessments[co.Key])
		for _, name := range names {
			x := scores[name]
			id := co.Key + ".assessment." + slug(name)
			row := []report.Cell{textCell(co.Short), textCell(name),
				measureCell(c.count(id+".completed", co.Key, name+": learners who completed it", len(x), def)),
				measureCell(c.share(id+".completion", co.Key, name+": completion (share of graded)", len(x), graded, def))}
			m := report.Measure{ID: id + ".mean", Course: co.Key, Label: name + ": mean score", N: len(x), Unit: "0–1", Definition: def}
			if len(x) < c.k {
				m = c.suppressMeasure(m)
			} else {
				mean, _ := stats.Mean(x)
				m.Value, m.Text = mean, formatNum(mean, 2)
			}
			c.add(m)
			t.Rows = append(t.Rows, append(row, measureCell(m)))
		}
	}
	return t
}

var digits = regexp.MustCompile(`\d+`)

// sortAssessments puts names in the order of the grade report's columns
// (the course's order); a name the columns lack follows, in natural order.
func sortAssessments(names, columns []string) {
	at := map[string]int{}
	for i, n := range columns {
		at[n] = i + 1
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := at[names[i]], at[names[j]]
		if (a == 0) != (b == 0) {
			return a != 0
		}
		if a != b {
			return a < b
		}
		return naturalLess(names[i], names[j])
	})
}

// naturalLess orders "Homework 2" before "Homework 10".
func naturalLess(a, b string) bool {
	pad := func(s string) string {
		return digits.ReplaceAllStringFunc(s, func(d string) string { return fmt.Sprintf("%09s", d) })
	}
	return pad(a) < pad(b)
}

// problems reports first-attempt correctness per problem, when ingest
// found problem submissions. A problem answered by fewer than k learners
// is withheld.
func (c *computer) problems() *report.Table {
	if len(c.ds.Problems) == 0 {
		return nil
	}
	def := problemsDefinition
	t := &report.Table{ID: "performance-problems", Title: "First-attempt correctness by problem", Columns: []string{"Course", "Problem", "Learners", "Correct at first attempt %"}, DefinedIn: assessmentsTerm}
	ps, _ := c.namedProblems()
	seen := map[string]bool{}
	for _, p := range ps {
		id := p.Course + ".problem." + slug(p.short)
		if seen[id] {
			continue // two problem ids that slug alike: keep the first
		}
		seen[id] = true
		what := p.label // "Unnamed problem 3"
		if p.named {
			what = "Problem “" + p.label + "”"
		}
		learners := c.count(id+".learners", p.Course, what+": learners who submitted", p.Learners, def)
		m := report.Measure{ID: id + ".first-correct", Course: p.Course, Label: what + ": correct at first attempt", N: p.FirstAttempts, Unit: "%", Definition: def, Text: "–"}
		wrong := p.FirstAttempts - p.FirstCorrect
		switch {
		case p.Learners < c.k, small(p.FirstCorrect, c.k), small(wrong, c.k):
			// A share built on fewer than k right (or wrong) answers says
			// what those few learners did.
			m = c.suppressMeasure(m)
		case p.FirstAttempts > 0:
			m.Value = 100 * float64(p.FirstCorrect) / float64(p.FirstAttempts)
			m.Text = formatPct(m.Value)
		}
		c.add(m)
		t.Rows = append(t.Rows, []report.Cell{textCell(c.courseName(p.Course)), textCell(p.label), measureCell(learners), measureCell(m)})
	}
	return t
}
