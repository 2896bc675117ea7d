package measures

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// retentionFunnel adds retention over the course weeks and the engagement
// funnel, for the courses whose tracking logs were read.
func (c *computer) retentionFunnel() error {
	if len(c.activityCourses()) == 0 {
		return nil
	}
	fig, tab := c.retention()
	dataFromTable(fig, tab)
	c.part("retention", report.Block{Figure: fig}, report.Block{Table: tab, OnRequest: true})
	ffig, ftab := c.funnel()
	dataFromTable(ffig, ftab)
	c.part("funnel", report.Block{Figure: ffig}, report.Block{Table: ftab, OnRequest: true})
	return nil
}

const retentionDefinition = "Of the learners active in at least one course week, the share whose last active week is week N or later: the share still active in week N."

// funnelDefinition writes out the funnel's stages with the exploration
// threshold in force.
func (c *computer) funnelDefinition() string {
	return fmt.Sprintf("Funnel stages: enrolled = in the profile export; active = active in at least one course week; explored = visited at least %.0f %% of the course's chapters (HarvardX's \"explored\" takes one half), chapters counted from the course structure or, failing that, the chapters seen in the logs; passed = in the grade report with a final grade at or above the pass mark; certified = certificate delivered. Every stage counts enrolled learners and is a share of them; the stages are not required to nest.", 100*c.s.Activity.Explored)
}

// retention is the last-active-week curve: of the learners ever active,
// the share still active in week w or later. It shows when learners left,
// which weekly active shares alone do not.
func (c *computer) retention() (*report.Figure, *report.Table) {
	def := retentionDefinition
	courses := c.activityCourses()
	maxWeeks := 0
	for _, co := range courses {
		maxWeeks = max(maxWeeks, co.Weeks)
	}
	fig := &report.Figure{ID: "activity-retention-chart", Kind: report.FigureLines, Title: "Learners still active (last active week)", XLabel: "Week", YLabel: "Share of ever-active learners (%)",
		Caption: "Of each course's learners ever active, the share active in that week or a later one.", DefinedIn: retentionTerm}
	tab := &report.Table{ID: "activity-retention", Title: "Learners still active, by last active week", Columns: []string{"Week"}, DefinedIn: retentionTerm}
	for w := 1; w <= maxWeeks; w++ {
		fig.Categories = append(fig.Categories, strconv.Itoa(w))
		tab.Rows = append(tab.Rows, []report.Cell{textCell(strconv.Itoa(w))})
	}
	for _, co := range courses {
		tab.Columns = append(tab.Columns, co.Short+" n", co.Short+" %")
		s := report.Series{Name: co.Short}
		ever := len(c.acts[co.Key])
		for w := 1; w <= maxWeeks; w++ {
			if w > co.Weeks {
				tab.Rows[w-1] = append(tab.Rows[w-1], textCell("–"), textCell("–"))
				s.Values = append(s.Values, math.NaN())
				s.Withheld = append(s.Withheld, "") // no such week: not withheld
				continue
			}
			n := 0
			for _, a := range c.acts[co.Key] {
				if a.Last >= w {
					n++
				}
			}
			id := fmt.Sprintf("%s.retained.w%d", co.Key, w)
			cnt := c.count(id, co.Key, fmt.Sprintf("Learners active in week %d or later", w), n, def)
			sh := c.share(id+".share", co.Key, fmt.Sprintf("Share of ever-active learners active in week %d or later", w), n, ever, def)
			tab.Rows[w-1] = append(tab.Rows[w-1], measureCell(cnt), measureCell(sh))
			v := math.NaN()
			if sh.Withheld == "" && ever > 0 {
				v = sh.Value
			}
			s.Values = append(s.Values, v)
			s.Withheld = append(s.Withheld, sh.Withheld)
		}
		fig.Series = append(fig.Series, s)
	}
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altLines(fig)
	return fig, tab
}

// funnel follows enrolled learners through the stages of participation,
// as a table and as a chart of each stage's share of enrolled, one bar
// per course, so courses of different sizes compare. Explored needs the
// course structure (Dataset.Chapters and Reach); when ingest has not
// provided it, the stage is shown as not available rather than as zero.
func (c *computer) funnel() (*report.Figure, *report.Table) {
	ex := c.s.Activity.Explored
	def := c.funnelDefinition()
	t := &report.Table{ID: "activity-funnel", Title: "Engagement funnel", Columns: []string{"Stage"}, DefinedIn: funnelTerm}
	stages := []string{"Enrolled", "Active", "Explored", "Passed", "Certified"}
	fig := &report.Figure{ID: "activity-funnel-chart", Kind: report.FigureBars, Title: "Engagement funnel",
		XLabel: "Stage", YLabel: "Share of enrolled learners (%)", Categories: stages,
		Caption: "Each stage's learners as a share of the course's enrolled learners; a missing bar is withheld or not available.", DefinedIn: funnelTerm}
	rows := make([][]report.Cell, len(stages))
	for i, s := range stages {
		rows[i] = []report.Cell{textCell(s)}
	}
	for _, co := range c.s.Courses {
		series := report.Series{Name: co.Short, Values: make([]float64, len(stages)), Withheld: make([]report.Withheld, len(stages))}
		t.Columns = append(t.Columns, co.Short+" n", co.Short+" % of enrolled")
		enrolled := len(c.byCourse[co.Key])
		passed, certified := 0, 0
		for _, g := range c.ds.Grades {
			if g.Course != co.Key || !c.isEnrolled(co.Key, g.Learner) {
				continue
			}
			if hasPassed(g, co.PassMark) {
				passed++
			}
			if g.CertificateDelivered {
				certified++
			}
		}
		chapters := c.ds.Chapters[co.Key]
		explored := -1
		if chapters > 0 {
			explored = 0
			for _, r := range c.ds.Reach {
				if r.Course == co.Key && c.isEnrolled(co.Key, r.Learner) && float64(r.Chapters) >= ex*float64(chapters)-1e-9 {
					explored++
				}
			}
		}
		active := len(c.acts[co.Key])
		if !c.hasActivity(co.Key) {
			active = -1
		}
		if !c.hasGrades(co.Key) {
			passed, certified = -1, -1
		}
		counts := []int{enrolled, active, explored, passed, certified}
		for i, n := range counts {
			id := co.Key + ".funnel." + strings.ToLower(stages[i])
			series.Values[i] = math.NaN()
			if n < 0 {
				rows[i] = append(rows[i], textCell("n/a"), textCell("n/a"))
				continue
			}
			cnt := c.count(id, co.Key, "Funnel: "+stages[i], n, def)
			sh := c.share(id+".share", co.Key, "Funnel: "+stages[i]+" (share of enrolled)", n, enrolled, def)
			rows[i] = append(rows[i], measureCell(cnt), measureCell(sh))
			series.Withheld[i] = sh.Withheld
			if sh.Withheld == "" && enrolled > 0 {
				series.Values[i] = sh.Value
			}
		}
		fig.Series = append(fig.Series, series)
	}
	t.Rows = rows
	t.Note = c.funnelNote()
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altFunnel(fig)
	return fig, t
}

// funnelNote explains each reason a funnel stage is not available.
func (c *computer) funnelNote() string {
	var notes []string
	if c.anyChaptersMissing() {
		notes = append(notes, "the course structure (number of chapters) is not known for this course, so exploration cannot be judged")
	}
	noLogs, noGrades := c.coursesMissing()
	if len(noLogs) > 0 {
		notes = append(notes, "the study has no tracking logs for "+joinAnd(noLogs)+", so activity cannot be judged")
	}
	if len(noGrades) > 0 {
		notes = append(notes, "the study has no grade report for "+joinAnd(noGrades)+", so passing and certificates cannot be judged")
	}
	if len(notes) == 0 {
		return ""
	}
	return "n/a: " + strings.Join(notes, "; ") + "."
}

// anyChaptersMissing reports whether some course has no chapter count
// from its course structure.
func (c *computer) anyChaptersMissing() bool {
	for _, co := range c.s.Courses {
		if c.ds.Chapters[co.Key] == 0 {
			return true
		}
	}
	return false
}
