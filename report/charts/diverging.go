package charts

import (
	"math"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// divergingStops are ColorBrewer's RdBu ends and shoulders around a grey
// middle: red for the low end of a scale, blue for the high end, which
// readers with the common colour-vision deficiencies still tell apart. The
// middle is a mid grey rather than RdBu's near-white, which would vanish
// on the white page.
var divergingStops = []drawing.Color{hex(0xCA0020), hex(0xF4A582), hex(0xDDDDDD), hex(0x92C5DE), hex(0x0571B0)}

// divergingColors gives each of n scale levels its colour, lowest first,
// by interpolating the stops: five levels get exactly the stops, an odd
// scale always has the grey in the middle, and the colours stay symmetric
// about it for any n.
func divergingColors(n int) []drawing.Color {
	if n == 1 {
		return []drawing.Color{divergingStops[2]}
	}
	out := make([]drawing.Color, n)
	last := float64(len(divergingStops) - 1)
	for i := range out {
		t := float64(i) / float64(n-1) * last
		k := min(int(t), len(divergingStops)-2)
		a, b, f := divergingStops[k], divergingStops[k+1], t-float64(k)
		mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
		out[i] = drawing.Color{R: mix(a.R, b.R), G: mix(a.G, b.G), B: mix(a.B, b.B), A: 255}
	}
	return out
}

// inkOn is the text colour that reads on fill: white on the dark ends of
// the scale, dark on the light shoulders and the grey.
func inkOn(fill drawing.Color) drawing.Color {
	lum := (0.2126*float64(fill.R) + 0.7152*float64(fill.G) + 0.0722*float64(fill.B)) / 255
	if lum < 0.5 {
		return white
	}
	return textColor
}

// Diverging bars: item labels wrap onto this many lines of at most
// maxCategoryLabel pixels; a row is tall enough for them.
const (
	itemLines  = 2
	itemLineH  = sizeTick * 1.25
	divBar     = 18
	partMarker = "part withheld"
)

// segment is one level's share of an item, placed on the value axis.
type segment struct {
	level    int
	from, to float64 // values, from < to; zero is the neutral point
}

// segments stacks an item's shares outward from zero: the middle level of
// an odd scale straddles zero, the lower levels go left from it and the
// higher ones right, each further out than its neighbour towards the
// middle. A withheld share takes no room; the row is marked instead.
func segments(vals []float64) (segs []segment, withheld int) {
	n := len(vals)
	v := func(k int) float64 {
		if math.IsNaN(vals[k]) {
			return 0
		}
		return vals[k]
	}
	for _, x := range vals {
		if math.IsNaN(x) {
			withheld++
		}
	}
	half := 0.0
	if n%2 == 1 {
		half = v(n/2) / 2
		segs = append(segs, segment{n / 2, -half, half})
	}
	edge := -half
	for k := n/2 - 1; k >= 0; k-- {
		segs = append(segs, segment{k, edge - v(k), edge})
		edge -= v(k)
	}
	edge = half
	for k := (n + 1) / 2; k < n; k++ {
		segs = append(segs, segment{k, edge, edge + v(k)})
		edge += v(k)
	}
	return segs, withheld
}

// dlayout is the geometry of a diverging bar chart, in CSS pixels.
type dlayout struct {
	axis                     valueAxis
	labels                   [][]string
	legend                   []legendEntry
	row                      float64
	left, top, right, bottom float64
	note                     []string // lines of the note under the chart
	pending                  string   // the note before it is wrapped
	// tops are the rows' tops in the phone layout, where each item's
	// wording stands above its bar and rows differ in height; nil when
	// the labels stand left of the bars and every row is row high.
	tops []float64
	// layout; 0 when they stand left of the bars.
	height float64
}

func layoutDiverging(m *canvas, f *report.Figure) dlayout {
	l := dlayout{top: pad}
	// The axis is symmetric, so equal shares left and right look equal.
	reach := 0.0
	whole, part := false, false
	for i := range f.Categories {
		segs, withheld := segments(column(f, i))
		for _, s := range segs {
			reach = math.Max(reach, math.Max(-s.from, s.to))
		}
		whole = whole || withheld == len(f.Series)
		part = part || (withheld > 0 && withheld < len(f.Series))
	}
	note := divergingNote(whole, part)
	l.pending = note
	if reach == 0 {
		reach = 50 // nothing to draw: a plain half-scale axis
	}
	l.axis = niceAxis(-reach, reach)
	for i, t := range l.axis.labels {
		if l.axis.ticks[i] < 0 {
			l.axis.labels[i] = strings.TrimPrefix(t, "−") // both sides read as shares
		}
	}
	// Every level is in the legend, even one nobody chose: the key shows
	// the whole scale, so an absent colour reads as no answers, not as a
	// level left out.
	var h float64
	colors := divergingColors(len(f.Series))
	l.legend, h = layoutLegend(m, f, swatchBox, pad, m.w-pad, l.top)
	for i := range l.legend {
		l.legend[i].col = colors[l.legend[i].series]
	}
	l.top += h + 8
	if f.XLabel != "" {
		l.top += sizeTitle + 8
	}
	if m.w < Width {
		layoutItemsAbove(m, f, &l)
		return l
	}
	widest, lines := 0.0, 1
	for _, c := range f.Categories {
		ls := m.wrap(c, sizeTick, maxCategoryLabel, itemLines)
		l.labels = append(l.labels, ls)
		lines = max(lines, len(ls))
		for _, s := range ls {
			widest = math.Max(widest, m.width(s, sizeTick))
		}
	}
	l.row = math.Max(divBar+8, float64(lines)*itemLineH+8)
	l.left = pad + widest + 8
	first := l.axis.labels[0]
	l.left = math.Max(l.left, pad+m.width(first, sizeTick)/2)
	last := l.axis.labels[len(l.axis.labels)-1]
	l.right = m.w - pad - m.width(last, sizeTick)/2
	l.bottom = l.top + float64(len(f.Categories))*l.row
	l.finish(m, f, note)
	return l
}

// layoutItemsAbove is the phone layout: a label column beside the bars
// would leave them a third of the width, so each item's wording stands on
// up to two full-width lines above its bar, which gets the whole width.
func layoutItemsAbove(m *canvas, f *report.Figure, l *dlayout) {
	y := l.top
	for _, c := range f.Categories {
		ls := m.wrap(c, sizeTick, m.w-2*pad, itemLines)
		l.labels = append(l.labels, ls)
		l.tops = append(l.tops, y)
		y += float64(len(ls))*itemLineH + 2 + divBar + 10
	}
	l.left = pad + m.width(l.axis.labels[0], sizeTick)/2
	l.right = m.w - pad - m.width(l.axis.labels[len(l.axis.labels)-1], sizeTick)/2
	l.bottom = y
	l.finish(m, f, l.pending)
}

// finish sets the height under the rows (l.bottom), with the value title
// and the note (wrapped to the chart's width) below the axis.
func (l *dlayout) finish(m *canvas, f *report.Figure, note string) {
	if note != "" {
		l.note = m.wrap(note, sizeNote, m.w-2*pad, 3)
	}
	l.height = l.bottom + 6 + sizeTick*1.25 + pad
	if f.YLabel != "" {
		l.height += sizeTitle + 8
	}
	if len(l.note) > 0 {
		l.height += sizeNote + 8 + float64(len(l.note)-1)*noteLineH
	}
	l.height = math.Ceil(l.height) // the SVG states its size in whole pixels
}

// rowTop is the top of item i's row.
func (l dlayout) rowTop(i int) float64 {
	if l.tops != nil {
		return l.tops[i]
	}
	return l.top + float64(i)*l.row
}

// drawItem writes an item's wording for the row starting at rowTop, left
// of its bar or above it (phone layout), and returns the bar's middle.
func (l dlayout) drawItem(c *canvas, rowTop float64, lines []string) (mid float64) {
	if l.tops != nil {
		for j, s := range lines {
			base := rowTop + 4 + float64(j)*itemLineH + 0.8*sizeTick
			// White behind the words, so the grid does not cross them.
			c.rect(pad, base-0.8*sizeTick-1, pad+c.width(s, sizeTick)+2, base+0.3*sizeTick, white)
			c.text(s, pad, base, sizeTick, textColor, alignLeft, 0)
		}
		return rowTop + float64(len(lines))*itemLineH + 6 + divBar/2
	}
	mid = rowTop + l.row/2
	first := mid - float64(len(lines)-1)*itemLineH/2
	for j, s := range lines {
		c.text(s, l.left-8, first+float64(j)*itemLineH+0.35*sizeTick, sizeTick, textColor, alignRight, 0)
	}
	return mid
}

// column is item i's shares, one per level.
func column(f *report.Figure, i int) []float64 {
	out := make([]float64, len(f.Series))
	for k, s := range f.Series {
		out[k] = s.Values[i]
	}
	return out
}

func (l dlayout) x(v float64) float64 {
	return l.left + (v-l.axis.lo)/(l.axis.hi-l.axis.lo)*(l.right-l.left)
}

// divergingNote explains the marks for withheld shares that the chart
// carries, under it.
func divergingNote(whole, part bool) string {
	var notes []string
	if whole {
		notes = append(notes, suppressed+": too few answers to show the item")
	}
	if part {
		notes = append(notes, partMarker+": some levels not shown, the bar is short of 100 %")
	}
	if len(notes) == 0 {
		return ""
	}
	return strings.Join(notes, "; ") + "."
}

// drawDiverging draws one row per item, its shares stacked left and right
// of the neutral point, with the items in the figure's order (the order
// of the questionnaire) so that charts of the same items line up. Each
// segment wide enough carries its share; the neutral middle does not, as
// the centre line crosses it, and the data table has every number.
func drawDiverging(f *report.Figure, t target, sz size) (*canvas, error) {
	m, err := measurer(sz.w)
	if err != nil {
		return nil, err
	}
	l := layoutDiverging(m, f)
	c, err := newCanvas(t, sz.w, l.height)
	if err != nil {
		return nil, err
	}
	c.verticalGrid(l.axis, l.x, l.top, l.bottom)
	colors := divergingColors(len(f.Series))
	odd := len(f.Series)%2 == 1
	for i, lines := range l.labels {
		rowTop := l.rowTop(i)
		mid := l.drawItem(c, rowTop, lines)
		segs, withheld := segments(column(f, i))
		y0, y1 := mid-divBar/2, mid+divBar/2
		if withheld == len(f.Series) {
			c.text(suppressed, l.x(0)+4, mid+0.35*sizeNote, sizeNote, mutedText, alignLeft, 0)
			continue
		}
		lo, hi := 0.0, 0.0
		for _, s := range segs {
			if s.to <= s.from {
				continue
			}
			lo, hi = math.Min(lo, s.from), math.Max(hi, s.to)
			x0, x1 := l.x(s.from), l.x(s.to)
			c.rect(x0, y0, x1, y1, colors[s.level])
			// A hairline of white between neighbours keeps similar
			// colours (a shoulder next to the grey) apart.
			c.rect(x0, y0, x0+0.5, y1, white)
			if odd && s.level == len(f.Series)/2 {
				continue
			}
			label := strconv.FormatFloat(math.Round(s.to-s.from), 'f', 0, 64)
			if x1-x0 >= c.width(label, sizeNote)+6 {
				c.text(label, (x0+x1)/2, mid+0.35*sizeNote, sizeNote, inkOn(colors[s.level]), alignCenter, 0)
			}
		}
		if withheld > 0 {
			w := c.width(partMarker, sizeNote)
			if x := l.x(hi) + 4; x+w <= c.w-pad {
				c.text(partMarker, x, mid+0.35*sizeNote, sizeNote, mutedText, alignLeft, 0)
			} else {
				c.text(partMarker, l.x(lo)-4, mid+0.35*sizeNote, sizeNote, mutedText, alignRight, 0)
			}
		}
	}
	z := math.Round(l.x(0))
	if l.tops != nil {
		// Beside each bar only, so the line does not cross the wording.
		for i, lines := range l.labels {
			y := l.rowTop(i) + float64(len(lines))*itemLineH + 6
			c.rect(z, y-4, z+1, y+divBar+4, axisColor)
		}
	} else {
		c.rect(z, l.top-4, z+1, l.bottom+4, axisColor)
	}
	if f.XLabel != "" {
		title := c.fit(f.XLabel, sizeTitle, c.w-2*pad)
		c.text(title, pad, l.top-8, sizeTitle, textColor, alignLeft, 0)
	}
	base := l.bottom + 6 + sizeTick*1.25
	if f.YLabel != "" {
		title := c.fit(f.YLabel, sizeTitle, l.right-l.left)
		c.text(title, (l.left+l.right)/2, base+8+0.8*sizeTitle, sizeTitle, textColor, alignCenter, 0)
		base += sizeTitle + 8
	}
	for i, s := range l.note {
		c.text(s, pad, base+8+0.8*sizeNote+float64(i)*noteLineH, sizeNote, mutedText, alignLeft, 0)
	}
	drawLegend(c, l.legend)
	return c, nil
}
