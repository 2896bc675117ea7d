package measures

import (
	"fmt"
	"math"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

// performance reports passing and certificates, the distribution of
// final grades and results by track, for the courses with grade reports.
func (c *computer) performance() error {
	courses := c.gradedCourses()
	if len(courses) == 0 {
		return nil // no grade reports: nothing to report, not zeros
	}
	byCourse := map[string][]report.Grade{}
	for _, g := range c.ds.Grades {
		byCourse[g.Course] = append(byCourse[g.Course], g)
	}
	passTab := c.passTable(courses, byCourse)
	gradeTab, gradeFig := c.gradeDistribution(courses, byCourse)
	tracks := c.trackTable(courses, byCourse)
	if len(tracks.Rows) == 0 {
		tracks = nil
	}
	intro := "This section reports grades, passing and certificates from the grade reports."
	blocks := []report.Block{{Markdown: intro, ID: "performance-intro"}, {Table: passTab}, {Figure: gradeFig}, {Table: gradeTab, OnRequest: true}}
	if tracks != nil {
		blocks = append(blocks, report.Block{Table: tracks})
	}
	c.part("grades", blocks...)
	return nil
}

// passTable publishes, per course, the learners graded, attempting,
// passing and certified, and the pass rate with its Wilson interval.
func (c *computer) passTable(courses []study.Course, byCourse map[string][]report.Grade) *report.Table {
	passTab := &report.Table{ID: "performance-pass", Title: "Pass rate and certificates", Columns: []string{"Measure"}}
	rows := [][]report.Cell{
		{textCell("Learners in grade report")},
		{textCell("Attempted at least one assignment")},
		{textCell("Passed")},
		{textCell("Pass rate (% of graded)")},
		{textCell("Pass rate 95 % CI (Wilson), lower bound (%)")},
		{textCell("Pass rate 95 % CI (Wilson), upper bound (%)")},
		{textCell("Certificates delivered")},
	}
	for _, co := range courses {
		passTab.Columns = append(passTab.Columns, co.Short)
		grades := byCourse[co.Key]
		passed, attempted, certs := 0, 0, 0
		for _, gr := range grades {
			if hasPassed(gr, co.PassMark) {
				passed++
			}
			if attemptedAny(gr) {
				attempted++
			}
			if gr.CertificateDelivered {
				certs++
			}
		}
		n := len(grades)
		passDef := fmt.Sprintf("A learner passed when their final grade in the grade report is at least %.0f %% (the course's pass mark), or, where the platform records a final result, when that result is Pass or Distinction. The pass rate is passed learners as a share of all learners in the grade report, with a 95 %% Wilson score interval.", 100*co.PassMark)
		rows[0] = append(rows[0], measureCell(c.count(co.Key+".graded", co.Key, "Learners in the grade report", n, "Rows of the edX grade report.")))
		rows[1] = append(rows[1], measureCell(c.count(co.Key+".attempted", co.Key, "Learners who attempted an assignment", attempted,
			"Learners in the grade report with a score (not \"Not Attempted\" or \"Not Available\") in at least one assignment column.")))
		rows[2] = append(rows[2], measureCell(c.count(co.Key+".passed", co.Key, "Learners who passed", passed, passDef)))
		rate := c.share(co.Key+".pass-rate", co.Key, "Pass rate", passed, n, passDef)
		rows[3] = append(rows[3], measureCell(rate))
		lo, hi := c.passRateCI(co.Key, rate, passed, n, passDef)
		rows[4] = append(rows[4], lo)
		rows[5] = append(rows[5], hi)
		rows[6] = append(rows[6], measureCell(c.count(co.Key+".certificates", co.Key, "Certificates delivered", certs,
			"Learners whose grade report row says Certificate Delivered = Y.")))
	}
	passTab.Rows = rows
	passTab.Definition = "Pass mark per course as the study defines it; certificates count only when delivered."
	return passTab
}

// passRateCI publishes the pass rate's 95 % Wilson interval as a measure
// (value: its lower bound) and returns the cells of its bounds; a
// withheld rate withholds its interval too.
func (c *computer) passRateCI(course string, rate report.Measure, passed, n int, passDef string) (lo, hi report.Cell) {
	ci := report.Measure{ID: course + ".pass-rate.ci95", Course: course, Label: "Pass rate, 95 % Wilson CI (value: lower bound)", N: n, Unit: "%", Definition: passDef, Text: "–"}
	bounds := []report.Cell{textCell("–"), textCell("–")}
	if iv := c.wilsonCI(rate, passed, n); iv != nil {
		ci.Value, ci.CI = iv.Low, iv
		ci.Text = fmt.Sprintf("[%.1f %%, %.1f %%]", iv.Low, iv.High)
		bounds = []report.Cell{numCell(formatPct(iv.Low), iv.Low), numCell(formatPct(iv.High), iv.High)}
	} else if n > 0 {
		ci.Value, ci.Withheld, ci.Text, ci.N = 0, rate.Withheld, rate.Text, rate.N
		bounds = []report.Cell{measureCell(ci), measureCell(ci)}
	}
	c.add(ci)
	return bounds[0], bounds[1]
}

// gradeDistribution tabulates and charts final grades in bins of ten
// percentage points, per course, as a share of the graded learners.
func (c *computer) gradeDistribution(courses []study.Course, byCourse map[string][]report.Grade) (*report.Table, *report.Figure) {
	bins := []string{"0–9", "10–19", "20–29", "30–39", "40–49", "50–59", "60–69", "70–79", "80–89", "90–100"}
	hist := &report.Figure{ID: "performance-grades", Kind: report.FigureBars, Title: "Distribution of final grades",
		XLabel: "Final grade (%)", YLabel: "Share of graded learners (%)", Categories: bins,
		Caption: "Final grade in the edX grade report, in bins of 10 percentage points (the last bin includes 100), as a share of all learners in the grade report.", DefinedIn: passingTerm}
	counts := make([][]int, len(courses))
	var names, keys []string
	for g, co := range courses {
		names = append(names, co.Short)
		keys = append(keys, co.Key)
		counts[g] = make([]int, len(bins))
		for _, gr := range byCourse[co.Key] {
			counts[g][min(int(math.Floor(gr.Grade*10+1e-9)), 9)]++
		}
	}
	gradeTab, gradeFig := c.build(crossTab{id: "performance-grades", title: "Distribution of final grades", rowHeader: "Final grade (%)",
		rows: bins, groups: names, groupKeys: keys, counts: counts, measurePre: "grade-bin",
		definition: hist.Caption, definedIn: passingTerm})
	gradeFig.Kind = report.FigureHistogram
	gradeFig.XLabel, gradeFig.YLabel = hist.XLabel, hist.YLabel
	gradeFig.Caption = hist.Caption
	gradeFig.Table = *figureTable(gradeFig, c.lessThanK())
	gradeFig.Alt = altBars(gradeFig)
	return gradeTab, gradeFig
}

// wilsonCI gives a share measure already added its 95 % Wilson score
// interval, in %, and returns it. A withheld share gets none, since its
// bounds would give it away; nor does a share of nobody.
func (c *computer) wilsonCI(m report.Measure, x, n int) *report.Interval {
	if measureWithheld(m) || n == 0 {
		return nil
	}
	lo, hi := stats.Wilson(x, n, 0.95)
	iv := &report.Interval{Level: 0.95, Low: 100 * lo, High: 100 * hi}
	if stored := c.find(m.ID); stored != nil {
		stored.CI = iv
	}
	return iv
}

// measureWithheld says whether disclosure control withheld m; the one
// place this file set reads that.
func measureWithheld(m report.Measure) bool { return m.Withheld != "" }

// trackTable counts graded, passed and certified learners by enrollment
// track, since certificates are only open to some tracks.
func (c *computer) trackTable(courses []study.Course, byCourse map[string][]report.Grade) *report.Table {
	def := "By the Enrollment Track column of the grade report. A certificate counts only when delivered."
	t := &report.Table{ID: "performance-tracks", Title: "Passing and certificates by enrollment track", Columns: []string{"Course", "Track", "Learners", "Passed", "Certificates"}, Definition: def}
	for _, co := range courses {
		per := map[string][3]int{}
		for _, g := range byCourse[co.Key] {
			if g.Track == "" {
				continue // the source has no tracks (the OULAD)
			}
			v := per[g.Track]
			v[0]++
			if hasPassed(g, co.PassMark) {
				v[1]++
			}
			if g.CertificateDelivered {
				v[2]++
			}
			per[g.Track] = v
		}
		totals := map[string]int{}
		for k, v := range per {
			totals[k] = v[0]
		}
		for _, track := range sortedKeys(totals) {
			v := per[track]
			id := co.Key + ".track." + slug(track)
			c.withinTrack(co.Key, track, id)
			c.led.within(id+".graded", id+".passed", id+".certificates")
			t.Rows = append(t.Rows, []report.Cell{textCell(co.Short), textCell(track),
				measureCell(c.count(id+".graded", co.Key, "Graded learners on the "+track+" track", v[0], def)),
				measureCell(c.count(id+".passed", co.Key, "Passed learners on the "+track+" track", v[1], def)),
				measureCell(c.count(id+".certificates", co.Key, "Certificates on the "+track+" track", v[2], def)),
			})
		}
	}
	return t
}

// attemptedAny reports whether a learner has a score in any assignment
// column. Assignment-type averages ("Homework (Avg)") are left out: edX
// fills them with 0.0 even for learners who attempted nothing.
func attemptedAny(g report.Grade) bool {
	for name := range g.Assignments {
		if !strings.HasSuffix(name, "(Avg)") {
			return true
		}
	}
	return false
}

// hasPassed says whether a learner passed: by the platform's own final result
// where it records one (the OULAD's Pass or Distinction), else by the
// final grade reaching the course's pass mark.
func hasPassed(g report.Grade, passMark float64) bool {
	if g.Result != "" {
		return g.Result == "Pass" || g.Result == "Distinction"
	}
	return g.Grade >= passMark-1e-9
}

// activityAndGrade adds the link between activity and grade, when there
// is one to show.
func (c *computer) activityAndGrade() error {
	c.part("activity-grade", tableBlocks(c.activityGrade())...)
	return nil
}

// tableBlocks makes a block of each table that has rows.
func tableBlocks(ts ...*report.Table) []report.Block {
	var blocks []report.Block
	for _, t := range ts {
		if t != nil && len(t.Rows) > 0 {
			blocks = append(blocks, report.Block{Table: t})
		}
	}
	return blocks
}

const activityGradeDefinition = "Activity and grade: Spearman's rank correlation between a learner's active events in course weeks (0 for learners never active) and their final grade, over learners in both the profile export and the grade report, with a 95 % Fisher-z interval."

// activityGrade correlates how much learners did with their final grade,
// by rank, since event counts are heavily skewed.
func (c *computer) activityGrade() *report.Table {
	def := activityGradeDefinition
	t := &report.Table{ID: "performance-activity-grade", Title: "Activity and final grade", Columns: []string{"Course", "N", "ρ", "95 % CI, lower bound", "95 % CI, upper bound", "p", "Result"}, DefinedIn: assessmentsTerm}
	for _, co := range c.gradedCourses() {
		if !c.hasActivity(co.Key) {
			continue // no logs: no activity to correlate, not "0 events" for all
		}
		var x, y []float64
		for _, g := range c.ds.Grades {
			if g.Course != co.Key || !c.isEnrolled(co.Key, g.Learner) {
				continue
			}
			ev := 0
			if a := c.acts[co.Key][g.Learner]; a != nil {
				ev = a.Events
			}
			x = append(x, float64(ev))
			y = append(y, g.Grade)
		}
		id := co.Key + ".activity-grade.rho"
		m := report.Measure{ID: id, Course: co.Key, Label: "Spearman's ρ of activity with final grade", N: len(x), Definition: def, Text: "–"}
		row := []report.Cell{textCell(co.Short)}
		if len(x) < c.k {
			m = c.suppressMeasure(m)
			c.add(m)
			t.Rows = append(t.Rows, append(row, c.primaryCell(), measureCell(m), measureCell(m), measureCell(m), measureCell(m), measureCell(m)))
			continue
		}
		r, err := stats.SpearmanTest(x, y)
		if err != nil {
			c.add(m)
			t.Rows = append(t.Rows, append(row, numCell(formatInt(len(x)), float64(len(x))), textCell("–"), textCell("–"), textCell("–"), textCell("–"), textCell("not computable: "+errReason(err))))
			continue
		}
		m.Value, m.Text = r.Rho, r.APA()
		m.CI = &report.Interval{Level: 0.95, Low: r.Lo, High: r.Hi}
		m.Test = &report.TestResult{Name: "Spearman's rank correlation", Statistic: "ρ", Value: number(r.Rho), DF: []float64{float64(r.N - 2)}, P: r.P,
			Effect: "ρ", EffectValue: number(r.Rho), EffectCI: m.CI, N: []int{r.N}}
		c.add(m)
		t.Rows = append(t.Rows, append(row, numCell(formatInt(len(x)), float64(len(x))),
			numCell(stats.FormatBounded(r.Rho, 2), r.Rho),
			numCell(stats.FormatBounded(r.Lo, 2), r.Lo), numCell(stats.FormatBounded(r.Hi, 2), r.Hi),
			numCell(stats.FormatP(r.P), r.P), textCell(r.APA())))
	}
	return t
}

// errReason turns a stats error into a few words for a table cell.
func errReason(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	return s
}

// small reports a count that is non-zero but under k.
func small(n, k int) bool { return n > 0 && n < k }

// resultOrder is the order of final results as the OULAD records them.
var resultOrder = []string{"Distinction", "Pass", "Fail", "Withdrawn"}

// finalResults tabulates the platform's own final result per course.
func (c *computer) finalResults() (*report.Table, *report.Figure) {
	counts := map[string]map[string]int{}
	all := map[string]int{}
	for _, g := range c.ds.Grades {
		if g.Result == "" {
			continue
		}
		if counts[g.Course] == nil {
			counts[g.Course] = map[string]int{}
		}
		counts[g.Course][g.Result]++
		all[g.Result]++
	}
	if len(all) == 0 {
		return nil, nil
	}
	var rows []string
	for _, r := range resultOrder {
		if all[r] > 0 {
			rows = append(rows, r)
			delete(all, r)
		}
	}
	rows = append(rows, sortedKeys(all)...)
	t := crossTab{id: "performance-results", title: "Final results", rowHeader: "Result", rows: rows, measurePre: "result",
		definition: "The final result the platform recorded for each learner (for the OULAD: Distinction, Pass, Fail or Withdrawn); shares are of learners with a recorded result."}
	for _, co := range c.s.Courses {
		t.groups = append(t.groups, co.Short)
		t.groupKeys = append(t.groupKeys, co.Key)
		col := make([]int, len(rows))
		for i, r := range rows {
			col[i] = counts[co.Key][r]
		}
		t.counts = append(t.counts, col)
	}
	return c.build(t)
}

// performanceSection is the Performance section: passing and grades, the
// platform's final results, per-assessment results and first-attempt
// correctness (see assessments.go), then activity and grade.
func (c *computer) performanceSection() []report.Block {
	return c.place("grades", "final-results", "assessments", "activity-grade")
}
