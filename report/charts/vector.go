package charts

import (
	"fmt"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Drawing is a chart as vectors: the shapes and text runs of its picture,
// in the order they are painted, for a renderer that draws them with its
// own primitives (the PDF). It is the picture PNG rasterises and SVG
// writes, at the same layout: coordinates are CSS pixels of the wide SVG,
// from the top left corner, y growing downwards.
//
// Its text is set in Go Regular (the TTF of
// golang.org/x/image/font/gofont/goregular) at Text.Size pixels per em:
// the chart measured every label in that font, so a renderer must use it
// for labels to fit and line up as laid out.
type Drawing struct {
	// Width and Height are the picture's size in CSS pixels.
	Width, Height float64
	// Items are painted in order, each over the ones before it. The first
	// is the white background.
	Items []Item
}

// Item is one thing painted: a Path or a Text, never both.
type Item struct {
	Path *Path
	Text *Text
}

// Path is a polygon or a polyline.
type Path struct {
	Points []Point
	// Closed paths are polygons, filled with Fill; open ones are only
	// stroked.
	Closed bool
	// Fill is the colour inside a closed path.
	Fill Color
	// Stroke is the colour of the outline, drawn only when Width > 0;
	// Width is in CSS pixels.
	Stroke Color
	Width  float64
}

// Point is a position in CSS pixels.
type Point struct{ X, Y float64 }

// Text is a run of text on one baseline.
type Text struct {
	// S is the text, UTF-8, as readers see it (not escaped).
	S string
	// X and Y are the start of the baseline: the text is already placed
	// for its alignment.
	X, Y float64
	// Size is the font size in CSS pixels (one em).
	Size  float64
	Color Color
	// Rotate turns the text by this many degrees clockwise around (X, Y).
	Rotate float64
}

// Color is a colour in 8-bit sRGB with straight (not premultiplied) alpha:
// 255 is opaque, 0 paints nothing.
type Color struct{ R, G, B, A uint8 }

func rgba(c drawing.Color) Color { return Color{c.R, c.G, c.B, c.A} }

// Vector draws f as a Drawing, the picture of PNG at the size of SVG, for
// a renderer that draws vectors (the PDF): sharp at any zoom, with its
// labels as real text, and far faster than rasterising and compressing a
// PNG.
func Vector(f *report.Figure) (*Drawing, error) {
	c, err := layOut(f, vectorTarget, wide)
	if err != nil {
		return nil, err
	}
	return c.rec, nil
}

// addPath records a path; see canvas.polygon and canvas.polyline.
func (d *Drawing) addPath(pts []point, closed bool, fill, stroke drawing.Color, width float64) {
	p := &Path{Points: make([]Point, len(pts)), Closed: closed, Fill: rgba(fill), Stroke: rgba(stroke), Width: width}
	for i, q := range pts {
		p.Points[i] = Point{q.x, q.y}
	}
	if width <= 0 {
		p.Stroke, p.Width = Color{}, 0
	}
	d.Items = append(d.Items, Item{Path: p})
}

// String summarises d for test failures: its size and what it holds.
func (d *Drawing) String() string {
	var paths, texts int
	for _, it := range d.Items {
		if it.Path != nil {
			paths++
		} else {
			texts++
		}
	}
	return fmt.Sprintf("%g×%g px, %d paths, %d texts", d.Width, d.Height, paths, texts)
}
