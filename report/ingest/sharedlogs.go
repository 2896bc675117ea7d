package ingest

import (
	"maps"
	"slices"

	"github.com/moocreport/moocreport/report"
)

// sharedLogs collects the skips of every tracking source until all are
// read, because one log file may be read for several courses (an
// institution's daily log holds every course's events). Each reading sees
// the whole file, so summing their skips would count the file's comment
// and malformed lines once per course, and every line of one course as
// "other course" for the others, although that course used it.
type sharedLogs struct {
	readers map[string][]string // file → keys of the courses that read it, in read order
	ids     map[string]string   // course key → course id
	skips   []report.Skip
	others  map[string]map[string]int // file → course id → lines of that course
}

func newSharedLogs() *sharedLogs {
	return &sharedLogs{readers: map[string][]string{}, ids: map[string]string{}, others: map[string]map[string]int{}}
}

// add records what reading files for course c skipped.
func (s *sharedLogs) add(c *Course, files []string, tr *Tracking) {
	s.ids[c.Key] = c.ID
	for _, f := range files {
		if !slices.Contains(s.readers[f], c.Key) {
			s.readers[f] = append(s.readers[f], c.Key)
		}
	}
	s.skips = append(s.skips, tr.Skips...)
	for f, byID := range tr.OtherCourses {
		if s.others[f] == nil {
			s.others[f] = map[string]int{}
		}
		for id, n := range byID {
			s.others[f][id] = max(s.others[f][id], n)
		}
	}
}

// fileReasons are the skip reasons that depend on a line alone, not on the
// course it was read for: every reading of a file counts the same.
var fileReasons = map[string]bool{SkipComment: true, SkipMalformed: true, SkipTask: true, SkipNoCourse: true}

// result counts each file once. A file read for one course keeps its
// skips, named with that course. A file read for several counts its
// line-level skips once, with no course; a line of another course only
// when it belongs to none of the courses that read the file; and the
// skips that arise after a line matched a course (no learner id, bad
// timestamp) per course, since each line matches at most one.
func (s *sharedLogs) result() []report.Skip {
	var out []report.Skip
	seen := map[[2]string]bool{} // file, reason of a shared file's line-level skip
	for _, k := range s.skips {
		readers := s.readers[k.File]
		shared := len(readers) > 1
		switch {
		case k.Reason == SkipOtherCourse:
			continue // recounted below
		case shared && fileReasons[k.Reason]:
			if seen[[2]string{k.File, k.Reason}] {
				continue
			}
			seen[[2]string{k.File, k.Reason}] = true
			k.Course = ""
		}
		out = append(out, k)
	}
	for _, f := range slices.Sorted(maps.Keys(s.others)) {
		read := map[string]bool{}
		for _, key := range s.readers[f] {
			read[s.ids[key]] = true
		}
		n := 0
		for id, lines := range s.others[f] {
			if !read[id] {
				n += lines
			}
		}
		if n == 0 {
			continue
		}
		k := report.Skip{File: f, Reason: SkipOtherCourse, Count: n}
		if len(s.readers[f]) == 1 {
			k.Course = s.readers[f][0]
		}
		out = append(out, k)
	}
	return out
}
