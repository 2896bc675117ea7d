package charts

import (
	"math"

	"github.com/moocreport/moocreport/report"
)

// Horizontal bars: labels up to this wide sit left of their bar; the chart
// grows a row per category instead of squeezing them.
const (
	maxCategoryLabel = 220
	maxForestLabel   = 330
	maxVerticalBars  = 6
)

// horizontal reports whether bars are drawn horizontally: for many
// categories (countries, education levels) or labels too long to stand
// under a column, a row each reads better than turned labels.
func horizontal(f *report.Figure, width float64) bool {
	n := len(f.Categories)
	if n > maxVerticalBars {
		return true
	}
	m, err := measurer(width)
	if err != nil {
		return false
	}
	slot := (width - 100) / float64(n) // the plot is about width-100 wide
	for _, l := range f.Categories {
		if m.width(l, sizeTick) > slot-labelGap {
			return true
		}
	}
	return false
}

// measurer is a canvas width pixels wide that can only measure text, for
// layouts that must know their height before the renderer exists.
func measurer(width float64) (*canvas, error) {
	fnt, err := goRegular()
	if err != nil {
		return nil, err
	}
	return &canvas{font: fnt, w: width}, nil
}

// labelLimit is how wide a category label beside its bar may grow: lim on
// a wide chart, and at most 40 % of a narrow one, so the bars keep room.
func (c *canvas) labelLimit(lim float64) float64 { return math.Min(lim, 0.4*c.w) }

// hlayout is the geometry of a horizontal bar chart, in CSS pixels.
type hlayout struct {
	axis                     valueAxis
	labels                   []string
	legend                   []legendEntry
	row                      float64
	left, top, right, bottom float64
	height                   float64
}

func layoutHorizontal(m *canvas, f *report.Figure) hlayout {
	l := hlayout{axis: niceAxis(valueRange(f)), top: pad}
	// A row holds one bar per series; one series gets a 17 px bar.
	l.row = math.Max(24, float64(len(f.Series))*14+10)
	sw, maxLabel := swatchBox, float64(maxCategoryLabel)
	if f.Kind == report.FigureForest {
		// A forest plot's rows are statements (survey questions): give
		// them more room, and key the series by their marker shapes.
		sw, maxLabel = swatchPoint, maxForestLabel
	}
	if len(f.Series) > 1 || marked(f) {
		var h float64
		l.legend, h = layoutLegend(m, f, sw, pad, m.w-pad, l.top)
		l.top += h + 8
	}
	if f.XLabel != "" {
		l.top += sizeTitle + 8 // the category title sits above the labels
	}
	widest := 0.0
	for _, c := range f.Categories {
		s := m.fit(c, sizeTick, m.labelLimit(maxLabel))
		l.labels = append(l.labels, s)
		widest = math.Max(widest, m.width(s, sizeTick))
	}
	l.left = pad + widest + 8
	last := l.axis.labels[len(l.axis.labels)-1]
	l.right = m.w - pad - m.width(last, sizeTick)/2
	l.bottom = l.top + float64(len(f.Categories))*l.row
	l.height = l.bottom + 6 + sizeTick*1.25 + pad
	if f.YLabel != "" {
		l.height += sizeTitle + 8
	}
	l.height = math.Ceil(l.height) // the SVG states its size in whole pixels
	return l
}

func (l hlayout) x(v float64) float64 {
	return l.left + (v-l.axis.lo)/(l.axis.hi-l.axis.lo)*(l.right-l.left)
}

// drawHorizontalBars draws one row per category, labels on the left, the
// value axis along the bottom. XLabel names the categories (above their
// labels) and YLabel the values (under the axis), as in the vertical form.
func drawHorizontalBars(f *report.Figure, t target, sz size) (*canvas, error) {
	c, l, err := horizontalCanvas(f, t, sz)
	if err != nil {
		return nil, err
	}
	zero := l.x(0)
	bar := (l.row - 8) / float64(len(f.Series))
	for i, label := range l.labels {
		rowTop := l.top + float64(i)*l.row
		c.text(label, l.left-8, rowTop+l.row/2+0.35*sizeTick, sizeTick, textColor, alignRight, 0)
		for k, s := range f.Series {
			y0 := rowTop + 4 + float64(k)*bar
			v := s.Values[i]
			if math.IsNaN(v) {
				c.text(suppressed, zero+4, y0+bar/2+0.35*sizeNote, sizeNote, mutedText, alignLeft, 0)
				continue
			}
			c.rect(math.Min(zero, l.x(v)), y0, math.Max(zero, l.x(v)), y0+bar-1, seriesColor(k))
		}
	}
	z := math.Round(zero)
	c.rect(z, l.top, z+1, l.bottom, axisColor)
	horizontalTitles(c, f, l)
	drawLegend(c, l.legend)
	return c, nil
}

// horizontalTitles writes a horizontal chart's axis titles: the category
// axis's (XLabel) above the rows at the left, the value axis's (YLabel)
// centred under it.
func horizontalTitles(c *canvas, f *report.Figure, l hlayout) {
	if f.XLabel != "" {
		title := c.fit(f.XLabel, sizeTitle, c.w-2*pad)
		c.text(title, pad, l.top-8, sizeTitle, textColor, alignLeft, 0)
	}
	if f.YLabel != "" {
		title := c.fit(f.YLabel, sizeTitle, l.right-l.left)
		c.text(title, (l.left+l.right)/2, l.height-pad, sizeTitle, textColor, alignCenter, 0)
	}
}

// verticalGrid draws a horizontal value axis's grid lines from top to
// bottom and its tick labels under them, for the charts whose values run
// left to right (horizontal and diverging bars).
// On a narrow chart the labels of every other tick (or fewer) are left out
// when they would touch; the grid lines all stay.
func (c *canvas) verticalGrid(ax valueAxis, x func(float64) float64, top, bottom float64) {
	every := 1
	if n := len(ax.ticks); n > 1 {
		widest := 0.0
		for _, l := range ax.labels {
			widest = math.Max(widest, c.width(l, sizeTick))
		}
		step := math.Abs(x(ax.ticks[1]) - x(ax.ticks[0]))
		every = max(1, int(math.Ceil((widest+labelGap)/step)))
	}
	for i, t := range ax.ticks {
		px := math.Round(x(t))
		c.rect(px, top, px+1, bottom, gridColor)
		if i%every == 0 {
			c.text(ax.labels[i], px, bottom+6+0.8*sizeTick, sizeTick, textColor, alignCenter, 0)
		}
	}
}

// horizontalCanvas lays out a chart with a row per category and the value
// axis along the bottom (horizontal bars, forest plots), and draws its
// background: shaded marked rows and the value grid.
func horizontalCanvas(f *report.Figure, t target, sz size) (*canvas, hlayout, error) {
	m, err := measurer(sz.w)
	if err != nil {
		return nil, hlayout{}, err
	}
	l := layoutHorizontal(m, f)
	c, err := newCanvas(t, sz.w, l.height)
	if err != nil {
		return nil, l, err
	}
	shadeRows(c, f, l)
	c.verticalGrid(l.axis, l.x, l.top, l.bottom)
	return c, l, nil
}

// shadeRows shades the rows of the marked categories, under the grid.
func shadeRows(c *canvas, f *report.Figure, l hlayout) {
	for _, r := range markedRuns(f) {
		c.rect(l.left, l.top+float64(r[0])*l.row, l.right, l.top+float64(r[1]+1)*l.row, markFill)
	}
}
