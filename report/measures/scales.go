package measures

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

const scalesDefinition = "A scale score is the mean of the scale's items, each scored 1 to the number of points of its response scale, reverse-coded items as points + 1 − answer, over learners linked to a response (their first) who answered every item (complete cases). Cronbach's α, α if an item is deleted and the corrected item–total correlation (the item against the sum of the other items) are computed on the same respondents. No statistic is published for fewer than the minimum cell size of respondents."

// scales reports every multi-item scale declared in study.yaml, in every
// instrument that carries it: score, reliability and item diagnostics.
func (c *computer) scales() error {
	summary := &report.Table{ID: "surveys-scales", Title: "Scale scores and reliability",
		Columns: []string{"Scale", "Course", "Instrument", "Items", "N", "Mean", "SD", "Cronbach's α"}, DefinedIn: scalesTerm}
	var blocks []report.Block
	for _, name := range scaleNames(c.s) {
		spec := c.s.Scales[name]
		for _, sv := range c.s.Surveys {
			items := spec.Items[sv.Key]
			if len(items) == 0 {
				continue
			}
			rows := c.scaleMatrix(sv, name, c.firstResponses(sv.Course, sv.Key))
			id := fmt.Sprintf("%s.%s.scale.%s", sv.Course, sv.Key, name)
			n := c.count(id+".n", sv.Course, "Scale "+name+": complete respondents", len(rows), scalesDefinition)
			row := []report.Cell{textCell(name), textCell(c.courseName(sv.Course)), textCell(sv.Title), numCell(formatInt(len(items)), float64(len(items))), measureCell(n)}
			var scores []float64
			matrix := make([][]float64, 0, len(rows))
			for _, l := range slices.Sorted(maps.Keys(rows)) {
				matrix = append(matrix, rows[l])
				scores = append(scores, meanOf(rows[l]))
			}
			sum, errD := stats.Describe(scores)
			alpha, errA := stats.CronbachAlpha(matrix)
			stat := func(suffix, label string, v float64, err error, text string) report.Cell {
				m := report.Measure{ID: id + "." + suffix, Course: sv.Course, Label: "Scale " + name + ": " + label, N: len(rows), Definition: scalesDefinition}
				switch {
				case len(rows) < c.k:
					m = c.suppressMeasure(m)
				case err != nil || math.IsNaN(v):
					m.Text = "–"
				default:
					m.Value, m.Text = v, text
				}
				c.add(m)
				return measureCell(m)
			}
			row = append(row, stat("mean", "mean score", sum.Mean, errD, formatNum(sum.Mean, 2)),
				stat("sd", "SD of scores", sum.SD, errD, formatNum(sum.SD, 2)),
				stat("alpha", "Cronbach's alpha", alpha.Alpha, errA, alpha.APA()))
			summary.Rows = append(summary.Rows, row)
			if len(rows) >= c.k && errA == nil {
				blocks = append(blocks, report.Block{Table: c.itemDiagnostics(sv, name, items, alpha)})
			}
		}
	}
	if len(summary.Rows) == 0 {
		return nil
	}
	c.part("scales", append([]report.Block{{Table: summary}}, blocks...)...)
	return nil
}

// itemDiagnostics lists α-if-deleted and the corrected item–total
// correlation of each item, which say which item weakens a scale.
func (c *computer) itemDiagnostics(sv study.Survey, name string, items []string, a stats.Alpha) *report.Table {
	t := &report.Table{ID: fmt.Sprintf("surveys-scale-%s-%s-%s", name, sv.Course, sv.Key),
		Title:   fmt.Sprintf("Scale %q, %s, %s: item diagnostics", name, c.courseName(sv.Course), sv.Title),
		Columns: []string{"Item", "Reverse-coded", "Corrected item–total r", "α if item deleted"}, DefinedIn: scalesTerm}
	rev := c.s.Scales[name].Reverse
	for i, id := range items {
		base := fmt.Sprintf("%s.%s.scale.%s.%s", sv.Course, sv.Key, name, slug(id))
		cell := func(suffix, label string, v float64) report.Cell {
			m := report.Measure{ID: base + "." + suffix, Course: sv.Course, Label: "Scale " + name + ", " + id + ": " + label, N: a.N, Definition: scalesDefinition, Text: "–"}
			if !math.IsNaN(v) {
				m.Value, m.Text = v, stats.FormatBounded(v, 2)
			}
			c.add(m)
			return measureCell(m)
		}
		r := "no"
		if contains(rev, id) {
			r = "yes"
		}
		t.Rows = append(t.Rows, []report.Cell{textCell(questionLabel(sv, id)), textCell(r),
			cell("item-total", "corrected item–total correlation", a.ItemTotal[i]),
			cell("alpha-if-deleted", "alpha if deleted", a.IfDeleted[i])})
	}
	return t
}

// scaleMatrix maps each matched learner who answered every item of the
// scale in sv to their item scores, reverse-coded where declared.
func (c *computer) scaleMatrix(sv study.Survey, name string, rs map[string]report.Response) map[string][]float64 {
	spec := c.s.Scales[name]
	items := spec.Items[sv.Key]
	out := map[string][]float64{}
	for l, r := range rs {
		row := make([]float64, 0, len(items))
		for _, id := range items {
			labels := c.s.Scales[questionScale(sv, id)].Labels
			p := likertPoint(strings.TrimSpace(r.Answers[id]), labels)
			if p == 0 {
				row = nil
				break
			}
			if contains(spec.Reverse, id) {
				p = len(labels) + 1 - p
			}
			row = append(row, float64(p))
		}
		if row != nil {
			out[l] = row
		}
	}
	return out
}

// scaleScores maps learners to their scale score in sv.
func (c *computer) scaleScores(sv study.Survey, name string, rs map[string]report.Response) map[string]float64 {
	out := map[string]float64{}
	for l, row := range c.scaleMatrix(sv, name, rs) {
		out[l] = meanOf(row)
	}
	return out
}

// meanOf is the arithmetic mean of x; NaN when x is empty.
func meanOf(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
