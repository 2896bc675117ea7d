package charts

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

// TestVectorIsThePNG replays each fixture's Drawing on the PNG renderer,
// item by item, and compares the pixels with PNG's: equal pixels mean the
// Drawing holds every shape and label of the picture, in its colours,
// widths, sizes, positions, rotations and painting order.
func TestVectorIsThePNG(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			d, err := Vector(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			c, err := newCanvas(pngTarget, d.Width, d.Height)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range d.Items {
				replay(c, it)
			}
			var buf bytes.Buffer
			if err := c.r.Save(&buf); err != nil {
				t.Fatal(err)
			}
			want, err := PNG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			a, b := decodePNG(t, buf.Bytes()), decodePNG(t, want)
			if a.Bounds() != b.Bounds() {
				t.Fatalf("replayed picture is %v, PNG is %v", a.Bounds(), b.Bounds())
			}
			diff := 0
			for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
				for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
					if a.At(x, y) != b.At(x, y) {
						diff++
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d pixels differ between the replayed Drawing (%v) and the PNG", diff, d)
			}
		})
	}
}

// TestVectorSize checks that a Drawing has the size of the wide SVG, and
// starts with its white background.
func TestVectorSize(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			d, err := Vector(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			if w, h := svgSize(t, svg); d.Width != float64(w) || d.Height != float64(h) {
				t.Errorf("Drawing is %gx%g, SVG %dx%d", d.Width, d.Height, w, h)
			}
			bg := d.Items[0].Path
			if bg == nil || bg.Fill != (Color{255, 255, 255, 255}) || bg.Points[2] != (Point{d.Width, d.Height}) {
				t.Errorf("first item %+v is not the white background", d.Items[0])
			}
		})
	}
}

func TestVectorRejectsUndrawable(t *testing.T) {
	if _, err := Vector(nil); err == nil {
		t.Error("Vector(nil) succeeded")
	}
}

// replay paints one recorded item on c as the chart's drawing functions
// would have.
func replay(c *canvas, it Item) {
	col := func(k Color) drawing.Color { return drawing.Color{R: k.R, G: k.G, B: k.B, A: k.A} }
	if p := it.Text; p != nil {
		c.text(p.S, p.X, p.Y, p.Size, col(p.Color), alignLeft, p.Rotate)
		return
	}
	p := it.Path
	pts := make([]point, len(p.Points))
	for i, q := range p.Points {
		pts[i] = point{q.X, q.Y}
	}
	if p.Closed {
		c.polygon(pts, col(p.Fill), col(p.Stroke), p.Width)
	} else {
		c.polyline(pts, col(p.Stroke), p.Width)
	}
}

func decodePNG(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// BenchmarkVector and BenchmarkPNG draw every fixture once per op: the
// PDF's vectors against the appendix's PNG.
func BenchmarkVector(b *testing.B) {
	for b.Loop() {
		for _, fx := range fixtures {
			if _, err := Vector(fx.fig); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	for b.Loop() {
		for _, fx := range fixtures {
			if _, err := PNG(fx.fig); err != nil {
				b.Fatal(err)
			}
		}
	}
}
