package measures

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

func TestCrossTabTest(t *testing.T) {
	tests := []struct {
		name     string
		g0, g1   []int
		wantTest string
		wantAPA  string // exact, or "" to compare with stats on wantTable
		want     [][]int
	}{
		// Hand-computed: N = 120, expected counts 25, 25 / 25, 25 / 10, 10,
		// χ² = 4 × 25/25 = 4.00 on 2 df, p = e^(−2) = .135,
		// V = √(4/120) = .18.
		{name: "3×2 table by hand", g0: []int{30, 20, 10}, g1: []int{20, 30, 10},
			wantTest: "χ² test of independence", wantAPA: "χ²(2, N = 120) = 4.00, p = .135, V = .18"},
		// The 3 is withheld in the published table, and the 10 with it
		// (secondary suppression), so both rows are pooled for the test.
		{name: "withheld categories are pooled", g0: []int{30, 20, 10, 3}, g1: []int{20, 30, 10, 0},
			wantTest: "χ² test of independence; small categories pooled", want: [][]int{{30, 20}, {20, 30}, {13, 10}}},
		{name: "empty categories are dropped", g0: []int{30, 0, 20}, g1: []int{20, 0, 30},
			wantTest: "χ² test of independence", want: [][]int{{30, 20}, {20, 30}}},
		// Expected count of the top-left cell is 10 × 10 / 100 = 1 < 5.
		{name: "small expected 2×2 gets Fisher", g0: []int{5, 5}, g1: []int{5, 85},
			wantTest: "Fisher's exact test"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &computer{k: 5, res: &Result{}}
			r := &testResult{}
			rows := make([]string, len(tt.g0))
			for i := range rows {
				rows[i] = fmt.Sprint(i)
			}
			c.crossTabTest(r, crossTab{rows: rows, counts: [][]int{tt.g0, tt.g1}}, 0, 1)
			if !r.ok {
				t.Fatalf("no result: %s", r.why)
			}
			if r.test != tt.wantTest {
				t.Errorf("test = %q, want %q", r.test, tt.wantTest)
			}
			if tt.wantAPA != "" && r.apa != tt.wantAPA {
				t.Errorf("APA = %q, want %q", r.apa, tt.wantAPA)
			}
			if tt.want != nil {
				ref, err := stats.ChiSquareTest(tt.want)
				if err != nil {
					t.Fatal(err)
				}
				if r.apa != ref.APA() {
					t.Errorf("APA = %q, want the test of %v: %q", r.apa, tt.want, ref.APA())
				}
			}
		})
	}
}

// comparisonStudy adds course and pre/post comparisons to smallStudy.
func comparisonStudy() *study.Study {
	s := smallStudy()
	s.Surveys = append(s.Surveys,
		study.Survey{Key: "pre", Course: "big", Title: "Pre", Questions: []study.Question{{ID: "A", Label: "Confident", Type: "likert", Scale: "a5"}, {ID: "B", Label: "Skilled", Type: "likert", Scale: "a5"}}},
		study.Survey{Key: "post", Course: "big", Title: "Post", Questions: []study.Question{{ID: "A2", Label: "Confident", Type: "likert", Scale: "a5"}, {ID: "B2", Label: "Skilled", Type: "likert", Scale: "a5"}}},
		study.Survey{Key: "pre", Course: "tiny", Title: "Pre", Questions: []study.Question{{ID: "A", Label: "Confident", Type: "likert", Scale: "a5"}}},
	)
	s.Surveys[0].Questions = append(s.Surveys[0].Questions, study.Question{ID: "A2", Label: "Confident", Type: "likert", Scale: "a5"})
	s.Comparisons = []study.Comparison{
		{Kind: "courses", Study: "big", Baseline: "tiny"},
		{Kind: "pre-post", Course: "big", Pre: "pre", Post: "post", Pairs: []study.ItemPair{{Pre: "A", Post: "A2", Name: "confident"}}},
		{Kind: "pre-post", Course: "tiny", Pre: "pre", Post: "post", Pairs: []study.ItemPair{{Pre: "A", Post: "A2", Name: "confident"}}},
	}
	return s
}

// comparisonDataset gives 20 big-course learners pre and post answers
// whose paired differences are known.
func comparisonDataset() (*report.Dataset, []float64, []float64) {
	ds := smallDataset()
	var pre, post []float64
	for i := range 20 {
		id := fmt.Sprintf("B%02d", i)
		a, b := 1+i%3, 2+i%4
		pre, post = append(pre, float64(a)), append(post, float64(b))
		ds.Responses = append(ds.Responses,
			report.Response{Instrument: "pre", Course: "big", Learner: id, Answers: map[string]string{"A": fmt.Sprint(a)}},
			report.Response{Instrument: "post", Course: "big", Learner: id, Answers: map[string]string{"A2": fmt.Sprint(b)}})
	}
	for i := range 3 {
		id := fmt.Sprintf("T%d", i)
		ds.Responses = append(ds.Responses, report.Response{Instrument: "pre", Course: "tiny", Learner: id, Answers: map[string]string{"A": "1"}})
	}
	return ds, pre, post
}

func TestPrePostUsesMatchedLearners(t *testing.T) {
	ds, pre, post := comparisonDataset()
	res, err := Compute(comparisonStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	w, _ := stats.WilcoxonTest(post, pre)
	p, _ := stats.PairedTest(post, pre)
	mw, _ := stats.MannWhitneyTest(post, pre)
	if m := byID["big.pre-post.confident.mann-whitney"]; m.Text != mw.APA() || m.N != 40 {
		t.Errorf("unmatched test = %q (N = %d), want %q (N = 40)", m.Text, m.N, mw.APA())
	}
	for id, want := range map[string]string{"big.pre-post.confident.wilcoxon": w.APA(), "big.pre-post.confident.paired-t": p.APA()} {
		if m := byID[id]; m.Text != want || m.N != 20 {
			t.Errorf("%s = %q (N = %d), want %q (N = 20)", id, m.Text, m.N, want)
		}
	}
	// One test per family: Holm leaves p as it is.
	if a, b := byID["big.pre-post.confident.wilcoxon.p"], byID["big.pre-post.confident.wilcoxon.p-holm"]; a.Value != b.Value {
		t.Errorf("Holm over a family of one changed p: %v → %v", a.Value, b.Value)
	}
}

// TestComparisonsOnSmallCohortAreWithheld: every test involving the
// 3-learner course is withheld, and no p-value about it is published.
func TestComparisonsOnSmallCohortAreWithheld(t *testing.T) {
	ds, _, _ := comparisonDataset()
	res, err := Compute(comparisonStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	ids := []string{"big.vs.tiny.gender", "big.vs.tiny.age", "big.vs.tiny.education", "big.vs.tiny.country", "big.vs.tiny.track",
		"big.vs.tiny.pass-rate", "big.vs.tiny.verified", "big.vs.tiny.events-per-active", "big.vs.tiny.active.w1", "big.vs.tiny.active.w2",
		"tiny.pre-post.confident.wilcoxon", "tiny.pre-post.confident.paired-t", "tiny.pre-post.confident.mann-whitney", "big.vs.tiny.events-per-active.welch"}
	for _, id := range ids {
		m, ok := byID[id]
		if !ok {
			t.Errorf("%s: missing", id)
			continue
		}
		if m.Withheld == "" || m.Text != "<5" || m.Value != 0 {
			t.Errorf("%s = %+v, want withheld", id, m)
		}
		if _, ok := byID[id+".p"]; ok {
			t.Errorf("%s.p published for a group under k", id)
		}
	}
	var tab *report.Table
	for _, b := range res.Sections["comparisons"] {
		if b.Table != nil && b.Table.ID == "comparisons-results" {
			tab = b.Table
		}
	}
	if tab == nil {
		t.Fatal("no comparisons-results table")
	}
	for _, row := range tab.Rows {
		if !strings.HasPrefix(row[0].Text, "Big vs Tiny") {
			continue
		}
		for i, col := range tab.Columns {
			if (col == "p" || col == "Holm-adjusted p") && row[i].Withheld == "" {
				t.Errorf("row %q publishes %s = %q", row[0].Text, col, row[i].Text)
			}
		}
	}
}

func measureMap(res *Result) map[string]report.Measure {
	byID := map[string]report.Measure{}
	for _, m := range res.Measures {
		byID[m.ID] = m
	}
	return byID
}

func TestProportionTestInputs(t *testing.T) {
	s := comparisonStudy()
	s.Comparisons = s.Comparisons[:1]
	ds := smallDataset()
	// Make the tiny course big enough to test: 30 learners, 10 passing.
	for i := range 27 {
		id := fmt.Sprintf("U%02d", i)
		g := 0.2
		if i < 10 {
			g = 0.9
		}
		ds.Learners = append(ds.Learners, report.Learner{ID: id, Course: "tiny", Gender: "m", Mode: "audit"})
		ds.Grades = append(ds.Grades, report.Grade{Learner: id, Course: "tiny", Grade: g})
	}
	res, err := Compute(s, ds)
	if err != nil {
		t.Fatal(err)
	}
	// big: grades i/40 for i < 40, pass mark .5 → 20 of 40 pass;
	// tiny: 3 at .9 plus 10 at .9 → 13 of 30.
	want, _ := stats.CompareProportions(20, 40, 13, 30, 0.95)
	if m := measureMap(res)["big.vs.tiny.pass-rate"]; m.Text != want.APA() || m.N != 70 {
		t.Errorf("pass-rate = %q (N = %d), want %q (N = 70)", m.Text, m.N, want.APA())
	}
}

// TestPrePostFigure: the pre/post figure shows the matched learners' means
// with their t intervals, exactly the numbers the paired test used; a
// comparison without pairs, and one pair of courses whose tests are all
// withheld, get no figure and no marks.
func TestPrePostFigure(t *testing.T) {
	ds, pre, post := comparisonDataset()
	res, err := Compute(comparisonStudy(), ds)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := figureByID(res.Sections["comparisons"], "comparisons-big-pre-post-chart")
	if f == nil || f.Kind != report.FigureForest || len(f.Series) != 2 || len(f.Categories) != 1 {
		t.Fatalf("pre/post figure = %+v", f)
	}
	for i, x := range [][]float64{pre, post} {
		m, _ := stats.Mean(x)
		lo, hi, _ := stats.MeanCI(x, 0.95)
		s := f.Series[i]
		if s.Values[0] != m || s.Lo[0] != lo || s.Hi[0] != hi {
			t.Errorf("series %q = %v [%v, %v], want %v [%v, %v]", s.Name, s.Values[0], s.Lo[0], s.Hi[0], m, lo, hi)
		}
	}
	if len(f.Range) != 2 || f.Range[0] != 1 || f.Range[1] != 5 {
		t.Errorf("value axis %v, want the 5-point scale's [1, 5]", f.Range)
	}
	if got := f.Table.Rows[0][1].Text; got != "20" {
		t.Errorf("pairs in the data table = %q, want 20", got)
	}
	p, _ := stats.PairedTest(post, pre)
	if marked := len(f.Marked) == 1; marked != (p.P < 0.05) || (marked && f.MarkLabel == "") {
		t.Errorf("marks %v (label %q) for paired p = %v", f.Marked, f.MarkLabel, p.P)
	}
	for _, id := range []string{"comparisons-tiny-pre-post-chart", "comparisons-big-vs-tiny-differences-chart"} {
		if g, _ := figureByID(res.Sections["comparisons"], id); g != nil {
			t.Errorf("figure %s drawn from withheld or absent tests", id)
		}
	}
	if wk, _ := figureByID(res.Sections["activity"], "activity-weekly-active-chart"); wk != nil && len(wk.Marked) > 0 {
		t.Errorf("weekly chart marks %v, but every weekly test is withheld", wk.Marked)
	}
}
