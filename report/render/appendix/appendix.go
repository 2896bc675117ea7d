// Package appendix writes the paper appendix of one report version: the
// files an author copies into a journal submission or its supplementary
// material. Every table comes as CSV and as a LaTeX booktabs table, every
// figure as SVG and PNG with its data as CSV, and appendix.pdf holds just
// the tables and figures. Files and captions carry the numbers the report
// gives them, so "Table 3" means the same table in the site, the PDF and
// the paper.
//
// Like the other renderers it draws what the Document holds and computes
// nothing; the CSVs are byte-identical to the site's data/<id>.csv (numbers
// at full precision, see tabular.CSV), the LaTeX tables show the report's
// text.
package appendix

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/render/pdf"
	"github.com/moocreport/moocreport/report/tabular"
)

// Options configure Render.
type Options struct {
	// FigureSVG and FigurePNG draw a figure; the charts package supplies
	// them. Both are required when the document has figures.
	FigureSVG func(*report.Figure) ([]byte, error)
	FigurePNG func(*report.Figure) ([]byte, error)
	// PDF configures appendix.pdf (page size, keywords, attachments, and
	// FigureDrawing, which paints its charts as vectors like the report's).
	PDF pdf.Options
}

// Render writes the appendix into dir, which it creates:
//
//	tables/<nn>-<id>.csv, .tex     Table nn
//	figures/<nn>-<id>.svg, .png    Figure nn, and .csv with the numbers drawn
//	appendix.pdf                   the tables and figures, numbered as in the report
//	README.txt                     which file is which table or figure
//
// nn is the report's number, zero-padded to two digits so file listings
// sort in report order. Every file is drawn in memory first, so a figure
// that fails to draw leaves no half-written appendix.
func Render(dir string, doc *report.Document, opt Options) error {
	var files []file
	var index strings.Builder
	fmt.Fprintf(&index, "%s\nVersion %s: paper appendix\n\n", doc.Title, doc.Version)
	index.WriteString("Tables and figures are numbered as in the report of this version.\n")
	index.WriteString("LaTeX tables need \\usepackage{booktabs}; they show the report's text, withheld\n")
	fmt.Fprintf(&index, "values with the report's marks: %q a count under the minimum cell size, %q withheld\n", report.WithheldPrimary.Mark(minCell(doc)), report.SecondaryMark)
	index.WriteString("to protect another cell (any size). CSV files are UTF-8 with CRLF line ends and hold\n")
	index.WriteString("numbers at full precision, without thousands separators or units (percentages in\n")
	index.WriteString("percent; the unit is in the column heading or row label). A withheld cell is empty\n")
	index.WriteString("and named, with its kind (primary or secondary), in the last column \"Withheld\";\n")
	index.WriteString("an empty cell not named there has no value (not applicable or not available).\n\n")
	for _, fl := range pdf.Floats(doc) {
		base := fmt.Sprintf("%02d-%s", fl.N, fl.ID())
		if fl.Table != nil {
			p := "tables/" + base
			files = append(files, file{p + ".csv", tabular.CSV(fl.Table)}, file{p + ".tex", tabular.LaTeX(fl.Table, fl.Label)})
			fmt.Fprintf(&index, "%-10s %s.csv, .tex\n           %s\n", fl.Label, p, fl.Table.Title)
			continue
		}
		if opt.FigureSVG == nil || opt.FigurePNG == nil {
			return fmt.Errorf("appendix: figure %q: Options.FigureSVG and FigurePNG must be set", fl.ID())
		}
		svg, err := opt.FigureSVG(fl.Figure)
		if err != nil {
			return fmt.Errorf("appendix: drawing figure %q: %w", fl.ID(), err)
		}
		png, err := opt.FigurePNG(fl.Figure)
		if err != nil {
			return fmt.Errorf("appendix: drawing figure %q: %w", fl.ID(), err)
		}
		p := "figures/" + base
		files = append(files, file{p + ".svg", svg}, file{p + ".png", png}, file{p + ".csv", tabular.CSV(&fl.Figure.Table)})
		fmt.Fprintf(&index, "%-10s %s.svg, .png, .csv\n           %s\n", fl.Label, p, fl.Figure.Title)
	}
	var buf bytes.Buffer
	if err := pdf.RenderAppendix(&buf, doc, opt.PDF); err != nil {
		return fmt.Errorf("appendix: %w", err)
	}
	files = append(files, file{"appendix.pdf", buf.Bytes()}, file{"README.txt", []byte(index.String())})
	for _, f := range files {
		path := filepath.Join(dir, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

type file struct {
	name string // slash-separated, relative to the appendix folder
	data []byte
}

// minCell is the build's minimum cell size, from its measures; 5, the
// study default, if a document has none.
func minCell(doc *report.Document) int {
	for _, m := range doc.Measures {
		if m.ID == "disclosure.min-cell" {
			return int(m.Value)
		}
	}
	return 5
}
