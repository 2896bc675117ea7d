package report

import "fmt"

// appendixIDs are the generated sections that are reference material
// rather than findings: a reader of the report skips them, an archivist or
// reviewer looks them up. When the outline puts them last, they are set
// as lettered appendices.
var appendixIDs = map[string]bool{"methods": true, "data-quality": true, "disclosure": true, "provenance": true}

// AppendixStart returns the index of the first section of the run of
// appendix sections that ends the outline, or len(secs) when the last
// section is not one. Only a closing run is lettered: an appendix between
// findings, or followed by a section the author wrote, keeps its number,
// because "Appendix B" in the middle of a report, or a numbered section
// after the appendices, would read wrong.
func AppendixStart(secs []Section) int {
	i := len(secs)
	for i > 0 && appendixIDs[secs[i-1].ID] {
		i--
	}
	return i
}

// SectionNumber is the number the i-th section (from 0) carries in every
// output — sidebar, contents, headings, PDF: "2" for the second section,
// or the letter of an appendix ("B"). The contents page has none.
func SectionNumber(secs []Section, i int) string {
	if from := AppendixStart(secs); i >= from {
		return AppendixLetter(i - from)
	}
	return fmt.Sprint(i + 1)
}

// AppendixLetter is A, B, …, Z, then AA, AB, … for the k-th appendix
// (from 0).
func AppendixLetter(k int) string {
	s := ""
	for k++; k > 0; k = (k - 1) / 26 {
		s = string(rune('A'+(k-1)%26)) + s
	}
	return s
}
