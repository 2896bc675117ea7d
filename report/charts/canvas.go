package charts

import (
	"encoding/xml"
	"math"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
)

// goRegular is parsed once: it is the only font the charts use, so that the
// SVG (which names it as 'Go') and the PNG (which rasterises it) measure and
// look the same, and the HTML site can embed the same TTF with @font-face.
var goRegular = sync.OnceValues(func() (*truetype.Font, error) {
	return truetype.Parse(goregular.TTF)
})

// faces measure text for every chart: one face of goRegular per size,
// each used under its lock. A face keeps the glyphs it has loaded, and a
// new one costs a glyph mask of its own, so making them per chart (a
// hundred drawings in a report, each up to three times) made most of the
// charts' allocations and loaded every glyph again each time.
var faces struct {
	sync.Mutex
	bySize map[float64]*sharedFace
}

// sharedFace is one size's face and the lock its users take.
type sharedFace struct {
	sync.Mutex
	face font.Face
}

// textWidth is the advance width of s in goRegular at size, in CSS
// pixels, as font.MeasureString gives it. Only a canvas measures, and
// making one parsed the font.
func textWidth(size float64, s string) float64 {
	fnt, _ := goRegular()
	faces.Lock()
	f := faces.bySize[size]
	if f == nil {
		if faces.bySize == nil {
			faces.bySize = map[float64]*sharedFace{}
		}
		f = &sharedFace{face: truetype.NewFace(fnt, &truetype.Options{Size: size, DPI: 72, Hinting: font.HintingNone})}
		faces.bySize[size] = f
	}
	faces.Unlock()
	f.Lock()
	defer f.Unlock()
	return float64(font.MeasureString(f.face, s)) / 64
}

// point is a position in CSS pixels of the SVG; the canvas scales it.
type point struct{ x, y float64 }

// align says which point of a text its anchor is. go-chart's renderers only
// draw from the start of the baseline, so the canvas shifts the text itself.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// target is what a canvas draws on: a go-chart renderer (provider, at
// scale renderer pixels per CSS pixel, svg set for chart.SVG), or, when
// provider is nil, a Drawing that records the picture as vectors.
type target struct {
	provider chart.RendererProvider
	scale    float64
	svg      bool
}

var (
	svgTarget    = target{provider: chart.SVG, scale: svgScale, svg: true}
	pngTarget    = target{provider: chart.PNG, scale: PNGScale}
	vectorTarget = target{}
)

// canvas wraps a go-chart Renderer so that one drawing function can target
// SVG, PNG and a Drawing. All coordinates are CSS pixels of the SVG; the
// canvas multiplies them by scale for a renderer, so the PNG is the same
// picture at a higher resolution, and records them as they are in a
// Drawing. Text is measured here, with the same font at a fixed size, and
// never by the renderer: that keeps every layout decision (truncation,
// thinning, rotation) identical in all outputs.
type canvas struct {
	r chart.Renderer // nil when recording into rec
	// rec is the Drawing being recorded when the target is vectors.
	rec   *Drawing
	scale float64
	// escape is set for SVG: go-chart writes text bodies into the XML
	// verbatim, and our labels come from data.
	escape bool
	font   *truetype.Font // goRegular
	// w and h are the picture's size in CSS pixels.
	w, h float64
}

// newCanvas starts a white width×height picture (CSS pixels) on t.
func newCanvas(t target, width, height float64) (*canvas, error) {
	fnt, err := goRegular()
	if err != nil {
		return nil, err
	}
	c := &canvas{scale: t.scale, escape: t.svg, font: fnt, w: width, h: height}
	if t.provider == nil {
		c.rec = &Drawing{Width: width, Height: height}
		c.rect(0, 0, width, height, white)
		return c, nil
	}
	r, err := t.provider(int(math.Round(width*t.scale)), int(math.Round(height*t.scale)))
	if err != nil {
		return nil, err
	}
	// The SVG renderer turns points into pixels at dpi/72, the raster one at
	// dpi/64 (go-chart's drawing package uses a 26.6 scale of size×dpi).
	// These DPIs make one "point" one CSS pixel in both.
	if t.svg {
		r.SetDPI(72 * t.scale)
	} else {
		r.SetDPI(64 * t.scale)
	}
	r.SetFont(fnt)
	c.r = r
	c.rect(0, 0, width, height, white)
	return c, nil
}

func (c *canvas) px(v float64) int { return int(math.Round(v * c.scale)) }

// rect fills the axis-aligned rectangle between two corners. Grid and axis
// lines are thin rects too: rounded edges keep them crisp in both outputs,
// where a 1 px stroke on an integer coordinate would blur over two pixels.
func (c *canvas) rect(x0, y0, x1, y1 float64, fill drawing.Color) {
	c.polygon([]point{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}, fill, drawing.Color{}, 0)
}

// polygon fills a closed shape and, when width > 0, strokes its outline.
func (c *canvas) polygon(pts []point, fill, stroke drawing.Color, width float64) {
	if c.rec != nil {
		c.rec.addPath(pts, true, fill, stroke, width)
		return
	}
	c.r.ResetStyle()
	c.r.SetFillColor(fill)
	if width > 0 {
		c.r.SetStrokeColor(stroke)
		c.r.SetStrokeWidth(width * c.scale)
	}
	c.path(pts)
	c.r.Close()
	c.r.FillStroke()
}

// polyline strokes an open path.
func (c *canvas) polyline(pts []point, stroke drawing.Color, width float64) {
	if len(pts) < 2 {
		return
	}
	if c.rec != nil {
		c.rec.addPath(pts, false, drawing.Color{}, stroke, width)
		return
	}
	c.r.ResetStyle()
	c.r.SetStrokeColor(stroke)
	c.r.SetStrokeWidth(width * c.scale)
	c.path(pts)
	c.r.Stroke()
}

func (c *canvas) path(pts []point) {
	for i, p := range pts {
		if i == 0 {
			c.r.MoveTo(c.px(p.x), c.px(p.y))
		} else {
			c.r.LineTo(c.px(p.x), c.px(p.y))
		}
	}
}

// text draws s with its baseline through (x, y), anchored as a says, turned
// by deg degrees clockwise around the anchor.
func (c *canvas) text(s string, x, y, size float64, col drawing.Color, a align, deg float64) {
	if s == "" {
		return
	}
	shift := 0.0
	switch a {
	case alignCenter:
		shift = c.width(s, size) / 2
	case alignRight:
		shift = c.width(s, size)
	}
	rad := deg * math.Pi / 180
	x -= shift * math.Cos(rad)
	y -= shift * math.Sin(rad)
	if c.rec != nil {
		c.rec.Items = append(c.rec.Items, Item{Text: &Text{S: s, X: x, Y: y, Size: size, Color: rgba(col), Rotate: deg}})
		return
	}

	c.r.ResetStyle()
	c.r.SetFontSize(size)
	c.r.SetFontColor(col)
	if deg != 0 {
		c.r.SetTextRotation(rad)
		defer c.r.ClearTextRotation()
	}
	if c.escape {
		var b strings.Builder
		_ = xml.EscapeText(&b, []byte(s)) // a strings.Builder never fails
		s = b.String()
	}
	c.r.Text(s, c.px(x), c.px(y))
}

// width is the advance width of s in CSS pixels at size.
func (c *canvas) width(s string, size float64) float64 {
	return textWidth(size, s)
}

// fit returns s, shortened with an ellipsis if it is wider than max pixels.
// Labels come from data (country names, survey options) and have no length
// limit; a chart must not let them run into each other.
func (c *canvas) fit(s string, size, max float64) string {
	if c.width(s, size) <= max {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		t := strings.TrimRight(string(r[:n]), " ") + "…"
		if c.width(t, size) <= max {
			return t
		}
	}
	return "…"
}

// wrap breaks s at spaces into at most lines lines no wider than max
// pixels; what does not fit ends the last line with an ellipsis, as fit
// does. Long survey items keep more of their wording on two lines than on
// one shortened one.
func (c *canvas) wrap(s string, size, max float64, lines int) []string {
	words := strings.Fields(s)
	var out []string
	cur := ""
	for i, w := range words {
		if cur == "" {
			cur = w
			continue
		}
		if c.width(cur+" "+w, size) <= max {
			cur += " " + w
			continue
		}
		if len(out) == lines-1 {
			rest := strings.Join(append([]string{cur}, words[i:]...), " ")
			return append(out, c.fit(rest, size, max))
		}
		out = append(out, c.fit(cur, size, max))
		cur = w
	}
	if cur != "" {
		out = append(out, c.fit(cur, size, max))
	}
	return out
}
