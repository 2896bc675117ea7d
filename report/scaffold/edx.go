package scaffold

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report/detect"
)

// reportName is edX's file name for its instructor reports:
// {org}_{number}_{run}_{report}_{date}.csv.
var reportName = regexp.MustCompile(`^([A-Za-z0-9.\-]+)_([A-Za-z0-9.\-]+)_([A-Za-z0-9.\-]+)_(student_profile_info|grade_report|problem_grade_report)`)

// idColumns names, per edX report, its user id, username and e-mail
// columns.
var idColumns = map[string][3]string{
	"edx-profile":        {"id", "username", "email"},
	"edx-grades":         {"Student ID", "Username", "Email"},
	"edx-problem-grades": {"Student ID", "Username", "Email"},
}

// edxReport adds an instructor report to the course whose learners it
// lists: the course sharing most user ids with it (from the logs or an
// earlier report), else the course its file name names, else the only
// course.
func (p *Plan) edxReport(r detect.Result) {
	rows, err := readTable(p.abs(r.Path))
	if err != nil || len(rows) == 0 {
		p.note(r.Path, "could not be read: %v", err)
		return
	}
	cols := idColumns[r.Format]
	idx := [3]int{}
	for i, name := range cols {
		idx[i] = column(rows[0], name)
	}
	var ids []string
	for _, row := range rows[1:] {
		if idx[0] >= 0 && idx[0] < len(row) {
			ids = append(ids, row[idx[0]])
		}
	}
	c, why := p.reportCourse(r.Path, ids)
	if c == nil {
		p.note(r.Path, "%s: could not tell which course it belongs to (no learner in it appears in the logs, and its name is not edX's {org}_{course}_{run}_… pattern): not used", r.Format)
		return
	}
	ln := p.learners(c.CourseID)
	for _, row := range rows[1:] {
		for i, set := range []map[string]bool{ln.userIDs, ln.usernames, ln.emails} {
			if j := idx[i]; j >= 0 && j < len(row) && row[j] != "" {
				set[strings.TrimSpace(row[j])] = true
			}
		}
	}
	c.Sources = append(c.Sources, Source{Format: r.Format, Path: globEscape(r.Path), Saw: fmt.Sprintf("%s; %d learners; course: %s", r.Saw, len(rows)-1, why)})
	if r.Format == "edx-grades" && c.PassSaw == "" {
		c.PassMark, c.PassSaw = passMark(rows)
	}
}

func (p *Plan) reportCourse(path string, ids []string) (*Course, string) {
	var best *Course
	bestN := 0
	for _, c := range p.Courses {
		n := 0
		known := p.learners(c.CourseID).userIDs
		for _, id := range ids {
			if known[id] {
				n++
			}
		}
		if n > bestN {
			best, bestN = c, n
		}
	}
	if best != nil {
		return best, fmt.Sprintf("%d of its %d learners appear in the logs or reports of %s", bestN, len(ids), best.CourseID)
	}
	base := path[strings.LastIndexByte(path, '/')+1:]
	if m := reportName.FindStringSubmatch(base); m != nil {
		for _, c := range p.Courses {
			if strings.HasSuffix(c.CourseID, m[1]+"+"+m[2]+"+"+m[3]) || c.CourseID == m[1]+"/"+m[2]+"/"+m[3] {
				return c, "its file name names " + c.CourseID
			}
		}
		c := p.course("course-v1:" + m[1] + "+" + m[2] + "+" + m[3])
		return c, "its file name names the course (edX's {org}_{course}_{run}_… pattern)"
	}
	if len(p.Courses) == 1 {
		return p.Courses[0], "the only course found"
	}
	return nil, ""
}

// passMark infers the pass mark from the grade report's certificate
// columns: learners eligible for a certificate have passed, and verified
// learners who are not have not, so the pass mark lies between the best
// grade of the second and the lowest of the first. It proposes the
// smallest multiple of 0.05 in that range (course pass marks are round),
// else the lowest passing grade; without eligible learners, the default.
func passMark(rows [][]string) (float64, string) {
	h := rows[0]
	g, el, tr := column(h, "Grade"), column(h, "Certificate Eligible"), column(h, "Enrollment Track")
	minPass, maxFail := math.Inf(1), math.Inf(-1)
	nPass := 0
	for _, row := range rows[1:] {
		if g < 0 || el < 0 || tr < 0 || max(g, el, tr) >= len(row) {
			continue
		}
		v, err := strconv.ParseFloat(row[g], 64)
		if err != nil {
			continue
		}
		switch {
		case row[el] == "Y":
			minPass = min(minPass, v)
			nPass++
		case row[tr] != "audit":
			maxFail = max(maxFail, v)
		}
	}
	if nPass == 0 || minPass <= 0 || minPass > 1 {
		return 0, ""
	}
	mark := minPass
	for k := 1; k <= 20; k++ {
		if m := float64(k) * 0.05; m > maxFail && m <= minPass+1e-9 {
			mark = math.Round(m*100) / 100
			break
		}
	}
	saw := fmt.Sprintf("the grade report's %d certificate-eligible learners have grades from %g", nPass, minPass)
	if !math.IsInf(maxFail, -1) {
		saw += fmt.Sprintf(", its non-eligible verified learners at most %g", maxFail)
	}
	return mark, saw
}
