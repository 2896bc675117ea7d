package measures

import (
	"fmt"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// disclosure lists every suppression; it runs last, after every measure.
func (c *computer) disclosure() error {
	md := fmt.Sprintf("The minimum cell size is %d. %d values were withheld in this build.", c.k, len(c.res.Disclosure))
	c.add(report.Measure{ID: "disclosure.min-cell", Label: "Minimum published cell size", Value: float64(c.k), Unit: "learners", Definition: "Counts under this size are withheld.", Text: formatInt(c.k)})
	c.add(report.Measure{ID: "disclosure.suppressed", Label: "Values withheld by disclosure control", Value: float64(len(c.res.Disclosure)), N: len(c.res.Disclosure), Definition: "Primary and secondary suppressions in this build.", Text: formatInt(len(c.res.Disclosure))})
	if len(c.res.Disclosure) == 0 {
		c.part("disclosure", report.Block{Markdown: md})
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
	c.part("disclosure", report.Block{Markdown: md}, report.Block{Table: c.disclosureSummary()}, report.Block{Table: t})
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

// disclosureSection is the Disclosure control section: the minimum cell
// size, the withheld values by table and the disclosure log.
func (c *computer) disclosureSection() []report.Block { return c.place("disclosure") }
