package charts

import (
	"math"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// nanNote explains the hollow markers a line chart draws for NaN values;
// bandNote the shaded bands. The figure's caption says which interval a
// band is (charts do not know the level or the method).
const (
	nanNote  = "Hollow markers on the axis: value withheld or missing."
	bandNote = "Shaded bands: confidence intervals."
)

// bandAlpha is the opacity of a confidence band: light enough that the
// grid, the other series' lines and overlapping bands show through.
const bandAlpha = 51 // 20 %

// translucent is col as a band's fill.
func translucent(col drawing.Color) drawing.Color {
	col.A = bandAlpha
	return col
}

// hasBand reports whether s has a confidence band to draw anywhere.
func hasBand(s report.Series) bool {
	for i := range s.Lo {
		if i < len(s.Hi) && !math.IsNaN(s.Lo[i]) && !math.IsNaN(s.Hi[i]) {
			return true
		}
	}
	return false
}

// drawLines draws one line per series over the categories (course weeks),
// with a marker at every value. A NaN breaks the line rather than bridging
// the gap, which would invent a trend through a value nobody may see; a
// hollow marker on the axis shows which series lacks which week.
func drawLines(f *report.Figure, t target, sz size) (*canvas, error) {
	c, err := newCanvas(t, sz.w, sz.h)
	if err != nil {
		return nil, err
	}
	var notes []string
	for _, s := range f.Series {
		if hasBand(s) {
			notes = append(notes, bandNote)
			break
		}
	}
	if hasNaN(f) {
		notes = append(notes, nanNote)
	}
	fr := newFrame(c, f, swatchLine, false, strings.Join(notes, " "))
	fr.drawBack()
	fr.drawFront() // under the lines: the zero line must not cross them
	for k, s := range f.Series {
		drawBand(c, fr, s, seriesColor(k))
	}
	for k, s := range f.Series {
		col := seriesColor(k)
		var run []point
		for i, v := range s.Values {
			if math.IsNaN(v) {
				c.polyline(run, col, 2)
				run = nil
				continue
			}
			run = append(run, point{fr.center(i), fr.y(v)})
		}
		c.polyline(run, col, 2)
	}
	for k, s := range f.Series {
		for i, v := range s.Values {
			if math.IsNaN(v) {
				marker(c, k, fr.center(i), fr.bottom, seriesColor(k), true)
			} else {
				marker(c, k, fr.center(i), fr.y(v), seriesColor(k), false)
			}
		}
	}
	return c, nil
}

// drawBand shades s's confidence band in its colour, one polygon per run
// of weeks that have a band: like the line, a band is not bridged over a
// gap. A band for a single week between gaps is drawn as a short bar, so it
// is not lost.
func drawBand(c *canvas, fr *frame, s report.Series, col drawing.Color) {
	if !hasBand(s) {
		return
	}
	fill := translucent(col)
	flush := func(run []int) {
		switch len(run) {
		case 0:
			return
		case 1:
			x := fr.center(run[0])
			c.rect(x-markerRadius, fr.y(s.Hi[run[0]]), x+markerRadius, fr.y(s.Lo[run[0]]), fill)
			return
		}
		pts := make([]point, 0, 2*len(run))
		for _, i := range run {
			pts = append(pts, point{fr.center(i), fr.y(s.Hi[i])})
		}
		for j := len(run) - 1; j >= 0; j-- {
			i := run[j]
			pts = append(pts, point{fr.center(i), fr.y(s.Lo[i])})
		}
		c.polygon(pts, fill, drawing.Color{}, 0)
	}
	var run []int
	for i := range s.Values {
		if math.IsNaN(s.Lo[i]) || math.IsNaN(s.Hi[i]) || math.IsNaN(s.Values[i]) {
			flush(run)
			run = run[:0]
			continue
		}
		run = append(run, i)
	}
	flush(run)
}
