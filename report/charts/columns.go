package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
)

// drawColumns draws vertical bars: for FigureBars a group per category with
// a gap between groups, for FigureHistogram contiguous bins. Several series
// share a group or bin side by side.
func drawColumns(f *report.Figure, t target, sz size) (*canvas, error) {
	c, err := newCanvas(t, sz.w, sz.h)
	if err != nil {
		return nil, err
	}
	hist := f.Kind == report.FigureHistogram
	fr := newFrame(c, f, swatchBox, !hist, "")
	fr.drawBack()

	group := 0.8 // share of a slot the bars of one category fill
	gap := 0.0   // white between bars, in CSS pixels
	if hist {
		group, gap = 1, 1
	}
	slot := fr.slot()
	bar := slot * group / float64(len(f.Series))
	zero := fr.y(0)
	for i := range f.Categories {
		x0 := fr.center(i) - slot*group/2
		for k, s := range f.Series {
			left := x0 + float64(k)*bar
			v := s.Values[i]
			if math.IsNaN(v) {
				markSuppressed(c, left+bar/2, zero, fr.top)
				continue
			}
			top, bottom := fr.y(v), zero
			if top > bottom {
				top, bottom = bottom, top
			}
			c.rect(left, top, left+bar-gap, bottom, seriesColor(k))
		}
	}
	fr.drawFront()
	return c, nil
}

// markSuppressed writes "withheld" upward from the baseline at x, where
// the bar would stand: a missing bar must not read as a zero. Turned, it
// needs only a text line's width, so it fits even narrow bars.
func markSuppressed(c *canvas, x, base, top float64) {
	label := c.fit(suppressed, sizeNote, base-top-4)
	c.text(label, x+0.35*sizeNote, base-4, sizeNote, mutedText, alignLeft, -90)
}
