package measures

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/stats"
)

// outcome is one test of a family as the findings read it: from its
// measure's test parts, never from the test run, so a result disclosure
// control withheld after the test is worded as withheld.
type outcome struct {
	r      *testResult
	label  string // what was tested, as the comparisons table names it
	tested bool   // the measure has a test result
	why    string // when !tested: withheld or not computable, and why
	sig    bool   // Holm-adjusted p < α
	dir    int    // sign of the effect: +1 study (or post) higher, −1 lower, 0 none
	p      float64
	test   string // the test's name, from its measure
	effect string // "Δ = .09", "" when there is no finite effect size
	value  float64
	n      []int
}

// readOutcome reads r's measure.
func readOutcome(r *testResult, byID map[string]*report.Measure) outcome {
	_, label, _ := strings.Cut(r.comparison, ": ")
	o := outcome{r: r, label: label}
	m := byID[r.id]
	switch {
	case m == nil:
		o.why = "not available"
		return o
	case m.Withheld != "":
		o.why = "withheld: " + r.why
		if r.why == "" {
			o.why = "withheld"
		}
		return o
	case m.Test == nil:
		o.why = "not computable"
		if r.why != "" {
			o.why += ": " + r.why
		}
		return o
	}
	t := m.Test
	o.tested, o.p, o.n, o.test = true, t.P, t.N, t.Name
	if t.PHolm != nil {
		o.p = *t.PHolm
	}
	o.sig = o.p < alpha
	if t.EffectValue != nil {
		o.value = *t.EffectValue
		o.effect = t.Effect + " = " + formatEffect(t.Effect, o.value)
		if o.value > 0 {
			o.dir = 1
		} else if o.value < 0 {
			o.dir = -1
		}
	}
	return o
}

// formatEffect writes an effect size as APA does: bounded ones (r, V, Δ,
// ρ) without a leading zero.
func formatEffect(symbol string, v float64) string {
	switch symbol {
	case "r", "V", "Δ", "ρ":
		return stats.FormatBounded(v, 2)
	}
	return stats.FormatNumber(v, 2)
}

// familySentence words one family's finding; "" for a family it has no
// wording for.
func familySentence(f *family, byID map[string]*report.Measure) string {
	var os []outcome
	for _, r := range f.tests {
		os = append(os, readOutcome(r, byID))
	}
	if len(os) == 0 {
		return ""
	}
	switch f.kind {
	case familyProfile:
		return profileSentence(os)
	case familyOutcomes:
		return outcomesSentence(os)
	case familyWeekly:
		return weeklySentence(os)
	case familyPaired:
		var ws []outcome
		for _, r := range f.paired {
			ws = append(ws, readOutcome(r, byID))
		}
		return pairedSentence(os, ws)
	}
	return ""
}

// courses returns the study and baseline course names of a two-course
// comparison ("EAT101x vs SUS201x: …").
func courses(o outcome) (string, string) {
	pair, _, _ := strings.Cut(o.r.comparison, ": ")
	s, b, _ := strings.Cut(pair, " vs ")
	return s, b
}

// split sorts a family's outcomes: significant with a positive effect,
// significant with a negative one, not significant, not tested. A
// significant outcome without a finite effect size has no direction to
// word; it joins the untested ones, saying so (the comparisons table has
// its numbers).
func split(os []outcome) (higher, lower, same, untested []outcome) {
	for _, o := range os {
		switch {
		case !o.tested:
			untested = append(untested, o)
		case !o.sig:
			same = append(same, o)
		case o.dir > 0:
			higher = append(higher, o)
		case o.dir < 0:
			lower = append(lower, o)
		default:
			o.why = stats.FormatP(o.p) + ", direction not given by an effect size"
			untested = append(untested, o)
		}
	}
	return
}

// profileSentence: the learners of two courses differ in …, but not
// detectably in …. Tests of independence have no direction.
func profileSentence(os []outcome) string {
	s, b := courses(os[0])
	var sig, same, untested []outcome
	for _, o := range os {
		switch {
		case !o.tested:
			untested = append(untested, o)
		case o.sig:
			sig = append(sig, o)
		default:
			same = append(same, o)
		}
	}
	item := func(withEffect bool) func(o outcome) string {
		return func(o outcome) string {
			if withEffect && o.effect != "" {
				return fmt.Sprintf("%s (%s, %s)", o.label, o.effect, stats.FormatP(o.p))
			}
			return fmt.Sprintf("%s (%s)", o.label, stats.FormatP(o.p))
		}
	}
	var parts []string
	if len(sig) > 0 {
		parts = append(parts, "differ in "+list(sig, item(true)))
	}
	if len(same) > 0 {
		w := "do not differ detectably in "
		if len(sig) > 0 {
			w = "but not detectably in "
		}
		parts = append(parts, w+listOr(same, item(false)))
	}
	lead := fmt.Sprintf("The learners of %s and %s ", s, b)
	if len(parts) == 0 {
		return lead + "could not be compared: " + list(untested, untestedItem) + "."
	}
	out := lead + strings.Join(parts, ", ")
	if len(untested) > 0 {
		out += "; not tested: " + list(untested, untestedItem)
	}
	return out + " (" + testNames(os) + "; p Holm-adjusted)."
}

// outcomesSentence: X and Y were higher in the study course than in the
// baseline, Z lower, W not detectably different.
func outcomesSentence(os []outcome) string {
	s, b := courses(os[0])
	higher, lower, same, untested := split(os)
	item := func(o outcome) string {
		if o.effect == "" {
			return fmt.Sprintf("%s (%s)", o.label, stats.FormatP(o.p))
		}
		return fmt.Sprintf("%s (%s, %s)", o.label, o.effect, stats.FormatP(o.p))
	}
	var parts []string
	for _, g := range []struct {
		os   []outcome
		verb string
	}{{higher, "higher"}, {lower, "lower"}} {
		if len(g.os) > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %s in %s than in %s", list(g.os, item), were(g.os), g.verb, s, b))
		}
	}
	if len(same) > 0 {
		parts = append(parts, fmt.Sprintf("%s did not differ detectably", list(same, item)))
	}
	if len(untested) > 0 {
		parts = append(parts, "not tested: "+list(untested, untestedItem))
	}
	if len(higher)+len(lower)+len(same) == 0 {
		return fmt.Sprintf("The outcomes of %s and %s could not be compared: %s.", s, b, list(untested, untestedItem))
	}
	return capitalise(strings.Join(parts, "; ")) + " (" + testNames(os) + "; p Holm-adjusted)."
}

// weeklySentence: the weekly active share was higher in the study course
// in k of n weeks, with the weeks, p bounds and the range of Δ.
func weeklySentence(os []outcome) string {
	s, b := courses(os[0])
	higher, lower, same, untested := split(os)
	n := len(os)
	tested := len(os) - len(untested)
	if tested == 0 {
		return fmt.Sprintf("The weekly active shares of %s and %s could not be compared: %s.", s, b, list(untested, untestedItem))
	}
	const subject = "The share of enrolled learners who were active was "
	rng := effectRange(os)
	switch {
	case len(higher) == n || len(lower) == n:
		g, verb := higher, "higher"
		if len(lower) == n {
			g, verb = lower, "lower"
		}
		return fmt.Sprintf("%s%s in %s than in %s in every course week (two-proportion z-tests, Holm-adjusted %s in all %d weeks%s).", subject, verb, s, b, sigBound(g), n, rng)
	case len(same) == n:
		return fmt.Sprintf("%snot detectably different between %s and %s in any of the %d course weeks (two-proportion z-tests, Holm-adjusted %s%s).", subject, s, b, n, nsBound(same), rng)
	}
	var parts []string
	if len(higher) > 0 {
		parts = append(parts, fmt.Sprintf("higher in %s than in %s in %d of %d weeks (%s, Holm-adjusted %s)", s, b, len(higher), n, weeks(higher), sigBound(higher)))
	}
	if len(lower) > 0 {
		parts = append(parts, fmt.Sprintf("lower in %s than in %s in %d of %d weeks (%s, Holm-adjusted %s)", s, b, len(lower), n, weeks(lower), sigBound(lower)))
	}
	if len(same) > 0 {
		parts = append(parts, fmt.Sprintf("not detectably different in %d of %d weeks (%s, %s)", len(same), n, weeks(same), nsBound(same)))
	}
	if len(untested) > 0 {
		parts = append(parts, fmt.Sprintf("not tested in %d of %d weeks (%s: %s)", len(untested), n, weeks(untested), untested[0].why))
	}
	return subject + strings.Join(parts, "; ") + " (two-proportion z-tests" + rng + ")."
}

// pairedSentence: matched learners' answers were higher after the course
// on k of n items, with the paired t-tests' bounds, the range of dz and
// whether the Wilcoxon signed-rank tests agree.
func pairedSentence(os, ws []outcome) string {
	course, _, _ := strings.Cut(os[0].r.comparison, " ")
	higher, lower, same, untested := split(os)
	n := len(os)
	what := func(k int) string {
		if k == n && n > 1 {
			return fmt.Sprintf("all %d paired questions and scales", n)
		}
		if k == n {
			return "the paired question"
		}
		return fmt.Sprintf("%d of %d paired questions and scales", k, n)
	}
	names := func(g []outcome) string {
		if len(g) == n {
			return ""
		}
		return list(g, func(o outcome) string { return "“" + o.label + "”" })
	}
	if len(untested) == n {
		return fmt.Sprintf("In %s, the pre/post change could not be tested: %s.", course, list(untested, untestedItem))
	}
	type clause struct {
		g     []outcome
		words string
		bound string
	}
	var cs []clause
	for _, c := range []clause{
		{higher, "higher after the course than before on ", ""},
		{lower, "lower after the course than before on ", ""},
		{same, "not detectably different on ", ""},
		{untested, "not tested on ", ""},
	} {
		if len(c.g) == 0 {
			continue
		}
		switch {
		case c.words == "not tested on ":
		case c.words == "not detectably different on ":
			c.bound = nsBound(c.g)
		default:
			c.bound = "Holm-adjusted " + sigBound(c.g)
		}
		cs = append(cs, c)
	}
	tail := "paired t-tests"
	if len(cs) == 1 {
		tail += ", " + cs[0].bound
	}
	tail += effectRange(os) + pairRange(os)
	var parts []string
	for _, c := range cs {
		var inner []string
		if nm := names(c.g); nm != "" {
			inner = append(inner, nm)
		}
		if len(cs) > 1 && c.bound != "" {
			inner = append(inner, c.bound)
		}
		p := c.words + what(len(c.g))
		if len(inner) > 0 {
			p += " (" + strings.Join(inner, "; ") + ")"
		}
		parts = append(parts, p)
	}
	out := fmt.Sprintf("In %s, matched learners' answers were %s (%s)", course, strings.Join(parts, "; "), tail)
	if agree := wilcoxonAgreement(os, ws); agree != "" {
		out += "; " + agree
	}
	return out + "."
}

// wilcoxonAgreement says whether the Wilcoxon signed-rank tests of the
// same pairs reach the same conclusions as the paired t-tests.
func wilcoxonAgreement(ts, ws []outcome) string {
	byBase := map[string]outcome{}
	for _, w := range ws {
		byBase[strings.TrimSuffix(w.r.id, ".wilcoxon")] = w
	}
	var differ []outcome
	compared := 0
	for _, t := range ts {
		w, ok := byBase[strings.TrimSuffix(t.r.id, ".paired-t")]
		if !ok || !w.tested || !t.tested {
			continue
		}
		compared++
		if w.sig != t.sig || (t.sig && w.dir != t.dir) {
			differ = append(differ, t)
		}
	}
	switch {
	case compared == 0:
		return ""
	case len(differ) == 0:
		return "the Wilcoxon signed-rank tests agree"
	}
	return "the Wilcoxon signed-rank test differs on " + list(differ, func(o outcome) string { return "“" + o.label + "”" })
}

// sigBound is the largest p of significant outcomes: "p < .001" or
// "p ≤ .012" (or "p = .012" for one).
func sigBound(g []outcome) string {
	hi := 0.0
	for _, o := range g {
		hi = math.Max(hi, o.p)
	}
	if hi < 0.001 || len(g) == 1 {
		return stats.FormatP(hi)
	}
	return "p ≤ " + stats.FormatBounded(hi, 3)
}

// nsBound is the smallest p of outcomes that are not significant:
// "p ≥ .210" (or "p = .210" for one).
func nsBound(g []outcome) string {
	lo := 1.0
	for _, o := range g {
		lo = math.Min(lo, o.p)
	}
	if len(g) == 1 || lo >= 0.9995 {
		return stats.FormatP(lo)
	}
	return "p ≥ " + stats.FormatBounded(lo, 3)
}

// effectRange is "; Δ = .12 to .21" over the tested outcomes, "" when
// they have no common effect size.
func effectRange(os []outcome) string {
	sym := ""
	var vals []float64
	for _, o := range os {
		if !o.tested || o.effect == "" {
			continue
		}
		s, _, _ := strings.Cut(o.effect, " = ")
		if sym != "" && s != sym {
			return ""
		}
		sym = s
		vals = append(vals, o.value)
	}
	if len(vals) == 0 {
		return ""
	}
	lo, hi := slices.Min(vals), slices.Max(vals)
	if formatEffect(sym, lo) == formatEffect(sym, hi) {
		return "; " + sym + " = " + formatEffect(sym, lo)
	}
	return "; " + sym + " = " + formatEffect(sym, lo) + " to " + formatEffect(sym, hi)
}

// pairRange is "; 230 to 234 pairs" over the tested paired outcomes.
func pairRange(os []outcome) string {
	lo, hi := math.MaxInt, 0
	for _, o := range os {
		if o.tested && len(o.n) > 0 {
			lo, hi = min(lo, o.n[0]), max(hi, o.n[0])
		}
	}
	switch {
	case hi == 0:
		return ""
	case lo == hi:
		return "; " + formatInt(lo) + " pairs"
	}
	return "; " + formatInt(lo) + " to " + formatInt(hi) + " pairs"
}

// weeks names the course weeks of weekly outcomes, runs joined: "weeks
// 1–3 and 6", "week 4".
func weeks(g []outcome) string {
	var ws []int
	for _, o := range g {
		_, w, _ := strings.Cut(o.r.id, ".active.w")
		if n, err := strconv.Atoi(w); err == nil {
			ws = append(ws, n)
		}
	}
	slices.Sort(ws)
	var runs []string
	for i := 0; i < len(ws); {
		j := i
		for j+1 < len(ws) && ws[j+1] == ws[j]+1 {
			j++
		}
		if j > i {
			runs = append(runs, fmt.Sprintf("%d–%d", ws[i], ws[j]))
		} else {
			runs = append(runs, strconv.Itoa(ws[i]))
		}
		i = j + 1
	}
	word := "weeks "
	if len(ws) == 1 {
		word = "week "
	}
	return word + joinAnd(runs)
}

// testNames lists the distinct tests of a family, in order, in the
// plural where the family ran one more than once ("two-proportion
// z-tests").
func testNames(os []outcome) string {
	var names []string
	count := map[string]int{}
	for _, o := range os {
		if !o.tested {
			continue
		}
		if count[o.test] == 0 {
			names = append(names, o.test)
		}
		count[o.test]++
	}
	for i, n := range names {
		if count[n] > 1 {
			names[i] = strings.Replace(n, "test", "tests", 1)
		}
	}
	return joinAnd(names)
}

// untestedItem names an untested outcome with the reason it was not tested.
func untestedItem(o outcome) string { return o.label + " (" + o.why + ")" }

// list joins the outcomes' words: "a", "a and b", "a, b and c".
func list(g []outcome, word func(outcome) string) string {
	ws := make([]string, len(g))
	for i, o := range g {
		ws[i] = word(o)
	}
	return joinAnd(ws)
}

// listOr joins the outcomes' words with "or", for a negated list.
func listOr(g []outcome, word func(outcome) string) string {
	s := list(g, word)
	if i := strings.LastIndex(s, " and "); i >= 0 && len(g) > 1 {
		s = s[:i] + " or " + s[i+len(" and "):]
	}
	return s
}

// were is "was" for one outcome and "were" for several.
func were(g []outcome) string {
	if len(g) == 1 {
		return "was"
	}
	return "were"
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
