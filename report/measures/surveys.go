package measures

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

const responseDefinition = "A response is one row of the survey export. It is linked when its learner id column matches a learner in the course's profile export. When a learner responded more than once, only their first response (in export order) counts in the item summaries. The response rate is distinct linked respondents as a share of enrolled learners."

// activeResponseDefinition relates responses to the learners who could
// plausibly have seen the survey: those who were active in the course.
const activeResponseDefinition = "Distinct linked respondents who were active in at least one course week, as a share of learners active in at least one course week."

const likertDefinition = "Likert answers are scored 1 (lowest label) to the number of scale points (highest label). Agree is the share answering one of the top two points, disagree the bottom two, of those who answered the item. Mean and SD (n − 1) are of the scores; the median and the interquartile range (Q3 − Q1, quantiles by linear interpolation, R's type 7) are of the scores. Groups under the minimum cell size get no statistics."

// surveys reports each survey's responses and linkage to learners, the
// response rates, the pre/post pairs of each course, and each Likert
// item's answers.
func (c *computer) surveys() error {
	if len(c.s.Surveys) == 0 {
		return nil
	}
	counts := &report.Table{ID: "surveys-responses", Title: "Survey responses and linkage",
		Columns:    []string{"Survey", "Responses", "Finished", "Linked to a learner", "Unmatched", "Duplicate responses", "Distinct learners", "Response rate (% of enrolled)", "Response rate (% of active)"},
		Definition: "Unmatched responses name no learner of the course; duplicate responses are second and later responses of a linked learner.", DefinedIn: surveysTerm}
	byInstrument := map[[2]string][]report.Response{}
	for _, r := range c.ds.Responses {
		k := [2]string{r.Course, r.Instrument}
		byInstrument[k] = append(byInstrument[k], r)
	}
	var likerts []report.Block
	respondents := map[[2]string]map[string]bool{}
	for _, sv := range c.s.Surveys {
		seen, first := c.responseRow(counts, sv, byInstrument[[2]string{sv.Course, sv.Key}])
		respondents[[2]string{sv.Course, sv.Key}] = seen
		if t := c.likert(sv, first); t != nil {
			likerts = append(likerts, report.Block{Table: t})
		}
	}
	pairs := c.pairsTable(respondents)
	blocks := []report.Block{{Markdown: "This section summarises the pre- and post-course surveys.", ID: "surveys-intro"}, {Table: counts}, {Table: pairs}}
	c.part("survey-responses", append(blocks, likerts...)...)
	return nil
}

// responseRow adds a survey's row to the responses table: responses,
// finished, linked and unmatched, duplicates, distinct learners and
// response rates. It returns the linked learners and each learner's first
// response (with every unlinked response).
func (c *computer) responseRow(counts *report.Table, sv study.Survey, rs []report.Response) (seen map[string]bool, first []report.Response) {
	finished, linked := 0, 0
	seen = map[string]bool{}
	for _, r := range rs {
		if r.Finished {
			finished++
		}
		if r.Learner == "" {
			first = append(first, r)
			continue
		}
		linked++
		if !seen[r.Learner] {
			seen[r.Learner] = true
			first = append(first, r)
		}
	}
	id := sv.Course + "." + sv.Key
	c.led.relate(counts.ID, id+".responses", id+".linked", id+".unmatched")
	c.led.relate(counts.ID, id+".linked", id+".respondents", id+".duplicates")
	c.led.tie(id+".respondents", id+".response-rate")
	c.led.prefer(id + ".respondents") // the response rate, a headline number
	counts.Rows = append(counts.Rows, []report.Cell{textCell(c.courseName(sv.Course) + ": " + sv.Title),
		measureCell(c.count(id+".responses", sv.Course, sv.Title+": responses", len(rs), responseDefinition)),
		measureCell(c.count(id+".finished", sv.Course, sv.Title+": finished responses", finished, responseDefinition)),
		measureCell(c.count(id+".linked", sv.Course, sv.Title+": responses linked to a learner", linked, responseDefinition)),
		measureCell(c.count(id+".unmatched", sv.Course, sv.Title+": responses linked to no learner", len(rs)-linked, responseDefinition+" "+counts.Definition)),
		measureCell(c.count(id+".duplicates", sv.Course, sv.Title+": second and later responses of a learner", linked-len(seen), responseDefinition+" "+counts.Definition)),
		measureCell(c.count(id+".respondents", sv.Course, sv.Title+": distinct linked learners", len(seen), responseDefinition)),
		measureCell(c.share(id+".response-rate", sv.Course, sv.Title+": response rate", len(seen), len(c.byCourse[sv.Course]), responseDefinition)),
		c.activeResponseRate(id, sv.Course, sv.Title, seen),
	})
	return seen, first
}

// pairsTable publishes, per course with both a pre- and a post-course
// survey, the learners who answered both, those who answered only the
// first, and the attrition between them.
func (c *computer) pairsTable(respondents map[[2]string]map[string]bool) *report.Table {
	pairDef := "A matched pair is a learner linked to a response in both the pre- and the post-course survey of the same course. Attrition is the share of linked pre-course respondents with no linked post-course response."
	pairs := &report.Table{ID: "surveys-pairs", Title: "Learners who answered both pre- and post-course surveys",
		Columns: []string{"Course", "Pre respondents", "Post respondents", "Matched pairs", "Pre only", "Attrition (%)"}, Definition: pairDef}
	for _, co := range c.s.Courses {
		pre, post := respondents[[2]string{co.Key, "pre"}], respondents[[2]string{co.Key, "post"}]
		if pre == nil || post == nil {
			continue
		}
		n := 0
		for l := range pre {
			if post[l] {
				n++
			}
		}
		c.led.relate(pairs.ID, co.Key+".pre.respondents", co.Key+".pre-post.pairs", co.Key+".pre-post.pre-only")
		c.led.tie(co.Key+".pre-post.pre-only", co.Key+".pre-post.attrition")
		pairs.Rows = append(pairs.Rows, []report.Cell{textCell(co.Short),
			measureCell(*c.find(co.Key + ".pre.respondents")), measureCell(*c.find(co.Key + ".post.respondents")),
			measureCell(c.count(co.Key+".pre-post.pairs", co.Key, "Matched pre/post pairs", n, pairDef)),
			measureCell(c.count(co.Key+".pre-post.pre-only", co.Key, "Pre-course respondents without a post-course response", len(pre)-n, pairDef)),
			measureCell(c.share(co.Key+".pre-post.attrition", co.Key, "Attrition from pre- to post-course survey", len(pre)-n, len(pre), pairDef)),
		})
	}
	return pairs
}

// likert summarises every Likert item of one instrument.
func (c *computer) likert(sv study.Survey, rs []report.Response) *report.Table {
	t := &report.Table{ID: likertTablePrefix + sv.Course + "-" + sv.Key, Title: fmt.Sprintf("%s, %s: Likert items", c.courseName(sv.Course), sv.Title),
		Columns: []string{"Item", "n", "Mean", "SD", "Median", "IQR", "Agree %", "Disagree %"}, DefinedIn: surveysTerm}
	for _, q := range sv.Questions {
		if q.Type != "likert" {
			continue
		}
		labels := c.s.Scales[q.Scale].Labels
		var scores []float64
		invalid := 0
		for _, r := range rs {
			a := strings.TrimSpace(r.Answers[q.ID])
			if a == "" {
				continue
			}
			if p := likertPoint(a, labels); p > 0 {
				scores = append(scores, float64(p))
			} else {
				invalid++
			}
		}
		id := fmt.Sprintf("%s.%s.%s", sv.Course, sv.Key, strings.ToLower(q.ID))
		n := c.count(id+".n", sv.Course, q.Label+": answers", len(scores), likertDefinition)
		row := []report.Cell{textCell(q.Label), measureCell(n)}
		if invalid > 0 {
			c.count(id+".invalid", sv.Course, q.Label+": answers not on the scale", invalid, "Answers that match neither a scale label nor a scale point; they are left out of the summary.")
		}
		if n.Withheld != "" || len(scores) == 0 {
			for range 6 {
				row = append(row, c.primaryCell())
			}
			t.Rows = append(t.Rows, row)
			continue
		}
		sum, err := stats.Describe(scores)
		if err != nil {
			// Too few answers or no variance: no statistics, rather than NaN.
			for range 6 {
				row = append(row, textCell("–"))
			}
			t.Rows = append(t.Rows, row)
			continue
		}
		agree, disagree := 0, 0
		for _, s := range scores {
			if int(s) > len(labels)-2 {
				agree++
			}
			if s <= 2 {
				disagree++
			}
		}
		// With a level of the item withheld (in its figure), the summary
		// statistics would pin it: together with n and the other levels,
		// mean, SD, median and agree % leave few possible counts.
		levelWithheld := levelsWithheld(scores, len(labels), c.k)
		stat := func(suffix, label string, v float64, places int) report.Cell {
			m := report.Measure{ID: id + "." + suffix, Course: sv.Course, Label: q.Label + ": " + label, Value: v, N: len(scores), Definition: likertDefinition, Text: formatNum(v, places)}
			if levelWithheld {
				m = c.withhold(m, report.WithheldSecondary, "secondary: a level of the item is withheld, and the summary statistics would reveal it")
			}
			return measureCell(c.add(m))
		}
		share := func(suffix, label string, part int) report.Cell {
			if levelWithheld && part >= c.k {
				c.forceHere(id+"."+suffix, forced{report.WithheldSecondary, "secondary: a level of the item is withheld, and the summary statistics would reveal it"})
			}
			return measureCell(c.share(id+"."+suffix, sv.Course, q.Label+": "+label, part, len(scores), likertDefinition))
		}
		row = append(row, stat("mean", "mean", sum.Mean, 2), stat("sd", "SD", sum.SD, 2), stat("median", "median", sum.Median, 1),
			stat("iqr", "IQR", sum.Q3-sum.Q1, 1), share("agree", "agree", agree), share("disagree", "disagree", disagree))
		t.Rows = append(t.Rows, row)
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// likertPoint maps an answer to its scale point: the label's position
// (choice-text exports) or the number itself (numeric exports); 0 when it
// is neither.
func likertPoint(answer string, labels []string) int {
	for i, l := range labels {
		if strings.EqualFold(answer, l) {
			return i + 1
		}
	}
	if p, err := strconv.Atoi(answer); err == nil && p >= 1 && p <= len(labels) {
		return p
	}
	return 0
}

// activeRespondents counts respondents who were ever active.
func activeRespondents(respondents map[string]bool, active map[string]*learnerActivity) int {
	n := 0
	for l := range respondents {
		if active[l] != nil {
			n++
		}
	}
	return n
}

// levelsWithheld reports whether disclosure control withholds any level
// of a Likert item's answers (as its figure does, see likertFigure).
func levelsWithheld(scores []float64, points, k int) bool {
	if len(scores) < k {
		return true
	}
	counts := make([]int, points)
	for _, s := range scores {
		counts[int(s)-1]++
	}
	hide, _ := suppressColumn(counts, k)
	for _, h := range hide {
		if h {
			return true
		}
	}
	return false
}

// itemLevelWithheld reports whether disclosure control withholds a level
// of Likert question id of sv in its published answers (see likertFigure).
func (c *computer) itemLevelWithheld(sv study.Survey, id string) bool {
	labels := c.s.Scales[questionScale(sv, id)].Labels
	var scores []float64
	for _, r := range c.itemResponses(sv.Course, sv.Key) {
		if p := likertPoint(strings.TrimSpace(r.Answers[id]), labels); p > 0 {
			scores = append(scores, float64(p))
		}
	}
	return len(labels) > 0 && levelsWithheld(scores, len(labels), c.k)
}

// surveysSection is the Surveys section: responses and Likert tables,
// then each question's answers (items.go), free-text answers
// (freetext.go) and the scales (scales.go).
func (c *computer) surveysSection() []report.Block {
	return c.place("survey-responses", "survey-items", "free-text", "scales")
}
