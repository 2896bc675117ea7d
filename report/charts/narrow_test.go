package charts

import (
	"bytes"
	"encoding/xml"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/golden"
)

// TestNarrowSVGGolden keeps the phone layout of every fixture under
// testdata/narrow/, to review like the wide ones.
func TestNarrowSVGGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			got, err := NarrowSVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, got)
			golden.Check(t, filepath.Join("testdata", "narrow", fx.name+".svg"), got)
		})
	}
}

// TestNarrowReadable checks what a phone reader needs of the narrow
// layout: the SVG is NarrowWidth wide, every straight text lies inside it
// (nothing cut off at the edge) and no text is smaller than the wide
// chart's smallest, so it is not a shrunk copy.
func TestNarrowReadable(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			svg, err := NarrowSVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			if w, _ := svgSize(t, svg); w != NarrowWidth {
				t.Errorf("width = %d, want %d", w, NarrowWidth)
			}
			m, err := measurer(NarrowWidth)
			if err != nil {
				t.Fatal(err)
			}
			for _, tx := range placedTexts(t, svg) {
				if tx.size < sizeNote {
					t.Errorf("%q is %.1f px, smaller than %d px", tx.text, tx.size, sizeNote)
				}
				if tx.rotated {
					continue
				}
				if right := tx.x + m.width(tx.text, tx.size); tx.x < 0 || right > NarrowWidth+0.5 {
					t.Errorf("%q runs from x=%.1f to %.1f, outside 0–%d", tx.text, tx.x, right, NarrowWidth)
				}
			}
		})
	}
}

// placed is one <text> of an SVG in CSS pixels.
type placed struct {
	text    string
	x, size float64
	rotated bool
}

var fontSize = regexp.MustCompile(`font-size:([0-9.]+)px`)

// placedTexts reads every <text> element's start, font size and content,
// converting viewBox units to CSS pixels (svgScale).
func placedTexts(t *testing.T, svg []byte) []placed {
	t.Helper()
	var out []placed
	d := xml.NewDecoder(bytes.NewReader(svg))
	var cur *placed
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local != "text" {
				continue
			}
			cur = &placed{}
			for _, a := range tok.Attr {
				switch a.Name.Local {
				case "x":
					v, _ := strconv.ParseFloat(a.Value, 64)
					cur.x = v / svgScale
				case "style":
					if m := fontSize.FindStringSubmatch(a.Value); m != nil {
						v, _ := strconv.ParseFloat(m[1], 64)
						cur.size = v / svgScale
					}
				case "transform":
					cur.rotated = strings.Contains(a.Value, "rotate")
				}
			}
		case xml.CharData:
			if cur != nil {
				cur.text += string(tok)
			}
		case xml.EndElement:
			if cur != nil && tok.Name.Local == "text" {
				out = append(out, *cur)
				cur = nil
			}
		}
	}
}
