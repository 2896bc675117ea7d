package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// swatch is how a legend entry shows its series.
type swatch int

const (
	swatchBox   swatch = iota // a filled square, for bars
	swatchLine                // a line through the series' marker
	swatchMark                // the shading of marked categories
	swatchPoint               // the series' marker on a short whisker, for forest plots
)

// legendEntry is one series' key, placed.
type legendEntry struct {
	name   string
	series int
	sw     swatch
	// col is the series' colour: the palette's for most kinds, a scale's
	// own for diverging bars, which set it after layout.
	col drawing.Color
	// band is set when a line has a confidence band, so the key shows it
	// behind the line as the plot does.
	band bool
	x, y float64 // left of the swatch, middle of the row
}

const (
	legendRow     = 20
	legendMaxName = 240
	swatchWidth   = 22
)

// layoutLegend places one entry per series, left to right from x0, wrapping
// before x1. It returns the entries and the height they take from top.
func layoutLegend(c *canvas, f *report.Figure, sw swatch, x0, x1, top float64) ([]legendEntry, float64) {
	var out []legendEntry
	x, y := x0, top+legendRow/2
	add := func(e legendEntry, max float64) {
		e.name = c.fit(e.name, sizeTick, math.Min(max, x1-x0-swatchWidth-6))
		w := swatchWidth + 6 + c.width(e.name, sizeTick)
		if x > x0 && x+w > x1 {
			x, y = x0, y+legendRow
		}
		e.x, e.y = x, y
		out = append(out, e)
		x += w + 18
	}
	if len(f.Series) > 1 {
		for i, s := range f.Series {
			band := sw == swatchLine && hasBand(s)
			add(legendEntry{name: s.Name, series: i, sw: sw, col: seriesColor(i), band: band}, legendMaxName)
		}
	}
	if marked(f) {
		add(legendEntry{name: f.MarkLabel, sw: swatchMark, col: markFill}, x1-x0-swatchWidth-6)
	}
	return out, y + legendRow/2 - top
}

func drawLegend(c *canvas, entries []legendEntry) {
	for _, e := range entries {
		col := e.col
		switch e.sw {
		case swatchBox:
			c.rect(e.x+5, e.y-6, e.x+17, e.y+6, col)
		case swatchPoint:
			c.polyline([]point{{e.x + 3, e.y}, {e.x + swatchWidth - 3, e.y}}, col, 2)
			marker(c, e.series, e.x+swatchWidth/2, e.y, col, false)
		case swatchMark:
			c.polygon([]point{{e.x, e.y - 8}, {e.x + swatchWidth, e.y - 8}, {e.x + swatchWidth, e.y + 8}, {e.x, e.y + 8}}, col, markEdge, 1)
		case swatchLine:
			if e.band {
				c.rect(e.x, e.y-6, e.x+swatchWidth, e.y+6, translucent(col))
			}
			c.polyline([]point{{e.x, e.y}, {e.x + swatchWidth, e.y}}, col, 2)
			marker(c, e.series, e.x+swatchWidth/2, e.y, col, false)
		}
		c.text(e.name, e.x+swatchWidth+6, e.y+0.35*sizeTick, sizeTick, textColor, alignLeft, 0)
	}
}

// markerRadius is the marker's size in CSS pixels.
const markerRadius = 4.5

// marker draws series i's marker shape centred on (x, y). Each series has
// its own shape as well as colour, so lines stay apart in grey print and
// for readers who cannot tell the colours apart. A hollow marker stands for
// a value that is not there.
func marker(c *canvas, i int, x, y float64, col drawing.Color, hollow bool) {
	r := markerRadius
	var pts []point
	switch i % 5 {
	case 0: // circle, as a 16-gon: go-chart's SVG circles round the radius
		for k := range 16 {
			a := float64(k) * math.Pi / 8
			pts = append(pts, point{x + r*math.Cos(a), y + r*math.Sin(a)})
		}
	case 1: // square
		r *= 0.9
		pts = []point{{x - r, y - r}, {x + r, y - r}, {x + r, y + r}, {x - r, y + r}}
	case 2: // triangle up
		r *= 1.2
		pts = []point{{x, y - r}, {x + r, y + r*0.75}, {x - r, y + r*0.75}}
	case 3: // diamond
		r *= 1.2
		pts = []point{{x, y - r}, {x + r, y}, {x, y + r}, {x - r, y}}
	case 4: // triangle down
		r *= 1.2
		pts = []point{{x, y + r}, {x + r, y - r*0.75}, {x - r, y - r*0.75}}
	}
	fill := col
	if hollow {
		fill = white
	}
	c.polygon(pts, fill, col, 1.5)
}

// markFill shades a marked category's slot; markEdge outlines the key's
// swatch, which would be lost on white without it. Grey, so a mark never
// reads as a series or a confidence band.
var (
	markFill = hex(0xEDEDED)
	markEdge = hex(0xB0B0B0)
)

// marked reports whether f has marks to draw and a label to key them.
func marked(f *report.Figure) bool { return len(f.Marked) > 0 && f.MarkLabel != "" }

// markedAt reports, per category, whether f marks it.
func markedAt(f *report.Figure) []bool {
	at := make([]bool, len(f.Categories))
	if !marked(f) {
		return at
	}
	for i, cat := range f.Categories {
		for _, m := range f.Marked {
			if m == cat {
				at[i] = true
			}
		}
	}
	return at
}

// markedRuns lists the runs of adjacent marked categories as first and
// last index, so neighbouring marks shade as one area without seams.
func markedRuns(f *report.Figure) [][2]int {
	var runs [][2]int
	at := markedAt(f)
	for i := 0; i < len(at); i++ {
		if !at[i] {
			continue
		}
		j := i
		for j+1 < len(at) && at[j+1] {
			j++
		}
		runs = append(runs, [2]int{i, j})
		i = j
	}
	return runs
}
