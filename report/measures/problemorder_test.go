package measures

import (
	"strings"
	"testing"
	"time"

	"github.com/moocreport/moocreport/report"
)

// TestProblemOrderAndNameSources checks where a problem's label and place
// come from: the course structure's name and order first; else the
// tracking logs' display name, placed after the structure's problems in
// the order of first submission; else "Unnamed problem N". The
// data-quality notes say which courses are not in course order and which
// problems have no name.
func TestProblemOrderAndNameSources(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 3, 2, h, 0, 0, 0, time.UTC) }
	ds := smallDataset()
	ds.Problems = []report.ProblemStat{
		{Course: "big", Problem: "block@a", Learners: 40, Name: "Log name of a", FirstSeen: at(9)},
		{Course: "big", Problem: "block@b", Learners: 40, Name: "Quiz 2", FirstSeen: at(1)},
		{Course: "big", Problem: "block@c", Learners: 40, Name: "Quiz 1", FirstSeen: at(5)},
		{Course: "big", Problem: "block@d", Learners: 40},
	}
	ds.Outline = map[string][]report.OutlineBlock{"big": {{Block: "a", Type: "problem", Name: "Structure name of a"}}}
	s := smallStudy()
	c := &computer{s: s, ds: ds}
	ps, unnamed := c.namedProblems()
	var got []string
	for _, p := range ps {
		got = append(got, p.label)
	}
	want := []string{"Structure name of a", "Quiz 2", "Quiz 1", "Unnamed problem 1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("problems %q, want %q", got, want)
	}
	if unnamed["big"] != 1 {
		t.Errorf("unnamed = %v, want 1 for big", unnamed)
	}
	if n := c.logOrderNote(); !strings.Contains(n, "Problems not in course order (Big: 2)") {
		t.Errorf("log order note %q", n)
	}
	if n := c.unnamedProblemsNote(); !strings.Contains(n, "Problems without a name (Big: 1)") {
		t.Errorf("unnamed note %q", n)
	}
}
