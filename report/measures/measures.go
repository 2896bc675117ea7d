// Package measures turns a study's canonical tables into the numbers a
// report publishes: Measures with stable ids, numbered Tables and Figures,
// and the generated blocks of each outline section.
//
// Ids: a measure is "<course>.<what>"; a table is "<section>-<what>"; a
// figure is "<section>-<what>-chart", so a chart and the table of the same
// numbers never share an id (their CSV files live side by side).
//
// It owns the definitions (what counts as active, passed, agreed) and
// disclosure control: every count it publishes has passed the study's
// minimum cell size. It knows nothing of HTML or PDF.
//
// The files follow the report: one per section (summary.go, learners.go,
// activity.go, performance.go, surveys.go, comparisons.go, methods.go,
// quality.go, disclosure.go), each ending in the function that lists the
// section's blocks in order, and one per part of a section with a name of
// its own (enrolment.go, retention.go, assessments.go, items.go,
// scales.go, freetext.go). Disclosure control is in suppression.go,
// ledger.go and categories.go; cross tables in crosstab.go; figures' data
// tables in figuretable.go and their text alternatives in alt.go.
package measures

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Result is everything computed for one build.
type Result struct {
	// Measures holds every published number, sorted by ID.
	Measures []report.Measure
	// Sections maps an outline section id to its generated blocks, in order.
	Sections map[string][]report.Block
	// Disclosure lists every suppression made, in the order made.
	Disclosure []Suppression
}

// Suppression records one value withheld by disclosure control.
type Suppression struct {
	Where  string // table or measure id
	Cell   string // row and column, or "value"
	Reason string // "primary: n < k" or "secondary: protects a primary cell"
	Kind   report.Withheld
}

// Compute runs every measure for the study on ds. Disclosure control is
// decided for all of them together (see ledger): after a run, the values
// that published numbers would reveal are withheld in a new run, until no
// run adds any.
func Compute(s *study.Study, ds *report.Dataset) (*Result, error) {
	// The learner and activity numbering needs only ids, so it is made
	// while the categories are listed; the learners are grouped after.
	shared := &indexes{}
	var wg sync.WaitGroup
	raw := ds
	wg.Go(func() { (&computer{s: s, ds: raw, indexes: shared}).indexIDs() })
	ds = listedCategories(raw)
	wg.Wait()
	(&computer{s: s, ds: ds, indexes: shared}).indexCourses()
	force := map[string]forced{}
	for range maxRuns {
		c := &computer{
			s:       s,
			ds:      ds,
			k:       s.Privacy.MinCell,
			res:     &Result{Sections: map[string][]report.Block{}},
			ids:     map[string]bool{},
			led:     newLedger(s.Privacy.MinCell),
			force:   force,
			indexes: shared,
		}
		if err := c.run(); err != nil {
			return nil, err
		}
		more := c.led.check()
		if len(more) == 0 {
			return c.res, c.led.audit()
		}
		for id, f := range more {
			force[id] = f
		}
	}
	return nil, fmt.Errorf("disclosure control: withheld values still recoverable after %d rounds of secondary suppression", maxRuns)
}

// maxRuns bounds the runs Compute makes; each run withholds at least one
// more value, and in practice two or three runs settle.
const maxRuns = 20

// run computes every measure once, honouring c.force, then lays out the
// sections.
func (c *computer) run() error {
	if err := c.runSteps(); err != nil {
		return err
	}
	c.layout()
	sort.Slice(c.res.Measures, func(i, j int) bool { return c.res.Measures[i].ID < c.res.Measures[j].ID })
	for _, blocks := range c.res.Sections {
		for _, b := range blocks {
			c.explainMarks(b)
			if b.Table != nil && len(b.Table.Columns) > maxColumns && len(b.Table.Rows)+1 < len(b.Table.Columns) && !strings.HasPrefix(b.Table.ID, likertTablePrefix) {
				flip(b.Table)
			}
		}
	}
	return nil
}

// steps lists the measure steps in the order they take effect, and the
// lane each runs in (see lanes.go). The order is that of their
// dependencies, not of the report: comparisons test the learner tables
// and activity; the summary, methods and data-quality steps read the
// measures before them; disclosure lists every value withheld, so it
// runs last. It also fixes the order of the disclosure log, which lists
// withheld values in the order made. A step keeps its blocks as named
// parts (see part); where they appear is decided by layout.
var steps = []step{
	{(*computer).learners, laneA}, {(*computer).activity, laneB}, {(*computer).performance, laneA}, {(*computer).enrolment, laneA},
	{(*computer).activityDetail, laneB}, {(*computer).retentionFunnel, laneA}, {(*computer).insights, laneA},
	{(*computer).assessmentResults, laneA}, {(*computer).activityAndGrade, laneA},
	{(*computer).surveys, laneB}, {(*computer).items, laneB}, {(*computer).freeText, laneB}, {(*computer).scales, laneB},
	{(*computer).comparisons, afterLanes},
	{(*computer).summary, afterLanes}, {(*computer).quality, afterLanes}, {(*computer).methods, afterLanes}, {(*computer).disclosure, afterLanes},
}

// layout places the steps' blocks section by section, in outline order;
// each section's file decides the order of its blocks. Every part a step
// made must be placed, so a block cannot go missing unnoticed.
func (c *computer) layout() {
	sections := []struct {
		id     string
		blocks func() []report.Block
	}{
		{"summary", c.summarySection},
		{"learners", c.learnersSection},
		{"activity", c.activitySection},
		{"performance", c.performanceSection},
		{"surveys", c.surveysSection},
		{"comparisons", c.comparisonsSection},
		{"methods", c.methodsSection},
		{"data-quality", c.qualitySection},
		{"disclosure", c.disclosureSection},
	}
	for _, s := range sections {
		if blocks := s.blocks(); len(blocks) > 0 {
			c.res.Sections[s.id] = blocks
		}
	}
	for name := range c.parts {
		panic("measures: part " + name + " placed in no section")
	}
}

// part keeps blocks a step made under a name, for its section to place.
func (c *computer) part(name string, blocks ...report.Block) {
	if c.trail != nil {
		c.trail.parts = append(c.trail.parts, partCall{name, slices.Clone(blocks)})
	}
	if c.parts == nil {
		c.parts = map[string][]report.Block{}
	}
	c.parts[name] = append(c.parts[name], blocks...)
}

// place returns the named parts' blocks, in the order named, and forgets
// the parts.
func (c *computer) place(names ...string) []report.Block {
	var blocks []report.Block
	for _, n := range names {
		blocks = append(blocks, c.parts[n]...)
		delete(c.parts, n)
	}
	return blocks
}

// likertTablePrefix begins the ids of the Likert item tables, which are
// never flipped: a survey with three items and one with seven would
// otherwise print the same statistics one across, one down, and a reader
// comparing the pre- and post-course tables would have to turn one round.
const likertTablePrefix = "surveys-likert-"

// maxColumns is the widest table published as built; a wider one (a
// measure per course over many courses) is flipped when that makes it
// narrower, so it fits a printed page.
const maxColumns = 7

// flip transposes a table: its column headers become the first column and
// its row labels the header.
func flip(t *report.Table) {
	cols := []string{t.Columns[0]}
	for _, r := range t.Rows {
		cols = append(cols, r[0].Text)
	}
	rows := make([][]report.Cell, 0, len(t.Columns)-1)
	for j := 1; j < len(t.Columns); j++ {
		row := []report.Cell{textCell(t.Columns[j])}
		for _, r := range t.Rows {
			if j < len(r) {
				row = append(row, r[j])
			} else {
				row = append(row, textCell(""))
			}
		}
		rows = append(rows, row)
	}
	t.Columns, t.Rows = cols, rows
}

// computer carries the state shared by the measure steps.
type computer struct {
	s   *study.Study
	ds  *report.Dataset
	k   int
	res *Result
	ids map[string]bool
	// led holds every published count and the relations between them;
	// force is what earlier runs decided to withhold besides.
	led   *ledger
	force map[string]forced
	// forced is what a step of this run decided to withhold of the
	// measures it is about to add (see forceHere).
	forced map[string]forced

	// indexes are made from the data alone, so every run shares them.
	*indexes
	// demog keeps the learner crossTabs so comparisons can test them.
	demog []crossTab
	// parts holds the blocks each step made, by name, until layout
	// places them in their sections.
	parts map[string][]report.Block
	// families collects comparison results for Holm adjustment and the
	// comparisons table; see comparisons.go.
	results []*testResult
	// trail, on a lane's computer, records what its steps add (lanes.go).
	trail *trail
}

// indexes are what the steps look learners and activity up by. They
// depend on the data and the study only, not on what disclosure control
// withholds, so Compute makes them once for all its runs; steps must not
// change them.
type indexes struct {
	byCourse map[string][]report.Learner // by course key
	// enrolled numbers each course's enrolled learners 0…n−1 by id (one
	// number per id; seats holds n); see isEnrolled.
	enrolled map[string]map[string]int32
	// rowLearner is, for each row of ds.Activity, the number of its
	// learner in enrolled, or −1 when the learner is not enrolled: the
	// activity steps count distinct learners with it instead of sets of
	// ids.
	rowLearner []int32
	// seats is how many learner numbers each course has.
	seats map[string]int
	// weekActive counts the enrolled learners active in each week of a
	// course (any week number the logs have), made on first use.
	weekActive map[string]map[int]int

	// excluded marks the event kinds that do not make a learner active,
	// from study.yaml's activity settings.
	excluded [report.NumKinds]bool
	// acts is each enrolled learner's activity in course weeks 1…W, by
	// course and learner; learners never active have no entry.
	acts map[string]map[string]*learnerActivity
	// itemRs keeps itemResponses' lists by course and instrument.
	itemRs map[[2]string][]report.Response
	// prePost keeps each pre/post comparison's scored pairs, by position
	// in the study's comparisons (see prePostPairs).
	prePost map[int][]prePostPair
	// lazy guards the three made on first use: steps in two lanes ask
	// for them (lanes.go).
	lazy sync.Mutex
}

// index groups the learners by course and applies the definition of
// active (see active.go), one part after the other, for a computer made
// without Compute; Compute makes the indexes once for all its runs, the
// numbering beside the category listing.
func (c *computer) index() {
	if c.indexes == nil {
		c.indexes = &indexes{}
	}
	if c.byCourse != nil {
		return
	}
	c.indexIDs()
	c.indexCourses()
}

// indexCourses groups the learners by course.
func (c *computer) indexCourses() {
	c.byCourse = make(map[string][]report.Learner, len(c.seats))
	for course, n := range c.seats {
		c.byCourse[course] = make([]report.Learner, 0, n)
	}
	for _, l := range c.ds.Learners {
		c.byCourse[l.Course] = append(c.byCourse[l.Course], l)
	}
}

// indexIDs numbers each course's learners and finds the learner of each
// row of activity, then applies the definition of active. It reads only
// ids and activity, which listedCategories leaves as they are, so it can
// run beside it. Rows come sorted by course and learner (ingest sorts
// them): a row of the learner of the row before takes that row's number.
func (c *computer) indexIDs() {
	sizes := map[string]int{}
	for _, l := range c.ds.Learners {
		sizes[l.Course]++
	}
	c.enrolled = make(map[string]map[string]int32, len(sizes))
	for course, n := range sizes {
		c.enrolled[course] = make(map[string]int32, n)
	}
	c.seats = map[string]int{}
	for course := range sizes {
		c.seats[course] = 0
	}
	for _, l := range c.ds.Learners {
		if _, ok := c.enrolled[l.Course][l.ID]; !ok {
			c.enrolled[l.Course][l.ID] = int32(c.seats[l.Course])
			c.seats[l.Course]++
		}
	}
	c.rowLearner = make([]int32, len(c.ds.Activity))
	for i, w := range c.ds.Activity {
		if i > 0 && w.Learner == c.ds.Activity[i-1].Learner && w.Course == c.ds.Activity[i-1].Course {
			c.rowLearner[i] = c.rowLearner[i-1]
		} else if n, ok := c.enrolled[w.Course][w.Learner]; ok {
			c.rowLearner[i] = n
		} else {
			c.rowLearner[i] = -1
		}
	}
	c.indexActivity()
}

// isEnrolled reports whether learner id is in course's learner list.
func (c *computer) isEnrolled(course, id string) bool {
	_, ok := c.enrolled[course][id]
	return ok
}

// add records a measure, withheld when an earlier run decided so, and
// returns it as published; ids must be unique, since narrative and other
// tools look them up by id.
func (c *computer) add(m report.Measure) report.Measure {
	if c.ids[m.ID] {
		panic("measures: duplicate id " + m.ID)
	}
	c.ids[m.ID] = true
	if f, ok := c.force[m.ID]; ok && m.Withheld == "" {
		m = c.withhold(m, f.w, f.reason)
	} else if f, ok := c.forced[m.ID]; ok && m.Withheld == "" {
		m = c.withhold(m, f.w, f.reason)
	}
	if _, ok := c.led.facts[m.ID]; !ok {
		c.led.enter(m.ID, m.Value, m.Withheld)
	} else {
		c.led.enter(m.ID, c.led.facts[m.ID].v, m.Withheld)
	}
	if base, ok := strings.CutSuffix(m.ID, ".share"); ok {
		c.led.tie(base, m.ID) // "<x>.share" is x as a share: each gives the other away
	}
	c.res.Measures = append(c.res.Measures, m)
	return m
}

// forceHere withholds the measure id, which the calling step is about to
// add, for f's reason. Runs share force, which steps in lanes only read.
func (c *computer) forceHere(id string, f forced) {
	if c.forced == nil {
		c.forced = map[string]forced{}
	}
	c.forced[id] = f
}

// count adds a count measure, suppressed when it is under k.
func (c *computer) count(id, course, label string, n int, def string) report.Measure {
	m := report.Measure{ID: id, Course: course, Label: label, Value: float64(n), N: n, Unit: "learners", Definition: def, Text: formatInt(n)}
	c.led.enter(id, float64(n), "")
	switch {
	case n > 0 && n < c.k:
		m = c.suppressMeasure(m)
	case c.smallCourse(course):
		m = c.withhold(m, report.WithheldPrimary, fmt.Sprintf("primary: about a course of fewer than %d learners", c.k))
	}
	return c.add(m)
}

// share adds a percentage measure of part in whole; it is suppressed when
// either count is under k, since a share of a tiny group identifies people.
func (c *computer) share(id, course, label string, part, whole int, def string) report.Measure {
	m := report.Measure{ID: id, Course: course, Label: label, N: whole, Unit: "%", Definition: def}
	if whole == 0 {
		m.Text = "–"
		c.add(m)
		return m
	}
	m.Value = 100 * float64(part) / float64(whole)
	m.Text = formatPct(m.Value)
	switch {
	case whole < c.k || (part > 0 && part < c.k):
		m = c.suppressMeasure(m)
	case c.smallCourse(course):
		m = c.withhold(m, report.WithheldPrimary, fmt.Sprintf("primary: about a course of fewer than %d learners", c.k))
	}
	return c.add(m)
}

// courseName returns a course's short name, as tables and legends use it.
func (c *computer) courseName(key string) string {
	if co, ok := c.s.Course(key); ok {
		return co.Short
	}
	return key
}

// numCell is a table cell showing text for the number v.
func numCell(text string, v float64) report.Cell {
	return report.Cell{Text: text, Value: &v}
}

// textCell is a table cell of text only.
func textCell(s string) report.Cell { return report.Cell{Text: s} }

// round rounds x to places decimals.
func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// formatInt writes n with thousands separators, as APA style asks.
func formatInt(n int) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatPct writes a percentage to one decimal, "12.3 %".
func formatPct(p float64) string { return fmt.Sprintf("%.1f %%", p) }

// formatNum writes x to places decimals.
func formatNum(x float64, places int) string {
	return fmt.Sprintf("%.*f", places, x)
}

// slug makes a stable id fragment from a label.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// bySource words a definition for the kinds of source the study has: the
// edX wording, the OULAD's, or both named, so a reader of an edX study
// never meets another platform's file names.
func (c *computer) bySource(edx, oulad string) string {
	var hasEdX, hasOULAD bool
	for _, co := range c.s.Courses {
		for _, src := range co.Sources {
			if src.Format == "oulad" {
				hasOULAD = true
			} else {
				hasEdX = true
			}
		}
	}
	switch {
	case hasOULAD && hasEdX:
		return "edX: " + edx + "; OULAD: " + oulad
	case hasOULAD:
		return oulad
	}
	return edx
}
