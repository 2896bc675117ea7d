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
// column holds row labels and never is; empty cells do not decide. The PDF
// and the LaTeX output both use it, so a column aligns the same way in both.
func NumericColumns(t *report.Table) []bool {
	ncol := Width(t)
	numeric := make([]bool, ncol)
	for c := 1; c < ncol; c++ {
		numeric[c] = true
	}
	for _, row := range t.Rows {
		for c, cell := range row {
			if cell.Text != "" && !NumericCell(cell) {
				numeric[c] = false
			}
		}
	}
	return numeric
}

var numberLike = regexp.MustCompile(`^[-−+<>≤≥~]?\s?[0-9][0-9,. ]*\s?(%|pp)?$`)

// NumericCell reports whether a cell shows a number: it carries one, was
// suppressed in place of one, or its text reads as one ("1,204", "41.2 %").
func NumericCell(c report.Cell) bool {
	return c.Value != nil || withheldKind(c) != "" || numberLike.MatchString(strings.TrimSpace(c.Text))
}
