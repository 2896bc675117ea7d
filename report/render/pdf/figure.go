package pdf

import (
	"fmt"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
)

// figureCache draws each figure once, though Render lays the document out
// more than once.
type figureCache struct {
	draw  func(*report.Figure) (*charts.Drawing, error)
	drawn map[*report.Figure]*charts.Drawing
}

func (c *figureCache) get(f *report.Figure) (*charts.Drawing, error) {
	if d, ok := c.drawn[f]; ok {
		return d, nil
	}
	d, err := c.draw(f)
	if err != nil {
		return nil, err
	}
	c.drawn[f] = d
	return d, nil
}

// maxFigureHeight caps a chart's height, in millimetres: at text width a
// chart would take two thirds of a page, leaving its caption and the text
// that refers to it for the next. Capped, it is drawn narrower, centred,
// and a figure and a short table or paragraph share a page.
const maxFigureHeight = 66.0

// placeholderHeight is the least height of the box drawn when there is no
// chart.
const placeholderHeight = 40.0

// figureBox is a figure measured for the page: its chart (nil when drawn
// as a placeholder), the chart's height and the caption's.
type figureBox struct {
	chart          *charts.Drawing
	img, capH      float64
	label, caption string
}

// measureFigure draws fig's chart and measures it at text width; ok is
// false when drawing the chart failed (the error is set on the PDF).
func (r *renderer) measureFigure(fig *report.Figure) (b figureBox, ok bool) {
	f := r.pdf
	if r.figs.draw != nil {
		d, err := r.figs.get(fig)
		if err != nil {
			f.SetError(fmt.Errorf("figure %q: %w", fig.ID, err))
			return b, false
		}
		b.chart = d
	}
	width := r.textWidth()
	b.img = placeholderHeight
	if b.chart != nil && b.chart.Width > 0 && b.chart.Height > 0 {
		b.img = min(width*b.chart.Height/b.chart.Width, maxFigureHeight)
	} else {
		r.font("I", smallSize)
		b.img = max(b.img, float64(len(splitText(f, fig.Alt, width-6)))*smallLeading+6)
	}
	b.label = r.numbers[fig].caption()
	b.caption = keepTogether(strings.TrimSpace(fig.Caption + " " + r.definedIn(fig.DefinedIn)))
	if d := r.dataNote(fig.ID); d != "" {
		b.caption = strings.TrimSpace(b.caption + " Data: " + d)
	}
	// The label is set as a table's caption, the text under it as a
	// table's notes, so captions and notes read alike.
	r.font("B", captionSize)
	b.capH = 2 + float64(len(splitText(f, b.label, width)))*captionLead
	r.font("", tableSize)
	if b.caption != "" {
		b.capH += 1 + float64(len(splitText(f, b.caption, width)))*tableLead
	}
	return b, true
}

// figureFits reports whether fig fits, with its caption, in what is left
// of the page.
func (r *renderer) figureFits(fig *report.Figure) bool {
	b, ok := r.measureFigure(fig)
	if !ok {
		return true // nothing to move: the error ends the pass
	}
	newPage, _ := placeFigure(r.remaining(), r.full(), b.img, b.capH)
	return !newPage
}

// figure draws a numbered figure at text width with its caption below, the
// two always on one page. Its data table (Figure.Table) is not drawn: the
// PDF shows the chart, and the numbers travel in the attached files.
func (r *renderer) figure(fig *report.Figure) {
	f := r.pdf
	b, ok := r.measureFigure(fig)
	if !ok {
		return
	}
	width := r.textWidth()
	newPage, h := placeFigure(r.remaining(), r.full(), b.img, b.capH)
	if newPage {
		r.newPage()
	}
	r.markFloat(r.numbers[fig])
	left, _, _, _ := f.GetMargins()
	y := f.GetY()
	placed := placement{label: r.numbers[fig].Label, isFigure: true, imagePage: f.PageNo()}
	if b.chart != nil {
		w := h * b.chart.Width / b.chart.Height
		r.drawChart(b.chart, left+(width-w)/2, y, w)
	} else {
		r.placeholder(fig, left, y, width, h)
	}
	f.SetXY(left, y+h+2)
	r.font("B", captionSize)
	f.MultiCell(width, captionLead, b.label, "", "L", false)
	if b.caption != "" {
		f.Ln(1)
		r.font("", tableSize)
		f.MultiCell(width, tableLead, b.caption, "", "L", false)
	}
	placed.captionPage = f.PageNo()
	r.placed = append(r.placed, placed)
	f.Ln(blockGap)
}

// placeholder stands in for a chart when Options.FigureDrawing is nil: a frame
// with the figure's text alternative.
func (r *renderer) placeholder(fig *report.Figure, x, y, w, h float64) {
	f := r.pdf
	f.SetDrawColor(150, 150, 150)
	f.Rect(x, y, w, h, "D")
	f.SetDrawColor(0, 0, 0)
	f.SetXY(x+3, y+3)
	r.font("I", smallSize)
	f.MultiCell(w-6, smallLeading, fig.Alt, "", "L", false)
}
