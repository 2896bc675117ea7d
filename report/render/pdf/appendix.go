package pdf

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
)

// appendicesTitle heads the lettered appendices in the text, contents and
// outline.
const appendicesTitle = "Appendices"

// appendixStart and appendixLetter are the report's one rule for which
// sections are lettered appendices (report.AppendixStart), so the PDF
// numbers sections as the site does.
func appendixStart(secs []report.Section) int { return report.AppendixStart(secs) }

func appendixLetter(k int) string { return report.AppendixLetter(k) }

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
	r.close()
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
