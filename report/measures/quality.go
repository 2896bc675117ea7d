package measures

import (
	"fmt"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// quality reports everything ingest did not turn into a row, per file and
// reason, so nothing is dropped silently.
func (c *computer) quality() error {
	t := &report.Table{ID: "quality-skipped", Title: "Input not counted, by file and reason", Columns: []string{"File", "Course", "Reason", "Count"}, Detail: true,
		Definition: "Lines, rows or events the readers did not turn into data, with the reason. Counts are of input records, not learners, and each record is counted once: a tracking log read for several courses names no course, and a line of one of those courses does not count as another course's."}
	byReason := map[string]int{}
	skips := append([]report.Skip(nil), c.ds.Skips...)
	sort.Slice(skips, func(i, j int) bool {
		if skips[i].File != skips[j].File {
			return skips[i].File < skips[j].File
		}
		if skips[i].Reason != skips[j].Reason {
			return skips[i].Reason < skips[j].Reason
		}
		return skips[i].Course < skips[j].Course
	})
	for _, s := range skips {
		byReason[s.Reason] += s.Count
		course := ""
		if s.Course != "" {
			course = c.courseName(s.Course)
		}
		t.Rows = append(t.Rows, []report.Cell{textCell(s.File), textCell(course), textCell(s.Reason), numCell(formatInt(s.Count), float64(s.Count))})
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	total := 0
	for _, r := range reasons {
		total += byReason[r]
		c.add(report.Measure{ID: "quality.skipped." + slug(r), Label: "Input records not counted: " + r, Value: float64(byReason[r]), N: byReason[r], Unit: "records",
			Definition: t.Definition, Text: formatInt(byReason[r])})
	}
	c.add(report.Measure{ID: "quality.skipped", Label: "Input records not counted", Value: float64(total), N: total, Unit: "records", Definition: t.Definition, Text: formatInt(total)})
	var md strings.Builder
	if absent := c.absentSources(); len(absent) > 0 {
		md.WriteString(strings.Join(absent, " ") + "\n\n")
	}
	fmt.Fprintf(&md, "moocreport read %d input files. ", len(c.ds.Inputs))
	if total == 0 {
		md.WriteString("Every record in them was used.")
		c.section("data-quality", report.Block{Markdown: md.String()})
		return nil
	}
	fmt.Fprintf(&md, "%s records were not counted, for the reasons below; none were dropped without being counted here.", formatInt(total))
	c.section("data-quality", report.Block{Markdown: md.String()}, report.Block{Table: qualitySummary(skips, c.courseName)}, report.Block{Table: t})
	return nil
}

// qualitySummary is the short table a reader sees first: records not
// counted per reason and course, with the number of files they came from.
// skips must be sorted by file.
func qualitySummary(skips []report.Skip, courseName func(string) string) *report.Table {
	type key struct{ reason, course string }
	records, files := map[key]int{}, map[key]int{}
	lastFile := map[key]string{}
	for _, s := range skips {
		k := key{s.Reason, s.Course}
		records[k] += s.Count
		if lastFile[k] != s.File || files[k] == 0 {
			files[k]++
			lastFile[k] = s.File
		}
	}
	keys := make([]key, 0, len(records))
	for k := range records {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].reason != keys[j].reason {
			return keys[i].reason < keys[j].reason
		}
		return keys[i].course < keys[j].course
	})
	t := &report.Table{ID: "quality-summary", Title: "Input not counted, by reason", Columns: []string{"Reason", "Course", "Files", "Records"},
		Definition: "Lines, rows or events the readers did not turn into data, summed over the files they came from; the next table lists them file by file. A record read for several courses and counted for none names no course."}
	for _, k := range keys {
		course := ""
		if k.course != "" {
			course = courseName(k.course)
		}
		t.Rows = append(t.Rows, []report.Cell{textCell(k.reason), textCell(course), numCell(formatInt(files[k]), float64(files[k])), numCell(formatInt(records[k]), float64(records[k]))})
	}
	return t
}

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
	fmt.Fprintf(&md, "**Learners.** %s\n\n", "Every learner in a course's learner profile export (edX: enrolled-learner profile; OULAD: studentInfo) counts as enrolled. Learner identities are replaced by keyed pseudonyms (HMAC-SHA-256) when the raw files are read; no later step sees a name, username, e-mail address or IP address.")
	if len(c.activityCourses()) > 0 {
		fmt.Fprintf(&md, "**Active learners.** %s\n\n", c.activeDef())
	}
	withdrawals, results := false, false
	for _, l := range c.ds.Learners {
		withdrawals = withdrawals || !l.Unenrolled.IsZero() || !l.Enrolled.IsZero()
	}
	for _, g := range c.ds.Grades {
		results = results || g.Result != ""
	}
	if withdrawals {
		fmt.Fprintf(&md, "**Registrations and withdrawals.** %s\n\n", withdrawDefinition)
	}
	if results {
		md.WriteString("**Final results.** The final result the platform recorded for each learner, as a share of learners with a recorded result.\n\n")
	}
	if len(c.gradedCourses()) > 0 {
		md.WriteString("**Passing and certificates.** A learner passed when their final grade in the edX grade report is at least the course's pass mark. The pass rate is passed learners over all learners in the grade report, with a 95 % Wilson score interval. A certificate counts only when the grade report says it was delivered.\n\n")
	}
	if len(c.s.Surveys) > 0 {
		fmt.Fprintf(&md, "**Surveys.** %s %s %s %s\n\n", responseDefinition, activeResponseDefinition, likertDefinition, itemsDefinition)
	}
	c.methodsMore(&md)
	fmt.Fprintf(&md, "**Disclosure control.** Every published count of learners under %d is withheld and shown as %s, as is every share computed from such a count and every statistic of a group under %d; about a group under %d nothing is published, not even a zero. Suppression is decided for all published numbers together: wherever a withheld value could be worked out, or narrowed to fewer possible values than %s leaves, from published totals, differences or other tables (a total and its parts, ever registered and still registered, linked responses and respondents), a further value is withheld and shown as %s, whatever its size, and a value withheld in one table is withheld wherever else it appears or could be worked out. When a level of a Likert item is withheld, the item's mean, SD, median, IQR, agree and disagree shares and its pre/post Mann–Whitney test are withheld too. Every build then checks, by linear programming over all published counts and the relations between them, that no withheld count can be worked out exactly, and fails if one can. Category values that are not in their field's code list or among a question's listed options (and answers fewer than %d gave, where it lists none) are counted as \"Other (not listed)\" and never written out. %s\n", c.k, c.lessThanK(), c.k, c.k, c.lessThanK(), report.SecondaryMark, c.k, freeTextPolicy(c.s.Privacy.PublishText))
	c.section("methods", report.Block{Markdown: md.String()})
	return nil
}

// disclosure lists every suppression; it runs last, after every measure.
func (c *computer) disclosure() error {
	md := fmt.Sprintf("The minimum cell size is %d. %d values were withheld in this build.", c.k, len(c.res.Disclosure))
	c.add(report.Measure{ID: "disclosure.min-cell", Label: "Minimum published cell size", Value: float64(c.k), Unit: "learners", Definition: "Counts under this size are withheld.", Text: formatInt(c.k)})
	c.add(report.Measure{ID: "disclosure.suppressed", Label: "Values withheld by disclosure control", Value: float64(len(c.res.Disclosure)), N: len(c.res.Disclosure), Definition: "Primary and secondary suppressions in this build.", Text: formatInt(len(c.res.Disclosure))})
	if len(c.res.Disclosure) == 0 {
		c.section("disclosure", report.Block{Markdown: md})
		return nil
	}
	t := &report.Table{ID: "disclosure-log", Title: "Disclosure log", Columns: []string{"Where", "Cell", "Kind", "Reason"}, Detail: true,
		Definition: "Each value withheld by disclosure control, the kind of withholding (which decides the mark shown in its place), and why."}
	var p, s bool
	for _, d := range c.res.Disclosure {
		t.Rows = append(t.Rows, []report.Cell{textCell(d.Where), textCell(d.Cell), textCell(string(d.Kind)), textCell(d.Reason)})
		p, s = p || d.Kind == report.WithheldPrimary, s || d.Kind == report.WithheldSecondary
	}
	var marks []string
	if p {
		marks = append(marks, "A primary value is shown as "+c.lessThanK()+".")
	}
	if s {
		marks = append(marks, "A secondary value is shown as "+report.SecondaryMark+".")
	}
	t.Note = strings.Join(append(marks, report.MarksNote(c.k, p, s)), " ")
	c.section("disclosure", report.Block{Markdown: md}, report.Block{Table: c.disclosureSummary()}, report.Block{Table: t})
	return nil
}

// disclosureSummary counts the withheld values of each table or measure
// by kind: the log's summary, which the report shows in full while the
// log itself is reference detail.
func (c *computer) disclosureSummary() *report.Table {
	t := &report.Table{ID: "disclosure-summary", Title: "Withheld values by table", Columns: []string{"Table or measures", "Primary", "Secondary"},
		Definition: "How many values each table, or each group of measures (by course and survey), withholds, by kind; the disclosure log lists each one."}
	type counts struct{ p, s int }
	var order []string
	by := map[string]*counts{}
	for _, d := range c.res.Disclosure {
		where := disclosureGroup(d.Where)
		n := by[where]
		if n == nil {
			n = &counts{}
			by[where] = n
			order = append(order, where)
		}
		if d.Kind == report.WithheldSecondary {
			n.s++
		} else {
			n.p++
		}
	}
	total := counts{}
	for _, w := range order {
		n := by[w]
		total.p, total.s = total.p+n.p, total.s+n.s
		t.Rows = append(t.Rows, []report.Cell{textCell(w), numCell(formatInt(n.p), float64(n.p)), numCell(formatInt(n.s), float64(n.s))})
	}
	t.Rows = append(t.Rows, []report.Cell{textCell("All"), numCell(formatInt(total.p), float64(total.p)), numCell(formatInt(total.s), float64(total.s))})
	return t
}

// freeTextPolicy states what happens to free-text answers in this build.
func freeTextPolicy(publish bool) string {
	if publish {
		return "Free-text survey answers are published, by the study's choice, with e-mail addresses, URLs, phone numbers and learners' names and usernames redacted as they were read; groups of answers under the minimum cell size are withheld."
	}
	return "Free-text survey answers are never published."
}

// disclosureGroup is where a withheld value is counted in the summary: a
// table by its id, a measure by its course and survey or topic
// ("eat.post.q1_1.mean" → "eat.post.*").
func disclosureGroup(where string) string {
	parts := strings.SplitN(where, ".", 3)
	if len(parts) < 3 {
		return where
	}
	return parts[0] + "." + parts[1] + ".*"
}
