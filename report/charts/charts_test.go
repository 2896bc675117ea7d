package charts

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/golden"
	"github.com/moocreport/moocreport/report"
)

var (
	pngDir = flag.String("pngdir", "", "also write each fixture's PNG to this directory, to look at")
)

var nan = math.NaN()

// fixtures are the figures the golden files show, one per kind and form.
var fixtures = []struct {
	name string
	fig  *report.Figure
}{
	{"bars-grouped", &report.Figure{
		ID: "survey-confidence", Kind: report.FigureBars,
		XLabel: "Answer", YLabel: "Share of respondents (%)",
		Categories: []string{"Strongly disagree", "Disagree", "Agree", "Strongly agree"},
		Series: []report.Series{
			{Name: "Pre-course survey", Values: []float64{12.5, 30, 41.2, 16.3}},
			{Name: "Post-course survey", Values: []float64{5, 18.4, 50.1, 26.5}},
		},
	}},
	{"bars-horizontal", &report.Figure{
		ID: "learners-country", Kind: report.FigureBars,
		XLabel: "Country", YLabel: "Learners",
		Categories: []string{"United States", "India", "United Kingdom of Great Britain and Northern Ireland",
			"Nigeria", "Brazil", "Germany", "Canada", "Mexico", "Egypt", "Pakistan", "Spain", "Other"},
		Series: []report.Series{{Name: "Learners", Values: []float64{
			2210, 1503, 812, 640, 402, 391, 310, 255, 198, nan, 120, 903}}},
	}},
	{"lines", &report.Figure{
		ID: "activity-weekly-active", Kind: report.FigureLines,
		Title:  "Weekly active learners: verified & audit",
		Alt:    "Line chart: active audit learners fell from 2,950 in week 1 to 790 in week 8; verified from 410 to 280 (week 5 <5, withheld).",
		XLabel: "Course week", YLabel: "Active learners",
		Categories: []string{"1", "2", "3", "4", "5", "6", "7", "8"},
		Series: []report.Series{
			{Name: "Verified", Values: []float64{410, 380, 352, 330, nan, 301, 288, 280}},
			{Name: "Audit", Values: []float64{2950, 2100, 1630, 1310, 1102, 960, 851, 790}},
		},
	}},
	{"lines-band", &report.Figure{
		ID: "activity-weekly-active-chart", Kind: report.FigureLines,
		Title:  "Weekly active learners",
		XLabel: "Week", YLabel: "Share of enrolled learners (%)",
		Categories: []string{"1", "2", "3", "4", "5", "6"},
		Series: []report.Series{
			{Name: "EAT101x", Values: []float64{48, 41.5, 35, 30.2, 27, 25.1},
				Lo: []float64{44.1, 37.7, 31.3, 26.6, 23.5, 21.7}, Hi: []float64{51.9, 45.4, 38.9, 34.1, 30.8, 28.8}},
			// A shorter course, and a week without a band (its CI unknown):
			// the band stops there and the line goes on.
			{Name: "SUS201x", Values: []float64{22, 25.4, 19.8, 16, nan, nan},
				Lo: []float64{16.3, 19.3, nan, 11.2, nan, nan}, Hi: []float64{29, 32.6, nan, 22.1, nan, nan}},
		},
	}},
	// The weekly comparison: weeks whose difference is significant after
	// Holm adjustment are shaded and keyed in the legend.
	{"lines-marked", &report.Figure{
		ID: "activity-weekly-active-chart", Kind: report.FigureLines,
		Title:  "Weekly active learners",
		XLabel: "Week", YLabel: "Share of enrolled learners (%)",
		Categories: []string{"1", "2", "3", "4", "5", "6"},
		Series: []report.Series{
			{Name: "EAT101x", Values: []float64{48, 41.5, 35, 30.2, 27, 25.1},
				Lo: []float64{44.1, 37.7, 31.3, 26.6, 23.5, 21.7}, Hi: []float64{51.9, 45.4, 38.9, 34.1, 30.8, 28.8}},
			{Name: "SUS201x", Values: []float64{22, 25.4, 29.8, 28, 26, 24},
				Lo: []float64{16.3, 19.3, 24, 22.1, 20.2, 18.5}, Hi: []float64{29, 32.6, 35.9, 34.2, 32.1, 30}},
		},
		Marked:    []string{"1", "2", "3"},
		MarkLabel: "Difference significant (Holm-adjusted p < .05)",
	}},
	// A forest plot of differences with their intervals: one interval
	// crosses zero, one test has no result, two rows are marked.
	{"forest", &report.Figure{
		ID: "comparisons-eat-vs-sus-differences-chart", Kind: report.FigureForest,
		Title:  "EAT101x − SUS201x: differences in proportions",
		XLabel: "Comparison", YLabel: "Difference in proportions (EAT101x − SUS201x), 95 % CI",
		Categories: []string{"Pass rate", "Verified share", "Active share, week 1", "Active share, week 2", "Active share, week 3"},
		Series: []report.Series{{Name: "EAT101x − SUS201x",
			Values: []float64{0.09, 0.16, -0.02, nan, 0.04},
			Lo:     []float64{0.07, 0.14, -0.06, nan, 0.01},
			Hi:     []float64{0.10, 0.18, 0.02, nan, 0.07}}},
		Marked:    []string{"Pass rate", "Verified share", "Active share, week 3"},
		MarkLabel: "Difference significant (Holm-adjusted p < .05)",
	}},
	// Pre/post means of matched learners: two series per row, long
	// questions, a withheld row, one row not significant.
	{"forest-prepost", &report.Figure{
		ID: "comparisons-eat-pre-post-chart", Kind: report.FigureForest,
		Title:  "EAT101x: mean answers of matched learners before and after the course",
		XLabel: "Question or scale", YLabel: "Mean answer, scored 1 to the number of scale points (95 % CI)",
		Categories: []string{"I understand how electric powertrains work", "I can explain how automated vehicles perceive their surroundings",
			"I can judge the impact of a new automotive technology", "Scale score: confidence"},
		Series: []report.Series{
			{Name: "Pre-course survey", Values: []float64{2.88, 2.16, nan, 2.5}, Lo: []float64{2.77, 2.05, nan, 2.43}, Hi: []float64{2.99, 2.27, nan, 2.57}},
			{Name: "Post-course survey", Values: []float64{3.86, 2.2, nan, 3.6}, Lo: []float64{3.75, 2.08, nan, 3.53}, Hi: []float64{3.97, 2.32, nan, 3.67}},
		},
		Marked:    []string{"I understand how electric powertrains work", "Scale score: confidence"},
		MarkLabel: "Change significant (paired t-test, Holm-adjusted p < .05)",
		Range:     []float64{1, 5},
	}},
	{"diverging", &report.Figure{
		ID: "surveys-likert-eat-post-chart", Kind: report.FigureDiverging,
		Title:  "EAT101x, Post-course survey: answers to the Likert items",
		XLabel: "Item", YLabel: "% of answers",
		Categories: []string{
			"I understand how electric powertrains work",
			"I can explain how automated vehicles perceive their surroundings and decide what to do next",
			"Overall, I was satisfied with the course",
			"The workload was manageable",
			"I would recommend the course",
		},
		// "Strongly disagree" is empty for the first item, withheld (a
		// small cell) for the fourth; the fifth item had too few answers.
		Series: []report.Series{
			{Name: "Strongly disagree", Values: []float64{0, 4.2, 3.1, nan, nan}},
			{Name: "Disagree", Values: []float64{8.5, 12.5, 6.3, 20.4, nan}},
			{Name: "Neither agree nor disagree", Values: []float64{21.3, 25, 12.5, 30.6, nan}},
			{Name: "Agree", Values: []float64{48.9, 41.7, 46.9, 32.7, nan}},
			{Name: "Strongly agree", Values: []float64{21.3, 16.6, 31.2, 12.2, nan}},
		},
	}},
	{"histogram", &report.Figure{
		ID: "performance-grades", Kind: report.FigureHistogram,
		XLabel: "Final grade (%)", YLabel: "Learners",
		Categories: []string{"0–10", "10–20", "20–30", "30–40", "40–50", "50–60", "60–70", "70–80", "80–90", "90–100"},
		Series: []report.Series{{Name: "Learners", Values: []float64{
			1210, 340, 205, 180, 190, 240, 310, 420, 380, 150}}},
	}},
}

func TestSVGGolden(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			got, err := SVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, got)
			golden.Check(t, filepath.Join("testdata", fx.name+".svg"), got)
		})
	}
}

// TestDeterministic renders every fixture twice in each format: the site is
// versioned by content, so a chart that changes by itself is a new version.
func TestDeterministic(t *testing.T) {
	for _, fx := range fixtures {
		for _, format := range []struct {
			name string
			draw func(*report.Figure) ([]byte, error)
		}{{"svg", SVG}, {"png", PNG}} {
			t.Run(fx.name+"/"+format.name, func(t *testing.T) {
				a, err := format.draw(fx.fig)
				if err != nil {
					t.Fatal(err)
				}
				b, err := format.draw(fx.fig)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					t.Error("two renders of the same figure differ")
				}
			})
		}
	}
}

func TestPNGSize(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			out, err := PNG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			img, err := png.Decode(bytes.NewReader(out))
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			w, h := svgSize(t, svg)
			if b := img.Bounds(); b.Dx() != w*PNGScale || b.Dy() != h*PNGScale {
				t.Errorf("PNG is %dx%d, want %d× the SVG's %dx%d", b.Dx(), b.Dy(), PNGScale, w, h)
			}
			if w != Width {
				t.Errorf("SVG is %d px wide, want %d", w, Width)
			}
			if *pngDir != "" {
				if err := os.WriteFile(filepath.Join(*pngDir, fx.name+".png"), out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestEscaped feeds labels that would break or inject into the SVG in every
// place a label from data is drawn.
func TestEscaped(t *testing.T) {
	evil := `<script>alert("x")</script>`
	for _, kind := range []report.FigureKind{report.FigureBars, report.FigureLines, report.FigureHistogram, report.FigureDiverging} {
		t.Run(string(kind), func(t *testing.T) {
			f := &report.Figure{
				ID: "evil", Kind: kind, XLabel: "R&D <dept>", YLabel: `"quoted" & 'single'`,
				Categories: []string{evil, "R&D"},
				Series: []report.Series{
					{Name: evil, Values: []float64{1, 2}},
					{Name: "A & B", Values: []float64{2, 1}},
				},
			}
			svg, err := SVG(f)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, svg)
			s := string(svg)
			if strings.Contains(s, "<script") {
				t.Error("SVG contains a raw <script")
			}
			for _, want := range []string{"&lt;script&gt;", "R&amp;D", "A &amp; B", "&#34;quoted&#34; &amp; &#39;single&#39;"} {
				if !strings.Contains(s, want) {
					t.Errorf("SVG lacks %q", want)
				}
			}
			texts := svgTexts(t, svg)
			for _, want := range []string{"R&D", "A & B", "R&D <dept>"} {
				if !contains(texts, want) {
					t.Errorf("no <text> reads %q; texts: %q", want, texts)
				}
			}
		})
	}
}

// TestTextElements checks that every label a reader needs is a <text>, so
// that screen readers and find-in-page reach it.
func TestTextElements(t *testing.T) {
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			svg, err := SVG(fx.fig)
			if err != nil {
				t.Fatal(err)
			}
			texts := svgTexts(t, svg)
			want := []string{fx.fig.XLabel, fx.fig.YLabel}
			if len(fx.fig.Series) > 1 {
				for _, s := range fx.fig.Series {
					want = append(want, s.Name)
				}
			}
			if hasNaN(fx.fig) {
				want = append(want, suppressedMark(fx.fig))
			}
			for _, w := range want {
				if !contains(texts, w) {
					t.Errorf("no <text> reads %q; texts: %q", w, texts)
				}
			}
			if fx.fig.Kind == report.FigureLines {
				return // week labels may be thinned
			}
			for _, cat := range fx.fig.Categories {
				if fx.fig.Kind == report.FigureDiverging || fx.fig.Kind == report.FigureForest {
					// Items wrap: their first line must be there.
					if !startsLabel(texts, cat) {
						t.Errorf("item %q has no label", cat)
					}
					continue
				}
				if !containsPrefix(texts, cat) {
					t.Errorf("category %q has no label", cat)
				}
			}
		})
	}
}

func suppressedMark(f *report.Figure) string {
	if f.Kind == report.FigureLines {
		for _, s := range f.Series {
			if hasBand(s) {
				return bandNote + " " + nanNote
			}
		}
		return nanNote
	}
	return suppressed
}

func TestUndrawable(t *testing.T) {
	one := []report.Series{{Name: "a", Values: []float64{1}}}
	for _, tc := range []struct {
		name string
		fig  *report.Figure
	}{
		{"nil figure", nil},
		{"no series", &report.Figure{ID: "x", Kind: report.FigureBars, Categories: []string{"a"}}},
		{"no categories", &report.Figure{ID: "x", Kind: report.FigureLines, Series: []report.Series{{Name: "a"}}}},
		{"empty figure", &report.Figure{ID: "x", Kind: report.FigureHistogram}},
		{"unknown kind", &report.Figure{ID: "x", Kind: "pie", Categories: []string{"a"}, Series: one}},
		{"values do not match categories", &report.Figure{ID: "x", Kind: report.FigureBars, Categories: []string{"a", "b"}, Series: one}},
		{"infinite value", &report.Figure{ID: "x", Kind: report.FigureBars, Categories: []string{"a"},
			Series: []report.Series{{Name: "a", Values: []float64{math.Inf(1)}}}}},
		{"negative share on a diverging scale", &report.Figure{ID: "x", Kind: report.FigureDiverging, Categories: []string{"a"},
			Series: []report.Series{{Name: "low", Values: []float64{-10}}, {Name: "high", Values: []float64{110}}}}},
		{"band shorter than the values", &report.Figure{ID: "x", Kind: report.FigureLines, Categories: []string{"1", "2"},
			Series: []report.Series{{Name: "a", Values: []float64{1, 2}, Lo: []float64{0}, Hi: []float64{2, 3}}}}},
		{"band with only a lower bound", &report.Figure{ID: "x", Kind: report.FigureLines, Categories: []string{"1"},
			Series: []report.Series{{Name: "a", Values: []float64{1}, Lo: []float64{0}}}}},
		{"marked category that is not a category", &report.Figure{ID: "x", Kind: report.FigureLines, Categories: []string{"1"}, Series: one,
			Marked: []string{"2"}, MarkLabel: "significant"}},
		{"range upside down", &report.Figure{ID: "x", Kind: report.FigureForest, Categories: []string{"1"}, Series: one, Range: []float64{5, 1}}},
		{"range on bars", &report.Figure{ID: "x", Kind: report.FigureBars, Categories: []string{"1"}, Series: one, Range: []float64{1, 5}}},
		{"marks without a label", &report.Figure{ID: "x", Kind: report.FigureLines, Categories: []string{"1"}, Series: one, Marked: []string{"1"}}},
		{"infinite band", &report.Figure{ID: "x", Kind: report.FigureLines, Categories: []string{"1"},
			Series: []report.Series{{Name: "a", Values: []float64{1}, Lo: []float64{0}, Hi: []float64{math.Inf(1)}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := SVG(tc.fig); err == nil {
				t.Error("SVG: no error")
			}
			if _, err := PNG(tc.fig); err == nil {
				t.Error("PNG: no error")
			}
		})
	}
}

// TestDrawable covers figures that are odd but legitimate: they must draw,
// not fail or panic.
func TestDrawable(t *testing.T) {
	weeks := make([]string, 52)
	values := make([]float64, 52)
	for i := range weeks {
		weeks[i] = fmt.Sprint(i + 1)
		values[i] = float64(i * i * 97)
	}
	for _, tc := range []struct {
		name string
		fig  *report.Figure
	}{
		{"all suppressed", &report.Figure{Kind: report.FigureBars, Categories: []string{"a", "b"},
			Series: []report.Series{{Name: "a", Values: []float64{nan, nan}}}}},
		{"all zero", &report.Figure{Kind: report.FigureLines, Categories: []string{"1", "2"},
			Series: []report.Series{{Name: "a", Values: []float64{0, 0}}}}},
		{"negative values", &report.Figure{Kind: report.FigureBars, Categories: []string{"a", "b"},
			Series: []report.Series{{Name: "a", Values: []float64{-3.5, 2}}}}},
		{"52 weeks", &report.Figure{Kind: report.FigureLines, Categories: weeks,
			Series: []report.Series{{Name: "a", Values: values}}}},
		{"one bin", &report.Figure{Kind: report.FigureHistogram, Categories: []string{"0–100"},
			Series: []report.Series{{Name: "a", Values: []float64{0.004}}}}},
		{"many series", &report.Figure{Kind: report.FigureBars, Categories: []string{"a", "b"}, Series: manySeries(9, 2)}},
		{"many series in rows", &report.Figure{Kind: report.FigureBars, Categories: weeks[:8], Series: manySeries(3, 8)}},
		{"long labels, few categories", &report.Figure{Kind: report.FigureBars, YLabel: "Share (%)",
			Categories: []string{"Completed the course and earned a certificate", "Completed the course", "Dropped out", "Never started"},
			Series:     []report.Series{{Name: "a", Values: []float64{10, nan, 30, 40}}, {Name: "b", Values: []float64{10, 20, 30, 40}}}}},
		{"diverging, all suppressed", &report.Figure{Kind: report.FigureDiverging, Categories: []string{"a", "b"},
			Series: []report.Series{{Name: "No", Values: []float64{nan, nan}}, {Name: "Yes", Values: []float64{nan, nan}}}}},
		{"diverging, even scale", &report.Figure{Kind: report.FigureDiverging, YLabel: "% of answers", Categories: []string{"a", "b"},
			Series: []report.Series{{Name: "1", Values: []float64{10, 40}}, {Name: "2", Values: []float64{20, 10}},
				{Name: "3", Values: []float64{30, 25}}, {Name: "4", Values: []float64{40, 25}}}}},
		{"diverging, seven levels, one sided", &report.Figure{Kind: report.FigureDiverging, YLabel: "% of answers", Categories: []string{"a"},
			Series: manyLevels(7, []float64{0, 0, 0, 0, 0, 0, 100})}},
		{"diverging, one level", &report.Figure{Kind: report.FigureDiverging, Categories: []string{"a"},
			Series: []report.Series{{Name: "Only", Values: []float64{100}}}}},
		{"diverging, part withheld at the right edge", &report.Figure{Kind: report.FigureDiverging, YLabel: "% of answers", Categories: []string{"a"},
			Series: manyLevels(3, []float64{nan, 1, 99})}},
		{"band for a single week", &report.Figure{Kind: report.FigureLines, Categories: []string{"1", "2", "3"},
			Series: []report.Series{{Name: "a", Values: []float64{10, 20, 30}, Lo: []float64{nan, 15, nan}, Hi: []float64{nan, 25, nan}}}}},
		{"large numbers", &report.Figure{Kind: report.FigureHistogram, YLabel: "Events", XLabel: "Hour of day (UTC)",
			Categories: weeks[:24], Series: []report.Series{{Name: "a", Values: values[20:44]}, {Name: "b", Values: values[:24]}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg, err := SVG(tc.fig)
			if err != nil {
				t.Fatal(err)
			}
			wellFormed(t, svg)
			out, err := PNG(tc.fig)
			if err != nil {
				t.Fatal(err)
			}
			if *pngDir != "" {
				name := strings.ReplaceAll(tc.name, " ", "-") + ".png"
				if err := os.WriteFile(filepath.Join(*pngDir, name), out, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// manyLevels makes one item's scale of n levels with the given shares.
func manyLevels(n int, shares []float64) []report.Series {
	out := make([]report.Series, n)
	for i := range out {
		out[i] = report.Series{Name: fmt.Sprintf("Level %d", i+1), Values: []float64{shares[i]}}
	}
	return out
}

// manySeries makes n series of m values.
func manySeries(n, m int) []report.Series {
	out := make([]report.Series, n)
	for i := range out {
		out[i] = report.Series{Name: fmt.Sprintf("Series %d", i+1), Values: make([]float64, m)}
		for j := range m {
			out[i].Values[j] = float64((i + 1) * (j + 2))
		}
	}
	return out
}

func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

// svgTexts returns the character data of every <text> element.
func svgTexts(t *testing.T, svg []byte) []string {
	t.Helper()
	var out []string
	d := xml.NewDecoder(bytes.NewReader(svg))
	in := false
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
			in = tok.Name.Local == "text"
		case xml.EndElement:
			in = false
		case xml.CharData:
			if in {
				out = append(out, string(tok))
			}
		}
	}
}

func svgSize(t *testing.T, svg []byte) (w, h int) {
	t.Helper()
	var root struct {
		Width  int `xml:"width,attr"`
		Height int `xml:"height,attr"`
	}
	if err := xml.Unmarshal(svg, &root); err != nil {
		t.Fatal(err)
	}
	return root.Width, root.Height
}

func contains(list []string, s string) bool {
	for _, l := range list {
		if l == s {
			return true
		}
	}
	return false
}

// containsPrefix also accepts a label shortened with an ellipsis.
func containsPrefix(list []string, s string) bool {
	for _, l := range list {
		if l == s || (strings.HasSuffix(l, "…") && strings.HasPrefix(s, strings.TrimSuffix(l, "…"))) {
			return true
		}
	}
	return false
}

// startsLabel reports whether some text is the start of s (its first
// wrapped line, perhaps shortened), long enough not to match by chance.
func startsLabel(list []string, s string) bool {
	for _, l := range list {
		l = strings.TrimSuffix(l, "…")
		if len(l) >= min(len(s), 10) && strings.HasPrefix(s, l) {
			return true
		}
	}
	return false
}

// TestLabelSVG checks the accessible name and description the SVG carries
// for readers who open it on its own.
func TestLabelSVG(t *testing.T) {
	const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4"><path/></svg>`
	tests := []struct {
		name       string
		title, alt string
		want       string
	}{
		{"title and alt: labelled and described", "Grades", "Most passed.",
			`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4" role="img" aria-labelledby="chart-title chart-desc"><title id="chart-title">Grades</title><desc id="chart-desc">Most passed.</desc><path/></svg>`},
		{"markup in the data is escaped", "A & B", "<5 in week 2",
			`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4" role="img" aria-labelledby="chart-title chart-desc"><title id="chart-title">A &amp; B</title><desc id="chart-desc">&lt;5 in week 2</desc><path/></svg>`},
		{"alt only", "", "Most passed.",
			`<svg xmlns="http://www.w3.org/2000/svg" width="8" height="4" role="img" aria-labelledby="chart-desc"><desc id="chart-desc">Most passed.</desc><path/></svg>`},
		{"neither: no empty name", "", "", svg},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(labelSVG([]byte(svg), &report.Figure{Title: tt.title, Alt: tt.alt}))
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
