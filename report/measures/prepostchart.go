package measures

import (
	"fmt"
	"math"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

// prePostFigure shows one pre/post comparison's matched learners: for each
// paired question and scale, the mean answer in the pre- and in the
// post-course survey with its 95 % t interval, over the learners who
// answered both (the pairs the paired t-test used). Rows whose change is
// significant after Holm adjustment are shaded. A row with fewer than k
// pairs is withheld, as its test is. nil when no row has a mean to show.
func (c *computer) prePostFigure(family string, rs []*testResult) *report.Figure {
	course, pre, post := c.prePostNames(family, rs[0])
	f := &report.Figure{ID: "comparisons-" + slug(rs[0].course+"-"+prePostKeys(family)) + "-chart", Kind: report.FigureForest,
		Title:   course + ": mean answers of matched learners before and after the course",
		XLabel:  "Question or scale",
		YLabel:  "Mean answer, scored 1 to the number of scale points (95 % CI)",
		Caption: fmt.Sprintf("The mean answer of %s's learners who answered both the %s and the %s, in each survey, with its 95 %% t interval.", course, lowerTitle(pre), lowerTitle(post)), DefinedIn: comparisonsTerm}
	t := report.Table{ID: f.ID + "-data", Title: f.Title, Columns: []string{"Question or scale", "Pairs",
		pre + " mean", pre + " 95 % CI low", pre + " 95 % CI high", post + " mean", post + " 95 % CI low", post + " 95 % CI high", "Holm-adjusted p"}}
	before, after := report.Series{Name: pre}, report.Series{Name: post}
	var words []string
	shown := 0
	for _, r := range rs {
		_, label, _ := strings.Cut(r.comparison, ": ")
		label = capitalise(label)
		f.Categories = append(f.Categories, label)
		row := []report.Cell{textCell(label)}
		bm, bl, bh, ok1 := meanCI(r.pre)
		am, al, ah, ok2 := meanCI(r.post)
		if r.withheld || len(r.pre) < c.k || !ok1 || !ok2 {
			for _, s := range []*report.Series{&before, &after} {
				s.Values, s.Lo, s.Hi = append(s.Values, math.NaN()), append(s.Lo, math.NaN()), append(s.Hi, math.NaN())
			}
			w := c.primaryCell()
			if r.withheld {
				w = c.withheldCell(r.withheldKind())
			} else if len(r.pre) >= c.k {
				w = textCell("–")
			}
			t.Rows = append(t.Rows, append(row, w, w, w, w, w, w, w, w))
			continue
		}
		shown++
		before.Values, before.Lo, before.Hi = append(before.Values, bm), append(before.Lo, bl), append(before.Hi, bh)
		after.Values, after.Lo, after.Hi = append(after.Values, am), append(after.Lo, al), append(after.Hi, ah)
		pc := textCell("–")
		if r.ok {
			pc = pCell(r.pAdj)
			if r.pAdj < alpha {
				f.Marked = append(f.Marked, label)
			}
		}
		n := float64(len(r.pre))
		t.Rows = append(t.Rows, append(row, numCell(formatInt(len(r.pre)), n),
			mean2(bm), mean2(bl), mean2(bh), mean2(am), mean2(al), mean2(ah), pc))
		words = append(words, fmt.Sprintf("%s %s to %s (%d pairs)", lowerFirst(label), stats.FormatNumber(bm, 2), stats.FormatNumber(am, 2), len(r.pre)))
	}
	if shown == 0 {
		return nil
	}
	if top := c.scalePoints(rs[0].course, post); top > 1 {
		f.Range = []float64{1, float64(top)}
	}
	if len(f.Marked) > 0 {
		f.MarkLabel = "Change significant (paired t-test, Holm-adjusted p < .05)"
	}
	f.Series, f.Table = []report.Series{before, after}, t
	f.Alt = fmt.Sprintf("Dot plot of the mean answers of matched learners in %s, %s then %s, with 95 %% intervals: %s. %d of %d rows changed significantly after Holm adjustment.",
		course, lowerTitle(pre), lowerTitle(post), strings.Join(words, "; "), len(f.Marked), len(rs))
	return f
}

// scalePoints is the most points of any Likert scale the survey titled
// title of a course asks on: the axis of its mean answers runs from 1 to
// it. 0 when there is none.
func (c *computer) scalePoints(course, title string) int {
	top := 0
	for _, sv := range c.s.Surveys {
		if sv.Course != course || sv.Title != title {
			continue
		}
		for _, q := range sv.Questions {
			if q.Type == "likert" {
				top = max(top, len(c.s.Scales[q.Scale].Labels))
			}
		}
	}
	return top
}

// prePostNames are a paired family's course name and survey titles, from
// the family name "<course> <pre>/<post>: paired t".
func (c *computer) prePostNames(family string, r *testResult) (course, pre, post string) {
	course = c.courseName(r.course)
	pk, qk, _ := strings.Cut(prePostKeys(family), "/")
	title := func(key string) string {
		if sv, ok := surveyOf(c.s, r.course, key); ok {
			return sv.Title
		}
		return key
	}
	return course, title(pk), title(qk)
}

// prePostKeys is the "<pre>/<post>" of a paired family's name.
func prePostKeys(family string) string {
	keys := strings.TrimSuffix(family, ": paired t")
	return keys[strings.LastIndex(keys, " ")+1:]
}

// lowerTitle lower-cases a title's first letter for use inside a
// sentence, unless it starts an acronym ("EAT survey").
func lowerTitle(s string) string {
	if len(s) > 1 && s[1] >= 'A' && s[1] <= 'Z' {
		return s
	}
	return lowerFirst(s)
}

// meanCI is the mean of x and its 95 % t interval; ok is false when x has
// fewer than two values.
func meanCI(x []float64) (m, lo, hi float64, ok bool) {
	lo, hi, err := stats.MeanCI(x, 0.95)
	if err != nil {
		return 0, 0, 0, false
	}
	m, err = stats.Mean(x)
	return m, lo, hi, err == nil
}

// mean2 is a mean on an answer scale, to two decimals.
func mean2(v float64) report.Cell { return numCell(stats.FormatNumber(v, 2), v) }
