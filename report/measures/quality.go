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
		t.Rows = append(t.Rows, []report.Cell{textCell(s.File), textCell(course), textCell(reasonCell(s.Reason)), numCell(formatInt(s.Count), float64(s.Count))})
	}
	reasons := make([]string, 0, len(byReason))
	for r := range byReason {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	total := 0
	for _, r := range reasons {
		total += byReason[r]
		c.add(report.Measure{ID: "quality.skipped." + slug(r), Label: "Input records not counted: " + reasonText(r), Value: float64(byReason[r]), N: byReason[r], Unit: "records",
			Definition: t.Definition, Text: formatInt(byReason[r])})
	}
	c.add(report.Measure{ID: "quality.skipped", Label: "Input records not counted", Value: float64(total), N: total, Unit: "records", Definition: t.Definition, Text: formatInt(total)})
	var md strings.Builder
	if absent := c.absentSources(); len(absent) > 0 {
		md.WriteString(strings.Join(absent, " ") + "\n\n")
	}
	if n := c.unnamedProblemsNote(); n != "" {
		md.WriteString(n + "\n\n")
	}
	if n := c.logOrderNote(); n != "" {
		md.WriteString(n + "\n\n")
	}
	fmt.Fprintf(&md, "The report was built from %s. ", plural(len(c.ds.Inputs), "1 input file", formatInt(len(c.ds.Inputs))+" input files"))
	if total == 0 {
		md.WriteString("Every record in them was used.")
		c.part("data-quality", report.Block{Markdown: md.String()})
		return nil
	}
	fmt.Fprintf(&md, "%s records were not counted, for the reasons below; none were dropped without being counted here.", formatInt(total))
	c.part("data-quality", report.Block{Markdown: md.String()}, report.Block{Table: qualitySummary(skips, c.courseName)}, report.Block{Table: t})
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
		t.Rows = append(t.Rows, []report.Cell{textCell(reasonCell(k.reason)), textCell(course), numCell(formatInt(files[k]), float64(files[k])), numCell(formatInt(records[k]), float64(records[k]))})
	}
	return t
}

// qualitySection is the Data quality section: what was not counted, and
// why.
func (c *computer) qualitySection() []report.Block { return c.place("data-quality") }
