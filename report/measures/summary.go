package measures

import (
	"fmt"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// familyKind says what a Holm family of comparison tests holds, so the
// key findings can word its sentence.
type familyKind uint8

// Kinds of comparison families.
const (
	familyProfile   familyKind = iota + 1 // learner-profile tests of two courses
	familyOutcomes                        // pass rate, verified share, events of two courses
	familyWeekly                          // weekly active shares of two courses
	familyPaired                          // paired t-tests of one pre/post comparison
	familyWilcoxon                        // Wilcoxon signed-rank tests of the same pairs
	familyUnmatched                       // Mann–Whitney tests of all respondents
)

// alpha is the significance level of every comparison (comparisonsDefinition).
const alpha = 0.05

// summaryIntro opens the key findings; the numbers follow in the table.
const summaryIntro = "The headline numbers of each course, and what the declared comparisons show. Every test is two-sided at α = .05, with p adjusted by Holm's method within its family; the section on comparisons has each test in full."

// summary writes the key findings, the report's first section: the
// headline numbers of every course side by side, taken from measures by
// id, and one sentence per comparison family, worded from its measures'
// test parts. It runs after comparisons and before the disclosure log, so
// the linkage rates it adds are counted there.
func (c *computer) summary() error {
	c.linkageRates()
	byID := map[string]*report.Measure{}
	for i := range c.res.Measures {
		byID[c.res.Measures[i].ID] = &c.res.Measures[i]
	}
	blocks := []report.Block{{Markdown: summaryIntro, ID: "summary-intro"}}
	if t := c.headline(byID); t != nil {
		blocks = append(blocks, report.Block{Table: t})
	}
	if md := c.findingsMarkdown(byID); md != "" {
		blocks = append(blocks, report.Block{Markdown: md, ID: "summary-findings"})
	}
	if len(blocks) > 1 {
		c.part("summary", blocks...)
	}
	return nil
}

// linkageDefinition defines a survey's linkage rate.
const linkageDefinition = "Responses linked to an enrolled learner of the course, as a share of all responses to the survey; unlinked responses are counted in the survey's tables but not in per-learner results."

// linkageRates adds each survey's linkage rate, <course>.<survey>.linked.share.
func (c *computer) linkageRates() {
	responses := map[[2]string]int{}
	linked := map[[2]string]int{}
	for _, r := range c.ds.Responses {
		k := [2]string{r.Course, r.Instrument}
		responses[k]++
		if r.Learner != "" {
			linked[k]++
		}
	}
	for _, sv := range c.s.Surveys {
		k := [2]string{sv.Course, sv.Key}
		c.share(sv.Course+"."+sv.Key+".linked.share", sv.Course, sv.Title+": responses linked to a learner (share)", linked[k], responses[k], linkageDefinition)
	}
}

// headlineRow is one row of the headline table: a label and the measure
// id it shows for a course.
type headlineRow struct {
	label string
	id    func(course string) string
}

// headlineRows lists the headline numbers: the course's size and
// outcomes, then each survey's response and linkage rates.
func (c *computer) headlineRows() []headlineRow {
	suffix := func(s string) func(string) string { return func(co string) string { return co + "." + s } }
	rows := []headlineRow{
		{"Enrolled learners", suffix("enrolled")},
		{"Active in any course week (%)", suffix("active.ever.share")},
		{"Pass rate (%)", suffix("pass-rate")},
		{"Certificates delivered", suffix("certificates")},
		{"Verified track (%)", suffix("verified.share")},
	}
	seen := map[string]bool{}
	for _, sv := range c.s.Surveys {
		if seen[sv.Key] {
			continue
		}
		seen[sv.Key] = true
		rows = append(rows,
			headlineRow{sv.Title + ": response rate (%)", suffix(sv.Key + ".response-rate")},
			headlineRow{sv.Title + ": responses linked (%)", suffix(sv.Key + ".linked.share")})
	}
	return append(rows, headlineRow{"Learners who answered both surveys", suffix("pre-post.pairs")})
}

// headline is the table of headline numbers, one column per course. A
// measure a course does not have (no grade report, no such survey) shows
// as not available; a row no course has is left out.
func (c *computer) headline(byID map[string]*report.Measure) *report.Table {
	t := &report.Table{ID: "summary-headline", Title: "Headline numbers", Columns: []string{"Measure"},
		Note: "Shares are of enrolled learners, except the pass rate (of graded learners) and linked responses (of the survey's responses). –: not available for this course. " + c.lessThanK() + ": withheld, fewer than " + fmt.Sprint(c.k) + " learners."}
	for _, co := range c.s.Courses {
		t.Columns = append(t.Columns, co.Short)
	}
	for _, r := range c.headlineRows() {
		row := []report.Cell{textCell(r.label)}
		any := false
		for _, co := range c.s.Courses {
			m := byID[r.id(co.Key)]
			switch {
			case m == nil || (m.Withheld == "" && m.Text == "–"):
				row = append(row, textCell("–"))
			default:
				any = true
				row = append(row, measureCell(*m))
			}
		}
		if any {
			t.Rows = append(t.Rows, row)
		}
	}
	if len(t.Rows) == 0 {
		return nil
	}
	return t
}

// findingsMarkdown is the list of finding sentences, one per comparison
// family, in the order the families were tested.
func (c *computer) findingsMarkdown(byID map[string]*report.Measure) string {
	var lines []string
	for _, fam := range c.families() {
		if s := familySentence(fam, byID); s != "" {
			lines = append(lines, "- "+unbroken.Replace(s))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	return "**What the comparisons show**\n\n" + strings.Join(lines, "\n")
}

// unbroken keeps each "p < .001", "V = .11" on one line: the spaces
// around its relation sign become no-break spaces.
var unbroken = strings.NewReplacer(" = ", "\u00a0=\u00a0", " < ", "\u00a0<\u00a0", " > ", "\u00a0>\u00a0", " ≤ ", "\u00a0≤\u00a0", " ≥ ", "\u00a0≥\u00a0")

// family is one Holm family's tests, in the order they were run; paired
// holds the Wilcoxon tests of a paired t family, which its sentence
// checks for agreement.
type family struct {
	kind   familyKind
	tests  []*testResult
	paired []*testResult
}

// families groups the comparison tests by Holm family. The Wilcoxon tests
// join their paired t family; the unmatched Mann–Whitney tests are a
// robustness check the comparisons section reports, not a finding.
func (c *computer) families() []*family {
	var out []*family
	byName := map[string]*family{}
	wilcoxon := map[string][]*testResult{} // by the paired t family's id prefix
	for _, r := range c.results {
		switch r.kind {
		case familyUnmatched:
			continue
		case familyWilcoxon:
			base := strings.TrimSuffix(r.id, ".wilcoxon")
			wilcoxon[base] = append(wilcoxon[base], r)
			continue
		}
		f := byName[r.family]
		if f == nil {
			f = &family{kind: r.kind}
			byName[r.family] = f
			out = append(out, f)
		}
		f.tests = append(f.tests, r)
	}
	for _, f := range out {
		if f.kind != familyPaired {
			continue
		}
		for _, t := range f.tests {
			f.paired = append(f.paired, wilcoxon[strings.TrimSuffix(t.id, ".paired-t")]...)
		}
	}
	return out
}

// summarySection is the key findings: the introduction, the headline
// table and the findings in words.
func (c *computer) summarySection() []report.Block { return c.place("summary") }
