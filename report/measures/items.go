package measures

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

const itemsDefinition = "Answers to each question, one response per learner (the first, as for every survey measure) plus unlinked responses. Answers that are not among the question's listed options (or, where it lists none, that fewer than the minimum cell size gave) are counted as \"Other (not listed)\" and never written out. Single-choice: each answer's count and share of those who answered. Select-all (multi): each option's count and share of those who selected at least one option; answers are split at commas, keeping together listed options that contain commas themselves. Numeric: n, mean, SD, median and quartiles of the answers that are numbers. Free-text answers are never published."

// items summarises every single, multi and numeric question, one table
// per instrument key and question across the courses that asked it, and
// draws each instrument's Likert items as a diverging-bar-ready figure.
func (c *computer) items() error {
	var blocks []report.Block
	var keys []string
	seen := map[string]bool{}
	for _, sv := range c.s.Surveys {
		if !seen[sv.Key] {
			seen[sv.Key] = true
			keys = append(keys, sv.Key)
		}
	}
	for _, inst := range keys {
		var svs []study.Survey
		for _, sv := range c.s.Surveys {
			if sv.Key == inst {
				svs = append(svs, sv)
			}
		}
		var numeric []study.Question
		qseen := map[string]bool{}
		for _, sv := range svs {
			for _, q := range sv.Questions {
				if qseen[q.ID] {
					continue
				}
				qseen[q.ID] = true
				switch q.Type {
				case "single", "multi":
					tab, fig := c.choiceItem(inst, q, svs)
					if tab != nil {
						blocks = append(blocks, report.Block{Figure: fig}, report.Block{Table: tab, OnRequest: true})
					}
				case "numeric":
					numeric = append(numeric, q)
				}
			}
		}
		if len(numeric) > 0 {
			blocks = append(blocks, report.Block{Table: c.numericItems(inst, numeric, svs)})
		}
	}
	for _, sv := range c.s.Surveys {
		if f := c.likertFigure(sv); f != nil {
			blocks = append(blocks, report.Block{Figure: f})
		}
	}
	c.part("survey-items", blocks...)
	return nil
}

// itemResponses are the responses an item summary counts: every linked
// learner's first response and every unlinked response. Every item of an
// instrument asks for the same list, so it is made once per run; callers
// must not change it.
func (c *computer) itemResponses(course, inst string) []report.Response {
	key := [2]string{course, inst}
	c.lazy.Lock()
	defer c.lazy.Unlock()
	if rs, ok := c.itemRs[key]; ok {
		return rs
	}
	if c.itemRs == nil {
		c.itemRs = map[[2]string][]report.Response{}
	}
	rs := c.collectItemResponses(course, inst)
	c.itemRs[key] = rs
	return rs
}

// collectItemResponses makes the list itemResponses returns.
func (c *computer) collectItemResponses(course, inst string) []report.Response {
	var out []report.Response
	seen := map[string]bool{}
	for _, r := range c.ds.Responses {
		if r.Course != course || r.Instrument != inst {
			continue
		}
		if r.Learner != "" {
			if seen[r.Learner] {
				continue
			}
			seen[r.Learner] = true
		}
		out = append(out, r)
	}
	return out
}

// firstResponses maps each linked learner to their first response, for
// matching learners across instruments.
func (c *computer) firstResponses(course, inst string) map[string]report.Response {
	out := map[string]report.Response{}
	for _, r := range c.ds.Responses {
		if r.Course == course && r.Instrument == inst && r.Learner != "" {
			if _, ok := out[r.Learner]; !ok {
				out[r.Learner] = r
			}
		}
	}
	return out
}

// hasQuestion reports whether the survey has a question id of type typ.
func hasQuestion(sv study.Survey, id, typ string) bool {
	for _, q := range sv.Questions {
		if q.ID == id && q.Type == typ {
			return true
		}
	}
	return false
}

// choiceItem tabulates a single or multi question across the courses
// whose instrument asks it.
func (c *computer) choiceItem(inst string, q study.Question, svs []study.Survey) (*report.Table, *report.Figure) {
	var groups, keys []string
	var answers [][][]string // [group][respondent] options chosen
	freq := map[string]int{}
	for _, sv := range svs {
		if !hasQuestion(sv, q.ID, q.Type) {
			continue
		}
		var given [][]string
		for _, r := range c.itemResponses(sv.Course, inst) {
			a := strings.TrimSpace(r.Answers[q.ID])
			if a == "" {
				continue
			}
			opts := []string{a}
			if q.Type == "multi" {
				opts = splitOptions(a, q.Options)
			}
			for _, o := range opts {
				freq[o]++
			}
			given = append(given, opts)
		}
		groups = append(groups, c.courseName(sv.Course))
		keys = append(keys, sv.Course)
		answers = append(answers, given)
	}
	// Labels are declared options or answers at least k gave; the rest is
	// free text and is counted as notListed, once per respondent.
	var per []map[string]int
	var denoms []int
	all := map[string]int{}
	for _, given := range answers {
		counts := map[string]int{}
		for _, opts := range given {
			seen := map[string]bool{}
			for _, o := range opts {
				if l := listedAnswer(o, q.Options, freq, c.k); !seen[l] {
					seen[l] = true
					counts[l]++
					all[l]++
				}
			}
		}
		per = append(per, counts)
		denoms = append(denoms, len(given))
	}
	if len(all) == 0 {
		return nil, nil
	}
	other := all[notListed]
	delete(all, notListed)
	rows := answerOrder(all, q.Options)
	if other > 0 {
		rows = append(rows, notListed)
	}
	counts := make([][]int, len(per))
	for g, m := range per {
		for _, r := range rows {
			counts[g] = append(counts[g], m[r])
		}
	}
	t := crossTab{id: "surveys-" + inst + "-" + slug(q.ID), title: fmt.Sprintf("%s (%s survey)", q.Label, inst), rowHeader: "Answer", rows: rows,
		groups: groups, groupKeys: keys, counts: counts, measurePre: inst + "." + slug(q.ID), definition: itemsDefinition, definedIn: surveysTerm}
	if q.Type == "multi" {
		t.denoms = denoms
		t.title = fmt.Sprintf("%s (%s survey, select all that apply)", q.Label, inst)
	}
	tab, fig := c.build(t)
	fig.YLabel = "Share of respondents (%)"
	fig.Caption = "Shares of learners who answered, by course."
	if q.Type == "multi" {
		fig.Caption = "Shares of learners who chose any option, by course."
	}
	fig.Alt = altBars(fig)
	return tab, fig
}

// numericItems describes numeric questions; no statistic is published for
// fewer than k answers.
func (c *computer) numericItems(inst string, qs []study.Question, svs []study.Survey) *report.Table {
	t := &report.Table{ID: "surveys-" + inst + "-numeric", Title: fmt.Sprintf("Numeric questions (%s survey)", inst),
		Columns: []string{"Question", "Course", "n", "Mean", "SD", "Median", "Q1", "Q3"}, DefinedIn: surveysTerm}
	for _, q := range qs {
		for _, sv := range svs {
			if !hasQuestion(sv, q.ID, "numeric") {
				continue
			}
			var x []float64
			for _, r := range c.itemResponses(sv.Course, inst) {
				if v, err := strconv.ParseFloat(strings.TrimSpace(r.Answers[q.ID]), 64); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
					x = append(x, v)
				}
			}
			id := fmt.Sprintf("%s.%s.%s", sv.Course, inst, slug(q.ID))
			n := c.count(id+".n", sv.Course, q.Label+": answers", len(x), itemsDefinition)
			row := []report.Cell{textCell(q.Label), textCell(c.courseName(sv.Course)), measureCell(n)}
			sum, err := stats.Describe(x)
			for _, st := range []struct {
				name string
				v    float64
			}{{"mean", sum.Mean}, {"sd", sum.SD}, {"median", sum.Median}, {"q1", sum.Q1}, {"q3", sum.Q3}} {
				m := report.Measure{ID: id + "." + st.name, Course: sv.Course, Label: q.Label + ": " + st.name, N: len(x), Definition: itemsDefinition}
				switch {
				case len(x) < c.k:
					m = c.suppressMeasure(m)
				case err != nil:
					m.Text = "–"
				default:
					m.Value, m.Text = st.v, formatNum(st.v, 2)
				}
				c.add(m)
				row = append(row, measureCell(m))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// likertFigure draws an instrument's Likert items as diverging bars: one
// series per scale point from the lowest, every point even when nobody
// chose it, the items in questionnaire order, centred on the middle point
// so agreement and disagreement compare at a glance. Shares from fewer
// than k answers, cells under k, and a second cell where one withheld
// cell could be recovered from 100 %, are left out (NaN).
func (c *computer) likertFigure(sv study.Survey) *report.Figure {
	rs := c.itemResponses(sv.Course, sv.Key)
	var qs []study.Question
	for _, q := range sv.Questions {
		if q.Type == "likert" {
			qs = append(qs, q)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	// Items on different scales cannot share series; draw those on the
	// first item's scale.
	scale := qs[0].Scale
	labels := c.s.Scales[scale].Labels
	f := &report.Figure{ID: "surveys-likert-" + sv.Course + "-" + sv.Key + "-chart", Kind: report.FigureDiverging,
		Title:  fmt.Sprintf("%s, %s: answers to the Likert items", c.courseName(sv.Course), sv.Title),
		XLabel: "Item", YLabel: "% of answers",
		Caption: fmt.Sprintf("Each bar is one item's answers in %s's %s, lower points left and higher points right of the scale's middle.", c.courseName(sv.Course), lowerTitle(sv.Title)), DefinedIn: surveysTerm}
	series := make([]report.Series, len(labels))
	for i, l := range labels {
		series[i].Name = l
	}
	for _, q := range qs {
		if q.Scale != scale {
			continue
		}
		f.Categories = append(f.Categories, q.Label)
		counts := make([]int, len(labels))
		n := 0
		for _, r := range rs {
			if p := likertPoint(strings.TrimSpace(r.Answers[q.ID]), labels); p > 0 {
				counts[p-1]++
				n++
			}
		}
		// The shares of an item add up to 100 %, so one withheld level
		// could be recovered from the others: suppressColumn withholds a
		// second one too, as it does for a table column with its total.
		hide, secondary := suppressColumn(counts, c.k)
		if n < c.k {
			// Too few answers for any share, zeros included: a zero
			// beside a withheld cell says where everyone answered.
			for i := range hide {
				hide[i] = true
			}
		}
		kinds := withheldKinds(hide, secondary)
		for i, k := range counts {
			v := math.NaN()
			if !hide[i] && n > 0 {
				v = 100 * float64(k) / float64(n)
			}
			if kinds[i] != "" {
				c.logCell(f.ID, strings.ToLower(q.ID)+" / "+slug(labels[i]), kinds[i], "")
			}
			series[i].Values = append(series[i].Values, v)
			series[i].Withheld = append(series[i].Withheld, kinds[i])
		}
	}
	f.Series = series
	f.Table = *figureTable(f, c.lessThanK())
	f.Alt = altLikert(f)
	return f
}

// questionLabel is a question's label, or its id.
func questionLabel(sv study.Survey, id string) string {
	for _, q := range sv.Questions {
		if q.ID == id {
			return q.Label
		}
	}
	return id
}

// surveyOf returns the instrument inst of course.
func surveyOf(s *study.Study, course, inst string) (study.Survey, bool) {
	for _, sv := range s.Surveys {
		if sv.Course == course && sv.Key == inst {
			return sv, true
		}
	}
	return study.Survey{}, false
}

// itemScores maps learners to their score on a Likert item.
func (c *computer) itemScores(sv study.Survey, id string, rs map[string]report.Response) map[string]float64 {
	labels := c.s.Scales[questionScale(sv, id)].Labels
	out := map[string]float64{}
	for l, r := range rs {
		if p := likertPoint(strings.TrimSpace(r.Answers[id]), labels); p > 0 {
			out[l] = float64(p)
		}
	}
	return out
}

// questionScale is the answer scale of the survey's question id, or "".
func questionScale(sv study.Survey, id string) string {
	for _, q := range sv.Questions {
		if q.ID == id {
			return q.Scale
		}
	}
	return ""
}

// scaleNames lists the study's scales by name, sorted.
func scaleNames(s *study.Study) []string {
	var names []string
	for k := range s.Scales {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// splitOptions splits a select-all answer, which exports join with
// commas, into its options. Options that contain commas themselves can
// only be told apart when study.yaml lists them: at each position the
// longest listed option that matches is taken whole.
func splitOptions(answer string, options []string) []string {
	parts := strings.Split(answer, ",")
	var out []string
	for i := 0; i < len(parts); {
		n := 1
		for j := len(parts); j > i+1; j-- {
			cand := strings.TrimSpace(strings.Join(parts[i:j], ","))
			if slices.Contains(options, cand) {
				n = j - i
				break
			}
		}
		if o := strings.TrimSpace(strings.Join(parts[i:i+n], ",")); o != "" {
			out = append(out, o)
		}
		i += n
	}
	return out
}

// answerOrder orders a question's answers as a reader expects: in the
// order the study lists its options (ordinal answers such as "None, 1,
// 2–5, More than 5" keep their order), in numeric order when every answer
// is a number (coded answers), else by frequency, most often first, ties
// by name (nominal answers).
func answerOrder(count map[string]int, options []string) []string {
	if len(options) > 0 {
		var rows []string
		for _, o := range options {
			if _, ok := count[o]; ok {
				rows = append(rows, o)
			}
		}
		for _, a := range sortedKeys(count) { // cannot happen: unlisted answers are pooled
			if !slices.Contains(rows, a) {
				rows = append(rows, a)
			}
		}
		return rows
	}
	rows := sortedKeys(count)
	nums := make(map[string]float64, len(rows))
	for _, a := range rows {
		v, err := strconv.ParseFloat(strings.TrimSpace(a), 64)
		if err != nil {
			return rows
		}
		nums[a] = v
	}
	sort.SliceStable(rows, func(i, j int) bool { return nums[rows[i]] < nums[rows[j]] })
	return rows
}
