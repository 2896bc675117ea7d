package measures

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/moocreport/moocreport/report"
)

// withdrawDefinition says when a learner withdrew, in the words of the
// study's sources.
func (c *computer) withdrawDefinition() string {
	return "A learner withdrew when the records show them leaving the course (" +
		c.bySource("an unenrolment in the tracking logs after their last enrolment", "an unregistration date") +
		") — before the course start or during the course. Shares are of registered learners."
}

// enrolment reports registrations and withdrawals, enrolment over time,
// and the platform's own final results, for the sources that record them.
func (c *computer) enrolment() error {
	var learnerBlocks, perfBlocks []report.Block
	if t := c.withdrawals(); t != nil {
		learnerBlocks = append(learnerBlocks, report.Block{Table: t})
		if f := c.enrolmentCurve(); f != nil {
			learnerBlocks = append(learnerBlocks, report.Block{Figure: f})
		}
		learnerBlocks = append(learnerBlocks, report.Block{Table: c.registrationsByTrack()})
	}
	if tab, fig := c.finalResults(); tab != nil {
		perfBlocks = append(perfBlocks, report.Block{Figure: fig}, report.Block{Table: tab})
	}
	c.part("registrations", learnerBlocks...)
	c.part("final-results", perfBlocks...)
	return nil
}

// withdrawals publishes, per course, the learners who withdrew (before
// the start and during the course) and those still registered, beside the
// ever registered, when a source records enrolment dates; nil otherwise.
func (c *computer) withdrawals() *report.Table {
	known := false
	for _, l := range c.ds.Learners {
		known = known || !l.Enrolled.IsZero() || !l.Unenrolled.IsZero()
	}
	if !known {
		return nil
	}
	t := &report.Table{ID: "learners-registration", Title: "Registrations and withdrawals",
		Columns:   []string{"Course", "Ever registered", "Withdrew", "Withdrew (%)", "Before start", "During the course", "Still registered"},
		DefinedIn: withdrawTerm}
	for _, co := range c.s.Courses {
		var withdrew, before, during int
		for _, l := range c.byCourse[co.Key] {
			if l.Unenrolled.IsZero() || l.Unenrolled.Before(l.Enrolled) {
				continue
			}
			withdrew++
			if l.Unenrolled.Before(co.Start.Time) {
				before++
			} else {
				during++
			}
		}
		n := len(c.byCourse[co.Key])
		id := co.Key + ".withdrawn"
		c.led.relate(t.ID, co.Key+".enrolled", id, co.Key+".enrolled.current")
		c.led.relate(t.ID, id, id+".before-start", id+".during")
		c.led.tie(id, id+".share")
		t.Rows = append(t.Rows, []report.Cell{textCell(co.Short),
			measureCell(*c.find(co.Key + ".enrolled")),
			measureCell(c.count(id, co.Key, "Learners who withdrew", withdrew, c.withdrawDefinition())),
			measureCell(c.share(id+".share", co.Key, "Share of registered learners who withdrew", withdrew, n, c.withdrawDefinition())),
			measureCell(c.count(id+".before-start", co.Key, "Learners who withdrew before the course start", before, c.withdrawDefinition())),
			measureCell(c.count(id+".during", co.Key, "Learners who withdrew during the course", during, c.withdrawDefinition())),
			measureCell(c.count(co.Key+".enrolled.current", co.Key, "Learners still registered (ever registered minus withdrawn)", n-withdrew, c.withdrawDefinition())),
		})
	}
	return t
}

// enrolmentCurve draws cumulative registrations by course week, as a share
// of the learners whose registration date the sources give, for up to
// maxWideGroups courses.
func (c *computer) enrolmentCurve() *report.Figure {
	if len(c.s.Courses) > maxWideGroups {
		return nil
	}
	const before = 4 // weeks shown before the start
	def := fmt.Sprintf("Learners registered by the end of each course week (week 0 is the week before the start; %d weeks before the start are shown, earlier registrations count in the first), as a share of the learners whose registration date the sources give ("+c.bySource("an enrolment in the tracking logs", "the registration date")+"), counting learners who later withdrew.", before)
	fig := &report.Figure{ID: "learners-registration-chart", Kind: report.FigureLines, Title: "Cumulative registrations",
		XLabel: "Week", YLabel: "Share of learners with a registration date (%)", Caption: def}
	maxWeeks := 0
	for _, co := range c.s.Courses {
		maxWeeks = max(maxWeeks, co.Weeks)
	}
	for w := 1 - before; w <= maxWeeks; w++ {
		fig.Categories = append(fig.Categories, strconv.Itoa(w))
	}
	for _, co := range c.s.Courses {
		s := report.Series{Name: co.Short}
		n := 0
		for _, l := range c.byCourse[co.Key] {
			if !l.Enrolled.IsZero() {
				n++
			}
		}
		for w := 1 - before; w <= maxWeeks; w++ {
			end := co.Start.Time.Add(time.Duration(w) * 7 * 24 * time.Hour)
			k := 0
			for _, l := range c.byCourse[co.Key] {
				if !l.Enrolled.IsZero() && l.Enrolled.Before(end) {
					k++
				}
			}
			id := fmt.Sprintf("%s.registered.w%d", co.Key, w)
			m := c.share(id+".share", co.Key, fmt.Sprintf("Share registered by the end of week %d", w), k, n, def)
			v := m.Value
			if m.Withheld != "" || n == 0 {
				v = math.NaN()
			}
			s.Values = append(s.Values, v)
			s.Withheld = append(s.Withheld, m.Withheld)
		}
		fig.Series = append(fig.Series, s)
	}
	fig.Table = *figureTable(fig, c.lessThanK())
	fig.Alt = altLines(fig)
	return fig
}

// registrationsByTrack counts when learners registered, before, during or
// after the course, by enrollment track; learners without a registration
// date in the sources are counted apart rather than guessed.
func (c *computer) registrationsByTrack() *report.Table {
	def := "Learners by enrollment track and by when they (last) registered: before the course start, during the course weeks, after the last course week; \"date unknown\" when no source gives a registration date (edX: no enrollment activation in the tracking logs, e.g. learners who enrolled before the logs begin)."
	t := &report.Table{ID: "learners-registration-tracks", Title: "Registrations over time by enrollment track",
		Columns: []string{"Course", "Track", "Before the start", "During the course", "After the course", "Date unknown"}, Definition: def}
	for _, co := range c.s.Courses {
		end := co.Start.Time.AddDate(0, 0, 7*co.Weeks)
		per := map[string][4]int{}
		tracks := map[string]int{}
		for _, l := range c.byCourse[co.Key] {
			v := per[l.Mode]
			switch {
			case l.Enrolled.IsZero():
				v[3]++
			case l.Enrolled.Before(co.Start.Time):
				v[0]++
			case l.Enrolled.Before(end):
				v[1]++
			default:
				v[2]++
			}
			per[l.Mode] = v
			tracks[l.Mode]++
		}
		for _, track := range sortedKeys(tracks) {
			v := per[track]
			name := track
			if name == "" {
				name = "Not stated"
			}
			id := co.Key + ".registered." + slug(name)
			c.led.relate(t.ID, co.Key+".track."+slug(name), id+".before-start", id+".during", id+".after", id+".date-unknown")
			t.Rows = append(t.Rows, []report.Cell{textCell(co.Short), textCell(name),
				measureCell(c.count(id+".before-start", co.Key, "Registered before the start, "+name+" track", v[0], def)),
				measureCell(c.count(id+".during", co.Key, "Registered during the course, "+name+" track", v[1], def)),
				measureCell(c.count(id+".after", co.Key, "Registered after the course, "+name+" track", v[2], def)),
				measureCell(c.count(id+".date-unknown", co.Key, "Registration date unknown, "+name+" track", v[3], def)),
			})
		}
	}
	return t
}
