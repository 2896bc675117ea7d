package measures

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
	"github.com/moocreport/moocreport/report/study"
)

// testResult is one statistical test of a declared comparison, kept until
// every test of its family has run so the Holm adjustment can be made.
type testResult struct {
	id         string // measure id
	course     string
	family     string // Holm family
	kind       familyKind
	comparison string // what is compared, for the table
	test       string // name of the test
	n          int
	def        string

	ok       bool // a test was run and has a p-value
	withheld bool // disclosure control withheld the result
	// secondary: withheld to protect another withheld value, not for a
	// small group; marked [c], and its N stays shown.
	secondary  bool
	why        string // when !ok: why no result
	p, pAdj    float64
	effect     string
	effectSize float64
	apa        string
	// parts is the result's numbers for measures.json; PHolm is filled
	// in when the family is adjusted.
	parts *report.TestResult
	// pre and post are a paired test's matched scores, for its figure.
	pre, post []float64
}

const comparisonsDefinition = "Every comparison the study declares is tested two-sided at α = .05. Tests of one family — the learner-profile tests of one pair of courses, their outcome tests, their weekly-active tests, and each pre/post test type of one course — are adjusted together by Holm's step-down method; the table gives both the unadjusted and the adjusted p-value. No test is run on a group under the minimum cell size, nor on a category in which a published table withholds a cell: such categories are pooled."

// comparisons runs every comparison declared in study.yaml and reports
// them in one table, with Holm-adjusted p-values per family.
func (c *computer) comparisons() error {
	if len(c.s.Comparisons) == 0 {
		return nil
	}
	for i, cmp := range c.s.Comparisons {
		switch cmp.Kind {
		case "courses":
			c.compareCourses(cmp)
		case "pre-post":
			c.comparePrePost(cmp, c.prePostPairs(i))
		}
	}
	c.adjust()
	if len(c.results) == 0 {
		return nil
	}
	defer c.comparisonCharts() // after the table, which they illustrate
	tab := &report.Table{ID: "comparisons-results", Title: "Comparisons and tests",
		Columns:   []string{"Comparison", "Test", "N", "p", "Holm-adjusted p", "Effect", "Effect size", "Result (APA)"},
		DefinedIn: comparisonsTerm}
	for _, r := range c.results {
		m := report.Measure{ID: r.id, Course: r.course, Label: r.comparison + " (" + r.test + ")", N: r.n, Definition: r.def + " " + comparisonsDefinition}
		row := []report.Cell{textCell(r.comparison), textCell(r.test), numCell(formatInt(r.n), float64(r.n))}
		switch {
		case r.withheld && r.secondary:
			c.add(c.withhold(m, report.WithheldSecondary, "secondary: "+r.why))
			w := c.withheldCell(report.WithheldSecondary)
			row = append(row, w, w, w, w, textCell("withheld: "+r.why))
		case r.withheld:
			m = c.suppressMeasure(m)
			c.add(m)
			w := c.primaryCell()
			row[2] = w // N minus the other group's published size is the small group
			row = append(row, w, w, w, w, textCell("withheld: "+r.why))
		case !r.ok:
			m.Text = "–"
			c.add(m)
			row = append(row, textCell("–"), textCell("–"), textCell("–"), textCell("–"), textCell("not computable: "+r.why))
		default:
			m.Value, m.Text = r.effectSize, r.apa
			if r.parts != nil {
				r.parts.PHolm = number(r.pAdj)
				m.Test = r.parts
			}
			c.add(m)
			c.add(report.Measure{ID: r.id + ".p", Course: r.course, Label: m.Label + ": p", Value: r.p, N: r.n, Definition: m.Definition, Text: stats.FormatP(r.p)})
			c.add(report.Measure{ID: r.id + ".p-holm", Course: r.course, Label: m.Label + ": Holm-adjusted p (family " + r.family + ")", Value: r.pAdj, N: r.n, Definition: m.Definition, Text: stats.FormatP(r.pAdj)})
			name, size, _ := strings.Cut(r.effect, " = ")
			row = append(row, pCell(r.p), pCell(r.pAdj), textCell(name), effectCell(size, r.parts))
			row = append(row, textCell(r.apa))
		}
		tab.Rows = append(tab.Rows, row)
	}
	intro := "This section tests the comparisons the study declares, two-sided at α = .05, with the p-values of each family of tests adjusted by Holm's method."
	c.part("comparisons-intro", report.Block{Markdown: intro, ID: "comparisons-intro"})
	c.part("comparisons-results", report.Block{Table: tab})
	return nil
}

// adjust fills in Holm-adjusted p-values, family by family.
func (c *computer) adjust() {
	fams := map[string][]*testResult{}
	var order []string
	for _, r := range c.results {
		if !r.ok {
			continue
		}
		if fams[r.family] == nil {
			order = append(order, r.family)
		}
		fams[r.family] = append(fams[r.family], r)
	}
	for _, f := range order {
		ps := make([]float64, len(fams[f]))
		for i, r := range fams[f] {
			ps[i] = r.p
		}
		adj, err := stats.Holm(ps)
		if err != nil {
			panic("measures: Holm on valid p-values: " + err.Error())
		}
		for i, r := range fams[f] {
			r.pAdj = adj[i]
		}
	}
}

// compareCourses tests a study course against its baseline.
func (c *computer) compareCourses(cmp study.Comparison) {
	s, b := cmp.Study, cmp.Baseline
	sn, bn := c.courseName(s), c.courseName(b)
	pre := s + ".vs." + b
	vs := sn + " vs " + bn
	gi, gj := c.groupIndex(s), c.groupIndex(b)
	for _, t := range c.demog {
		r := &testResult{id: pre + "." + t.measurePre, course: s, family: vs + ": learner profile", kind: familyProfile, comparison: vs + ": " + strings.ToLower(strings.TrimPrefix(t.title, "Learners by ")),
			def: "Test of independence of course and " + strings.TrimPrefix(t.title, "Learners by ") + " (" + t.definition + ")."}
		c.crossTabTest(r, t, gi, gj)
		c.results = append(c.results, r)
	}

	type prop struct {
		id, what, def string
		count         func(course string) (int, int)
	}
	props := []prop{
		{"pass-rate", "pass rate", "Two-proportion z-test of the pass rates (passed over learners in the grade report), with the difference study − baseline and its 95 % Wald interval.", c.passCounts},
		{"verified", "verified share", "Two-proportion z-test of the shares of enrolled learners on the verified track, with the difference study − baseline and its 95 % Wald interval.", c.verifiedCounts},
	}
	for _, p := range props {
		if p.id == "pass-rate" && !(c.hasGrades(s) && c.hasGrades(b)) {
			continue // a course without grades has no pass rate to compare
		}
		x1, n1 := p.count(s)
		x2, n2 := p.count(b)
		r := &testResult{id: pre + "." + p.id, course: s, family: vs + ": outcomes", kind: familyOutcomes, comparison: vs + ": " + p.what, def: p.def}
		c.proportionTest(r, x1, n1, x2, n2)
		c.results = append(c.results, r)
	}
	if !c.hasActivity(s) || !c.hasActivity(b) {
		return // without both courses' logs there is no activity to compare
	}
	r := &testResult{id: pre + ".events-per-active", course: s, family: vs + ": outcomes", kind: familyOutcomes, comparison: vs + ": events per active learner",
		def: "Mann–Whitney U test of the active events in course weeks per learner active in at least one course week, with the rank-biserial correlation r (positive when the study course's learners did more)."}
	c.eventsTest(r, s, b)
	c.results = append(c.results, r)
	r = &testResult{id: pre + ".events-per-active.welch", course: s, family: vs + ": outcomes", kind: familyOutcomes, comparison: vs + ": mean events per active learner",
		def: "Welch's t-test of the mean active events in course weeks per learner active in at least one course week, with Cohen's d (pooled SD; positive when the study course's learners did more). Event counts are skewed: read it beside the Mann–Whitney test."}
	c.welchEventsTest(r, s, b)
	c.results = append(c.results, r)

	cs, _ := c.s.Course(s)
	cb, _ := c.s.Course(b)
	for w := 1; w <= min(cs.Weeks, cb.Weeks); w++ {
		r := &testResult{id: fmt.Sprintf("%s.active.w%d", pre, w), course: s, family: vs + ": weekly active share", kind: familyWeekly, comparison: fmt.Sprintf("%s: active share, week %d", vs, w),
			def: fmt.Sprintf("Two-proportion z-test of the shares of enrolled learners active in course week %d, with the difference study − baseline and its 95 %% Wald interval.", w)}
		c.proportionTest(r, c.activeIn(s, w), len(c.byCourse[s]), c.activeIn(b, w), len(c.byCourse[b]))
		c.results = append(c.results, r)
	}
}

// groupIndex is a course's column in the learner crossTabs.
func (c *computer) groupIndex(course string) int {
	for i, co := range c.s.Courses {
		if co.Key == course {
			return i
		}
	}
	return -1
}

// crossTabTest tests a 2-group slice of a learner crossTab. Categories with
// a cell the published table withholds are pooled, so the test cannot be
// used to solve for a withheld count; empty categories are dropped. A 2×2
// table with an expected count under 5 gets Fisher's exact test.
func (c *computer) crossTabTest(r *testResult, t crossTab, gi, gj int) {
	ci, cj := t.counts[gi], t.counts[gj]
	ni, nj := sum(ci), sum(cj)
	r.n = ni + nj
	r.test = "χ² test of independence"
	if ni < c.k || nj < c.k {
		r.withheld, r.why = true, fmt.Sprintf("a course has fewer than %d learners", c.k)
		return
	}
	hi, _ := suppressColumn(ci, c.k)
	hj, _ := suppressColumn(cj, c.k)
	var table [][]int
	pooled := []int{0, 0}
	for row := range t.rows {
		if ci[row]+cj[row] == 0 {
			continue
		}
		if hi[row] || hj[row] {
			pooled[0] += ci[row]
			pooled[1] += cj[row]
			continue
		}
		table = append(table, []int{ci[row], cj[row]})
	}
	if pooled[0]+pooled[1] > 0 {
		table = append(table, pooled)
	}
	c.tableTest(r, table)
	if pooled[0]+pooled[1] > 0 && r.ok {
		r.test += "; small categories pooled"
	}
}

// tableTest runs χ² on a categories × 2 table, or Fisher's exact test on
// a 2×2 table whose smallest expected count is under 5.
func (c *computer) tableTest(r *testResult, table [][]int) {
	if len(table) < 2 {
		r.why = "fewer than two categories with learners"
		return
	}
	chi, err := stats.ChiSquareTest(table)
	if err != nil {
		r.why = errReason(err)
		return
	}
	if len(table) == 2 && chi.MinExpected < 5 {
		f, err := stats.FisherExact([2][2]int{{table[0][0], table[0][1]}, {table[1][0], table[1][1]}})
		if err != nil {
			r.why = errReason(err)
			return
		}
		r.ok, r.test, r.p = true, "Fisher's exact test", f.P
		r.effect, r.effectSize, r.apa = "OR = "+stats.FormatNumber(f.OddsRatio, 2), f.OddsRatio, f.APA()
		r.parts = &report.TestResult{Name: r.test, P: f.P, Effect: "OR", EffectValue: number(f.OddsRatio), N: groupSizes(table)}
		if math.IsNaN(f.OddsRatio) || math.IsInf(f.OddsRatio, 0) {
			r.effectSize = 0
		}
		return
	}
	r.ok, r.test, r.p = true, "χ² test of independence", chi.P
	r.effect, r.effectSize, r.apa = "V = "+stats.FormatBounded(chi.CramersV, 2), chi.CramersV, chi.APA()
	r.parts = &report.TestResult{Name: r.test, Statistic: "χ²", Value: number(chi.Statistic), DF: []float64{float64(chi.DF)}, P: chi.P,
		Effect: "V", EffectValue: number(chi.CramersV), N: groupSizes(table)}
	if chi.ShareExpectedBelow5 > 0.2 {
		r.test += fmt.Sprintf(" (%.0f %% of expected counts under 5)", 100*chi.ShareExpectedBelow5)
	}
}

// proportionTest compares x1/n1 with x2/n2. It is withheld when either
// share would be: a group under k, or a count of successes under k.
func (c *computer) proportionTest(r *testResult, x1, n1, x2, n2 int) {
	r.n = n1 + n2
	r.test = "two-proportion z-test"
	small := func(x int) bool { return x > 0 && x < c.k }
	if n1 < c.k || n2 < c.k || small(x1) || small(x2) {
		r.withheld, r.why = true, fmt.Sprintf("a group or count under %d", c.k)
		return
	}
	p, err := stats.CompareProportions(x1, n1, x2, n2, 0.95)
	if err != nil {
		r.why = errReason(err)
		return
	}
	r.ok, r.test, r.p = true, "two-proportion z-test", p.P
	r.effect = fmt.Sprintf("Δ = %s [%s, %s]", stats.FormatBounded(p.Diff, 2), stats.FormatBounded(p.Lo, 2), stats.FormatBounded(p.Hi, 2))
	r.effectSize, r.apa = p.Diff, p.APA()
	r.parts = &report.TestResult{Name: r.test, Statistic: "z", Value: number(p.Z), P: p.P, Effect: "Δ", EffectValue: number(p.Diff),
		EffectCI: &report.Interval{Level: p.Conf, Low: p.Lo, High: p.Hi}, N: []int{n1, n2}}
}

// activeEventCounts lists, per active learner of a course in a fixed
// order, their active events in course weeks.
func (c *computer) activeEventCounts(course string) []float64 {
	var x []float64
	for _, id := range slices.Sorted(maps.Keys(c.acts[course])) {
		x = append(x, float64(c.acts[course][id].Events))
	}
	return x
}

// welchEventsTest compares mean events per active learner between two
// courses with Welch's t-test.
func (c *computer) welchEventsTest(r *testResult, s, b string) {
	x, y := c.activeEventCounts(s), c.activeEventCounts(b)
	r.n = len(x) + len(y)
	r.test = "Welch's t-test"
	if len(x) < c.k || len(y) < c.k {
		r.withheld, r.why = true, fmt.Sprintf("a course has fewer than %d active learners", c.k)
		return
	}
	w, err := stats.WelchTest(x, y)
	if err != nil {
		r.why = errReason(err)
		return
	}
	r.ok, r.p = true, w.P
	r.effect, r.effectSize, r.apa = "d = "+stats.FormatNumber(w.D, 2), w.D, w.APA()
	r.parts = &report.TestResult{Name: r.test, Statistic: "t", Value: number(w.T), DF: []float64{w.DF}, P: w.P, Effect: "d", EffectValue: number(w.D), N: []int{w.N1, w.N2}}
}

// eventsTest compares events per active learner between two courses.
func (c *computer) eventsTest(r *testResult, s, b string) {
	x, y := c.activeEventCounts(s), c.activeEventCounts(b)
	r.n = len(x) + len(y)
	r.test = "Mann–Whitney U test"
	if len(x) < c.k || len(y) < c.k {
		r.withheld, r.why = true, fmt.Sprintf("a course has fewer than %d active learners", c.k)
		return
	}
	mw, err := stats.MannWhitneyTest(x, y)
	if err != nil {
		r.why = errReason(err)
		return
	}
	r.ok, r.test, r.p = true, "Mann–Whitney U test", mw.P
	r.effect, r.effectSize, r.apa = "r = "+stats.FormatBounded(mw.R, 2), mw.R, mw.APA()
	r.parts = mannWhitneyParts(r.test, mw)
}

// passCounts returns a course's passed and graded learners.
func (c *computer) passCounts(course string) (int, int) {
	co, _ := c.s.Course(course)
	x, n := 0, 0
	for _, g := range c.ds.Grades {
		if g.Course == course {
			n++
			if hasPassed(g, co.PassMark) {
				x++
			}
		}
	}
	return x, n
}

// verifiedCounts returns a course's learners on the verified track and
// its enrolled learners.
func (c *computer) verifiedCounts(course string) (int, int) {
	x := 0
	for _, l := range c.byCourse[course] {
		if l.Mode == "verified" {
			x++
		}
	}
	return x, len(c.byCourse[course])
}

// activeIn counts enrolled learners active in course week w.
func (c *computer) activeIn(course string, w int) int {
	c.lazy.Lock()
	defer c.lazy.Unlock()
	if c.weekActive == nil {
		c.weekActive = map[string]map[int]int{}
		for i, lw := range c.ds.Activity {
			if c.rowLearner[i] >= 0 && c.activeEvents(lw) > 0 {
				if c.weekActive[lw.Course] == nil {
					c.weekActive[lw.Course] = map[int]int{}
				}
				c.weekActive[lw.Course][lw.Week]++
			}
		}
	}
	return c.weekActive[course][w]
}

// comparePrePost tests matched learners' answers to paired items: the
// Wilcoxon signed-rank test (ordinal answers) and the paired t-test (the
// common summary in the literature), each its own Holm family. Scales
// with items in both instruments are compared on their scale scores too.
func (c *computer) comparePrePost(cmp study.Comparison, pairs []prePostPair) {
	c.pairedTests(cmp, pairs)
	c.unmatchedTests(cmp, pairs)
}

// prePostPair is one pre/post comparison of a study comparison: an item
// pair or a scale, with each learner's score in either survey.
type prePostPair struct {
	id, label string
	pre, post map[string]float64 // learner → score
	// levelWithheld: an item with a withheld answer level, which U
	// (a linear function of both items' level counts) would reveal.
	levelWithheld bool
	// The tests, made from the data alone once for every run (tested):
	// x and y are the matched learners' pre and post scores in learner
	// order, with the Wilcoxon and paired t-tests of post against pre
	// when there are at least k of them; the Mann–Whitney test compares
	// every respondent's score (preAll, postAll), when each survey has k.
	x, y              []float64
	preAll            []float64
	postAll           []float64
	wilcoxon          stats.Wilcoxon
	paired            stats.Paired
	mannWhitney       stats.MannWhitney
	wErr, pErr, mwErr error
}

// tested runs p's tests on groups of at least k.
func (p *prePostPair) tested(k int) {
	for _, l := range slices.Sorted(maps.Keys(p.pre)) {
		if v, ok := p.post[l]; ok {
			p.x, p.y = append(p.x, p.pre[l]), append(p.y, v)
		}
	}
	if len(p.x) >= k {
		p.wilcoxon, p.wErr = stats.WilcoxonTest(p.y, p.x)
		p.paired, p.pErr = stats.PairedTest(p.y, p.x)
	}
	p.preAll, p.postAll = values(p.pre), values(p.post)
	if len(p.preAll) >= k && len(p.postAll) >= k {
		p.mannWhitney, p.mwErr = stats.MannWhitneyTest(p.postAll, p.preAll)
	}
}

// prepareComparisons scores the pairs of every pre/post comparison, so
// the comparisons step, which runs after the lanes, finds them made.
func (c *computer) prepareComparisons() {
	for i, cmp := range c.s.Comparisons {
		if cmp.Kind == "pre-post" {
			c.prePostPairs(i)
		}
	}
}

// prePostPairs returns the pairs of the i-th comparison of the study, a
// pre/post one, scored once for every run (scorePairs).
func (c *computer) prePostPairs(i int) []prePostPair {
	c.lazy.Lock()
	pairs, ok := c.prePost[i]
	c.lazy.Unlock()
	if ok {
		return pairs
	}
	pairs = c.scorePairs(c.s.Comparisons[i])
	for j := range pairs {
		pairs[j].tested(c.k)
	}
	c.lazy.Lock()
	defer c.lazy.Unlock()
	if c.prePost == nil {
		c.prePost = map[int][]prePostPair{}
	}
	c.prePost[i] = pairs
	return pairs
}

// scorePairs scores the comparison's item pairs, then every scale both
// surveys measure, from each learner's first response to either survey.
func (c *computer) scorePairs(cmp study.Comparison) []prePostPair {
	preSv, _ := surveyOf(c.s, cmp.Course, cmp.Pre)
	postSv, _ := surveyOf(c.s, cmp.Course, cmp.Post)
	preR, postR := c.firstResponses(cmp.Course, cmp.Pre), c.firstResponses(cmp.Course, cmp.Post)
	var pairs []prePostPair
	for _, p := range cmp.Pairs {
		pairs = append(pairs, prePostPair{id: p.ID(), label: questionLabel(postSv, p.Post), pre: c.itemScores(preSv, p.Pre, preR), post: c.itemScores(postSv, p.Post, postR),
			levelWithheld: c.itemLevelWithheld(preSv, p.Pre) || c.itemLevelWithheld(postSv, p.Post)})
	}
	for _, sc := range scaleNames(c.s) {
		spec := c.s.Scales[sc]
		if len(spec.Items[cmp.Pre]) > 0 && len(spec.Items[cmp.Post]) > 0 {
			pairs = append(pairs, prePostPair{id: "scale-" + sc, label: "scale score: " + sc, pre: c.scaleScores(preSv, sc, preR), post: c.scaleScores(postSv, sc, postR)})
		}
	}
	return pairs
}

// pairedTests tests each pair over the learners who answered both
// surveys: a Wilcoxon signed-rank test and a paired t-test, withheld
// under k matched learners.
func (c *computer) pairedTests(cmp study.Comparison, pairs []prePostPair) {
	name := c.courseName(cmp.Course)
	base := cmp.Course + "." + cmp.Pre + "-" + cmp.Post
	def := fmt.Sprintf("Learners linked to a response in both the %q and the %q survey of %s (their first response in each), with an answer on the scale to both items; answers scored 1 to the number of scale points, scale scores the mean of the scale's items.", cmp.Pre, cmp.Post, name)
	for _, p := range pairs {
		x, y := p.x, p.y
		what := fmt.Sprintf("%s %s vs %s: %s", name, cmp.Pre, cmp.Post, p.label)
		w := &testResult{id: base + "." + p.id + ".wilcoxon", course: cmp.Course, family: name + " " + cmp.Pre + "/" + cmp.Post + ": Wilcoxon", kind: familyWilcoxon, comparison: what, n: len(x), test: "Wilcoxon signed-rank test",
			def: def + " Wilcoxon signed-rank test (post against pre, zero differences dropped) with r = z/√N, positive when post is higher."}
		t := &testResult{id: base + "." + p.id + ".paired-t", course: cmp.Course, family: name + " " + cmp.Pre + "/" + cmp.Post + ": paired t", kind: familyPaired, comparison: what, n: len(x), test: "paired t-test",
			def: def + " Paired t-test (post − pre) with Cohen's d_z."}
		c.results = append(c.results, w, t)
		t.pre, t.post = x, y
		if len(x) < c.k {
			for _, r := range []*testResult{w, t} {
				r.withheld, r.why = true, fmt.Sprintf("fewer than %d matched learners", c.k)
			}
			continue
		}
		if res, err := p.wilcoxon, p.wErr; err != nil {
			w.why = errReason(err)
		} else {
			w.ok, w.test, w.p = true, "Wilcoxon signed-rank test", res.P
			w.effect, w.effectSize, w.apa = "r = "+stats.FormatBounded(res.R, 2), res.R, res.APA()
			w.parts = &report.TestResult{Name: w.test, Statistic: "W", Value: number(res.W), Z: number(res.Z), P: res.P, Effect: "r", EffectValue: number(res.R), N: []int{len(x)}}
		}
		if res, err := p.paired, p.pErr; err != nil {
			t.why = errReason(err)
		} else {
			t.ok, t.test, t.p = true, "paired t-test", res.P
			t.effect, t.effectSize, t.apa = "dz = "+stats.FormatNumber(res.DZ, 2), res.DZ, res.APA()
			t.parts = &report.TestResult{Name: t.test, Statistic: "t", Value: number(res.T), DF: []float64{float64(res.DF)}, P: res.P, Effect: "dz", EffectValue: number(res.DZ), N: []int{res.N}}
		}
	}
}

// unmatchedTests compares each pair's two surveys as independent groups:
// every linked respondent of each survey, so learners who answered only
// one of the two count too.
func (c *computer) unmatchedTests(cmp study.Comparison, pairs []prePostPair) {
	name := c.courseName(cmp.Course)
	base := cmp.Course + "." + cmp.Pre + "-" + cmp.Post
	for _, p := range pairs {
		pre, post := p.preAll, p.postAll
		what := fmt.Sprintf("%s %s vs %s (all respondents): %s", name, cmp.Pre, cmp.Post, p.label)
		r := &testResult{id: base + "." + p.id + ".mann-whitney", course: cmp.Course, family: name + " " + cmp.Pre + "/" + cmp.Post + ": Mann–Whitney", kind: familyUnmatched, comparison: what, n: len(pre) + len(post), test: "Mann–Whitney U test",
			def: fmt.Sprintf("Every linked learner's first response to the %q and to the %q survey of %s, as independent groups: Mann–Whitney U test (post against pre) with the rank-biserial r, positive when post is higher.", cmp.Pre, cmp.Post, name)}
		c.results = append(c.results, r)
		if len(pre) < c.k || len(post) < c.k {
			r.withheld, r.why = true, fmt.Sprintf("a group has fewer than %d respondents", c.k)
			continue
		}
		if p.levelWithheld {
			r.withheld, r.secondary, r.why = true, true, "an answer level of the item is withheld, and U would reveal it"
			continue
		}
		mw, err := p.mannWhitney, p.mwErr
		if err != nil {
			r.why = errReason(err)
			continue
		}
		r.ok, r.p = true, mw.P
		r.effect, r.effectSize, r.apa = "r = "+stats.FormatBounded(mw.R, 2), mw.R, mw.APA()
		r.parts = mannWhitneyParts(r.test, mw)
	}
}

// effectCell shows an effect size, with the number behind it when it has
// one (an infinite odds ratio has none).
func effectCell(text string, parts *report.TestResult) report.Cell {
	if parts == nil || parts.EffectValue == nil {
		return textCell(text)
	}
	return numCell(text, *parts.EffectValue)
}

// mannWhitneyParts is a Mann–Whitney test's numbers.
func mannWhitneyParts(name string, mw stats.MannWhitney) *report.TestResult {
	return &report.TestResult{Name: name, Statistic: "U", Value: number(mw.U), Z: number(mw.Z), P: mw.P, Effect: "r", EffectValue: number(mw.R), N: []int{mw.N1, mw.N2}}
}

// groupSizes sums a categories × 2 table's columns: the two groups' sizes.
func groupSizes(table [][]int) []int {
	n := []int{0, 0}
	for _, row := range table {
		n[0] += row[0]
		n[1] += row[1]
	}
	return n
}

// number is v for measures.json, or nil when JSON cannot write it (NaN,
// ±Inf): the field is then left out rather than given a false value.
func number(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// values lists a learner → score map's scores in learner order.
func values(m map[string]float64) []float64 {
	var out []float64
	for _, l := range slices.Sorted(maps.Keys(m)) {
		out = append(out, m[l])
	}
	return out
}

// sum adds up x.
func sum(x []int) int {
	n := 0
	for _, v := range x {
		n += v
	}
	return n
}

// pCell shows a p-value as APA writes it after "p": "= .015" becomes
// ".015"; "< .001" and "> .999" keep their sign.
func pCell(p float64) report.Cell {
	return numCell(strings.TrimPrefix(strings.TrimPrefix(stats.FormatP(p), "p "), "= "), p)
}

// withheldKind is how r is withheld: "" when it is shown.
func (r *testResult) withheldKind() report.Withheld {
	switch {
	case !r.withheld:
		return ""
	case r.secondary:
		return report.WithheldSecondary
	}
	return report.WithheldPrimary
}

// comparisonsSection is the Comparisons section: the introduction, the
// charts (see comparisoncharts.go), so the pictures come before the full
// list of numbers they show, then the table of every test.
func (c *computer) comparisonsSection() []report.Block {
	return c.place("comparisons-intro", "comparison-charts", "comparisons-results")
}
