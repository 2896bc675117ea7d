package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
)

// pad is the white margin around every chart.
const pad = 12

// noteLineH is the distance between the lines of a wrapped note.
const noteLineH = sizeNote * 1.3

// frame is the layout shared by the charts with categories along X and
// values up Y (vertical bars, histograms, lines): the plot rectangle, the
// value axis, the X labels and the legend above the plot.
type frame struct {
	c                        *canvas
	f                        *report.Figure
	axis                     valueAxis
	x                        xLabels
	legend                   []legendEntry
	note                     []string // lines of the note under the plot
	left, top, right, bottom float64
}

// newFrame lays out f on the whole canvas. The plot gets whatever the
// labels, titles, legend and note leave, so none of them overlap it.
func newFrame(c *canvas, f *report.Figure, sw swatch, rotateOK bool, note string) *frame {
	fr := &frame{c: c, f: f, top: pad, right: c.w - pad - 4}
	fr.axis = niceAxis(valueRange(f))
	widest := 0.0
	for _, l := range fr.axis.labels {
		widest = math.Max(widest, c.width(l, sizeTick))
	}
	fr.left = pad + widest + 8
	if f.YLabel != "" {
		fr.left += sizeTitle + 8
	}
	// Rotated labels reach left of their slot: widen the margin if the first
	// one would leave the canvas, then plan again for the narrower slots.
	for range 2 {
		fr.x = planXLabels(c, f.Categories, fr.slot(), rotateOK)
		need := pad + fr.x.overhang(c) - fr.slot()/2
		fr.left = math.Max(fr.left, need)
	}
	if len(f.Series) > 1 || marked(f) {
		var h float64
		fr.legend, h = layoutLegend(c, f, sw, fr.left, fr.right, fr.top)
		fr.top += h + 8
	}
	fr.top += sizeTick / 2 // room for the top tick label
	fr.bottom = c.h - pad - fr.x.height - 6
	if f.XLabel != "" {
		fr.bottom -= sizeTitle + 8
	}
	if note != "" {
		// On a narrow chart the note wraps rather than losing its end.
		fr.note = c.wrap(note, sizeNote, c.w-fr.left-pad, 3)
		fr.bottom -= sizeNote + 8 + float64(len(fr.note)-1)*noteLineH
	}
	return fr
}

func (fr *frame) slot() float64 { return (fr.right - fr.left) / float64(len(fr.f.Categories)) }

// center is the X of category i's slot centre.
func (fr *frame) center(i int) float64 { return fr.left + (float64(i)+0.5)*fr.slot() }

// y maps a value to its Y on the plot.
func (fr *frame) y(v float64) float64 {
	return fr.bottom - (v-fr.axis.lo)/(fr.axis.hi-fr.axis.lo)*(fr.bottom-fr.top)
}

// drawBack draws what lies under the data: grid lines, tick labels and the
// Y axis title.
func (fr *frame) drawBack() {
	c := fr.c
	for _, r := range markedRuns(fr.f) {
		c.rect(fr.center(r[0])-fr.slot()/2, fr.top, fr.center(r[1])+fr.slot()/2, fr.bottom, markFill)
	}
	for i, t := range fr.axis.ticks {
		y := math.Round(fr.y(t))
		c.rect(fr.left, y, fr.right, y+1, gridColor)
		c.text(fr.axis.labels[i], fr.left-8, y+0.35*sizeTick, sizeTick, textColor, alignRight, 0)
	}
	if fr.f.YLabel != "" {
		title := c.fit(fr.f.YLabel, sizeTitle, fr.bottom-fr.top)
		c.text(title, pad+0.8*sizeTitle, (fr.top+fr.bottom)/2, sizeTitle, textColor, alignCenter, -90)
	}
}

// drawFront draws what lies over the data: the zero line, X labels and
// title, legend and note.
func (fr *frame) drawFront() {
	c := fr.c
	zero := math.Round(fr.y(0))
	c.rect(fr.left, zero, fr.right, zero+1, axisColor)
	for i, l := range fr.x.text {
		if !fr.x.shown(i) {
			continue
		}
		x := fr.center(i)
		if fr.x.rotate {
			// Anchor the end of the baseline so the glyphs' middle, not their
			// baseline, meets the slot centre.
			off := 0.36 * sizeTick * math.Sqrt2 / 2
			c.text(l, x+off, fr.bottom+8+off, sizeTick, textColor, alignRight, -45)
		} else {
			c.text(l, x, fr.bottom+6+0.8*sizeTick, sizeTick, textColor, alignCenter, 0)
		}
	}
	base := fr.bottom + 6 + fr.x.height
	if fr.f.XLabel != "" {
		title := c.fit(fr.f.XLabel, sizeTitle, fr.right-fr.left)
		c.text(title, (fr.left+fr.right)/2, base+8+0.8*sizeTitle, sizeTitle, textColor, alignCenter, 0)
	}
	for i, l := range fr.note {
		y := c.h - pad - float64(len(fr.note)-1-i)*noteLineH
		c.text(l, fr.left, y, sizeNote, mutedText, alignLeft, 0)
	}
	drawLegend(c, fr.legend)
}
