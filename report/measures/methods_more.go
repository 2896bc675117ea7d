package measures

import (
	"fmt"
	"sort"
	"strings"
)

// methodsMore writes out the definitions of the research measures with
// the configuration this build used: the scales and their items, the
// exploration threshold and every declared comparison.
func (c *computer) methodsMore(md *strings.Builder) {
	if len(c.activityCourses()) > 0 { // definitions of what the report has data for
		fmt.Fprintf(md, "**Activity per learner.** %s\n\n", intensityDefinition)
		fmt.Fprintf(md, "**Time on task.** %s\n\n", timeDefinition)
		fmt.Fprintf(md, "**Retention and engagement funnel.** %s %s\n\n", retentionDefinition, c.funnelDefinition())
	}
	if len(c.gradedCourses()) > 0 {
		grade := ""
		if len(c.activityCourses()) > 0 {
			grade = " " + activityGradeDefinition
		}
		fmt.Fprintf(md, "**Assessments.** %s %s%s\n\n", assessmentsDefinition, problemsDefinition, grade)
	}
	var scales []string
	for _, name := range scaleNames(c.s) {
		sc := c.s.Scales[name]
		if len(sc.Items) == 0 {
			continue
		}
		var insts []string
		for inst := range sc.Items {
			insts = append(insts, inst)
		}
		sort.Strings(insts)
		var parts []string
		for _, inst := range insts {
			parts = append(parts, fmt.Sprintf("%s in the %q survey", strings.Join(sc.Items[inst], ", "), inst))
		}
		d := fmt.Sprintf("%q: items %s", name, strings.Join(parts, "; "))
		if len(sc.Reverse) > 0 {
			d += ", reverse-coded " + strings.Join(sc.Reverse, ", ")
		}
		scales = append(scales, d)
	}
	if len(scales) > 0 {
		fmt.Fprintf(md, "**Scales.** Declared scales: %s. %s\n\n", strings.Join(scales, "; "), scalesDefinition)
	}
	if len(c.s.Comparisons) == 0 {
		return
	}
	var cmps []string
	for _, cmp := range c.s.Comparisons {
		switch cmp.Kind {
		case "courses":
			cmps = append(cmps, fmt.Sprintf("%s (study) against %s (baseline)", c.courseName(cmp.Study), c.courseName(cmp.Baseline)))
		case "pre-post":
			var pairs []string
			for _, p := range cmp.Pairs {
				pairs = append(pairs, p.Pre+"→"+p.Post)
			}
			cmps = append(cmps, fmt.Sprintf("%s, %q against %q survey on items %s and on the scale scores of scales with items in both", c.courseName(cmp.Course), cmp.Pre, cmp.Post, strings.Join(pairs, ", ")))
		}
	}
	fmt.Fprintf(md, "**Comparisons.** Declared comparisons: %s. A comparison of two courses tests each learner-profile table with Pearson's χ² test of independence without continuity correction and Cramér's V (Fisher's exact test with the sample odds ratio when the table is 2×2 and an expected count is under 5); the pass rate, the verified share and the active share of each course week with the two-proportion z-test (pooled standard error) and the difference with its 95 %% Wald interval; events per active learner with the Mann–Whitney U test (normal approximation with tie and continuity correction) and the rank-biserial correlation. A pre/post comparison uses learners matched across the two surveys: the Wilcoxon signed-rank test (zero differences dropped, normal approximation) with r = z/√N, and the paired t-test with Cohen's d_z. %s\n\n", strings.Join(cmps, "; "), comparisonsDefinition)
}
