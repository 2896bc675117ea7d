package pdf

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// grid is a table reduced to what the PDF draws: header texts, body texts
// and one alignment per column ("L", "C" or "R"). Report tables and
// Markdown tables both become grids, so they share one layout.
type grid struct {
	head  []string
	rows  [][]string
	align []string
}

// Table typography, in millimetres and points.
const (
	cellPadX    = 1.5
	cellPadY    = 1.0
	tableSize   = 8.5
	tableLead   = 4.0
	captionSize = 9.5
	captionLead = 4.8
)

// tableGrid turns a report.Table into a grid. Suppressed cells show their
// Text ("<5"): disclosure control already chose it and the renderer must
// not reveal or recompute anything. Columns after the first that hold only
// numbers are right-aligned so digits line up.
func tableGrid(t *report.Table) grid {
	g := grid{head: t.Columns}
	ncol := len(t.Columns)
	for _, row := range t.Rows {
		ncol = max(ncol, len(row))
	}
	for len(g.head) < ncol {
		g.head = append(g.head, "")
	}
	numeric := make([]bool, ncol)
	for c := 1; c < ncol; c++ {
		numeric[c] = true
	}
	for _, row := range t.Rows {
		texts := make([]string, ncol)
		for c := range ncol {
			if c >= len(row) {
				continue
			}
			texts[c] = row[c].Text
			if row[c].Text != "" && !numericCell(row[c]) {
				numeric[c] = false
			}
		}
		g.rows = append(g.rows, texts)
	}
	g.align = make([]string, ncol)
	for c := range ncol {
		g.align[c] = "L"
		if numeric[c] {
			g.align[c] = "R"
		}
	}
	return g
}

var numberLike = regexp.MustCompile(`^[-−+<>≤≥~]?\s?[0-9][0-9,. ]*\s?(%|pp)?$`)

// numericCell reports whether a cell shows a number: it carries one, was
// suppressed in place of one, or its text reads as one ("1,204", "41.2 %").
func numericCell(c report.Cell) bool {
	return c.Value != nil || c.Suppressed || numberLike.MatchString(strings.TrimSpace(c.Text))
}

// table draws a numbered report table: caption above, the grid, then its
// note and definition below.
func (r *renderer) table(t *report.Table, n int) {
	caption := fmt.Sprintf("Table %d. %s", n, t.Title)
	r.drawGrid(tableGrid(t), caption)
	r.tableNotes(t)
}

// tableNotes sets the Note and Definition under a table, APA style, so a
// table lifted out of the PDF still says what its numbers mean.
func (r *renderer) tableNotes(t *report.Table) {
	f := r.pdf
	for _, p := range [][2]string{{"Note. ", t.Note}, {"Definition. ", t.Definition}} {
		if p[1] == "" {
			continue
		}
		f.SetX(margin)
		r.font("I", tableSize)
		f.Write(tableLead, p[0])
		r.font("", tableSize)
		f.Write(tableLead, p[1])
		f.Ln(tableLead)
	}
	f.Ln(blockGap)
}

// cellLayout is a grid measured for the page: column widths and each body
// row's wrapped lines and height.
type cellLayout struct {
	widths []float64
	head   [][]string
	headH  float64
	rows   [][][]string
	rowH   []float64
}

func (r *renderer) measureGrid(g grid, width float64) cellLayout {
	f := r.pdf
	ncol := len(g.align)
	natural := make([]float64, ncol)
	minimum := make([]float64, ncol)
	measure := func(c int, s string) {
		natural[c] = max(natural[c], f.GetStringWidth(s)+2*cellPadX)
		for _, w := range strings.Fields(s) {
			minimum[c] = max(minimum[c], f.GetStringWidth(w)+2*cellPadX)
		}
	}
	r.font("B", tableSize)
	for c, s := range g.head {
		measure(c, s)
	}
	r.font("", tableSize)
	for _, row := range g.rows {
		for c, s := range row {
			measure(c, s)
		}
	}
	l := cellLayout{widths: columnWidths(natural, minimum, width)}
	wrap := func(row []string) ([][]string, float64) {
		lines := make([][]string, ncol)
		most := 1
		for c, s := range row {
			if s != "" {
				lines[c] = f.SplitText(s, l.widths[c]-2*cellPadX)
			}
			most = max(most, len(lines[c]))
		}
		return lines, float64(most)*tableLead + 2*cellPadY
	}
	r.font("B", tableSize)
	l.head, l.headH = wrap(g.head)
	r.font("", tableSize)
	for _, row := range g.rows {
		lines, h := wrap(row)
		l.rows = append(l.rows, lines)
		l.rowH = append(l.rowH, h)
	}
	return l
}

// drawGrid lays a grid out across as many pages as it needs. caption, when
// not empty, goes above the table and, marked "(continued)", above its
// repeated header on every later page.
func (r *renderer) drawGrid(g grid, caption string) {
	f := r.pdf
	if len(g.align) == 0 {
		return
	}
	left, _, _, _ := f.GetMargins()
	l := r.measureGrid(g, r.textWidth())
	var capLines, contLines []string
	if caption != "" {
		r.font("B", captionSize)
		capLines = f.SplitText(caption, r.textWidth())
		contLines = f.SplitText(caption+" (continued)", r.textWidth())
	}
	capH := float64(max(len(capLines), len(contLines))) * captionLead
	if capH > 0 {
		capH += 1.5
	}
	plan := planTable(r.remaining(), r.full(), capH+l.headH, l.rowH)
	if plan.newPage && !r.atTop() {
		f.AddPage()
	}
	// Rows are placed by the plan; an automatic break inside one would
	// split it from its header.
	f.SetAutoPageBreak(false, margin)
	defer f.SetAutoPageBreak(true, margin)
	total := 0.0
	for _, w := range l.widths {
		total += w
	}
	row := 0
	for p, count := range plan.pages {
		if p > 0 {
			f.AddPage()
		}
		y := f.GetY()
		lines := capLines
		if p > 0 {
			lines = contLines
		}
		r.font("B", captionSize)
		for _, s := range lines {
			f.SetXY(left, y)
			f.CellFormat(total, captionLead, s, "", 0, "L", false, 0, "")
			y += captionLead
		}
		if len(lines) > 0 {
			y += 1.5
		}
		f.SetLineWidth(0.3)
		f.Line(left, y, left+total, y)
		r.font("B", tableSize)
		r.drawRow(left, y, l.widths, l.head, g.align)
		y += l.headH
		f.SetLineWidth(0.2)
		f.Line(left, y, left+total, y)
		r.font("", tableSize)
		for range count {
			r.drawRow(left, y, l.widths, l.rows[row], g.align)
			y += l.rowH[row]
			row++
		}
		f.SetLineWidth(0.3)
		f.Line(left, y, left+total, y)
		f.SetXY(left, y+1.5)
	}
}

func (r *renderer) drawRow(x, y float64, widths []float64, cells [][]string, align []string) {
	f := r.pdf
	for c, lines := range cells {
		for i, s := range lines {
			f.SetXY(x+cellPadX, y+cellPadY+float64(i)*tableLead)
			f.CellFormat(widths[c]-2*cellPadX, tableLead, s, "", 0, align[c], false, 0, "")
		}
		x += widths[c]
	}
}
