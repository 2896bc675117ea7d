package measures

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

// learnerActivity is one enrolled learner's activity over course weeks
// 1…W, counting only the events that make a learner active.
type learnerActivity struct {
	Events   int // active events
	Days     int // days with activity, summed over active weeks
	Seconds  int // time on task, from ingest's sessions
	Sessions int
	Last     int // last active course week
}

// indexActivity applies the study's definition of "active" once, so every
// activity measure and comparison counts the same events.
func (c *computer) indexActivity() {
	for _, k := range c.s.Activity.ExcludedKinds() {
		for i := report.EventKind(0); i < report.NumKinds; i++ {
			if i.String() == k {
				c.excluded[i] = true
			}
		}
	}
	c.excluded[report.KindEnrollment] = true
	c.acts = map[string]map[string]*learnerActivity{}
	for _, w := range c.ds.Activity {
		co, ok := c.s.Course(w.Course)
		if !ok || !c.enrolled[w.Course][w.Learner] || w.Week < 1 || w.Week > co.Weeks {
			continue
		}
		n := c.activeEvents(w)
		if n == 0 {
			continue
		}
		if c.acts[w.Course] == nil {
			c.acts[w.Course] = map[string]*learnerActivity{}
		}
		a := c.acts[w.Course][w.Learner]
		if a == nil {
			a = &learnerActivity{}
			c.acts[w.Course][w.Learner] = a
		}
		a.Events += n
		a.Days += int(w.Days)
		a.Seconds += w.Seconds
		a.Sessions += w.Sessions
		a.Last = max(a.Last, w.Week)
	}
}

// activeEvents counts the events of w that make a learner active.
func (c *computer) activeEvents(w report.LearnerWeek) int {
	n := 0
	for k, e := range w.Events {
		if !c.excluded[k] {
			n += e
		}
	}
	return n
}

// activeDef writes out the definition of an active learner in force.
func (c *computer) activeDef() string {
	a := c.s.Activity
	var b strings.Builder
	switch a.Preset {
	case "harvardx":
		b.WriteString("A learner is active in a course week when the tracking logs hold at least one page-view, video or problem event of theirs for the course in that week (the \"harvardx\" preset: interacting with the courseware, HarvardX's \"viewed\"; forum, enrollment and other events do not count).")
	default:
		b.WriteString("A learner is active in a course week when the tracking logs hold at least one event of theirs for the course in that week, other than enrollment events (the \"insights\" preset, after Open edX Insights).")
	}
	if len(a.Exclude) > 0 {
		fmt.Fprintf(&b, " Events of kind %s do not count either (activity.exclude).", strings.Join(a.Exclude, ", "))
	}
	if a.Weeks == "monday" {
		fmt.Fprintf(&b, " Weeks run Monday to Sunday, from 00:00 in %s; course week 1 is the week holding the course start date.", zoneName(a.TimeZone))
	} else {
		fmt.Fprintf(&b, " Course week 1 starts at 00:00 %s on the course start date; each week is 7 days.", zoneName(a.TimeZone))
	}
	b.WriteString(" Only learners in the learner profile export count.")
	return b.String()
}

// activityMore adds the activity measures beyond weekly activity: events
// by kind per week, per-learner intensity, retention and the funnel.
func (c *computer) activityMore() error {
	if len(c.activityCourses()) == 0 {
		return nil
	}
	blocks := []report.Block{{Table: c.kindsWeekly()}}
	blocks = append(blocks, report.Block{Table: c.intensity()})
	fig, tab := c.retention()
	blocks = append(blocks, report.Block{Figure: fig}, report.Block{Table: tab})
	ffig, ftab := c.funnel()
	blocks = append(blocks, report.Block{Figure: ffig}, report.Block{Table: ftab})
	c.section("activity", blocks...)
	return nil
}

var namedKinds = []report.EventKind{report.KindPage, report.KindVideo, report.KindProblem, report.KindForum, report.KindOther}

// kindsWeekly counts events of each kind per course week. A cell is
// withheld when fewer than k learners produced its events, since the count
// would then describe one or two people's behaviour.
func (c *computer) kindsWeekly() *report.Table {
	def := "Activity events (edX tracking-log events; OULAD: VLE clicks) of each kind in each course week, from learners in the enrolled-learner profile export; a cell is withheld when fewer than the minimum cell size of learners had an event of that kind that week."
	t := &report.Table{ID: "activity-kinds-weekly", Title: "Events by kind and course week", Columns: []string{"Course", "Week"}, Definition: def}
	for _, k := range namedKinds {
		t.Columns = append(t.Columns, k.String())
	}
	type cell struct{ events, learners int }
	for _, co := range c.activityCourses() {
		grid := make([][report.NumKinds]cell, co.Weeks+1)
		for _, w := range c.ds.Activity {
			if w.Course != co.Key || !c.enrolled[co.Key][w.Learner] || w.Week < 1 || w.Week > co.Weeks {
				continue
			}
			for k, n := range w.Events {
				if n > 0 {
					grid[w.Week][k].events += n
					grid[w.Week][k].learners++
				}
			}
		}
		for wk := 1; wk <= co.Weeks; wk++ {
			row := []report.Cell{textCell(co.Short), textCell(strconv.Itoa(wk))}
			for _, k := range namedKinds {
				g := grid[wk][k]
				id := fmt.Sprintf("%s.events.%s.w%d", co.Key, k, wk)
				m := report.Measure{ID: id, Course: co.Key, Label: fmt.Sprintf("%s events in week %d", k, wk), Value: float64(g.events), N: g.learners, Unit: "events", Definition: def, Text: formatInt(g.events)}
				if g.learners > 0 && g.learners < c.k {
					m = c.suppressMeasure(m)
				}
				c.add(m)
				row = append(row, measureCell(m))
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// describeOrWithhold adds median, Q1 and Q3 measures of x under id, or
// withholds them when the group is under k.
func (c *computer) describeOrWithhold(id, course, label, unit, def string, x []float64, places int) []report.Cell {
	names := []string{"median", "q1", "q3"}
	labels := []string{"median", "first quartile", "third quartile"}
	var cells []report.Cell
	sum, err := stats.Describe(x)
	for i, name := range names {
		m := report.Measure{ID: id + "." + name, Course: course, Label: label + ", " + labels[i], N: len(x), Unit: unit, Definition: def}
		switch {
		case len(x) < c.k:
			m = c.suppressMeasure(m)
		case err != nil:
			m.Text = "–"
		default:
			v := []float64{sum.Median, sum.Q1, sum.Q3}[i]
			m.Value, m.Text = v, formatNum(v, places)
		}
		c.add(m)
		cells = append(cells, measureCell(m))
	}
	return cells
}

const (
	intensityDefinition = "Among learners active in at least one course week: active events (as counted for weekly activity) and days with activity, summed over course weeks; median and interquartile range (quartiles by R's type 7)."
	timeDefinition      = "Time on task sums, over course weeks, the length of each session — a learner's run of events with no gap longer than the tracking source's session gap (default 30 minutes), from its first to its last event, counted in the week it starts — in hours; it is reported only when the logs gave sessions."
	retentionDefinition = "Retention: of the learners active in at least one course week, the share whose last active week is week N or later."
)

// funnelDefinition writes out the funnel's stages with the exploration
// threshold in force.
func (c *computer) funnelDefinition() string {
	return fmt.Sprintf("Funnel: enrolled = in the profile export; active = active in at least one course week; explored = visited at least %.0f %% of the course's chapters (activity.explored; HarvardX's \"explored\" is one half), chapters counted from the course structure or, failing that, the chapters seen in the logs; passed = in the grade report with a final grade at or above the pass mark; certified = certificate delivered. Every stage counts enrolled learners and is a share of them; the stages are not required to nest.", 100*c.s.Activity.Explored)
}

// intensity describes how much active learners did: events, active days
// and, when ingest measured sessions, time on task.
func (c *computer) intensity() *report.Table {
	def := intensityDefinition
	tot := 0
	for _, w := range c.ds.Activity {
		tot += w.Seconds
	}
	hasTime := tot > 0
	if hasTime {
		def += " " + timeDefinition
	}
	t := &report.Table{ID: "activity-intensity", Title: "Activity per active learner", Columns: []string{"Course", "Measure", "n", "Median", "Q1", "Q3"}, Definition: def}
	for _, co := range c.activityCourses() {
		var events, days, hours []float64
		for _, id := range sortedLearners(c.acts[co.Key]) {
			a := c.acts[co.Key][id]
			events = append(events, float64(a.Events))
			days = append(days, float64(a.Days))
			hours = append(hours, float64(a.Seconds)/3600)
		}
		rows := []struct {
			id, label, unit string
			x               []float64
			places          int
		}{{"events-per-learner", "Events per active learner", "events", events, 0}, {"active-days", "Active days per active learner", "days", days, 0}}
		if hasTime {
			rows = append(rows, struct {
				id, label, unit string
				x               []float64
				places          int
			}{"time-on-task", "Hours on task per active learner", "hours", hours, 1})
		}
		for _, r := range rows {
			n := numCell(formatInt(len(r.x)), float64(len(r.x)))
			if len(r.x) > 0 && len(r.x) < c.k {
				n = c.primaryCell()
			}
			t.Rows = append(t.Rows, append([]report.Cell{textCell(co.Short), textCell(r.label), n},
				c.describeOrWithhold(co.Key+"."+r.id, co.Key, r.label, r.unit, def, r.x, r.places)...))
		}
	}
	return t
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
	fig := &report.Figure{ID: "activity-retention-chart", Kind: report.FigureLines, Title: "Learners still active (last active week)", XLabel: "Week", YLabel: "Share of ever-active learners (%)", Caption: def}
	tab := &report.Table{ID: "activity-retention", Title: "Learners still active, by last active week", Columns: []string{"Week"}, Definition: def}
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
	t := &report.Table{ID: "activity-funnel", Title: "Engagement funnel", Columns: []string{"Stage"}, Definition: def}
	stages := []string{"Enrolled", "Active", "Explored", "Passed", "Certified"}
	fig := &report.Figure{ID: "activity-funnel-chart", Kind: report.FigureBars, Title: "Engagement funnel",
		XLabel: "Stage", YLabel: "Share of enrolled learners (%)", Categories: stages,
		Caption: "Each stage's learners as a share of the course's enrolled learners; a missing bar is withheld or not available. " + def}
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
			if g.Course != co.Key || !c.enrolled[co.Key][g.Learner] {
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
				if r.Course == co.Key && c.enrolled[co.Key][r.Learner] && float64(r.Chapters) >= ex*float64(chapters)-1e-9 {
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
	var noLogs, noGrades []string
	for _, co := range c.s.Courses {
		if !c.hasActivity(co.Key) {
			noLogs = append(noLogs, co.Short)
		}
		if !c.hasGrades(co.Key) {
			noGrades = append(noGrades, co.Short)
		}
	}
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

func (c *computer) anyChaptersMissing() bool {
	for _, co := range c.s.Courses {
		if c.ds.Chapters[co.Key] == 0 {
			return true
		}
	}
	return false
}

// sortedLearners returns a map's learner ids in order, so statistics that
// depend on input order (none should, but ties in ranks are summed) are
// reproducible.
func sortedLearners[T any](m map[string]T) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// zoneName names a time zone for a definition; the empty zone is UTC.
func zoneName(tz string) string {
	if tz == "" {
		return "UTC"
	}
	return tz
}
