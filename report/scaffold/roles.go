package scaffold

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report/detect"
)

// Defaults written, marked, where the exports say nothing.
const (
	defaultWeeks    = 8
	defaultPassMark = 0.5
)

// defaultStart stands for a start date the exports do not give; it is
// written with a comment asking for the real one.
var defaultStart = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// finish fills what the sources did not say with marked defaults and
// leaves out sources that would count one thing twice (study.yaml
// refuses those mixes).
func (c *Course) finish() {
	if c.Start.IsZero() {
		c.Start, c.Weeks = defaultStart, defaultWeeks
		c.StartSaw = "CHECK: no dates in this course's exports; set its start date and length in weeks"
	}
	if c.PassSaw == "" && c.PassMark == 0 {
		c.PassMark = defaultPassMark
		c.PassSaw = "CHECK: a default; no grade report with certificate-eligible learners to infer it from"
	}
	has := map[string]bool{}
	for _, s := range c.Sources {
		has[s.Format] = true
	}
	var keep []Source
	blocks := 0
	for _, s := range c.Sources {
		switch {
		case s.Format == "edx-rdp-userprofile" && has["edx-profile"]:
			c.Left = append(c.Left, fmt.Sprintf("%s (%s): the edx-profile report lists the learners already", s.Path, s.Format))
		case s.Format == "edx-rdp-studentmodule" && has["edx-tracking"]:
			c.Left = append(c.Left, fmt.Sprintf("%s (%s): the tracking logs give chapters and problems already", s.Path, s.Format))
		case s.Format == "edx-course-blocks" && blocks > 0:
			c.Left = append(c.Left, fmt.Sprintf("%s (%s): a course takes one course structure", s.Path, s.Format))
		default:
			if s.Format == "edx-course-blocks" {
				blocks++
			}
			keep = append(keep, s)
		}
	}
	c.Sources = keep
}

var nonKey = regexp.MustCompile(`[^a-z0-9]+`)

// keys names each course by its course number ("course-v1:Org+EAT101x+Run"
// → "eat101x"), adding the run where two courses share a number.
func (p *Plan) keys() {
	base := map[*Course]string{}
	count := map[string]int{}
	for _, c := range p.Courses {
		org, num, run := splitCourseID(c.CourseID)
		k := slug(num)
		if c.Key != "" {
			k = c.Key // OULAD names its own
		}
		base[c] = k
		count[k]++
		if c.Name == "" {
			c.Name, c.Short = num, num
			c.NameSaw = fmt.Sprintf("the course number of %s (organisation %s, run %s): write the course's title", c.CourseID, org, run)
		}
	}
	used := map[string]bool{}
	for _, c := range p.Courses {
		k := base[c]
		if count[k] > 1 {
			_, _, run := splitCourseID(c.CourseID)
			k = slug(k + "-" + run)
		}
		for n := 2; used[k]; n++ {
			k = fmt.Sprintf("%s-%d", base[c], n)
		}
		used[k] = true
		c.Key = k
	}
}

// splitCourseID splits "course-v1:Org+Num+Run" or "Org/Num/Run".
func splitCourseID(id string) (org, num, run string) {
	parts := strings.FieldsFunc(strings.TrimPrefix(id, "course-v1:"), func(r rune) bool { return r == '+' || r == '/' })
	for len(parts) < 3 {
		parts = append(parts, "")
	}
	if parts[1] == "" {
		parts[1] = parts[0]
	}
	return parts[0], parts[1], parts[2]
}

func slug(s string) string {
	k := strings.Trim(nonKey.ReplaceAllString(strings.ToLower(s), "-"), "-")
	if k == "" || k[0] < 'a' || k[0] > 'z' {
		k = "c-" + k
	}
	return strings.TrimRight(k, "-")
}

// roles makes the latest course the study course and the others its
// baselines: a new course is usually compared with earlier ones.
func (p *Plan) roles() {
	if len(p.Courses) == 0 {
		return
	}
	latest := p.Courses[0]
	for _, c := range p.Courses[1:] {
		if c.Start.After(latest.Start) || c.Start.Equal(latest.Start) && c.Key < latest.Key {
			latest = c
		}
	}
	for _, c := range p.Courses {
		c.Role = "baseline"
		c.RoleSaw = fmt.Sprintf("it starts before %s, the latest course here", latest.Key)
		if c == latest {
			c.Role = "study"
			c.RoleSaw = "the latest course here; the others are its baselines"
			if len(p.Courses) == 1 {
				c.RoleSaw = "the only course"
			}
		}
	}
}

// ouladCourses makes one course per module presentation in an OULAD
// folder's courses.csv: the start is the presentation's month (B:
// February, J: October, as the data set documents), the length its
// module_presentation_length, the pass mark the Open University's 40 %.
func (p *Plan) ouladCourses(files []detect.Result) {
	folders := map[string]bool{}
	for _, r := range files {
		folders[r.Folder] = true
	}
	for _, folder := range slices.Sorted(maps.Keys(folders)) {
		rows, err := readTable(p.abs(folder + "/courses.csv"))
		if err != nil || len(rows) < 2 {
			p.note(folder, "OULAD courses.csv unreadable: %v", err)
			continue
		}
		mod, pres, length := column(rows[0], "code_module"), column(rows[0], "code_presentation"), column(rows[0], "module_presentation_length")
		for _, row := range rows[1:] {
			if max(mod, pres, length) >= len(row) || min(mod, pres, length) < 0 {
				continue
			}
			p.ouladCourse(folder, row[mod], row[pres], row[length])
		}
	}
}

func (p *Plan) ouladCourse(folder, module, pres, length string) {
	c := p.course(module + "/" + pres)
	c.Key = slug(module + "-" + pres)
	c.Name = fmt.Sprintf("Module %s, %s presentation", module, pres)
	c.Short = module + " " + pres
	c.NameSaw = "OULAD names modules by code only: write the module's title"
	year, _ := strconv.Atoi(pres[:min(4, len(pres))])
	month := time.October
	if strings.HasSuffix(pres, "B") {
		month = time.February
	}
	days, _ := strconv.Atoi(length)
	c.Start = time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	c.Weeks = min(max(int(math.Ceil(float64(days)/7)), 1), 104)
	c.StartSaw = fmt.Sprintf("presentation %s starts in %s (OULAD's B/J convention); module_presentation_length %d days", pres, month, days)
	c.PassMark, c.PassSaw = 0.4, "the Open University's pass mark, 40 %"
	c.Sources = append(c.Sources, Source{Format: "oulad", Path: globEscape(folder), Saw: "OULAD folder with the seven tables"})
}
