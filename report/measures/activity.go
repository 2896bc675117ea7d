package measures

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

// weeklyTally is one course's activity in course weeks 1…W, as the
// weekly-activity tables count it.
type weeklyTally struct {
	active  []int                   // [week-1] active learners
	kinds   [report.NumKinds]int    // learners with ≥1 event of the kind in weeks 1..W
	ever    int                     // learners active in any of weeks 1..W
	events  int                     // their active events
	strays  map[string]bool         // learners with events but not in the profile
	seen    [report.NumKinds][]bool // [kind][learner number]: counted in kinds
	active1 []bool                  // [learner number]: counted in ever
}

// activity reports weekly active learners (table and chart) and learners
// by kind of activity, for the courses whose tracking logs were read.
func (c *computer) activity() error {
	courses := c.activityCourses()
	if len(courses) == 0 {
		return nil // no tracking logs: nothing to report, not zeros
	}
	activeDefinition := c.activeDef()
	per := c.tallyWeeks(courses)
	maxWeeks := 0
	for _, co := range courses {
		maxWeeks = max(maxWeeks, co.Weeks)
	}
	tab := c.weeklyActiveTable(courses, per, maxWeeks, activeDefinition)
	fig := c.weeklyActiveFigure(courses, per, maxWeeks, activeDefinition)
	ktab := c.kindsTable(courses, per, activeDefinition)
	intro := "This section describes how active learners were, week by week, from the edX tracking logs."
	dataFromTable(fig, tab)
	c.part("weekly-activity", report.Block{Markdown: intro, ID: "activity-intro"}, report.Block{Figure: fig}, report.Block{Table: tab, OnRequest: true}, report.Block{Table: ktab})
	return nil
}

// tallyWeeks counts, per course, the active learners of each course week,
// the learners with events of each kind, and the learners with events
// who are not in the profile export.
func (c *computer) tallyWeeks(courses []study.Course) map[string]*weeklyTally {
	per := map[string]*weeklyTally{}
	for _, co := range courses {
		p := &weeklyTally{active: make([]int, co.Weeks), strays: map[string]bool{}, active1: make([]bool, c.seats[co.Key])}
		for k := range p.seen {
			p.seen[k] = make([]bool, c.seats[co.Key])
		}
		per[co.Key] = p
	}
	for i, w := range c.ds.Activity {
		p := per[w.Course]
		co, ok := c.s.Course(w.Course)
		if p == nil || !ok {
			continue
		}
		n := c.activeEvents(w)
		if n == 0 {
			continue
		}
		l := c.rowLearner[i]
		if l < 0 {
			p.strays[w.Learner] = true
			continue
		}
		if w.Week < 1 || w.Week > co.Weeks {
			continue
		}
		p.active[w.Week-1]++
		if !p.active1[l] {
			p.active1[l] = true
			p.ever++
		}
		p.events += n
		for k, e := range w.Events {
			if e > 0 && !p.seen[k][l] {
				p.seen[k][l] = true
				p.kinds[k]++
			}
		}
	}
	return per
}

// weeklyActiveTable publishes each course week's active learners and
// their share of the enrolled, with its Wilson interval.
func (c *computer) weeklyActiveTable(courses []study.Course, per map[string]*weeklyTally, maxWeeks int, activeDefinition string) *report.Table {
	tab := &report.Table{ID: "activity-weekly-active", Title: "Weekly active learners", Columns: []string{"Week"}, DefinedIn: activeTerm}
	for _, co := range courses {
		tab.Columns = append(tab.Columns, co.Short+" n", co.Short+" %")
	}
	for w := 1; w <= maxWeeks; w++ {
		row := []report.Cell{textCell(strconv.Itoa(w))}
		for _, co := range courses {
			if w > co.Weeks {
				row = append(row, textCell("–"), textCell("–"))
				continue
			}
			n := per[co.Key].active[w-1]
			enrolled := len(c.byCourse[co.Key])
			cnt := c.count(fmt.Sprintf("%s.active.w%d", co.Key, w), co.Key, fmt.Sprintf("Active learners in week %d", w), n, activeDefinition)
			sh := c.share(fmt.Sprintf("%s.active.w%d.share", co.Key, w), co.Key, fmt.Sprintf("Share of enrolled learners active in week %d", w), n, enrolled, activeDefinition)
			c.wilsonCI(sh, n, enrolled)
			row = append(row, measureCell(cnt), measureCell(sh))
		}
		tab.Rows = append(tab.Rows, row)
	}
	return tab
}

// weeklyActiveFigure charts the weekly shares the table published, with
// a 95 % Wilson band around each share shown.
func (c *computer) weeklyActiveFigure(courses []study.Course, per map[string]*weeklyTally, maxWeeks int, activeDefinition string) *report.Figure {
	fig := &report.Figure{ID: "activity-weekly-active-chart", Kind: report.FigureLines, Title: "Weekly active learners",
		XLabel: "Week", YLabel: "Share of enrolled learners (%)",
		Caption: "The share of each course's enrolled learners active in each course week, with its 95 % Wilson score interval shaded; its data give the counts and shares.", DefinedIn: activeTerm}
	for w := 1; w <= maxWeeks; w++ {
		fig.Categories = append(fig.Categories, strconv.Itoa(w))
	}
	for _, co := range courses {
		s := report.Series{Name: co.Short}
		enrolled := len(c.byCourse[co.Key])
		for w := 1; w <= maxWeeks; w++ {
			m := c.find(fmt.Sprintf("%s.active.w%d.share", co.Key, w))
			if w > co.Weeks || m == nil || m.Withheld != "" || enrolled == 0 || per[co.Key].active[w-1] > enrolled {
				s.Values = append(s.Values, math.NaN())
				s.Lo, s.Hi = append(s.Lo, math.NaN()), append(s.Hi, math.NaN())
				s.Withheld = append(s.Withheld, withheldOf(m, w <= co.Weeks))
				continue
			}
			active := per[co.Key].active[w-1]
			// Only a share that is shown gets a band: a band around a
			// withheld share would give it away.
			lo, hi := stats.Wilson(active, enrolled, 0.95)
			s.Values = append(s.Values, m.Value)
			s.Lo, s.Hi = append(s.Lo, 100*lo), append(s.Hi, 100*hi)
			s.Withheld = append(s.Withheld, "")
		}
		fig.Series = append(fig.Series, s)
	}
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altLines(fig)
	return fig
}

// kindsTable publishes the learners active in any course week and the
// learners with at least one event of each kind, and counts the learners
// with activity but no profile row.
func (c *computer) kindsTable(courses []study.Course, per map[string]*weeklyTally, activeDefinition string) *report.Table {
	kinds := []struct {
		kind  report.EventKind
		label string
	}{{report.KindPage, "Viewed course pages"}, {report.KindVideo, "Watched video"}, {report.KindProblem, "Submitted a problem"}, {report.KindForum, "Used the discussion forum"}}
	kindDef := "Learners in the enrolled-learner profile with at least one event of the kind in course weeks 1 to the last course week. " + kindsInWords
	ktab := &report.Table{ID: "activity-kinds", Title: "Learners by kind of activity", Columns: []string{"Activity"},
		Definition: "Learners in the enrolled-learner profile with at least one event of the kind in course weeks 1 to the last course week.", DefinedIn: kindsTerm}
	for _, co := range courses {
		ktab.Columns = append(ktab.Columns, co.Short+" n", co.Short+" % of enrolled")
	}
	everRow := []report.Cell{textCell("Active in any course week")}
	for _, co := range courses {
		p := per[co.Key]
		enrolled := len(c.byCourse[co.Key])
		everRow = append(everRow,
			measureCell(c.count(co.Key+".active.ever", co.Key, "Learners active in any course week", p.ever, activeDefinition)),
			measureCell(c.share(co.Key+".active.ever.share", co.Key, "Share of enrolled learners active in any course week", p.ever, enrolled, activeDefinition)))
		c.count(co.Key+".activity.unprofiled-learners", co.Key, "Learners with activity but no profile row", len(p.strays),
			"Distinct pseudonymous learners with events for the course who are missing from the enrolled-learner profile export; their events are not counted in the activity measures.")
	}
	ktab.Rows = append(ktab.Rows, everRow)
	for _, k := range kinds {
		row := []report.Cell{textCell(k.label)}
		for _, co := range courses {
			n := per[co.Key].kinds[k.kind]
			enrolled := len(c.byCourse[co.Key])
			id := co.Key + ".activity." + k.kind.String()
			row = append(row,
				measureCell(c.count(id, co.Key, k.label, n, kindDef)),
				measureCell(c.share(id+".share", co.Key, k.label+" (share of enrolled)", n, enrolled, kindDef)))
		}
		ktab.Rows = append(ktab.Rows, row)
	}
	return ktab
}

// measureCell shows a measure in a table cell, withheld if it was suppressed.
func measureCell(m report.Measure) report.Cell {
	if m.Withheld != "" {
		return report.Cell{Text: m.Text, Withheld: m.Withheld}
	}
	return numCell(m.Text, m.Value)
}

// find returns the measure with id, or nil.
func (c *computer) find(id string) *report.Measure {
	for i := range c.res.Measures {
		if c.res.Measures[i].ID == id {
			return &c.res.Measures[i]
		}
	}
	return nil
}

// activityDetail adds the activity measures beyond weekly activity:
// events by kind per week and per-learner intensity.
func (c *computer) activityDetail() error {
	if len(c.activityCourses()) == 0 {
		return nil
	}
	c.part("events-by-kind", report.Block{Table: c.kindsWeekly()})
	c.part("intensity", report.Block{Table: c.intensity()})
	return nil
}

var namedKinds = []report.EventKind{report.KindPage, report.KindVideo, report.KindProblem, report.KindForum, report.KindOther}

// kindsInWords says what each kind of activity holds in the words of a
// learner's actions; the README's Measures section maps the kinds to the
// tracking log's event names, for researchers who cite them.
const kindsInWords = "Viewed course pages: opened a page of the course or moved between its units; " +
	"watched video: played, paused, skipped through or loaded a course video; " +
	"submitted a problem: checked an answer to a problem (the browser and the course server each record a submission, and either counts); " +
	"used the discussion forum: read, searched, posted, responded or voted in the course's discussion forum."

// kindColumns are the kinds' names as column headings.
var kindColumns = map[report.EventKind]string{report.KindPage: "Course pages", report.KindVideo: "Video", report.KindProblem: "Problems",
	report.KindForum: "Discussion forum", report.KindOther: "Other"}

// kindsWeekly counts events of each kind per course week. A cell is
// withheld when fewer than k learners produced its events, since the count
// would then describe one or two people's behaviour.
func (c *computer) kindsWeekly() *report.Table {
	def := "Activity events (" + c.bySource("events in the tracking logs", "clicks in the virtual learning environment") + ") of each kind in each course week, from learners in the course's learner list; a cell is withheld when fewer than the minimum cell size of learners had an event of that kind that week."
	t := &report.Table{ID: "activity-kinds-weekly", Title: "Events by kind and course week", Columns: []string{"Course", "Week"}, Definition: def}
	for _, k := range namedKinds {
		t.Columns = append(t.Columns, kindColumns[k])
	}
	type cell struct{ events, learners int }
	for _, co := range c.activityCourses() {
		grid := make([][report.NumKinds]cell, co.Weeks+1)
		for i, w := range c.ds.Activity {
			if w.Course != co.Key || c.rowLearner[i] < 0 || w.Week < 1 || w.Week > co.Weeks {
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
	t := &report.Table{ID: "activity-intensity", Title: "Activity per active learner", Columns: []string{"Course", "Measure", "n", "Median", "Q1", "Q3"}, DefinedIn: intensityTerm}
	if hasTime {
		t.Definition = "Time on task: see “" + timeTerm + "” in the methods."
	}
	for _, co := range c.activityCourses() {
		var events, days, hours []float64
		for _, id := range slices.Sorted(maps.Keys(c.acts[co.Key])) {
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

const (
	intensityDefinition = "Among learners active in at least one course week: active events (as counted for weekly activity) and days with activity, summed over course weeks; median and interquartile range (quartiles by R's type 7)."
	timeDefinition      = "Time on task sums, over course weeks, the length of each session — a learner's run of events with no gap longer than the tracking source's session gap (default 30 minutes), from its first to its last event, counted in the week it starts — in hours; it is reported only when the logs gave sessions."
)

// activitySection is the Activity section: weekly activity and learners
// by kind of event, events by kind per week, intensity, then retention
// and the engagement funnel (see retention.go).
func (c *computer) activitySection() []report.Block {
	return c.place("weekly-activity", "events-by-kind", "intensity", "retention", "funnel")
}
