package measures

import (
	"sync"

	"github.com/moocreport/moocreport/report"
)

// Steps of a run work in two lanes at once, each on a computer of its own
// (fork); what they added is then joined into the run's computer in the
// order of steps: the result is the same, value for value and in the
// same order (measures, disclosure log, ledger, blocks), as running them
// one after the other (TestLanes compares the two on the example). On a course of a million events the steps take
// about half a second of one core; in lanes, about as long as the longer
// lane.
//
// A step may read what earlier steps of its own lane added (enrolment
// shows the learners step's enrolled count); it must read nothing another
// lane adds. Lane A holds the learner tables and the steps that look them
// up, lane B activity and the surveys; the rest are placed to even out
// the lanes' times on a large course. Steps that read everything before
// them (comparisons, the summary, quality, methods, disclosure) run after
// the join, in order. Lane B also scores, in advance, the pre/post pairs
// the comparisons test, and runs their tests (prePostPairs): they depend
// on the data alone.
const (
	laneA = iota
	laneB
	afterLanes
)

// step is one measure step and where it runs.
type step struct {
	run  func(*computer) error
	lane int
}

// trail is what a lane's computer added, step by step, in a form join can
// replay: the ledger calls and the blocks kept as parts, in the order
// made. Measures, disclosure entries, learner tables and test results are
// read off the computer's own slices.
type trail struct {
	ledger []func(*ledger)
	parts  []partCall
	marks  []mark // after each step of the lane
	steps  []int  // the lane's steps, by position in steps
}

// partCall is one call of part.
type partCall struct {
	name   string
	blocks []report.Block
}

// mark is how much a lane's computer had added after one of its steps.
type mark struct {
	measures, disclosure, ledger, parts, demog, results int
}

// fork returns a computer for a lane: it shares what steps only read
// (study, data, indexes, withholdings forced by earlier runs) and has its
// own of everything steps add to.
func (c *computer) fork() *computer {
	t := &trail{}
	led := newLedger(c.k)
	led.trail = t
	return &computer{s: c.s, ds: c.ds, k: c.k, force: c.force, indexes: c.indexes,
		res: &Result{Sections: map[string][]report.Block{}}, ids: map[string]bool{}, led: led, trail: t}
}

// runLane runs the steps of lane on c, marking what each added.
func (c *computer) runLane(lane int) error {
	for i, st := range steps {
		if st.lane != lane {
			continue
		}
		if err := st.run(c); err != nil {
			return err
		}
		c.trail.steps = append(c.trail.steps, i)
		c.trail.marks = append(c.trail.marks, mark{len(c.res.Measures), len(c.res.Disclosure), len(c.trail.ledger), len(c.trail.parts), len(c.demog), len(c.results)})
	}
	if lane == laneB {
		c.prepareComparisons() // adds nothing: the pairs are kept in the indexes
	}
	return nil
}

// oneLane, set by tests, runs the steps one after the other on the run's
// computer, as before there were lanes: TestLanes holds the lanes to it.
var oneLane bool

// runSteps runs every step: the two lanes at once, then their join, then
// the steps after them, in order.
func (c *computer) runSteps() error {
	if oneLane {
		for _, st := range steps {
			if err := st.run(c); err != nil {
				return err
			}
		}
		return nil
	}
	a, b := c.fork(), c.fork()
	var errA error
	var wg sync.WaitGroup
	wg.Go(func() { errA = a.runLane(laneA) })
	errB := b.runLane(laneB)
	wg.Wait()
	if errA != nil {
		return errA
	}
	if errB != nil {
		return errB
	}
	c.join(a, b)
	for _, st := range steps {
		if st.lane == afterLanes {
			if err := st.run(c); err != nil {
				return err
			}
		}
	}
	return nil
}

// join adds what the lanes' steps added to c, step by step in the order
// of steps.
func (c *computer) join(lanes ...*computer) {
	next := make([]int, len(lanes))
	for i := range steps {
		for j, l := range lanes {
			if next[j] < len(l.trail.steps) && l.trail.steps[next[j]] == i {
				c.joinStep(l, next[j])
				next[j]++
			}
		}
	}
}

// joinStep adds to c what the lane l's k-th step added.
func (c *computer) joinStep(l *computer, k int) {
	var from mark
	if k > 0 {
		from = l.trail.marks[k-1]
	}
	to := l.trail.marks[k]
	for _, m := range l.res.Measures[from.measures:to.measures] {
		if c.ids[m.ID] {
			panic("measures: duplicate id " + m.ID)
		}
		c.ids[m.ID] = true
		c.res.Measures = append(c.res.Measures, m)
	}
	c.res.Disclosure = append(c.res.Disclosure, l.res.Disclosure[from.disclosure:to.disclosure]...)
	for _, call := range l.trail.ledger[from.ledger:to.ledger] {
		call(c.led)
	}
	for _, p := range l.trail.parts[from.parts:to.parts] {
		c.part(p.name, p.blocks...)
	}
	c.demog = append(c.demog, l.demog[from.demog:to.demog]...)
	c.results = append(c.results, l.results[from.results:to.results]...)
}
