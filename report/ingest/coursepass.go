package ingest

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/moocreport/moocreport/report"
)

// parallelSources reads a pass whose courses share nothing (Format
// byCourse) with the courses at once: each course's sources go into a
// loader of its own, and their tables, inputs and errors are added to l
// in study order, so the dataset and the errors are those of reading the
// courses one after the other. On a study of several large courses the
// learner profiles, the largest CSV files, then take one core each.
func (l *loader) parallelSources(f *Format, courses map[string]*Course) {
	subs := make([]*loader, len(l.s.Courses))
	var wg sync.WaitGroup
	slots := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, c := range l.s.Courses {
		sub := l.child()
		subs[i] = sub
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			for _, src := range c.Sources {
				if src.Format == f.Name {
					names := sub.match(src.Path, src.Line, fmt.Sprintf("course %s %s source", c.Key, src.Format))
					f.read(sub, courses[c.Key], c.Key, src, names)
				}
			}
		})
	}
	wg.Wait()
	for _, sub := range subs {
		l.adopt(sub)
	}
}

// child is an empty loader for one course's reading of a byCourse pass.
func (l *loader) child() *loader {
	return &loader{meter: l.meter, memo: l.memo, s: l.s, ds: &report.Dataset{}, inputs: map[string]bool{}}
}

// adopt adds what sub read to l. A byCourse pass adds rows to the tables
// that are plain lists; anything else it touched is a programming error.
func (l *loader) adopt(sub *loader) {
	d, s := l.ds, sub.ds
	if len(s.Activity)+len(s.Reach)+len(s.Problems)+len(s.Chapters) > 0 {
		panic("ingest: a by-course pass wrote a tracking table")
	}
	d.Learners = append(d.Learners, s.Learners...)
	d.Grades = append(d.Grades, s.Grades...)
	d.Responses = append(d.Responses, s.Responses...)
	d.Skips = append(d.Skips, s.Skips...)
	d.Inputs = append(d.Inputs, s.Inputs...)
	for name := range sub.inputs {
		l.inputs[name] = true
	}
	l.errs = append(l.errs, sub.errs...)
}
