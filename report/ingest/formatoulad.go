package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/moocreport/moocreport/report/detect"
)

// The Open University Learning Analytics Dataset: a folder of seven CSV
// tables, read first and once for all the courses (module presentations)
// naming it.
func init() {
	register(Format{Name: "oulad", Kind: detect.Source, DetectFolder: detect.OULADFolder, order: 0, readAll: (*loader).oulad})
}

// oulad reads every OULAD folder the study's courses name, each once for
// all the courses naming it.
func (l *loader) oulad(courses map[string]*Course) {
	type folder struct {
		courses map[string]*Course
		line    int
	}
	folders := map[string]*folder{}
	var names []string
	for _, c := range l.s.Courses {
		for _, src := range c.Sources {
			if src.Format != "oulad" {
				continue
			}
			m := l.match(src.Path, src.Line, fmt.Sprintf("course %s oulad source", c.Key))
			if len(m) != 1 {
				if len(m) > 1 {
					l.errs = append(l.errs, &ParseError{File: l.s.File, Line: src.Line,
						Err: fmt.Errorf("course %s oulad source: path %q: want one folder, matches %d", c.Key, src.Path, len(m))})
				}
				continue
			}
			f := folders[m[0]]
			if f == nil {
				f = &folder{courses: map[string]*Course{}, line: src.Line}
				folders[m[0]] = f
				names = append(names, m[0])
			}
			id := OULADCourseID(c.CourseID)
			if other, dup := f.courses[id]; dup {
				l.errs = append(l.errs, &ParseError{File: l.s.File, Line: src.Line,
					Err: fmt.Errorf("course %s: module presentation %s is already course %s", c.Key, id, other.Key)})
				continue
			}
			f.courses[id] = courses[c.Key]
		}
	}
	sort.Strings(names)
	for _, name := range names {
		o, err := ReadOULAD(os.DirFS(filepath.Join(l.s.Dir, filepath.FromSlash(name))), name, folders[name].courses)
		if err != nil {
			l.errs = append(l.errs, err)
			continue
		}
		for _, in := range o.Inputs {
			l.inputs[in] = true
		}
		l.ds.Learners = append(l.ds.Learners, o.Learners...)
		l.ds.Grades = append(l.ds.Grades, o.Grades...)
		l.ds.Activity = append(l.ds.Activity, o.Activity...)
		l.ds.Skips = append(l.ds.Skips, o.Skips...)
	}
}
