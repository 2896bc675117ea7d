package pdf

import (
	"fmt"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
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
	cellPadY    = 0.7
	tableSize   = 8.0
	tableLead   = 3.5
	captionSize = 9.0
	captionLead = 4.4
)

// tableGrid turns a report.Table into a grid. Withheld cells show their
// Text ("<5"): disclosure control already chose it and the renderer must
// not reveal or recompute anything. Columns after the first that hold only
// numbers are right-aligned so digits line up, by the same rule as the
// LaTeX tables of the paper appendix (tabular.NumericColumns).
func tableGrid(t *report.Table) grid {
	ncol := tabular.Width(t)
	g := grid{}
	for _, h := range t.Columns {
		g.head = append(g.head, keepTogether(h))
	}
	for len(g.head) < ncol {
		g.head = append(g.head, "")
	}
	for _, row := range t.Rows {
		texts := make([]string, ncol)
		for c, cell := range row {
			texts[c] = keepTogether(cell.Text)
		}
		g.rows = append(g.rows, texts)
	}
	g.align = make([]string, ncol)
	for c, num := range tabular.NumericColumns(t) {
		g.align[c] = "L"
		if num {
			g.align[c] = "R"
		}
	}
	return g
}

// table draws a numbered report table: caption above, the grid, then its
// note, definition and, when the data is attached, the attachment's name
// below — kept on the page of the table's last rows.
func (r *renderer) table(t *report.Table) {
	fl := r.numbers[t]
	if t.Detail && r.opt.AttachData && len(t.Rows) > 0 {
		r.detailTable(t, fl)
		return
	}
	notes := r.tableNotes(t)
	p := r.drawGrid(tableGrid(t), &fl, r.notesHeight(notes))
	r.drawNotes(notes)
	p.label, p.hasNotes, p.notesPage = fl.Label, len(notes) > 0, r.pdf.PageNo()
	r.placed = append(r.placed, p)
}

// tableFitsHere reports whether t fits whole, with its caption and notes,
// in what is left of the page: such a table may go ahead of a figure that
// must wait for the next page (see blocks).
func (r *renderer) tableFitsHere(t *report.Table) bool {
	if t.Detail && r.opt.AttachData || r.wide(t) {
		return false
	}
	g := tableGrid(t)
	if len(g.align) == 0 {
		return false
	}
	l := r.measureGrid(g, r.textWidth(), "")
	r.font("B", captionSize)
	capH := float64(len(splitText(r.pdf, r.numbers[t].caption(), r.textWidth())))*captionLead + 1.5
	plan := planTable(r.remaining(), r.full(), capH+l.headH, l.rowH, r.notesHeight(r.tableNotes(t))+1.5)
	return !plan.newPage && len(plan.pages) == 1
}

// detailTable stands in for a table of reference detail (report.Table.
// Detail) when the data travels as attachments: its caption, keeping its
// number, and where its rows are, so the PDF loses nothing and spends no
// pages on a file-by-file listing a reader opens in a spreadsheet.
func (r *renderer) detailTable(t *report.Table, fl Float) {
	f := r.pdf
	rows := "row"
	if len(t.Rows) != 1 {
		rows = "rows"
	}
	notes := []note{{"Note. ", fmt.Sprintf("The %d %s of this table are in %s.csv, attached to this PDF.", len(t.Rows), rows, t.ID)}}
	if d := strings.TrimSpace(t.Definition + " " + r.definedIn(t.DefinedIn)); d != "" {
		notes = append(notes, note{"Definition. ", d})
	}
	width := r.textWidth()
	r.font("B", captionSize)
	capLines := splitText(f, fl.caption(), width)
	if need := float64(len(capLines))*captionLead + 1.5 + r.notesHeight(notes); need > r.remaining() && !r.atTop() {
		r.newPage()
	}
	r.markFloat(fl)
	f.SetX(margin)
	r.font("B", captionSize)
	f.MultiCell(width, captionLead, fl.caption(), "", "L", false)
	f.Ln(1.5)
	r.drawNotes(notes)
}

// Landscape thresholds: a table is set on turned pages when it has at
// least landscapeCols columns and its cells, unwrapped, are more than
// landscapeRatio times as wide as the portrait text. Below that, wrapping
// a few cells reads better than turning the page.
const (
	landscapeCols  = 6
	landscapeRatio = 1.5
)

// wide reports whether t is set on landscape pages (see the thresholds
// above). Its data detail, when only attached, is never wide.
func (r *renderer) wide(t *report.Table) bool {
	if t.Detail && r.opt.AttachData && len(t.Rows) > 0 {
		return false
	}
	g := tableGrid(t)
	if len(g.align) < landscapeCols {
		return false
	}
	return naturalWidth(r.pdf, g) > landscapeRatio*r.portraitWidth()
}

// portraitWidth is the text width of a portrait page.
func (r *renderer) portraitWidth() float64 {
	w, h := r.pdf.GetPageSize()
	return min(w, h) - 2*margin
}

// naturalWidth is the width of g with no cell wrapped.
func naturalWidth(f *fpdf.Fpdf, g grid) float64 {
	natural := make([]float64, len(g.align))
	measure := func(row []string) {
		for c, s := range row {
			natural[c] = max(natural[c], f.GetStringWidth(s)+2*cellPadX)
		}
	}
	f.SetFont(sans, "B", tableSize)
	measure(g.head)
	f.SetFont(sans, "", tableSize)
	for _, row := range g.rows {
		measure(row)
	}
	total := 0.0
	for _, w := range natural {
		total += w
	}
	return total
}

// note is one labelled line under a table or figure: "Note. …".
type note struct{ label, text string }

// tableNotes are the lines set under a table, APA style, so a table
// lifted out of the PDF still says what its numbers mean and where they
// are.
func (r *renderer) tableNotes(t *report.Table) []note {
	var out []note
	def := strings.TrimSpace(t.Definition + " " + r.definedIn(t.DefinedIn))
	for _, n := range []note{{"Note. ", t.Note}, {"Definition. ", def}, {"Data. ", r.dataNote(t.ID)}} {
		if n.text != "" {
			out = append(out, note{n.label, keepTogether(n.text)})
		}
	}
	return out
}

// definedIn points to the paragraph of Methods and definitions titled
// term, which defines a table's or figure's numbers; "" for no term.
func (r *renderer) definedIn(term string) string {
	if term == "" {
		return ""
	}
	return report.FindDefinition(r.doc, term).Sentence()
}

// dataNote names the attached CSV holding a table's or figure's numbers,
// or is empty when the data is not attached.
func (r *renderer) dataNote(id string) string {
	if !r.opt.AttachData {
		return ""
	}
	return id + ".csv, attached to this PDF."
}

// notesHeight is the height drawNotes will take. It measures each note as
// one run of regular type; the label is italic, which is no wider in the
// Go fonts, so the estimate errs on the safe side by at most a line.
func (r *renderer) notesHeight(notes []note) float64 {
	h := blockGap
	r.font("", tableSize)
	for _, n := range notes {
		h += float64(len(splitText(r.pdf, n.label+n.text, r.textWidth()-1))) * tableLead
	}
	return h
}

func (r *renderer) drawNotes(notes []note) {
	f := r.pdf
	for _, n := range notes {
		f.SetX(margin)
		r.font("I", tableSize)
		f.Write(tableLead, n.label)
		r.font("", tableSize)
		f.Write(tableLead, n.text)
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

// measureGrid fits g to width. mark, when set, is a line the first column
// must also have room for (the mark of a split row).
func (r *renderer) measureGrid(g grid, width float64, mark string) cellLayout {
	f := r.pdf
	ncol := len(g.align)
	natural := make([]float64, ncol)
	minimum := make([]float64, ncol)
	measure := func(c int, s string) {
		natural[c] = max(natural[c], f.GetStringWidth(s)+2*cellPadX)
		for _, w := range strings.Split(s, " ") {
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
	if mark != "" {
		measure(0, mark)
	}
	keep := make([]bool, ncol)
	for c, a := range g.align {
		keep[c] = a == "R"
	}
	l := cellLayout{widths: columnWidths(natural, minimum, keep, width)}
	wrap := func(row []string) ([][]string, float64) {
		lines := make([][]string, ncol)
		most := 1
		for c, s := range row {
			if s != "" {
				lines[c] = splitText(f, s, l.widths[c]-2*cellPadX)
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

// drawGrid lays a grid out across as many pages as it needs. fl is the
// numbered table the grid shows, or nil for a Markdown table; its caption
// goes above the table and, marked "(continued)", above its repeated
// header on every later page. tail is the height of what must follow the
// last row on its page (the table's notes). It returns where the rows fell
// (see CheckLayout).
func (r *renderer) drawGrid(g grid, fl *Float, tail float64) placement {
	f := r.pdf
	if len(g.align) == 0 {
		if fl != nil {
			r.markFloat(*fl) // nothing to show, but links to it must land
		}
		return placement{lastRowPage: f.PageNo(), rows: []int{0}}
	}
	capt := r.gridCaption(fl)
	l := r.measureGrid(g, r.textWidth(), "")
	var placed placement
	if maxLines := tableLines(r.full() - capt.height - l.headH); l.tallest() > maxLines {
		l = r.measureGrid(g, r.textWidth(), continuedMark)
		l.splitTall(tableLines(r.full() - capt.height - l.headH))
		placed.tallRowSplit = true
	}
	plan := planTable(r.remaining(), r.full(), capt.height+l.headH, l.rowH, tail)
	whole := capt.height + l.headH + tail
	for _, h := range l.rowH {
		whole += h
	}
	placed.rows, placed.fitsOnePage = plan.pages, whole <= r.full()+eps
	if plan.newPage && !r.atTop() {
		r.newPage()
	}
	if fl != nil {
		r.markFloat(*fl)
	}
	// Rows are placed by the plan; an automatic break inside one would
	// split it from its header.
	f.SetAutoPageBreak(false, margin)
	defer f.SetAutoPageBreak(true, margin)
	row := 0
	for p, count := range plan.pages {
		lines := capt.first
		if p > 0 {
			r.newPage()
			lines = capt.continued
		}
		r.drawGridPage(g, l, lines, row, row+count)
		row += count
	}
	placed.lastRowPage = f.PageNo()
	return placed
}

// gridCaption is a grid's caption as drawn: its lines on the first page,
// its lines marked "(continued)" on later pages, and the height kept for
// the longer of the two.
type gridCaption struct {
	first, continued []string
	height           float64
}

// gridCaption wraps the caption of fl, if it has one, to the text width.
func (r *renderer) gridCaption(fl *Float) gridCaption {
	var c gridCaption
	if fl == nil || fl.caption() == "" {
		return c
	}
	r.font("B", captionSize)
	c.first = splitText(r.pdf, fl.caption(), r.textWidth())
	c.continued = splitText(r.pdf, fl.caption()+" (continued)", r.textWidth())
	c.height = float64(max(len(c.first), len(c.continued)))*captionLead + 1.5
	return c
}

// drawGridPage draws one page of a grid at the current position: the
// caption lines, the header between rules, and rows from to to (exclusive).
func (r *renderer) drawGridPage(g grid, l cellLayout, caption []string, from, to int) {
	f := r.pdf
	left, _, _, _ := f.GetMargins()
	total := 0.0
	for _, w := range l.widths {
		total += w
	}
	y := f.GetY()
	r.font("B", captionSize)
	for _, s := range caption {
		f.SetXY(left, y)
		f.CellFormat(total, captionLead, s, "", 0, "L", false, 0, "")
		y += captionLead
	}
	if len(caption) > 0 {
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
	for row := from; row < to; row++ {
		r.drawRow(left, y, l.widths, l.rows[row], g.align)
		y += l.rowH[row]
	}
	f.SetLineWidth(0.3)
	f.Line(left, y, left+total, y)
	f.SetXY(left, y+1.5)
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

// tableLines is how many lines of table text fit in a row of height h.
func tableLines(h float64) int { return int((h - 2*cellPadY + eps) / tableLead) }

// tallest is the most lines any body row has.
func (l *cellLayout) tallest() int {
	most := 0
	for _, cells := range l.rows {
		for _, c := range cells {
			most = max(most, len(c))
		}
	}
	return most
}

// splitTall splits every body row taller than maxLines lines into pieces
// that fit a page (see splitRow), so no row runs off the bottom of one.
func (l *cellLayout) splitTall(maxLines int) {
	var rows [][][]string
	var heights []float64
	for i, cells := range l.rows {
		most := 0
		for _, c := range cells {
			most = max(most, len(c))
		}
		if most <= maxLines {
			rows = append(rows, cells)
			heights = append(heights, l.rowH[i])
			continue
		}
		for _, piece := range splitRow(cells, maxLines) {
			n := 1
			for _, c := range piece {
				n = max(n, len(c))
			}
			rows = append(rows, piece)
			heights = append(heights, float64(n)*tableLead+2*cellPadY)
		}
	}
	l.rows, l.rowH = rows, heights
}

// continuedMark opens the first column of each later piece of a split
// row, so a reader sees the row goes on rather than a new row beginning.
const continuedMark = "(continued)"

// splitRow cuts a row's wrapped cell lines into pieces of at most k lines
// each, column by column in step; every piece after the first starts its
// first column with continuedMark. k below 2 is taken as 2, the least that
// makes progress under the mark.
func splitRow(cells [][]string, k int) [][][]string {
	k = max(k, 2)
	pos := make([]int, len(cells))
	var out [][][]string
	for first := true; ; first = false {
		piece := make([][]string, len(cells))
		done := true
		for c, lines := range cells {
			room := k
			if !first && c == 0 {
				piece[0] = append(piece[0], continuedMark)
				room--
			}
			end := min(pos[c]+room, len(lines))
			piece[c] = append(piece[c], lines[pos[c]:end]...)
			pos[c] = end
			if end < len(lines) {
				done = false
			}
		}
		out = append(out, piece)
		if done {
			return out
		}
	}
}
