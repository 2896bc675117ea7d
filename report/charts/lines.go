package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2"
)

// nanNote explains the hollow markers a line chart draws for NaN values.
const nanNote = "Hollow markers on the axis: value suppressed or missing."

// drawLines draws one line per series over the categories (course weeks),
// with a marker at every value. A NaN breaks the line rather than bridging
// the gap, which would invent a trend through a value nobody may see; a
// hollow marker on the axis shows which series lacks which week.
func drawLines(f *report.Figure, provider chart.RendererProvider, scale float64, svg bool) (*canvas, error) {
	c, err := newCanvas(provider, Width, height, scale, svg)
	if err != nil {
		return nil, err
	}
	note := ""
	if hasNaN(f) {
		note = nanNote
	}
	fr := newFrame(c, f, swatchLine, false, note)
	fr.drawBack()
	fr.drawFront() // under the lines: the zero line must not cross them
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
