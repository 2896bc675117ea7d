package measures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// Titles of the paragraphs of Methods and definitions that tables and
// figures link to (report.Table.DefinedIn) instead of repeating them. At
// most four words each: the link "See “…” in Methods." then stays a
// short cross-reference, which may stand under several blocks of a page.
const (
	activeTerm      = "Active learners"
	passingTerm     = "Passing and certificates"
	surveysTerm     = "Surveys"
	retentionTerm   = "Retention"
	funnelTerm      = "Engagement funnel"
	scalesTerm      = "Scales"
	comparisonsTerm = "Comparisons"
	freeTextTerm    = "Free-text answers"
	kindsTerm       = "Kinds of activity"
	intensityTerm   = "Activity per learner"
	timeTerm        = "Time on task"
	assessmentsTerm = "Assessments"
)

// methods writes out the definitions actually used, from the configuration.
func (c *computer) methods() error {
	var md strings.Builder
	md.WriteString("This section defines every measure in the report, with the settings this build used.\n\n")
	md.WriteString("**Courses.** ")
	for i, co := range c.s.Courses {
		if i > 0 {
			md.WriteString("; ")
		}
		fmt.Fprintf(&md, "%s (%s, %s course), starting %s, %d weeks, pass mark %.0f %%", co.Name, co.CourseID, co.Role, co.Start.Format("2 January 2006"), co.Weeks, 100*co.PassMark)
	}
	md.WriteString(".\n\n")
	fmt.Fprintf(&md, "**Learners.** %s\n\n", "Every learner in a course's learner list ("+c.bySource("the enrolled-learner profile", "the student information table")+") counts as enrolled. Learner identities are replaced by keyed pseudonyms (HMAC-SHA-256) when the raw files are read; no later step sees a name, username, e-mail address or IP address.")
	if len(c.activityCourses()) > 0 {
		fmt.Fprintf(&md, "**%s.** %s\n\n", activeTerm, c.activeDef())
	}
	withdrawals, results := false, false
	for _, l := range c.ds.Learners {
		withdrawals = withdrawals || !l.Unenrolled.IsZero() || !l.Enrolled.IsZero()
	}
	for _, g := range c.ds.Grades {
		results = results || g.Result != ""
	}
	if withdrawals {
		fmt.Fprintf(&md, "**Registrations and withdrawals.** %s\n\n", c.withdrawDefinition())
	}
	if results {
		md.WriteString("**Final results.** The final result the platform recorded for each learner, as a share of learners with a recorded result.\n\n")
	}
	if len(c.gradedCourses()) > 0 {
		md.WriteString("**" + passingTerm + ".** A learner passed when their final grade in the edX grade report is at least the course's pass mark. The pass rate is passed learners over all learners in the grade report, with a 95 % Wilson score interval. A certificate counts only when the grade report says it was delivered.\n\n")
	}
	if len(c.s.Surveys) > 0 {
		fmt.Fprintf(&md, "**%s.** %s %s %s %s\n\n", surveysTerm, responseDefinition, activeResponseDefinition, likertDefinition, itemsDefinition)
	}
	c.researchDefinitions(&md)
	if c.s.Privacy.PublishText {
		fmt.Fprintf(&md, "**%s.** %s\n\n", freeTextTerm, freeTextDefinition)
	}
	fmt.Fprintf(&md, "**Disclosure control.** Every published count of learners under %d is withheld and shown as %s, as is every share computed from such a count and every statistic of a group under %d; about a group under %d nothing is published, not even a zero. Suppression is decided for all published numbers together: wherever a withheld value could be worked out, or narrowed to fewer possible values than %s leaves, from published totals, differences or other tables (a total and its parts, ever registered and still registered, linked responses and respondents), a further value is withheld and shown as %s, whatever its size, and a value withheld in one table is withheld wherever else it appears or could be worked out. When a level of a Likert item is withheld, the item's mean, SD, median, IQR, agree and disagree shares and its pre/post Mann–Whitney test are withheld too. Every build then checks, by linear programming over all published counts and the relations between them, that no withheld count can be worked out exactly, and fails if one can. Category values that are not in their field's code list or among a question's listed options (and answers fewer than %d gave, where it lists none) are counted as \"Other (not listed)\" and never written out. %s\n", c.k, c.lessThanK(), c.k, c.k, c.lessThanK(), report.SecondaryMark, c.k, freeTextPolicy(c.s.Privacy.PublishText))
	c.part("methods", report.Block{Markdown: md.String()})
	return nil
}

// freeTextPolicy states what happens to free-text answers in this build.
func freeTextPolicy(publish bool) string {
	if publish {
		return "Free-text survey answers are published, by the study's choice, with e-mail addresses, URLs, phone numbers and learners' names and usernames redacted as they were read; groups of answers under the minimum cell size are withheld."
	}
	return "Free-text survey answers are never published."
}

// researchDefinitions writes out the definitions of the research measures with
// the configuration this build used: the scales and their items, the
// exploration threshold, every declared comparison and the conventions of
// its tests.
func (c *computer) researchDefinitions(md *strings.Builder) {
	if len(c.activityCourses()) > 0 { // definitions of what the report has data for
		fmt.Fprintf(md, "**%s.** %s\n\n", kindsTerm, kindsInWords)
		fmt.Fprintf(md, "**%s.** %s\n\n", intensityTerm, intensityDefinition)
		fmt.Fprintf(md, "**%s.** %s\n\n", timeTerm, timeDefinition)
		fmt.Fprintf(md, "**%s.** %s\n\n**%s.** %s\n\n", retentionTerm, retentionDefinition, funnelTerm, c.funnelDefinition())
	}
	if len(c.gradedCourses()) > 0 {
		grade := ""
		if len(c.activityCourses()) > 0 {
			grade = " " + activityGradeDefinition
		}
		fmt.Fprintf(md, "**%s.** %s %s%s\n\n", assessmentsTerm, assessmentsDefinition, problemsDefinition, grade)
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
		fmt.Fprintf(md, "**%s.** Declared scales: %s. %s\n\n", scalesTerm, strings.Join(scales, "; "), scalesDefinition)
	}
	if l := c.linkageDefinition(); l != "" {
		fmt.Fprintf(md, "**Survey linkage.** %s\n\n", l)
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
	fmt.Fprintf(md, "**Statistical conventions.** %s\n\n", conventionsDefinition)
	fmt.Fprintf(md, "**"+comparisonsTerm+".** Declared comparisons: %s. A comparison of two courses tests each learner-profile table with Pearson's χ² test of independence without continuity correction and Cramér's V (Fisher's exact test with the sample odds ratio when the table is 2×2 and an expected count is under 5); the pass rate, the verified share and the active share of each course week with the two-proportion z-test (pooled standard error) and the difference with its 95 %% Wald interval; events per active learner with the Mann–Whitney U test (normal approximation with tie and continuity correction) and the rank-biserial correlation. A pre/post comparison uses learners matched across the two surveys: the Wilcoxon signed-rank test (zero differences dropped, normal approximation) with r = z/√N, and the paired t-test with Cohen's d_z. %s\n\n", strings.Join(cmps, "; "), comparisonsDefinition)
}

// linkageDefinition says how each survey's responses were linked to learners;
// a build stops before this when a linked survey matched fewer than half its
// finished responses.
func (c *computer) linkageDefinition() string {
	var parts []string
	for _, sv := range c.s.Surveys {
		what := fmt.Sprintf("the %q survey of %s", sv.Key, c.courseName(sv.Course))
		if !sv.IsLinked() {
			parts = append(parts, what+" is not linked to learners, by the study's design")
			continue
		}
		parts = append(parts, what+" by "+linkWords[sv.IDType])
	}
	if len(parts) == 0 {
		return ""
	}
	return "Survey responses are linked to learners through an identifier the survey recorded: " + strings.Join(parts, "; ") +
		". A response whose identifier matches no learner of the course is kept, unlinked, in the item summaries; at least half of each linked survey's finished responses matched a learner."
}

// conventionsDefinition states the conventions of the statistical tests
// that textbooks and packages do not agree on, so a reader can reproduce
// every number: zero differences, continuity and tie corrections, the N of
// an effect size, "Not stated" in χ² tables, and how p-values are computed.
const conventionsDefinition = "All tests are two-sided. " +
	"The Wilcoxon signed-rank test drops the pairs whose difference is zero before ranking (Wilcoxon's original method, which R's wilcox.test and SciPy also use) and uses the normal approximation at every sample size, without continuity correction (SciPy's default; R applies one by default); its effect size r = z/√N takes N as the number of pairs with a non-zero difference, the pairs the test used. " +
	"The Mann–Whitney U test uses the normal approximation with a continuity correction of one half towards the null; its effect size, the rank-biserial correlation 2U/(n₁n₂) − 1, needs no N. " +
	"Tied values share their average rank in both rank tests and in Spearman's ρ, and the variances of both rank tests are corrected for ties: Mann–Whitney n₁n₂/12 · (N + 1 − Σ(t³ − t)/(N(N − 1))) with N = n₁ + n₂, Wilcoxon n(n + 1)(2n + 1)/24 − Σ(t³ − t)/48, where t runs over the sizes of the groups of tied values; paired differences are compared to 12 significant digits, so that rounding in the arithmetic does not split ties present in the answers. " +
	"In the χ² tests of learner-profile tables, \"Not stated\" is a category of its own, tested like the others: a difference in how often learners left a field empty is a difference between the courses; it is pooled with the other small categories when the published table withholds one of its cells. χ² tests carry no continuity correction, also for 2×2 tables, so that χ² equals the square of the two-proportion z, which uses the pooled standard error. " +
	"p-values come from the tail functions of the normal (the complementary error function), t and χ² distributions (the incomplete beta and gamma functions) evaluated directly, never as one minus the distribution function, so they are exact to about twelve significant digits however small they are; the report prints them to three decimals and below .001 as \"p < .001\", and the downloadable measures file keeps them in full. A p-value below 2.2 × 10⁻³⁰⁸, which a computer's floating-point numbers cannot hold, is recorded as 2.2 × 10⁻³⁰⁸, an upper bound; no computed p-value is recorded as 0."

// linkWords says in a reader's words what a survey's learner id holds.
var linkWords = map[string]string{
	"":          "the learner's edX username",
	"username":  "the learner's edX username",
	"user_id":   "the learner's numeric edX user id",
	"email":     "the learner's e-mail address in the learner profile",
	"anonymous": "the learner's edX anonymized user id, mapped to the learner through the course's list of anonymized ids",
}

// methodsSection is the Methods and definitions section.
func (c *computer) methodsSection() []report.Block { return c.place("methods") }
