// Package charts draws a report.Figure as an SVG for the HTML site, as a
// Drawing of vectors for the PDF and as a PNG for the paper appendix, the
// same picture in all three.
//
// It owns only the look of a figure: layout, palette, fonts, labels. It
// computes no statistic, decides nothing about disclosure (a NaN arrives
// already suppressed) and writes no alt text or caption; the measures package
// produces those and the renderers place them (the SVG carries the title and
// alt text as its own <title> and <desc>, for readers who open it alone). The figure's title is not
// drawn either, because every renderer shows it as the caption.
//
// Drawing goes through go-chart's Renderer primitives rather than its chart
// types: one function per kind draws on a canvas that targets chart.SVG,
// chart.PNG or a recorded Drawing, so every output comes from the same
// layout.
package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// Width is the width of every chart in CSS pixels, in the SVG for wide
// screens and in the PNG. The SVG scales to its container, so this only
// fixes the proportions of text to plot: fonts are 11–13 px at this width.
const Width = 800

// NarrowWidth is the width of the phone layout of a chart (NarrowSVG): a
// 360 px screen less the page's margins. Shrinking the 800 px chart to it
// would leave 5 px text; drawn at this width, its text keeps the sizes of
// the wide chart and the plot, labels and legend are laid out anew.
const NarrowWidth = 320

// narrowHeight is the height of NarrowSVG's charts whose height does not
// grow with the data: nearer square than the wide ones, since a phone held
// upright has height to spare and no width.
const narrowHeight = 340

// size is the size of a chart being drawn, in CSS pixels: its width, and
// the height of the kinds that do not grow a row per category.
type size struct{ w, h float64 }

var (
	wide   = size{Width, height}
	narrow = size{NarrowWidth, narrowHeight}
)

// PNGScale is how many PNG pixels draw one SVG pixel. At 3 an 800 px chart
// is 2400 px wide: 300 DPI when the PDF prints it 8 in (20 cm) wide, and
// more at the usual A4 text width of about 16 cm.
const PNGScale = 3

// svgScale is how many viewBox units make one CSS pixel in the SVG.
// go-chart writes integer coordinates; at 4 they are exact to a quarter
// pixel, and width and height attributes keep the chart 800 px wide.
const svgScale = 4

// height is the height of charts whose height does not grow with the data
// (all but horizontal bars).
const height = 450

// Font sizes in CSS pixels; the smallest stays readable when the chart is
// shrunk to a column.
const (
	sizeTick  = 12
	sizeTitle = 13
	sizeNote  = 11
)

// suppressed is written where a value is NaN. The figure's caption and
// table say why (disclosure control or missing data).
const suppressed = "withheld"

// Okabe–Ito, in their order: distinguishable with the common colour-vision
// deficiencies. Yellow comes late because it is faint on white.
var palette = []drawing.Color{
	hex(0x0072B2), hex(0xE69F00), hex(0x009E73), hex(0xCC79A7),
	hex(0x56B4E9), hex(0xD55E00), hex(0xF0E442), hex(0x000000),
}

var (
	white     = hex(0xFFFFFF)
	textColor = hex(0x222222)
	mutedText = hex(0x595959) // 7:1 on white, for notes and "withheld"
	gridColor = hex(0xE0E0E0)
	axisColor = hex(0x555555)
)

func hex(v uint32) drawing.Color {
	return drawing.Color{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 255}
}

func seriesColor(i int) drawing.Color { return palette[i%len(palette)] }

// SVG draws f as a standalone SVG document with a viewBox and no fixed
// size, for the HTML site. Its text is real <text> elements in the Go font
// ('Go', falling back to sans-serif): the site should embed Go Regular with
// @font-face so that the label positions, measured with it, stay exact.
func SVG(f *report.Figure) ([]byte, error) {
	return drawSVG(f, wide)
}

// NarrowSVG draws f as SVG laid out for a phone, NarrowWidth pixels wide,
// with the same font sizes as SVG: the site shows it instead of SVG's
// drawing on narrow screens. A bar chart may turn horizontal here when its
// labels would not stand under its columns.
func NarrowSVG(f *report.Figure) ([]byte, error) {
	return drawSVG(f, narrow)
}

func drawSVG(f *report.Figure, sz size) ([]byte, error) {
	out, err := draw(f, svgTarget, sz)
	if err != nil {
		return nil, err
	}
	if out, err = sizeSVG(out); err != nil {
		return nil, err
	}
	return labelSVG(out, f), nil
}

// labelSVG names the drawing for assistive technology when the SVG is read
// on its own (opened from figures/, or inlined by a study's template): the
// root becomes role="img" labelled by a <title> (the figure's title) and
// described by a <desc> (its alt text from measures). On the site the <img>
// alt says the same, and an <img>'s SVG is not read inside, so the two never
// repeat each other. A figure with neither is left unnamed rather than
// given an empty name.
func labelSVG(svg []byte, f *report.Figure) []byte {
	end := bytes.IndexByte(svg, '>')
	if end < 0 || !bytes.HasPrefix(svg, []byte("<svg ")) || (f.Title == "" && f.Alt == "") {
		return svg
	}
	var ids []string
	var inner bytes.Buffer
	for _, e := range []struct{ tag, id, text string }{{"title", "chart-title", f.Title}, {"desc", "chart-desc", f.Alt}} {
		if e.text == "" {
			continue
		}
		ids = append(ids, e.id)
		fmt.Fprintf(&inner, `<%s id="%s">`, e.tag, e.id)
		_ = xml.EscapeText(&inner, []byte(e.text)) // writes to a buffer: cannot fail
		fmt.Fprintf(&inner, `</%s>`, e.tag)
	}
	var b bytes.Buffer
	b.Grow(len(svg) + inner.Len() + 64)
	b.Write(svg[:end])
	fmt.Fprintf(&b, ` role="img" aria-labelledby="%s">`, strings.Join(ids, " "))
	b.Write(inner.Bytes())
	b.Write(svg[end+1:])
	return b.Bytes()
}

// PNG draws f as a PNG PNGScale times the size of its SVG, for the paper
// appendix's image files.
func PNG(f *report.Figure) ([]byte, error) {
	return draw(f, pngTarget, wide)
}

func draw(f *report.Figure, t target, sz size) ([]byte, error) {
	c, err := layOut(f, t, sz)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := c.r.Save(&buf); err != nil {
		return nil, fmt.Errorf("charts: figure %q: %w", f.ID, err)
	}
	return buf.Bytes(), nil
}

// layOut draws f on a canvas of t, with the drawing function of its kind.
func layOut(f *report.Figure, t target, sz size) (*canvas, error) {
	if err := check(f); err != nil {
		return nil, err
	}
	var c *canvas
	var err error
	switch {
	case f.Kind == report.FigureLines:
		c, err = drawLines(f, t, sz)
	case f.Kind == report.FigureDiverging:
		c, err = drawDiverging(f, t, sz)
	case f.Kind == report.FigureForest:
		c, err = drawForest(f, t, sz)
	case f.Kind == report.FigureBars && horizontal(f, sz.w):
		c, err = drawHorizontalBars(f, t, sz)
	default: // bars or histogram, as check allows
		c, err = drawColumns(f, t, sz)
	}
	if err != nil {
		return nil, fmt.Errorf("charts: figure %q: %w", f.ID, err)
	}
	return c, nil
}

// sizeSVG gives the SVG element its size in CSS pixels next to the finer
// viewBox go-chart wrote (see svgScale), so that pages and viewers show it
// at its natural size.
func sizeSVG(svg []byte) ([]byte, error) {
	_, rest, ok := bytes.Cut(svg, []byte(`viewBox="0 0 `))
	var w, h int
	if ok {
		_, err := fmt.Sscanf(string(rest[:bytes.IndexByte(rest, '"')]), "%d %d", &w, &h)
		ok = err == nil
	}
	if !ok {
		return nil, errors.New("charts: go-chart wrote an SVG header we do not recognise")
	}
	old := fmt.Sprintf(`viewBox="0 0 %d %d"`, w, h)
	sized := fmt.Sprintf(`width="%d" height="%d" %s`, w/svgScale, h/svgScale, old)
	return bytes.Replace(svg, []byte(old), []byte(sized), 1), nil
}

// check rejects figures that cannot be drawn. They come from measures, so
// each of these is a bug there: say which figure and what is wrong.
func check(f *report.Figure) error {
	if f == nil {
		return errors.New("charts: nil figure")
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("charts: figure %q: "+format, append([]any{f.ID}, a...)...)
	}
	switch f.Kind {
	case report.FigureBars, report.FigureLines, report.FigureHistogram, report.FigureDiverging, report.FigureForest:
	default:
		return bad("unknown kind %q", f.Kind)
	}
	if len(f.Categories) == 0 {
		return bad("no categories")
	}
	if len(f.Series) == 0 {
		return bad("no series")
	}
	for _, m := range f.Marked {
		if !slices.Contains(f.Categories, m) {
			return bad("marked category %q is not a category", m)
		}
	}
	if f.Range != nil && (len(f.Range) != 2 || !(f.Range[0] < f.Range[1]) || math.IsInf(f.Range[0], 0) || math.IsInf(f.Range[1], 0)) {
		return bad("range %v is not [low, high]", f.Range)
	}
	if f.Range != nil && f.Kind != report.FigureLines && f.Kind != report.FigureForest {
		return bad("a %s chart cannot take a range: its bars start at zero", f.Kind)
	}
	if len(f.Marked) > 0 && f.MarkLabel == "" {
		return bad("marks without a label to say what they mean")
	}
	for _, s := range f.Series {
		if len(s.Values) != len(f.Categories) {
			return bad("series %q has %d values for %d categories", s.Name, len(s.Values), len(f.Categories))
		}
		for i, v := range s.Values {
			if math.IsInf(v, 0) {
				return bad("series %q is infinite at %q", s.Name, f.Categories[i])
			}
			// A share below zero has no side to stack on.
			if f.Kind == report.FigureDiverging && v < 0 {
				return bad("series %q has a negative share at %q", s.Name, f.Categories[i])
			}
		}
		if s.Lo == nil && s.Hi == nil {
			continue
		}
		if len(s.Lo) != len(s.Values) || len(s.Hi) != len(s.Values) {
			return bad("series %q has a band of %d and %d values for %d values", s.Name, len(s.Lo), len(s.Hi), len(s.Values))
		}
		for i := range s.Lo {
			if math.IsInf(s.Lo[i], 0) || math.IsInf(s.Hi[i], 0) {
				return bad("series %q has an infinite band at %q", s.Name, f.Categories[i])
			}
		}
	}
	return nil
}

// valueRange is the span of the finite values, always including zero so
// that bars start at a baseline and lines are not exaggerated. For lines it
// includes the confidence bands, which must not be cut off at the plot's
// edge: a clipped band would look narrower than it is.
func valueRange(f *report.Figure) (lo, hi float64) {
	if len(f.Range) == 2 {
		lo, hi = f.Range[0], f.Range[1]
	}
	add := func(vs []float64) {
		for _, v := range vs {
			if !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	for _, s := range f.Series {
		add(s.Values)
		if f.Kind == report.FigureLines || f.Kind == report.FigureForest {
			add(s.Lo)
			add(s.Hi)
		}
	}
	return lo, hi
}

func hasNaN(f *report.Figure) bool {
	for _, s := range f.Series {
		for _, v := range s.Values {
			if math.IsNaN(v) {
				return true
			}
		}
	}
	return false
}
