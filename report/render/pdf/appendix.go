package pdf

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
)

// appendixIDs are the generated sections that are reference material
// rather than findings: a reader of the report skips them, an archivist or
// reviewer looks them up. When the outline puts them last, the PDF sets
// them as lettered appendices.
var appendixIDs = map[string]bool{"methods": true, "data-quality": true, "disclosure": true, "provenance": true}

// appendicesTitle heads the lettered appendices in the text, contents and
// outline.
const appendicesTitle = "Appendices"

// appendixStart returns the index of the first section of the run of
// appendix sections that ends the outline, or len(secs) when the last
// section is not one. Only a closing run is lettered: an appendix between
// findings, or followed by a section the author wrote, keeps its number,
// because "Appendix B" in the middle of a report, or a numbered section
// after the appendices, would read wrong.
func appendixStart(secs []report.Section) int {
	i := len(secs)
	for i > 0 && appendixIDs[secs[i-1].ID] {
		i--
	}
	return i
}

// appendixLetter is A, B, …, Z, then AA, AB, … for the k-th appendix
// (from 0).
func appendixLetter(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}

// renderFloats is the pass of RenderAppendix: a title page, then every
// table and figure in report order under the heading of its section, each
// with a bookmark of its own.
func (r *renderer) renderFloats() (layout, error) {
	f := r.pdf
	r.floatsOnly = true
	r.metadata()
	f.SetHeaderFunc(r.header)
	f.SetFooterFunc(r.footer)
	r.titlePage()
	f.AddPage()
	last := -1
	for _, fl := range Floats(r.doc) {
		// Turned first, so a section's heading is on the page of its float.
		r.orient(fl.Table != nil && r.wide(fl.Table))
		if fl.Section != last {
			last = fl.Section
			title := r.sectionTitle(fl.Section, r.doc.Sections[fl.Section])
			// Keep the heading with the start of what follows.
			if !r.atTop() {
				f.Ln(4)
				if r.remaining() < 60 {
					r.newPage()
				}
			}
			r.font("B", 14)
			r.bookmark(title, 0)
			f.MultiCell(0, 7, title, "", "L", false)
			f.Ln(3)
		}
		if fl.Table != nil {
			r.table(fl.Table)
		} else {
			r.figure(fl.Figure)
		}
		f.SetX(margin)
		if err := f.Error(); err != nil {
			return layout{}, fmt.Errorf("pdf: %s: %w", fl.Label, err)
		}
	}
	f.Close()
	if err := f.Error(); err != nil {
		return layout{}, fmt.Errorf("pdf: %w", err)
	}
	return layout{pages: f.PageCount()}, nil
}

// markFloat is called once the page of the table or figure fl is settled,
// at the top of where it goes: the caption of a table, the chart of a
// figure (whose caption is below it, always on the same page). It points
// the float's cross-reference link here, so a reader who follows "Figure 3"
// sees the whole figure, and in RenderAppendix's pass it bookmarks the
// float.
func (r *renderer) markFloat(fl Float) {
	if r.floatsOnly {
		r.bookmark(fl.Title(), 1)
	}
	r.pdf.SetLink(r.anchors[fl.Fragment()], -1, -1)
}
