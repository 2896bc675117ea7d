package ingest

import (
	"fmt"
	"reflect"
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

// adopt adds what sub read to l: every list of the dataset is extended,
// every map gains sub's keys (a list under a key both hold is extended).
// It goes by reflection over Dataset, so a table added to Dataset later is
// adopted too; a field of another kind that sub set is a programming
// error, as is a key both hold with a value that is not a list.
func (l *loader) adopt(sub *loader) {
	dst, src := reflect.ValueOf(l.ds).Elem(), reflect.ValueOf(sub.ds).Elem()
	for i := range dst.NumField() {
		d, s := dst.Field(i), src.Field(i)
		switch {
		case s.Kind() == reflect.Slice && s.Len() > 0:
			d.Set(reflect.AppendSlice(d, s))
		case s.Kind() == reflect.Map && s.Len() > 0:
			if d.IsNil() {
				d.Set(reflect.MakeMap(d.Type()))
			}
			for it := s.MapRange(); it.Next(); {
				k, v := it.Key(), it.Value()
				if old := d.MapIndex(k); old.IsValid() {
					if v.Kind() != reflect.Slice {
						panic(fmt.Sprintf("ingest: two courses' by-course passes set Dataset.%s[%v]", dst.Type().Field(i).Name, k))
					}
					v = reflect.AppendSlice(old, v)
				}
				d.SetMapIndex(k, v)
			}
		case s.Kind() != reflect.Slice && s.Kind() != reflect.Map && !s.IsZero():
			panic("ingest: a by-course pass set Dataset." + dst.Type().Field(i).Name)
		}
	}
	for name := range sub.inputs {
		l.inputs[name] = true
	}
	l.errs = append(l.errs, sub.errs...)
}
