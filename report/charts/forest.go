package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
)

// whiskerCap is the half-height of the caps that end an interval.
const whiskerCap = 5

// drawForest draws a forest plot: a row per category (a test), the
// estimate as a marker and its interval as a whisker, against a line at
// zero, with the values running left to right as in a horizontal bar
// chart, whose layout it shares. Marked rows are shaded. Several series
// share a row, one below the other, each in its colour and marker shape.
// A row without a value says so in place of its marker.
func drawForest(f *report.Figure, t target, sz size) (*canvas, error) {
	c, l, err := horizontalCanvas(f, t, sz)
	if err != nil {
		return nil, err
	}
	// The line of no difference, where the axis has one; on a scale that
	// starts above zero the axis's left edge, where notes start too.
	z := l.left
	if l.axis.lo <= 0 && 0 <= l.axis.hi {
		z = math.Round(l.x(0))
	}
	c.rect(z, l.top, z+1, l.bottom, axisColor)
	step := (l.row - 8) / float64(len(f.Series))
	lines := 1 // a row of two series has room for a label of two lines
	if l.row >= 2*sizeTick+8 {
		lines = 2
	}
	for i := range l.labels {
		rowTop := l.top + float64(i)*l.row
		label := c.wrap(f.Categories[i], sizeTick, l.left-8-pad, lines)
		for j, part := range label {
			y := rowTop + l.row/2 + 0.35*sizeTick + (float64(j)-float64(len(label)-1)/2)*(sizeTick+2)
			c.text(part, l.left-8, y, sizeTick, textColor, alignRight, 0)
		}
		if rowEmpty(f, i) {
			c.text(suppressed, z+4, rowTop+l.row/2+0.35*sizeNote, sizeNote, mutedText, alignLeft, 0)
			continue
		}
		for k, s := range f.Series {
			y := rowTop + 4 + (float64(k)+0.5)*step
			v := s.Values[i]
			if math.IsNaN(v) {
				c.text(suppressed, z+4, y+0.35*sizeNote, sizeNote, mutedText, alignLeft, 0)
				continue
			}
			col := seriesColor(k)
			if s.Lo != nil && !math.IsNaN(s.Lo[i]) && !math.IsNaN(s.Hi[i]) {
				x0, x1 := l.x(s.Lo[i]), l.x(s.Hi[i])
				c.polyline([]point{{x0, y}, {x1, y}}, col, 2)
				c.polyline([]point{{x0, y - whiskerCap}, {x0, y + whiskerCap}}, col, 2)
				c.polyline([]point{{x1, y - whiskerCap}, {x1, y + whiskerCap}}, col, 2)
			}
			marker(c, k, l.x(v), y, col, false)
		}
	}
	horizontalTitles(c, f, l)
	drawLegend(c, l.legend)
	return c, nil
}

// rowEmpty reports whether no series has a value for category i: the
// row then says so once rather than once per series.
func rowEmpty(f *report.Figure, i int) bool {
	for _, s := range f.Series {
		if !math.IsNaN(s.Values[i]) {
			return false
		}
	}
	return true
}
