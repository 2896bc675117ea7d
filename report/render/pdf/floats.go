package pdf

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
)

// float is a numbered table or figure: exactly one of table and figure is
// set. label is its number as printed ("Table 3", "Figure 2").
type float struct {
	table   *report.Table
	figure  *report.Figure
	label   string
	section int // index in Document.Sections
}

// id is the table's or figure's id, which also names its CSV.
func (f float) id() string {
	if f.table != nil {
		return f.table.ID
	}
	return f.figure.ID
}

// data is the table whose cells are published as CSV: the table itself, or
// the figure's data table.
func (f float) data() *report.Table {
	if f.table != nil {
		return f.table
	}
	return &f.figure.Table
}

// title is the float's caption line, "Table 3. Pass rates".
func (f float) title() string {
	if f.table != nil {
		return f.label + ". " + f.table.Title
	}
	return f.label + ". " + f.figure.Title
}

// floats lists the document's tables and figures in order, numbered
// separately in order of appearance across all sections — the numbering
// the HTML renderer uses, so "Table 3" is the same table in the site, the
// PDF, its attachments and the paper appendix.
//
// TODO(numbering): use the shared numbering in package report once it
// lands, so the two renderers cannot drift apart.
func floats(doc *report.Document) []float {
	var out []float
	nt, nf := 0, 0
	for i, s := range doc.Sections {
		for _, b := range s.Blocks {
			switch {
			case b.Table != nil:
				nt++
				out = append(out, float{table: b.Table, label: fmt.Sprintf("Table %d", nt), section: i})
			case b.Figure != nil:
				nf++
				out = append(out, float{figure: b.Figure, label: fmt.Sprintf("Figure %d", nf), section: i})
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
	for _, f := range floats(doc) {
		desc := "Data of " + f.title()
		if f.table != nil {
			desc = f.title()
		}
		out = append(out, Attachment{Name: f.id() + ".csv", Description: desc, Data: tabular.CSV(f.data())})
	}
	return out
}
