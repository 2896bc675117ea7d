package measures

import (
	"fmt"
	"math"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

// significantLabel keys the shading of a significant difference.
const significantLabel = "Difference significant (Holm-adjusted p < .05)"

// comparisonCharts draws what the comparisons table lists, where a
// picture says more than its rows: the weekly-active chart marks the weeks
// whose difference is significant, each pair of courses gets a forest plot
// of its differences in proportions, and each pre/post comparison a figure
// of its matched learners' means. Tests whose effect sizes have no
// interval (Cramér's V, r, d) stay in the table.
func (c *computer) comparisonCharts() {
	c.markWeeklyActive()
	var pairs []string
	byPair := map[string][]*testResult{}
	var paired []string
	byFamily := map[string][]*testResult{}
	for _, r := range c.results {
		switch {
		case (r.kind == familyOutcomes || r.kind == familyWeekly) && strings.HasPrefix(r.test, "two-proportion"):
			p := pairKey(r.id)
			if byPair[p] == nil {
				pairs = append(pairs, p)
			}
			byPair[p] = append(byPair[p], r)
		case r.kind == familyPaired:
			if byFamily[r.family] == nil {
				paired = append(paired, r.family)
			}
			byFamily[r.family] = append(byFamily[r.family], r)
		}
	}
	var figs []report.Block
	for _, p := range pairs {
		if f := c.differencesFigure(p, byPair[p]); f != nil {
			figs = append(figs, report.Block{Figure: f})
		}
	}
	for _, fam := range paired {
		if f := c.prePostFigure(fam, byFamily[fam]); f != nil {
			figs = append(figs, report.Block{Figure: f})
		}
	}
	c.part("comparison-charts", figs...)
}

// pairKey is the "<study>.vs.<baseline>" of a two-course test's id.
func pairKey(id string) string {
	parts := strings.SplitN(id, ".", 4)
	return strings.Join(parts[:min(3, len(parts))], ".")
}

// weeklyTests returns the weekly active-share tests of the only pair of
// courses compared, by week; nil when no pair or several were.
func (c *computer) weeklyTests() map[string]*testResult {
	pair := ""
	weeks := map[string]*testResult{}
	for _, r := range c.results {
		if r.kind != familyWeekly {
			continue
		}
		if pair != "" && pairKey(r.id) != pair {
			return nil // several pairs: whose difference would a mark be?
		}
		pair = pairKey(r.id)
		_, w, _ := strings.Cut(r.id, ".active.w")
		weeks[w] = r
	}
	return weeks
}

// markWeeklyActive shades the weeks of the weekly-active chart whose
// difference between the two compared courses is significant after Holm
// adjustment, and adds the adjusted p-values to the chart's data table.
func (c *computer) markWeeklyActive() {
	weeks := c.weeklyTests()
	f := c.figure("weekly-activity", "activity-weekly-active-chart")
	if len(weeks) == 0 || f == nil {
		return
	}
	var any *testResult
	for _, r := range weeks {
		any = r
	}
	s, b := courses(outcome{r: any})
	if !slicesHave(seriesNames(f), s, b) {
		return
	}
	col := s + " vs " + b + ": Holm-adjusted p"
	f.Table.Columns = append(f.Table.Columns, col)
	f.Caption = strings.Replace(f.Caption, "its data give the counts and shares.", "its data give the counts, the shares and the Holm-adjusted p of their difference.", 1)
	var marked []string
	for i, cat := range f.Categories {
		r := weeks[cat]
		switch {
		case r == nil:
			f.Table.Rows[i] = append(f.Table.Rows[i], textCell("–"))
		case r.withheld:
			f.Table.Rows[i] = append(f.Table.Rows[i], c.withheldCell(r.withheldKind()))
		case !r.ok:
			f.Table.Rows[i] = append(f.Table.Rows[i], textCell("–"))
		default:
			f.Table.Rows[i] = append(f.Table.Rows[i], pCell(r.pAdj))
			if r.pAdj < alpha {
				marked = append(marked, cat)
			}
		}
	}
	if len(marked) == 0 {
		f.Caption += fmt.Sprintf(" In no week is the difference between %s and %s significant after Holm adjustment (two-proportion z-tests).", s, b)
		return
	}
	f.Marked, f.MarkLabel = marked, significantLabel
	f.Caption += fmt.Sprintf(" Weeks on a grey background: the difference between %s and %s is significant after Holm adjustment (two-proportion z-tests, α = .05).", s, b)
	f.Alt += fmt.Sprintf(" On a grey background, where the difference between %s and %s is significant after Holm adjustment: %s.", s, b, weekList(marked))
}

// figure finds a generated figure by id in a part.
func (c *computer) figure(part, id string) *report.Figure {
	for _, b := range c.parts[part] {
		if b.Figure != nil && b.Figure.ID == id {
			return b.Figure
		}
	}
	return nil
}

// slicesHave reports whether list holds every one of want.
func slicesHave(list []string, want ...string) bool {
	for _, w := range want {
		found := false
		for _, l := range list {
			found = found || l == w
		}
		if !found {
			return false
		}
	}
	return true
}

// weekList names weeks given as category strings: "weeks 1–8".
func weekList(cats []string) string {
	var os []outcome
	for _, cat := range cats {
		os = append(os, outcome{r: &testResult{id: ".active.w" + cat}})
	}
	return weeks(os)
}

// differencesFigure is a forest plot of one pair of courses' differences
// in proportions (pass rate, verified share, each week's active share),
// each with its 95 % Wald interval; nil with fewer than two results.
func (c *computer) differencesFigure(pair string, rs []*testResult) *report.Figure {
	ok := 0
	for _, r := range rs {
		if r.ok && r.parts != nil && r.parts.EffectCI != nil {
			ok++
		}
	}
	if ok < 2 {
		return nil
	}
	s, b := courses(outcome{r: rs[0]})
	f := &report.Figure{ID: "comparisons-" + slug(pair) + "-differences-chart", Kind: report.FigureForest,
		Title:  s + " vs " + b + ": differences in proportions",
		XLabel: "Comparison", YLabel: fmt.Sprintf("Difference in proportions, %s − %s (95 %% CI)", s, b),
		Caption:   fmt.Sprintf("Each row is one two-proportion z-test: the point is the difference %s − %s, the whisker its 95 %% Wald interval; a difference right of zero is higher in %s. Shaded rows are significant after Holm adjustment within their family (the outcomes, or the weekly active shares).", s, b, s),
		DefinedIn: comparisonsTerm}
	t := report.Table{ID: f.ID + "-data", Title: f.Title, Columns: []string{"Comparison", "Difference", "95 % CI low", "95 % CI high", "Holm-adjusted p"}}
	series := report.Series{Name: s + " − " + b}
	var words []string
	sig, none := 0, 0
	for _, r := range rs {
		_, label, _ := strings.Cut(r.comparison, ": ")
		label = capitalise(label)
		f.Categories = append(f.Categories, label)
		row := []report.Cell{textCell(label)}
		if !r.ok || r.parts == nil || r.parts.EffectCI == nil {
			none++
			series.Values = append(series.Values, math.NaN())
			series.Lo, series.Hi = append(series.Lo, math.NaN()), append(series.Hi, math.NaN())
			cell := textCell("–")
			if r.withheld {
				cell = c.withheldCell(r.withheldKind())
			}
			t.Rows = append(t.Rows, append(row, cell, cell, cell, cell))
			continue
		}
		ci := r.parts.EffectCI
		series.Values = append(series.Values, r.effectSize)
		series.Lo, series.Hi = append(series.Lo, ci.Low), append(series.Hi, ci.High)
		t.Rows = append(t.Rows, append(row, numCell(stats.FormatBounded(r.effectSize, 3), r.effectSize),
			numCell(stats.FormatBounded(ci.Low, 3), ci.Low), numCell(stats.FormatBounded(ci.High, 3), ci.High), pCell(r.pAdj)))
		if r.pAdj < alpha {
			sig++
			f.Marked = append(f.Marked, label)
		}
		words = append(words, fmt.Sprintf("%s %s [%s, %s]", lowerFirst(label), stats.FormatBounded(r.effectSize, 2), stats.FormatBounded(ci.Low, 2), stats.FormatBounded(ci.High, 2)))
	}
	if len(f.Marked) > 0 {
		f.MarkLabel = significantLabel
	}
	if none > 0 {
		f.Caption += fmt.Sprintf(" %d %s no result (withheld or not computable; see the comparisons table).", none, plural(none, "test has", "tests have"))
	}
	f.Series, f.Table = []report.Series{series}, t
	f.Alt = fmt.Sprintf("Forest plot of the differences in proportions %s − %s with 95 %% intervals: %s. %d of %d significant after Holm adjustment.", s, b, strings.Join(words, "; "), sig, len(rs)-none)
	return f
}

// plural picks the word for n: one when n is 1, many otherwise.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
