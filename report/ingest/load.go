package ingest

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/study"
)

// Load reads every raw export a study declares into one Dataset.
//
// Profiles are read first, for all courses, because they hold the
// username → user id map that links grades, log events carrying only a
// username, and survey responses. Then each course's grade reports and
// tracking logs, then the surveys. A problem in one file does not stop the
// others from being read: all errors are returned together.
func Load(s *study.Study) (*report.Dataset, error) {
	l := &loader{s: s, ds: &report.Dataset{}, inputs: map[string]bool{}}
	courses := make(map[string]*Course, len(s.Courses))
	for _, c := range s.Courses {
		courses[c.Key] = NewCourse(c, s.Salt)
	}
	for _, pass := range []string{"edx-profile", "edx-grades", "edx-tracking"} {
		for _, c := range s.Courses {
			for _, src := range c.Sources {
				if src.Format == pass {
					l.source(courses[c.Key], c.Key, src)
				}
			}
		}
	}
	for _, c := range s.Courses {
		for _, src := range c.Sources {
			switch src.Format {
			case "edx-profile", "edx-grades", "edx-tracking":
			default:
				l.errs = append(l.errs, &ParseError{File: s.File, Line: src.Line,
					Err: fmt.Errorf("course %s: unknown source format %q", c.Key, src.Format)})
			}
		}
	}
	for _, sv := range s.Surveys {
		c, ok := courses[sv.Course]
		if !ok || sv.Format != "qualtrics" {
			l.errs = append(l.errs, &ParseError{File: s.File, Line: sv.Line,
				Err: fmt.Errorf("survey %s: want format qualtrics of a declared course, got %q for %q", sv.Key, sv.Format, sv.Course)})
			continue
		}
		for _, name := range l.match(sv.Path, sv.Line, "survey "+sv.Key+" of course "+sv.Course) {
			l.readFile(name, func(r io.Reader) error {
				rs, err := ReadQualtrics(r, name, sv, c)
				l.ds.Responses = append(l.ds.Responses, rs...)
				return err
			})
		}
	}
	if len(l.errs) > 0 {
		return nil, errors.Join(l.errs...)
	}
	ds := l.ds
	for name := range l.inputs {
		ds.Inputs = append(ds.Inputs, name)
	}
	sort.Strings(ds.Inputs)
	sort.SliceStable(ds.Learners, func(i, j int) bool {
		a, b := ds.Learners[i], ds.Learners[j]
		return a.Course < b.Course || a.Course == b.Course && a.ID < b.ID
	})
	sort.SliceStable(ds.Grades, func(i, j int) bool {
		a, b := ds.Grades[i], ds.Grades[j]
		return a.Course < b.Course || a.Course == b.Course && a.Learner < b.Learner
	})
	sort.SliceStable(ds.Activity, func(i, j int) bool {
		a, b := ds.Activity[i], ds.Activity[j]
		if a.Course != b.Course {
			return a.Course < b.Course
		}
		if a.Learner != b.Learner {
			return a.Learner < b.Learner
		}
		return a.Week < b.Week
	})
	sort.SliceStable(ds.Skips, func(i, j int) bool {
		a, b := ds.Skips[i], ds.Skips[j]
		return a.File < b.File || a.File == b.File && a.Reason < b.Reason
	})
	// Responses keep study and file order: a measure that keeps a learner's
	// first response relies on it.
	return ds, nil
}

// loader collects a Dataset and every error on the way.
type loader struct {
	s      *study.Study
	ds     *report.Dataset
	inputs map[string]bool
	errs   []error
}

func (l *loader) source(c *Course, key string, src study.Source) {
	names := l.match(src.Path, src.Line, fmt.Sprintf("course %s %s source", key, src.Format))
	switch src.Format {
	case "edx-profile":
		for _, name := range names {
			l.readFile(name, func(r io.Reader) error {
				ls, err := ReadProfile(r, name, c)
				l.ds.Learners = append(l.ds.Learners, ls...)
				return err
			})
		}
	case "edx-grades":
		for _, name := range names {
			l.readFile(name, func(r io.Reader) error {
				gs, err := ReadGrades(r, name, c)
				l.ds.Grades = append(l.ds.Grades, gs...)
				return err
			})
		}
	case "edx-tracking":
		if len(names) == 0 {
			return
		}
		for _, name := range names {
			l.inputs[name] = true
		}
		weeks, skips, err := ReadTrackingFiles(l.s.Dir, names, c)
		if err != nil {
			l.errs = append(l.errs, err)
			return
		}
		l.ds.Activity = append(l.ds.Activity, weeks...)
		l.ds.Skips = append(l.ds.Skips, skips...)
	}
}

// match expands a source path (maybe a glob) relative to the study
// directory into sorted, slash-separated names relative to it. No match is
// an error pointing at the source's line in study.yaml.
func (l *loader) match(pattern string, line int, what string) []string {
	paths, err := filepath.Glob(filepath.Join(l.s.Dir, filepath.FromSlash(pattern)))
	if err == nil && len(paths) == 0 {
		err = ErrNoMatch
	}
	if err != nil {
		l.errs = append(l.errs, &ParseError{File: l.s.File, Line: line, Err: fmt.Errorf("%s: path %q: %w", what, pattern, err)})
		return nil
	}
	names := make([]string, 0, len(paths))
	for _, p := range paths {
		rel, err := filepath.Rel(l.s.Dir, p)
		if err != nil {
			rel = p
		}
		names = append(names, filepath.ToSlash(rel))
	}
	sort.Strings(names)
	return names
}

// readFile opens the study file name, records it as an input and hands it
// to read.
func (l *loader) readFile(name string, read func(io.Reader) error) {
	l.inputs[name] = true
	f, err := os.Open(filepath.Join(l.s.Dir, filepath.FromSlash(name)))
	if err != nil {
		l.errs = append(l.errs, err)
		return
	}
	defer f.Close()
	if err := read(f); err != nil {
		l.errs = append(l.errs, err)
	}
}
