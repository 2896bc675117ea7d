package measures

import (
	"fmt"
	"math"
	"strconv"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

func (c *computer) activity() error {
	courses := c.activityCourses()
	if len(courses) == 0 {
		return nil // no tracking logs: nothing to report, not zeros
	}
	activeDefinition := c.activeDef()
	type weekly struct {
		active []int                                // [week-1] active learners
		kinds  map[report.EventKind]map[string]bool // kind → learners with ≥1 such event in weeks 1..W
		ever   map[string]bool
		events int
		strays map[string]bool // learners with events but not in the profile
	}
	per := map[string]*weekly{}
	for _, co := range courses {
		per[co.Key] = &weekly{active: make([]int, co.Weeks), kinds: map[report.EventKind]map[string]bool{}, ever: map[string]bool{}, strays: map[string]bool{}}
	}
	for _, w := range c.ds.Activity {
		p := per[w.Course]
		co, ok := c.s.Course(w.Course)
		if p == nil || !ok || c.activeEvents(w) == 0 {
			continue
		}
		if !c.enrolled[w.Course][w.Learner] {
			p.strays[w.Learner] = true
			continue
		}
		if w.Week < 1 || w.Week > co.Weeks {
			continue
		}
		p.active[w.Week-1]++
		p.ever[w.Learner] = true
		p.events += c.activeEvents(w)
		for k, n := range w.Events {
			if n > 0 {
				kind := report.EventKind(k)
				if p.kinds[kind] == nil {
					p.kinds[kind] = map[string]bool{}
				}
				p.kinds[kind][w.Learner] = true
			}
		}
	}

	maxWeeks := 0
	for _, co := range courses {
		maxWeeks = max(maxWeeks, co.Weeks)
	}
	fig := &report.Figure{ID: "activity-weekly-active-chart", Kind: report.FigureLines, Title: "Weekly active learners",
		XLabel: "Week", YLabel: "Share of enrolled learners (%)",
		Caption: activeDefinition + " Shaded bands: 95 % Wilson score intervals of each week's share (n = the course's enrolled learners); the data table gives the shares only."}
	for w := 1; w <= maxWeeks; w++ {
		fig.Categories = append(fig.Categories, strconv.Itoa(w))
	}
	tab := &report.Table{ID: "activity-weekly-active", Title: "Weekly active learners", Columns: []string{"Week"}, Definition: activeDefinition}
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

	kinds := []struct {
		kind  report.EventKind
		label string
	}{{report.KindPage, "Viewed course pages"}, {report.KindVideo, "Watched video"}, {report.KindProblem, "Submitted a problem"}, {report.KindForum, "Posted in the forum"}}
	kindDef := "Learners in the enrolled-learner profile with at least one event of the kind in course weeks 1 to the last course week. Page: implicit page views and sequence navigation; video: play, pause, seek, stop and load video events; problem: problem_check events from the browser and the server (a submission usually logs one of each); forum: edx.forum.* events."
	ktab := &report.Table{ID: "activity-kinds", Title: "Learners by kind of activity", Columns: []string{"Activity"}, Definition: kindDef}
	for _, co := range courses {
		ktab.Columns = append(ktab.Columns, co.Short+" n", co.Short+" % of enrolled")
	}
	everRow := []report.Cell{textCell("Active in any course week")}
	for _, co := range courses {
		p := per[co.Key]
		enrolled := len(c.byCourse[co.Key])
		everRow = append(everRow,
			measureCell(c.count(co.Key+".active.ever", co.Key, "Learners active in any course week", len(p.ever), activeDefinition)),
			measureCell(c.share(co.Key+".active.ever.share", co.Key, "Share of enrolled learners active in any course week", len(p.ever), enrolled, activeDefinition)))
		c.count(co.Key+".activity.unprofiled-learners", co.Key, "Learners with activity but no profile row", len(p.strays),
			"Distinct pseudonymous learners with events for the course who are missing from the enrolled-learner profile export; their events are not counted in the activity measures.")
	}
	ktab.Rows = append(ktab.Rows, everRow)
	for _, k := range kinds {
		row := []report.Cell{textCell(k.label)}
		for _, co := range courses {
			n := len(per[co.Key].kinds[k.kind])
			enrolled := len(c.byCourse[co.Key])
			id := co.Key + ".activity." + k.kind.String()
			row = append(row,
				measureCell(c.count(id, co.Key, k.label, n, kindDef)),
				measureCell(c.share(id+".share", co.Key, k.label+" (share of enrolled)", n, enrolled, kindDef)))
		}
		ktab.Rows = append(ktab.Rows, row)
	}
	intro := "This section describes how active learners were, week by week, from the edX tracking logs. " + activeDefinition
	c.section("activity", report.Block{Markdown: intro}, report.Block{Figure: fig}, report.Block{Table: tab}, report.Block{Table: ktab})
	return nil
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
