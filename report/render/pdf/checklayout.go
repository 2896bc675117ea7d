package pdf

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
)

// placement is where one numbered table or figure fell on the pages of a
// laid-out document.
type placement struct {
	label string // "Table 3"
	// Tables: body rows on each page the table spans (pieces of a row
	// split for being taller than a page count as rows), whether the whole
	// table with caption and notes fits on one page, and the pages of its
	// last row and of its notes.
	rows         []int
	fitsOnePage  bool
	lastRowPage  int
	notesPage    int
	isFigure     bool
	imagePage    int // figures: the chart's page
	captionPage  int // figures: the page where the caption ends
	hasNotes     bool
	tallRowSplit bool
}

// CheckLayout lays doc out as Render does and returns its page count and
// every page-break rule the layout breaks (empty when all hold), each
// naming its table or figure: a table that fits on one page is never
// split; no page of a table holds fewer than two of its rows (unless the
// table has fewer, or a row taller than a page had to be split); a table's
// notes are on the page of its last row; a figure's chart and caption are
// on one page. Tests run it on the example and on long-table studies; it
// checks the pages the renderer actually made, not its plan.
func CheckLayout(doc *report.Document, opt Options) (pages int, problems []string, err error) {
	if doc == nil {
		return 0, nil, fmt.Errorf("pdf: nil document")
	}
	r, err := settle(doc, opt, (*renderer).render)
	if err != nil {
		return 0, nil, err
	}
	for _, p := range r.placed {
		problems = append(problems, p.problems()...)
	}
	return r.pdf.PageCount(), problems, nil
}

func (p placement) problems() []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, p.label+": "+fmt.Sprintf(format, args...)) }
	if p.isFigure {
		if p.imagePage != p.captionPage {
			bad("chart on page %d, caption ends on page %d", p.imagePage, p.captionPage)
		}
		return out
	}
	total := 0
	for _, n := range p.rows {
		total += n
	}
	if p.fitsOnePage && len(p.rows) > 1 {
		bad("fits on one page but is split %v", p.rows)
	}
	if total >= 2 && !p.tallRowSplit {
		for i, n := range p.rows {
			if n < 2 {
				bad("page %d of the table holds %d row(s): %v", i+1, n, p.rows)
			}
		}
	}
	if p.hasNotes && p.notesPage != p.lastRowPage {
		bad("notes on page %d, last row on page %d", p.notesPage, p.lastRowPage)
	}
	return out
}
