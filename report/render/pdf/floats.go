package pdf

import (
	"fmt"
	"strings"

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

// Floats lists the document's tables and figures in order of appearance,
// numbered by report.Number: the one numbering the HTML site, the
// narrative's cross-references, the PDF, its attachments and the paper
// appendix share, so "Table 3" is the same table in all of them. The
// appendix names its files by it. Counting here instead would let the PDF
// drift from the site the moment either skipped or reordered a block.
//
// Numbers are only unique when ids are; Render and RenderAppendix reject a
// document with a repeated id (see checkIDs) before anything is numbered.
func Floats(doc *report.Document) []Float {
	nums := report.Number(doc)
	var out []Float
	for i, s := range doc.Sections {
		for _, b := range s.Blocks {
			switch {
			case b.Table != nil:
				n := nums[b.Table.ID]
				out = append(out, Float{Table: b.Table, N: n, Label: fmt.Sprintf("Table %d", n), Section: i})
			case b.Figure != nil:
				n := nums[b.Figure.ID]
				out = append(out, Float{Figure: b.Figure, N: n, Label: fmt.Sprintf("Figure %d", n), Section: i})
			}
		}
	}
	return out
}

// caption is Title as the PDF sets it: the title's statistical
// expressions kept together (keepTogether), the label "Table 3" left with
// plain spaces, so the caption is found by what it says.
func (f Float) caption() string {
	if f.Table != nil {
		return f.Label + ". " + keepTogether(f.Table.Title)
	}
	return f.Label + ". " + keepTogether(f.Figure.Title)
}

// Fragment is the float's name in the narrative's cross-references,
// "figure-<id>" or "table-<id>" (the contract documented in package
// narrative): a Markdown link to "#"+Fragment() jumps to this float.
func (f Float) Fragment() string {
	if f.Table != nil {
		return "table-" + f.Table.ID
	}
	return "figure-" + f.Figure.ID
}

// checkIDs rejects a document in which two tables or figures share an id,
// as the HTML renderer does. Such ids would share one number, one
// attachment name and one link target, so no output could be right. Ids
// are compared case-insensitively because they also name files (<id>.csv)
// on file systems that ignore case.
func checkIDs(doc *report.Document) error {
	seen := map[string]string{}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			var id, what string
			switch {
			case b.Table != nil:
				id, what = b.Table.ID, fmt.Sprintf("table %q", b.Table.Title)
			case b.Figure != nil:
				id, what = b.Figure.ID, fmt.Sprintf("figure %q", b.Figure.Title)
			default:
				continue
			}
			key := strings.ToLower(id)
			if other, dup := seen[key]; dup {
				return fmt.Errorf("pdf: %s and %s both have id %q", other, what, id)
			}
			seen[key] = what
		}
	}
	return nil
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
