package measures

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// hand is a hand-built test result for the finding sentences: a testResult
// as comparisons records it and the measure it published.
type hand struct {
	id, comparison, test string
	kind                 familyKind
	family               string
	// state: "ok", "withheld", "absent" (no measure), "untestable"
	state  string
	p      float64 // Holm-adjusted
	effect string
	value  float64
	n      []int
	why    string
}

// sentences runs the findings over hand-built results.
func sentences(hs []hand) []string {
	c := &computer{res: &Result{}}
	byID := map[string]*report.Measure{}
	for _, h := range hs {
		r := &testResult{id: h.id, comparison: h.comparison, test: h.test, kind: h.kind, family: h.family, why: h.why}
		c.results = append(c.results, r)
		m := &report.Measure{ID: h.id}
		switch h.state {
		case "absent":
			continue
		case "withheld":
			m.Withheld, m.Text = report.WithheldPrimary, "<5"
		case "untestable":
			m.Text = "–"
		default:
			p, v := h.p, h.value
			m.Test = &report.TestResult{Name: h.test, P: p / 2, PHolm: &p, Effect: h.effect, EffectValue: &v, N: h.n}
		}
		byID[h.id] = m
	}
	var out []string
	for _, f := range c.families() {
		out = append(out, familySentence(f, byID))
	}
	return out
}

// weeks builds a weekly family from one (state, Holm p, Δ) per week.
func weekly(states []string, ps, deltas []float64) []hand {
	var hs []hand
	for i := range states {
		hs = append(hs, hand{id: fmt.Sprintf("a.vs.b.active.w%d", i+1), comparison: fmt.Sprintf("A vs B: active share, week %d", i+1),
			test: "two-proportion z-test", kind: familyWeekly, family: "A vs B: weekly active share", state: states[i], p: ps[i], effect: "Δ", value: deltas[i],
			n: []int{100, 100}, why: "a group or count under 5"})
	}
	return hs
}

func TestFindingSentences(t *testing.T) {
	profile := func(label, state string, p, v float64) hand {
		return hand{id: "a.vs.b." + label, comparison: "A vs B: " + label, test: "χ² test of independence", kind: familyProfile, family: "A vs B: learner profile",
			state: state, p: p, effect: "V", value: v, n: []int{50, 60}, why: "a course has fewer than 5 learners"}
	}
	outcome := func(label, test, state, eff string, p, v float64) hand {
		return hand{id: "a.vs.b." + slug(label), comparison: "A vs B: " + label, test: test, kind: familyOutcomes, family: "A vs B: outcomes",
			state: state, p: p, effect: eff, value: v, n: []int{50, 60}, why: "a group or count under 5"}
	}
	paired := func(item, kind string, p, v float64) hand {
		h := hand{id: "a.pre-post." + slug(item) + ".paired-t", comparison: "A pre vs post: " + item, test: "paired t-test", kind: familyPaired,
			family: "A pre/post: paired t", state: "ok", p: p, effect: "dz", value: v, n: []int{40}}
		if kind == "w" {
			h.id = strings.TrimSuffix(h.id, ".paired-t") + ".wilcoxon"
			h.test, h.kind, h.family, h.effect = "Wilcoxon signed-rank test", familyWilcoxon, "A pre/post: Wilcoxon", "r"
		}
		return h
	}
	ok8 := []string{"ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"}
	tests := []struct {
		name string
		in   []hand
		want []string
	}{
		{"no comparisons", nil, nil},
		{"every week significant, one direction", weekly(ok8, []float64{1e-9, 1e-8, 1e-7, 1e-6, 1e-9, 1e-9, 1e-9, 1e-9}, []float64{.12, .17, .19, .2, .21, .2, .2, .19}),
			[]string{"The share of enrolled learners who were active was higher in A than in B in every course week (two-proportion z-tests, Holm-adjusted p < .001 in all 8 weeks; Δ = .12 to .21)."}},
		{"every week significant but not all below .001", weekly([]string{"ok", "ok"}, []float64{0.0004, 0.012}, []float64{-.05, -.03}),
			[]string{"The share of enrolled learners who were active was lower in A than in B in every course week (two-proportion z-tests, Holm-adjusted p ≤ .012 in all 2 weeks; Δ = −.05 to −.03)."}},
		{"no week significant", weekly([]string{"ok", "ok", "ok"}, []float64{0.21, 0.5, 1}, []float64{-.02, .01, .03}),
			[]string{"The share of enrolled learners who were active was not detectably different between A and B in any of the 3 course weeks (two-proportion z-tests, Holm-adjusted p ≥ .210; Δ = −.02 to .03)."}},
		{"mixed directions, a withheld week", weekly([]string{"ok", "ok", "ok", "ok", "withheld"}, []float64{0.001, 0.03, 0.02, 0.2, 0}, []float64{.1, .08, -.04, .01, 0}),
			[]string{"The share of enrolled learners who were active was higher in A than in B in 2 of 5 weeks (weeks 1–2, Holm-adjusted p ≤ .030); lower in A than in B in 1 of 5 weeks (week 3, Holm-adjusted p = .020); not detectably different in 1 of 5 weeks (week 4, p = .200); not tested in 1 of 5 weeks (week 5: withheld: a group or count under 5) (two-proportion z-tests; Δ = −.04 to .10)."}},
		{"every week withheld", weekly([]string{"withheld", "withheld"}, []float64{0, 0}, []float64{0, 0}),
			[]string{"The weekly active shares of A and B could not be compared: active share, week 1 (withheld: a group or count under 5) and active share, week 2 (withheld: a group or count under 5)."}},
		{"profile: some differ, one withheld, one absent", []hand{profile("age", "ok", 0.99, .03), profile("gender", "ok", 0.0001, .07), profile("country", "ok", 0.4, .04), profile("education", "withheld", 0, 0), profile("track", "absent", 0, 0)},
			[]string{"The learners of A and B differ in gender (V = .07, p < .001), but not detectably in age (p = .990) or country (p = .400); not tested: education (withheld: a course has fewer than 5 learners) and track (not available) (χ² tests of independence; p Holm-adjusted)."}},
		{"profile: no difference", []hand{profile("age", "ok", 0.8, .03)},
			[]string{"The learners of A and B do not differ detectably in age (p = .800) (χ² test of independence; p Holm-adjusted)."}},
		{"outcomes: higher, lower, not different, not computable", []hand{
			outcome("pass rate", "two-proportion z-test", "ok", "Δ", 0.001, .09), outcome("verified share", "two-proportion z-test", "ok", "Δ", 0.04, -.02),
			outcome("events per active learner", "Mann–Whitney U test", "ok", "r", 0.3, .05), outcome("mean events per active learner", "Welch's t-test", "untestable", "d", 0, 0)},
			[]string{"Pass rate (Δ = .09, p = .001) was higher in A than in B; verified share (Δ = −.02, p = .040) was lower in A than in B; events per active learner (r = .05, p = .300) did not differ detectably; not tested: mean events per active learner (not computable: a group or count under 5) (two-proportion z-tests and Mann–Whitney U test; p Holm-adjusted)."}},
		{"paired: all higher, Wilcoxon agrees", []hand{paired("Q one", "t", 1e-6, 0.9), paired("Q two", "t", 1e-5, 1.2), paired("Q one", "w", 1e-6, .7), paired("Q two", "w", 1e-5, .8)},
			[]string{"In A, matched learners' answers were higher after the course than before on all 2 paired questions and scales (paired t-tests, Holm-adjusted p < .001; dz = 0.90 to 1.20; 40 pairs); the Wilcoxon signed-rank tests agree."}},
		{"paired: mixed, Wilcoxon disagrees", []hand{paired("Q one", "t", 0.01, 0.3), paired("Q two", "t", 0.2, -0.1), paired("Q one", "w", 0.08, .2), paired("Q two", "w", 0.3, -.1)},
			[]string{"In A, matched learners' answers were higher after the course than before on 1 of 2 paired questions and scales (“Q one”; Holm-adjusted p = .010); not detectably different on 1 of 2 paired questions and scales (“Q two”; p = .200) (paired t-tests; dz = −0.10 to 0.30; 40 pairs); the Wilcoxon signed-rank test differs on “Q one”."}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := sentences(tc.in)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d sentences, want %d:\n%s", len(got), len(tc.want), strings.Join(got, "\n"))
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("sentence %d:\n got %s\nwant %s", i, got[i], tc.want[i])
				}
			}
		})
	}
}

// TestHeadline: the headline table shows each course's own measures —
// the same text and number — a withheld one as withheld, one the course
// does not have as not available; a study without comparisons gets the
// table and no finding sentences.
func TestHeadline(t *testing.T) {
	res, err := Compute(smallStudy(), smallDataset())
	if err != nil {
		t.Fatal(err)
	}
	byID := measureMap(res)
	var head *report.Table
	for _, b := range res.Sections["summary"] {
		if b.Table != nil && b.Table.ID == "summary-headline" {
			head = b.Table
		}
		if b.ID == "summary-findings" {
			t.Errorf("findings without any comparison: %q", b.Markdown)
		}
	}
	if head == nil {
		t.Fatalf("no headline table in %+v", res.Sections["summary"])
	}
	if strings.Join(head.Columns, "|") != "Measure|Big|Tiny" {
		t.Errorf("columns %q", head.Columns)
	}
	rows := map[string][]report.Cell{}
	for _, r := range head.Rows {
		rows[r[0].Text] = r
	}
	for _, tc := range []struct {
		row, id string
		col     int
	}{
		{"Enrolled learners", "big.enrolled", 1},
		{"Pass rate (%)", "big.pass-rate", 1},
		{"Enrolled learners", "tiny.enrolled", 2},
		{"Post: response rate (%)", "tiny.post.response-rate", 2},
		{"Post: responses linked (%)", "tiny.post.linked.share", 2},
	} {
		m, ok := byID[tc.id]
		cell := rows[tc.row]
		if !ok || len(cell) <= tc.col {
			t.Errorf("%s: measure %v, row %v", tc.row, ok, cell)
			continue
		}
		c := cell[tc.col]
		if c.Text != m.Text || c.Withheld != m.Withheld || ((m.Withheld != "") != (c.Value == nil)) || (c.Value != nil && *c.Value != m.Value) {
			t.Errorf("%s, column %d = %+v, want measure %s (%q, withheld %v)", tc.row, tc.col, c, tc.id, m.Text, m.Withheld != "")
		}
	}
	if byID["tiny.enrolled"].Withheld == "" {
		t.Errorf("tiny.enrolled is not withheld: the test does not cover a withheld cell")
	}
	if c := rows["Post: response rate (%)"][1]; c.Text != "–" || c.Value != nil || c.Withheld != "" {
		t.Errorf("Big has no post survey: cell %+v, want – (not available)", c)
	}
}
