package measures

import (
	"fmt"
	"math"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestWithdrawalsAndResults(t *testing.T) {
	s := smallStudy()
	ds := smallDataset()
	start := s.Courses[0].Start.Time
	for i := range ds.Learners {
		l := &ds.Learners[i]
		if l.Course != "big" {
			continue
		}
		l.Enrolled = start.AddDate(0, 0, -10+i%3)
		switch {
		case i < 6: // withdrew before the start
			l.Unenrolled = start.AddDate(0, 0, -1)
		case i < 16: // withdrew in week 1
			l.Unenrolled = start.AddDate(0, 0, 3)
		}
	}
	for i := range ds.Grades {
		if ds.Grades[i].Course == "big" {
			ds.Grades[i].Result = []string{"Pass", "Fail", "Withdrawn", "Distinction"}[i%4]
		}
	}
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]report.Measure{}
	for _, m := range res.Measures {
		byID[m.ID] = m
	}
	for id, want := range map[string]string{
		"big.withdrawn": "16", "big.enrolled.current": "24", "big.withdrawn.share": "40.0 %", "big.withdrawn.before-start": "6", "big.withdrawn.during": "10",
		"big.result.pass": "10", "big.result.distinction": "10", "big.registered.w0.share": "100.0 %",
		"tiny.withdrawn":                    "<5", // a zero about a group of 3 is withheld with it
		"big.registered.audit.before-start": "40", "big.registered.audit.during": "0", "big.registered.audit.date-unknown": "0",
		"tiny.registered.verified.date-unknown": "<5",
	} {
		if got := byID[id].Text; got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	var order []string
	for _, b := range res.Sections["performance"] {
		if b.Table != nil && b.Table.ID == "performance-results" {
			for _, r := range b.Table.Rows {
				order = append(order, r[0].Text)
			}
		}
	}
	if fmt.Sprint(order) != "[Distinction Pass Fail Withdrawn Total]" {
		t.Errorf("result rows = %v", order)
	}
}

// TestProblemSharesOfFewAreWithheld: a first-attempt share resting on
// fewer than k right or wrong answers is withheld.
func TestProblemSharesOfFewAreWithheld(t *testing.T) {
	ds := smallDataset()
	ds.Problems = []report.ProblemStat{
		{Course: "big", Problem: "block@p1", Learners: 40, FirstAttempts: 40, FirstCorrect: 20},
		{Course: "big", Problem: "block@p2", Learners: 40, FirstAttempts: 40, FirstCorrect: 38},
		{Course: "big", Problem: "block@p3", Learners: 40, FirstAttempts: 40, FirstCorrect: 3},
	}
	res, err := Compute(smallStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]report.Measure{}
	for _, m := range res.Measures {
		byID[m.ID] = m
	}
	for id, suppressed := range map[string]bool{"big.problem.p1.first-correct": false, "big.problem.p2.first-correct": true, "big.problem.p3.first-correct": true} {
		if m, ok := byID[id]; !ok || m.Withheld != "" != suppressed {
			t.Errorf("%s = %+v (found %v), want suppressed = %v", id, m, ok, suppressed)
		}
	}
}

func TestSplitOptions(t *testing.T) {
	opts := []string{"Career advancement", "Work, or study, requirements"}
	tests := []struct{ in, want string }{
		{"Career advancement,Personal interest", "[Career advancement Personal interest]"},
		{"Work, or study, requirements,Career advancement", "[Work, or study, requirements Career advancement]"},
		{"Work, or study", "[Work or study]"}, // not a listed option: split as exported
		{" , ", "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(splitOptions(tt.in, opts)); got != tt.want {
			t.Errorf("splitOptions(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestLikertFigureSecondarySuppression: one level under k would be 100 %
// minus the others, so a second level is withheld with it.
func TestLikertFigureSecondarySuppression(t *testing.T) {
	s := smallStudy()
	s.Surveys[0].Course = "big"
	ds := smallDataset()
	answers := []string{"SD", "SD"} // 2: under k
	for _, a := range []string{"D", "N", "A", "SA"} {
		for range 8 {
			answers = append(answers, a)
		}
	}
	for i, a := range answers {
		ds.Responses = append(ds.Responses, report.Response{Instrument: "post", Course: "big", Learner: fmt.Sprintf("B%02d", i), Answers: map[string]string{"Q1": a}})
	}
	c := &computer{s: s, ds: ds, k: 5, res: &Result{Sections: map[string][]report.Block{}}, ids: map[string]bool{}, led: newLedger(5)}
	c.index()
	f := c.likertFigure(s.Surveys[0])
	var hidden []string
	for _, sr := range f.Series {
		if math.IsNaN(sr.Values[0]) {
			hidden = append(hidden, sr.Name)
		}
	}
	if fmt.Sprint(hidden) != "[SD D]" {
		t.Errorf("withheld levels = %v, want [SD D] (primary and secondary)", hidden)
	}
}
