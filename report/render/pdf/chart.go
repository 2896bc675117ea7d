package pdf

import (
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/moocreport/moocreport/report/charts"
)

// chartFont is the family of the charts' labels: Go Regular, the font the
// charts package measured them in, so that a label ends where its layout
// says and a truncated one still fits. It is registered with the first
// chart a document draws, so a PDF without charts does not carry it.
const chartFont = "gochart"

// drawChart paints d with its top left corner at (x, y), w millimetres
// wide, as vectors: paths for the shapes, text in Go Regular for the
// labels (selectable and searchable, like the rest of the PDF). It is
// clipped to its box, as a picture of that size would be. The state fpdf
// tracks (colours, line width) is set back afterwards; the font is not,
// and the caller sets its own before writing text.
func (r *renderer) drawChart(d *charts.Drawing, x, y, w float64) {
	f := r.pdf
	if !r.chartFont {
		f.AddUTF8FontFromBytes(chartFont, "", goregular.TTF)
		r.chartFont = true
	}
	s := w / d.Width // millimetres per CSS pixel
	dr, dg, db := f.GetDrawColor()
	fr, fg, fb := f.GetFillColor()
	tr, tg, tb := f.GetTextColor()
	lw := f.GetLineWidth()
	f.ClipRect(x, y, w, d.Height*s, false)
	p := chartPainter{f: f, x: x, y: y, s: s, alpha: 1}
	for _, it := range d.Items {
		if it.Path != nil {
			p.path(it.Path)
		} else {
			p.text(it.Text)
		}
	}
	f.ClipEnd() // restores the graphics state of before the chart ...
	// ... which fpdf does not know: tell it, so that what it writes next
	// is in the colours it believes in.
	if p.alpha != 1 {
		f.SetAlpha(1, "Normal")
	}
	f.SetDrawColor(dr, dg, db)
	f.SetFillColor(fr, fg, fb)
	f.SetTextColor(tr, tg, tb)
	f.SetLineWidth(lw)
}

// chartPainter draws a Drawing's items on a page: a CSS pixel at (X, Y) of
// the chart lands at (x + X·s, y + Y·s) millimetres.
type chartPainter struct {
	f        *fpdf.Fpdf
	x, y, s  float64
	alpha    float64 // the constant alpha last set
	fontSize float64 // the font size last set, in CSS pixels; 0 for none
}

func (p *chartPainter) setAlpha(a uint8) {
	if v := float64(a) / 255; v != p.alpha {
		p.f.SetAlpha(v, "Normal")
		p.alpha = v
	}
}

// path fills a closed path and strokes it where it has an outline. A fill
// and an outline of different opacity are painted one after the other,
// since a PDF path is painted at one opacity.
func (p *chartPainter) path(q *charts.Path) {
	fill := q.Closed && q.Fill.A > 0
	stroke := q.Width > 0 && q.Stroke.A > 0
	if len(q.Points) < 2 || (!fill && !stroke) {
		return
	}
	if fill && stroke && q.Fill.A != q.Stroke.A {
		p.trace(q, true, false)
		p.trace(q, false, true)
		return
	}
	p.trace(q, fill, stroke)
}

func (p *chartPainter) trace(q *charts.Path, fill, stroke bool) {
	f := p.f
	style := "D"
	if fill {
		f.SetFillColor(int(q.Fill.R), int(q.Fill.G), int(q.Fill.B))
		p.setAlpha(q.Fill.A)
		style = "F"
	}
	if stroke {
		f.SetDrawColor(int(q.Stroke.R), int(q.Stroke.G), int(q.Stroke.B))
		f.SetLineWidth(q.Width * p.s)
		if !fill {
			p.setAlpha(q.Stroke.A)
		} else {
			style = "FD"
		}
	}
	for i, pt := range q.Points {
		if i == 0 {
			f.MoveTo(p.x+pt.X*p.s, p.y+pt.Y*p.s)
		} else {
			f.LineTo(p.x+pt.X*p.s, p.y+pt.Y*p.s)
		}
	}
	if q.Closed {
		f.ClosePath()
	}
	f.DrawPath(style)
}

// text writes a label from the start of its baseline, turned clockwise
// around that point by its rotation.
func (p *chartPainter) text(t *charts.Text) {
	f := p.f
	if t.Size != p.fontSize {
		f.SetFont(chartFont, "", t.Size*p.s*72/25.4) // millimetres to points
		p.fontSize = t.Size
	}
	f.SetTextColor(int(t.Color.R), int(t.Color.G), int(t.Color.B))
	p.setAlpha(t.Color.A)
	x, y := p.x+t.X*p.s, p.y+t.Y*p.s
	if t.Rotate != 0 {
		f.TransformBegin()
		f.TransformRotate(-t.Rotate, x, y) // fpdf turns anticlockwise
		defer f.TransformEnd()
	}
	f.Text(x, y, t.S)
}
