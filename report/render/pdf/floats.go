package pdf

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
)

// Float is a numbered table or figure — a float, in typesetters' words:
// exactly one of Table and Figure is set.
type Float struct {
	Table  *report.Table
	Figure *report.Figure
	// N is its number among the tables or among the figures, and Label the
	// number as printed: "Table 3", "Figure 2".
	N     int
	Label string
	// Section is the index in Document.Sections of the section it is in.
	Section int
}

// ID is the table's or figure's id, which also names its CSV.
func (f Float) ID() string {
	if f.Table != nil {
		return f.Table.ID
	}
	return f.Figure.ID
}

// Data is the table whose cells are published as CSV: the table itself,
// or the figure's data table.
func (f Float) Data() *report.Table {
	if f.Table != nil {
		return f.Table
	}
	return &f.Figure.Table
}

// Title is the float's caption line, "Table 3. Pass rates".
func (f Float) Title() string {
	if f.Table != nil {
		return f.Label + ". " + f.Table.Title
	}
	return f.Label + ". " + f.Figure.Title
}

// Floats lists the document's tables and figures in order, numbered
// separately in order of appearance across all sections — the numbering
// the HTML renderer uses, so "Table 3" is the same table in the site, the
// PDF, its attachments and the paper appendix. The appendix names its
// files by it.
//
// TODO(numbering): use the shared numbering in package report once it
// lands, so the two renderers cannot drift apart.
func Floats(doc *report.Document) []Float {
	var out []Float
	nt, nf := 0, 0
	for i, s := range doc.Sections {
		for _, b := range s.Blocks {
			switch {
			case b.Table != nil:
				nt++
				out = append(out, Float{Table: b.Table, N: nt, Label: fmt.Sprintf("Table %d", nt), Section: i})
			case b.Figure != nil:
				nf++
				out = append(out, Float{Figure: b.Figure, N: nf, Label: fmt.Sprintf("Figure %d", nf), Section: i})
			}
		}
	}
	return out
}

// dataAttachments returns the CSV of every table and of every figure's
// data, named <id>.csv as on the site and byte-identical to the site's
// data/<id>.csv, in the order the report shows them. The description says
// which table or figure the file belongs to.
func dataAttachments(doc *report.Document) []Attachment {
	var out []Attachment
	for _, f := range Floats(doc) {
		desc := "Data of " + f.Title()
		if f.Table != nil {
			desc = f.Title()
		}
		out = append(out, Attachment{Name: f.ID() + ".csv", Description: desc, Data: tabular.CSV(f.Data())})
	}
	return out
}
