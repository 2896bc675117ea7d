package scaffold

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/detect"
)

// Course is one course of the proposed study. The *Saw fields are the
// comments written beside the guesses.
type Course struct {
	Key, Name, Short, CourseID, Role string
	Start                            time.Time
	Weeks                            int
	PassMark                         float64
	NameSaw, StartSaw, PassSaw       string
	RoleSaw                          string
	Sources                          []Source
	// Left lists sources found but left out, with why.
	Left []string
}

// Source is one course source: a format and a glob-escaped path relative
// to the exports folder.
type Source struct {
	Format, Path, Saw string
}

// course returns the course with id, making it when new.
func (p *Plan) course(id string) *Course {
	for _, c := range p.Courses {
		if c.CourseID == id {
			return c
		}
	}
	c := &Course{CourseID: id}
	p.Courses = append(p.Courses, c)
	return c
}

func (p *Plan) courseByKey(key string) *Course {
	for _, c := range p.Courses {
		if c.Key == key {
			return c
		}
	}
	return nil
}

// courses builds the courses from the course sources found: one per
// course id in the tracking logs, the research data package's tables and
// OULAD, and per edX report that names its own.
func (p *Plan) courses(byFormat map[string][]detect.Result) {
	p.trackingCourses(byFormat["edx-tracking"])
	p.rdpCourses(byFormat)
	p.ouladCourses(byFormat["oulad"])
	for _, f := range []string{"edx-profile", "edx-grades", "edx-problem-grades"} {
		for _, r := range byFormat[f] {
			p.edxReport(r)
		}
	}
	p.blocks(byFormat["edx-course-blocks"])
	for _, c := range p.Courses {
		c.finish()
	}
	p.keys()
	p.roles()
	sort.Slice(p.Courses, func(i, j int) bool { return p.Courses[i].Key < p.Courses[j].Key })
}

func (p *Plan) trackingCourses(logs []detect.Result) {
	var files []string
	tracking := map[string]bool{}
	for _, r := range logs {
		files = append(files, r.Path)
		tracking[r.Path] = true
	}
	sort.Strings(files)
	byID := p.scanLogs(files)
	most := 0
	for _, lc := range byID {
		most = max(most, lc.events)
	}
	for _, id := range slices.Sorted(maps.Keys(byID)) {
		lc := byID[id]
		if lc.events*100 < most {
			// A handful of events of another course (a test course, a
			// stray id) does not make a course of the study.
			p.note(filesNote(slices.Sorted(maps.Keys(lc.files))), "only %d events of %s, under 1 %% of the %d of the busiest course: not made a course (add it by hand if it is one)", lc.events, id, most)
			continue
		}
		c := p.course(id)
		c.Start, c.Weeks, c.StartSaw = lc.estimate()
		for _, path := range p.logSources(lc.files, tracking) {
			c.Sources = append(c.Sources, Source{Format: "edx-tracking", Path: path,
				Saw: fmt.Sprintf("tracking logs with %d events of this course", lc.events)})
		}
	}
	for _, f := range files {
		seen := false
		for _, lc := range byID {
			seen = seen || lc.files[f]
		}
		if !seen {
			p.note(f, "tracking log with no event naming a course: not used")
		}
	}
}

var (
	courseV1 = regexp.MustCompile(`course-v1:[A-Za-z0-9_.\-]+\+[A-Za-z0-9_.\-]+\+[A-Za-z0-9_.\-]+`)
	oldStyle = regexp.MustCompile(`(?:^|[\t'"])([A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+/[A-Za-z0-9_.\-]+)(?:$|[\t'"])`)
)

// courseIDsIn finds the course ids a research data package table or
// course structure holds, in the whole file.
func (p *Plan) courseIDsIn(rel string) []string {
	rows, err := readTable(p.abs(rel))
	if err != nil {
		return nil
	}
	set := map[string]bool{}
	for _, row := range rows {
		line := strings.Join(row, "\t")
		for _, id := range courseV1.FindAllString(line, -1) {
			set[id] = true
		}
		for _, m := range oldStyle.FindAllStringSubmatch(line, -1) {
			set[m[1]] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// rdpCourses adds the research data package's tables: a course per
// course id in the enrolment, certificate and studentmodule tables; the
// user profile table (which has no course id) to every course of its
// folder.
func (p *Plan) rdpCourses(byFormat map[string][]detect.Result) {
	dirs := map[string][]string{}
	for _, f := range []string{"edx-rdp-enrollment", "edx-rdp-certificates", "edx-rdp-studentmodule"} {
		for _, r := range byFormat[f] {
			ids := p.courseIDsIn(r.Path)
			if len(ids) == 0 {
				p.note(r.Path, "%s table naming no course id: not used", f)
			}
			for _, id := range ids {
				c := p.course(id)
				c.Sources = append(c.Sources, Source{Format: f, Path: globEscape(r.Path), Saw: r.Saw})
				dirs[dirOf(r.Path)] = appendNew(dirs[dirOf(r.Path)], id)
			}
		}
	}
	for _, r := range byFormat["edx-rdp-userprofile"] {
		ids := dirs[dirOf(r.Path)]
		if len(ids) == 0 && len(p.Courses) == 1 {
			ids = []string{p.Courses[0].CourseID}
		}
		if len(ids) == 0 {
			p.note(r.Path, "auth_userprofile table with no course table beside it: not used (say which course it belongs to by adding it to one)")
		}
		for _, id := range ids {
			p.course(id).Sources = append(p.course(id).Sources, Source{Format: "edx-rdp-userprofile", Path: globEscape(r.Path), Saw: r.Saw + "; the course tables beside it name this course"})
		}
	}
}

// blocks adds each course structure to the courses it describes.
func (p *Plan) blocks(files []detect.Result) {
	for _, r := range files {
		used := false
		for _, id := range p.courseIDsIn(r.Path) {
			for _, c := range p.Courses {
				if c.CourseID == id {
					c.Sources = append(c.Sources, Source{Format: "edx-course-blocks", Path: globEscape(r.Path), Saw: r.Saw})
					used = true
				}
			}
		}
		if !used {
			p.note(r.Path, "course structure of %s, no course with other data here: not used", strings.Join(r.CourseIDs, ", "))
		}
	}
}

func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func appendNew(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// filesNote names a set of files in a note: the file, or the first and
// how many more.
func filesNote(files []string) string {
	if len(files) == 1 {
		return files[0]
	}
	return fmt.Sprintf("%s and %d more", files[0], len(files)-1)
}
