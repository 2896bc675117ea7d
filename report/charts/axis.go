package charts

import (
	"math"
	"strconv"
	"strings"
)

// valueAxis is a value axis: the tick values, their labels, and the range they
// span, which is the range the axis draws.
type valueAxis struct {
	ticks  []float64
	labels []string
	lo, hi float64
}

// niceAxis picks about five ticks at 1, 2 or 5 × 10ⁿ covering lo..hi.
// Readers compare bars against round numbers; go-chart's own ticks are
// evenly spaced but not round, so we choose them here. The step is the
// round number nearest (geometrically) to a fifth of the span, as in d3.
func niceAxis(lo, hi float64) valueAxis {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	switch norm := raw / mag; {
	case norm >= math.Sqrt(50):
		step = 10 * mag
	case norm >= math.Sqrt(10):
		step = 5 * mag
	case norm >= math.Sqrt(2):
		step = 2 * mag
	}
	decimals := 0
	if step < 1 {
		decimals = int(math.Ceil(-math.Log10(step) - 1e-9))
	}
	first := math.Floor(lo/step + 1e-9)
	last := math.Ceil(hi/step - 1e-9)
	var s valueAxis
	for k := first; k <= last; k++ {
		v := k * step
		s.ticks = append(s.ticks, v)
		s.labels = append(s.labels, formatNumber(v, decimals))
	}
	s.lo, s.hi = first*step, last*step
	return s
}

// formatNumber writes v with a fixed number of decimals, grouping
// thousands from 10 000 up so that large counts read at a glance. It never
// writes "-0".
func formatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-")
	}
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	if len(intPart) > 4 {
		var b strings.Builder
		for i, r := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		intPart = b.String()
	}
	if frac != "" {
		intPart += "." + frac
	}
	if neg {
		return "−" + intPart // U+2212, as typeset minus signs are
	}
	return intPart
}

// xLabels is how category labels fit under a horizontal axis of n equal
// slots.
type xLabels struct {
	text   []string // labels as drawn, shortened with an ellipsis if needed
	every  int      // draw labels 0, every, 2·every, …
	rotate bool     // turned 45° and right-aligned to their slot
	height float64  // room they need below the axis, in CSS pixels
}

// Limits on how long an X label may grow before it is shortened.
const (
	maxRotatedLabel  = 150
	maxStraightLabel = 120
	labelGap         = 8
)

// planXLabels decides how labels fit into slots of the given width. Nominal
// categories (bars) may turn 45° so that each keeps its label; ordered ones
// (weeks, bins) are thinned instead, since a reader can interpolate them.
func planXLabels(c *canvas, labels []string, slot float64, rotateOK bool) xLabels {
	p := xLabels{text: labels, every: 1, height: sizeTick * 1.25}
	widest := 0.0
	for _, l := range labels {
		widest = math.Max(widest, c.width(l, sizeTick))
	}
	if widest <= slot-labelGap {
		return p
	}
	limit := maxStraightLabel
	if rotateOK {
		limit = maxRotatedLabel
	}
	p.text = make([]string, len(labels))
	widest = 0
	for i, l := range labels {
		p.text[i] = c.fit(l, sizeTick, c.labelLimit(float64(limit)))
		widest = math.Max(widest, c.width(p.text[i], sizeTick))
	}
	if rotateOK {
		p.rotate = true
		// Rotated labels are slot·sin 45° apart across their baselines.
		p.every = int(math.Ceil(sizeTick * 1.5 / (slot * math.Sqrt2 / 2)))
		p.height = (widest + sizeTick) * math.Sqrt2 / 2
	} else {
		p.every = int(math.Ceil((widest + labelGap) / slot))
	}
	p.every = max(p.every, 1)
	return p
}

// shown reports whether label i is drawn under this plan.
func (p xLabels) shown(i int) bool { return i%p.every == 0 }

// overhang is how far left of its slot's centre the first rotated label
// reaches, so the frame can keep it on the canvas.
func (p xLabels) overhang(c *canvas) float64 {
	if !p.rotate || len(p.text) == 0 {
		return 0
	}
	return c.width(p.text[0], sizeTick) * math.Sqrt2 / 2
}
