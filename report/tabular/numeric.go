package tabular

import (
	"regexp"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// Width is the number of columns t needs: its headings or its widest row,
// whichever is more.
func Width(t *report.Table) int {
	n := len(t.Columns)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return n
}

// NumericColumns reports, for each of Width(t) columns, whether it holds
// only numbers and should be right-aligned so digits line up. The first
// column holds row labels and never is. Cells that decide nothing: empty
// ones, a dash standing for "not applicable" ("–", "—", "-"), and the cells
// of leading rows that hold no number at all, which label the columns below
// them as a second heading row does (the course and instrument over a
// scale's statistics). The HTML page, the PDF and the LaTeX output all use
// it, so a column aligns the same way in each.
func NumericColumns(t *report.Table) []bool {
	ncol := Width(t)
	numeric := make([]bool, ncol)
	for c := 1; c < ncol; c++ {
		numeric[c] = true
	}
	body := t.Rows[headingRows(t):]
	for _, row := range body {
		for c, cell := range row {
			if !undecided(cell) && !NumericCell(cell) {
				numeric[c] = false
			}
		}
	}
	return numeric
}

// headingRows counts the leading rows with no number after the label
// column; when no row has one, none are headings and the table is text.
func headingRows(t *report.Table) int {
	for i, row := range t.Rows {
		for c, cell := range row {
			if c > 0 && !undecided(cell) && NumericCell(cell) {
				return i
			}
		}
	}
	return 0
}

// undecided reports whether a cell says nothing about its column's kind.
func undecided(c report.Cell) bool {
	switch strings.TrimSpace(c.Text) {
	case "", "–", "—", "-":
		return c.Withheld == "" && c.Value == nil
	}
	return false
}

// numberLike matches the text of a number as reports print it: signed or
// bounded ("<5", "≥ 10"), with thousands separators, a leading decimal
// point as APA writes p-values (".661", "< .001"), and a unit of % or pp.
var numberLike = regexp.MustCompile(`^[-−+<>≤≥~]?\s?([0-9][0-9,. ]*|\.[0-9]+)\s?(%|pp)?$`)

// NumericCell reports whether a cell shows a number: it carries one, was
// suppressed in place of one, or its text reads as one ("1,204", "41.2 %").
func NumericCell(c report.Cell) bool {
	return c.Value != nil || withheldKind(c) != "" || numberLike.MatchString(strings.TrimSpace(c.Text))
}
