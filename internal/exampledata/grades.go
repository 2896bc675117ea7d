package exampledata

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
)

// Grading policy of both courses: the homework average counts 60 %, the
// final exam 40 %, as on many edX courses.
const (
	homeworkWeight = 0.6
	examWeight     = 0.4
	passMark       = 0.5 // study.yaml's pass_mark
)

// courseGrade is one learner's row of the grade report, computed from the
// problem scores the simulation logged, so grades follow activity.
type courseGrade struct {
	grade    float64
	homework []string // one cell per homework week
	average  float64
	exam     string
}

// gradeOf computes a learner's grade. A homework nobody attempted is "Not
// Attempted" and counts 0; the final exam of a course that gates it is "Not
// Available" to the audit track.
func gradeOf(c *courseSpec, st *structure, l *learner) courseGrade {
	var g courseGrade
	sum := 0.0
	for w := 1; w < c.weeks; w++ {
		s, ok := score(weekProblems(st, w), l)
		cell := "Not Attempted"
		if ok {
			cell = pyFloat(s)
			sum += s
		}
		g.homework = append(g.homework, cell)
	}
	g.average = sum / float64(c.weeks-1)
	exam, ok := score(weekProblems(st, c.weeks), l)
	switch {
	case c.examGated && l.mode != "verified":
		g.exam, exam = "Not Available", 0
	case ok:
		g.exam = pyFloat(exam)
	default:
		g.exam = "Not Attempted"
	}
	g.grade = math.Round((homeworkWeight*g.average+examWeight*exam)*100) / 100
	return g
}

// score is the share of points earned on ps, and whether any was tried.
func score(ps []*problem, l *learner) (float64, bool) {
	got, max, tried := 0.0, 0, false
	for _, p := range ps {
		max += p.max
		if b := l.best[p.index]; b >= 0 {
			got += b * float64(p.max)
			tried = true
		}
	}
	return got / float64(max), tried
}

// pyFloat formats x as Python's repr does (0.0, 0.5, 0.6666666666666666),
// which is how edX writes grade cells.
func pyFloat(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if x == math.Trunc(x) {
		s += ".0"
	}
	return s
}

// writeGrades writes the grade report CSV. A verified learner who passed
// is eligible for a certificate; it is delivered once their identity is
// verified.
func writeGrades(path string, c *courseSpec, st *structure, ls []*learner) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"Student ID", "Email", "Username", "Grade", "Enrollment Track", "Verification Status",
		"Certificate Eligible", "Certificate Delivered", "Certificate Type"}
	for k := 1; k < c.weeks; k++ {
		head = append(head, fmt.Sprintf("Homework %d", k))
	}
	head = append(head, "Homework (Avg)", "Final Exam")
	w.Write(head)
	for _, l := range ls {
		g := gradeOf(c, st, l)
		eligible := l.mode == "verified" && g.grade >= passMark
		delivered := eligible && l.verification == "ID Verified"
		certType := "N/A"
		if delivered {
			certType = "verified"
		}
		row := []string{strconv.Itoa(l.id), l.email, l.username, pyFloat(g.grade), l.mode, l.verification,
			yn(eligible), yn(delivered), certType}
		row = append(row, g.homework...)
		row = append(row, pyFloat(g.average), g.exam)
		w.Write(row)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}
