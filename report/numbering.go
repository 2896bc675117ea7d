package report

import "fmt"

// Number returns the number of every figure and table in doc, keyed by id:
// figures and tables are numbered separately, from 1, in order of
// appearance across doc.Sections, so the first figure is 1 and so is the
// first table. A figure's own data table (Figure.Table) is part of the
// figure and has no number.
//
// It is the one numbering of a report. The HTML site, the PDF, the PDF's
// attachments and the narrative's {{< ref >}} cross-references all take
// their numbers from it, so "Figure 3" names the same chart everywhere;
// a renderer that counted for itself could drift the moment it skipped or
// reordered a block.
//
// Figure and table ids share one namespace (their CSVs sit side by side
// under data/), which is what lets one map hold both. Should an id appear
// twice, its first appearance keeps the number; every block still counts,
// so the numbers of the others do not shift. Renderers reject such a
// document anyway.
func Number(doc *Document) map[string]int {
	n := map[string]int{}
	if doc == nil {
		return n
	}
	figures, tables := 0, 0
	put := func(id string, num int) {
		if _, dup := n[id]; !dup {
			n[id] = num
		}
	}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			switch {
			case b.Figure != nil:
				figures++
				put(b.Figure.ID, figures)
			case b.Table != nil:
				tables++
				put(b.Table.ID, tables)
			}
		}
	}
	return n
}

// SummaryID is the id of the executive summary section. It opens the
// report (the site's landing page, the PDF's first text page) as an
// abstract does, so it takes no number.
const SummaryID = "summary"

// appendixIDs are the generated sections that are reference material
// rather than findings: a reader skips them, an archivist or reviewer looks
// them up. When the outline ends with them they are lettered appendices.
var appendixIDs = map[string]bool{"methods": true, "data-quality": true, "disclosure": true, "provenance": true}

// AppendixStart returns the index of the first section of the run of
// appendix sections that ends secs, or len(secs) when the last section is
// not one. Only a closing run is lettered: "Appendix B" in the middle of a
// report, or a numbered section after the appendices, would read wrong.
func AppendixStart(secs []Section) int {
	i := len(secs)
	for i > 0 && appendixIDs[secs[i-1].ID] {
		i--
	}
	return i
}

// SectionNumbers returns the number each section of doc shows, in order:
// "1", "2", … for the findings, "A", "B", … for the closing appendices (see
// AppendixStart), and "" for the executive summary (SummaryID), which is
// not counted. It is the one section numbering of a report: the site's
// sidebar and pages, the PDF's headings, contents and outline all take
// their numbers from here, so "Section 3" is the same section everywhere.
// The contents list itself is never a section and never numbered.
func SectionNumbers(doc *Document) []string {
	if doc == nil {
		return nil
	}
	out := make([]string, len(doc.Sections))
	from := AppendixStart(doc.Sections)
	n := 0
	for i, s := range doc.Sections {
		switch {
		case i >= from:
			out[i] = appendixLetter(i - from)
		case s.ID == SummaryID:
			out[i] = ""
		default:
			n++
			out[i] = fmt.Sprint(n)
		}
	}
	return out
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
