package report

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
