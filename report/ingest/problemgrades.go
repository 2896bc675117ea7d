package ingest

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// The problem grade report's fixed columns. "Email" and "Username" come
// between "Student ID" and "Enrollment Status" but are personal data the
// reader has no use for, so they are not required and never read.
var problemGradeColumns = []string{"Student ID", "Enrollment Status", "Grade"}

const (
	earnedSuffix   = " (Earned)"
	possibleSuffix = " (Possible)"
)

// problemAttempts collects, per problem of one course, the learners who
// attempted it, over every problem grade report file of the course, so a
// learner listed in two files (two downloads of the report) counts once.
type problemAttempts struct {
	order    []string                   // problems, first-seen order
	file     map[string]string          // problem → first file naming it
	learners map[string]map[string]bool // problem → pseudonyms
}

func newProblemAttempts() *problemAttempts {
	return &problemAttempts{file: map[string]string{}, learners: map[string]map[string]bool{}}
}

func (a *problemAttempts) problem(name, file string) {
	if _, ok := a.file[name]; !ok {
		a.file[name] = file
		a.order = append(a.order, name)
	}
}

func (a *problemAttempts) attempt(name, learner string) {
	m := a.learners[name]
	if m == nil {
		m = map[string]bool{}
		a.learners[name] = m
	}
	m[learner] = true
}

// stats returns the problems someone attempted, in header order.
func (a *problemAttempts) stats(course string) []report.ProblemStat {
	var out []report.ProblemStat
	for _, p := range a.order {
		if n := len(a.learners[p]); n > 0 {
			out = append(out, report.ProblemStat{Course: course, Problem: p, Learners: n})
		}
	}
	return out
}

// problemColumns is one problem's pair of columns.
type problemColumns struct {
	name             string
	earned, possible int
}

// readProblemGrades reads an edX problem grade report (docs/formats.md,
// edx-problem-grades) of course c into acc: for each problem, the
// learners who attempted it (acc.stats makes the per-problem statistics).
//
// The shape is edx-platform's ProblemGradeReport
// (lms/djangoapps/instructor_task/tasks_helper/grades.py, openedx/edx-platform
// and its successor openedx/openedx-platform): the header is
// "Student ID, Email, Username, Enrollment Status, Grade", then for every
// graded scorable block a pair "<name> (Earned)", "<name> (Possible)", where
// <name> is "<assignment type> <n>: <subsection> - <problem display name>".
// A learner's Earned cell is a number when the problem was attempted
// (problem_score.first_attempted), "Not Attempted" when it was not, and
// "Not Available" (in both cells) when the learner's grade has no score for
// the block; "N/A" and an empty cell are read as not attempted too, as a
// re-saved spreadsheet may write them.
//
// A problem is known by <name>, the only identity the report gives (not
// the block id the tracking logs use); a name repeated in the header (two
// problems both called "Multiple Choice" in one subsection) gets " #2",
// " #3", … in header order. Only problems someone attempted are listed,
// as the other sources list only submitted problems.
//
// The report has one row per learner and no attempt history, so
// FirstAttempts and FirstCorrect stay 0: the report shows "–" for
// first-attempt correctness, as for the research data package's
// studentmodule table. "Grade" is checked to be 0–1 (a wrong file fails
// early) but not used: grades come from edx-grades.
func readProblemGrades(r io.Reader, file string, c *Course, acc *problemAttempts) error {
	t := newTable(r, file, c.Limits, ',')
	if err := t.readHeader(); err != nil {
		return err
	}
	col, err := t.need(problemGradeColumns...)
	if err != nil {
		return err
	}
	problems, err := problemPairs(t)
	if err != nil {
		return err
	}
	for _, p := range problems {
		acc.problem(p.name, file)
	}
	seen := map[string]int{}
	for rec, err := range t.rows() {
		if err != nil {
			return err
		}
		id, err := t.userID(rec, col[0])
		if err != nil {
			return err
		}
		if first, dup := seen[id]; dup {
			return t.fieldErr(col[0], fmt.Errorf("%w: learner already listed on line %d", ErrDuplicate, first))
		}
		seen[id] = t.line()
		if _, ok := score(rec[col[2]]); !ok {
			return t.fieldErr(col[2], fmt.Errorf("want a number 0–1, got %q", rec[col[2]]))
		}
		learner := c.pseudonym(id)
		for _, p := range problems {
			earned, ok := points(rec[p.earned], "Not Attempted")
			if !ok {
				return t.fieldErr(p.earned, fmt.Errorf("want points (a number ≥ 0), \"Not Attempted\", \"Not Available\" or \"N/A\", got %q", rec[p.earned]))
			}
			if _, ok := points(rec[p.possible], ""); !ok {
				return t.fieldErr(p.possible, fmt.Errorf("want points (a number ≥ 0), \"Not Available\" or \"N/A\", got %q", rec[p.possible]))
			}
			if earned {
				acc.attempt(p.name, learner)
			}
		}
	}
	return nil
}

// problemPairs finds the header's problems: each "<name> (Earned)" column
// directly followed by its "<name> (Possible)", as edx-platform writes
// them. A half pair is an error, since pairing by position is what tells
// two problems of the same name apart. Other columns are ignored, so a
// platform that adds one (cohort, team) still reads.
func problemPairs(t *table) ([]problemColumns, error) {
	var out []problemColumns
	uses := map[string]int{}
	for i := 0; i < len(t.header); i++ {
		h := t.header[i]
		switch {
		case strings.HasSuffix(h, earnedSuffix):
			name := strings.TrimSuffix(h, earnedSuffix)
			want := name + possibleSuffix
			if i+1 >= len(t.header) || t.header[i+1] != want {
				return nil, &ParseError{File: t.file, Line: 1, Field: columnField(h), Err: fmt.Errorf("want %q right after it", want)}
			}
			uses[name]++
			if n := uses[name]; n > 1 {
				name = fmt.Sprintf("%s #%d", name, n)
			}
			out = append(out, problemColumns{name: name, earned: i, possible: i + 1})
			i++
		case strings.HasSuffix(h, possibleSuffix):
			return nil, &ParseError{File: t.file, Line: 1, Field: columnField(h),
				Err: fmt.Errorf("want %q right before it", strings.TrimSuffix(h, possibleSuffix)+earnedSuffix)}
		}
	}
	return out, nil
}

// points parses a points cell: true for a finite number ≥ 0; false (but
// valid) for an empty cell, "Not Available", "N/A" or the given extra
// word; !ok for anything else.
func points(s, extra string) (number, ok bool) {
	switch s {
	case "", "Not Available", "N/A":
		return false, true
	}
	if extra != "" && s == extra {
		return false, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
		return false, false
	}
	return true, true
}

// applyProblemGrades adds the problem grade reports' problems to the
// dataset, course by course in study order.
//
// A course whose tracking logs (or studentmodule table) gave problems
// keeps those: the logs know first attempts, and they name problems by
// block id where the report has only display names, so adding the
// report's problems would list most problems twice under two names. A
// report problem with the same id as one of theirs, or that
// logNamesOutline matches to one by display name, is that problem; every
// other one is counted as skipped in the data-quality section, under the
// file that first named it, so the reader sees what the report had that
// the logs lack.
func (l *loader) applyProblemGrades() {
	const reason = "problem the tracking logs lack (the course's problems come from its logs)"
	for _, sc := range l.s.Courses {
		acc := l.problemGrades[sc.Key]
		if acc == nil {
			continue
		}
		have := map[string]bool{}
		for _, p := range l.ds.Problems {
			if p.Course == sc.Key {
				have[p.Problem] = true
			}
		}
		stats := acc.stats(sc.Key)
		if len(have) == 0 {
			l.ds.Problems = append(l.ds.Problems, stats...)
			l.headerOutline(sc.Key, acc)
			continue
		}
		for r := range l.logNamesOutline(sc.Key, acc) {
			have[r] = true
		}
		lacked := map[string]int{}
		var files []string
		for _, p := range stats {
			if have[p.Problem] {
				continue
			}
			f := acc.file[p.Problem]
			if lacked[f] == 0 {
				files = append(files, f)
			}
			lacked[f]++
		}
		sort.Strings(files)
		for _, f := range files {
			l.ds.Skips = append(l.ds.Skips, report.Skip{File: f, Reason: reason, Count: lacked[f]})
		}
	}
}

// headerOutline gives a course without a course structure the problem
// grade report's header as its outline: the report lists the problems in
// course order, by the names the problem statistics carry.
func (l *loader) headerOutline(course string, acc *problemAttempts) {
	if l.ds.Outline[course] != nil {
		return
	}
	if l.ds.Outline == nil {
		l.ds.Outline = map[string][]report.OutlineBlock{}
	}
	for _, p := range acc.order {
		l.ds.Outline[course] = append(l.ds.Outline[course], report.OutlineBlock{Block: p, Type: "problem", Name: displayName(p)})
	}
}

// logNamesOutline gives a course without a course structure, whose
// problems come from its tracking logs, the problem grade report's column
// order, the course's. A column is the logs' problem whose display name
// (context.module.display_name) it is or ends with, after " - " (the
// report writes "<assignment>: <subsection> - <display name>"), when
// exactly one of the course's problems has that name and exactly one
// column matches it: two problems both called "Multiple Choice" cannot be
// told apart by name, and stay in the order learners first submitted
// them. It returns the report's names of the problems it placed.
func (l *loader) logNamesOutline(course string, acc *problemAttempts) map[string]bool {
	if l.ds.Outline[course] != nil {
		return nil
	}
	byName := map[string][]int{}
	for i, p := range l.ds.Problems {
		if p.Course == course && p.Name != "" {
			byName[p.Name] = append(byName[p.Name], i)
		}
	}
	cols := map[int][]string{} // problem index → the columns naming it
	colOf := map[string]int{}  // column → its only problem
	for _, col := range acc.order {
		r := acc.unnumbered(col)
		var hits []int
		hits = append(hits, byName[r]...)
		if k := strings.LastIndex(r, " - "); k >= 0 && r[k+3:] != r {
			hits = append(hits, byName[r[k+3:]]...)
		}
		if len(hits) == 1 {
			colOf[col] = hits[0]
			cols[hits[0]] = append(cols[hits[0]], col)
		}
	}
	placed := map[string]bool{}
	var outline []report.OutlineBlock
	for _, r := range acc.order {
		i, ok := colOf[r]
		if !ok || len(cols[i]) != 1 || len(byName[l.ds.Problems[i].Name]) != 1 {
			continue
		}
		p := l.ds.Problems[i]
		placed[r] = true
		outline = append(outline, report.OutlineBlock{Block: report.BlockID(p.Problem), Type: "problem", Name: p.Name})
	}
	if len(outline) == 0 {
		return nil
	}
	if l.ds.Outline == nil {
		l.ds.Outline = map[string][]report.OutlineBlock{}
	}
	l.ds.Outline[course] = outline
	return placed
}

// unnumbered is a column's problem name without the " #2", " #3", … that
// readProblemGrades adds to a name the header repeats.
func (a *problemAttempts) unnumbered(name string) string {
	k := strings.LastIndex(name, " #")
	if k < 0 {
		return name
	}
	if _, err := strconv.Atoi(name[k+2:]); err != nil {
		return name
	}
	if _, ok := a.file[name[:k]]; !ok {
		return name
	}
	return name[:k]
}
