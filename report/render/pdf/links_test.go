package pdf

import (
	"encoding/json"
	"html"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// crossRefDoc cites a figure that lies pages later and a table from both
// before and after it, beside an ordinary web link and a fragment that
// names no table or figure, in the Markdown package narrative writes.
func crossRefDoc() *report.Document {
	early := &report.Table{ID: "early", Title: "Early table", Columns: []string{"Course", "n"}, Rows: [][]report.Cell{{{Text: "EAT"}, {Text: "12"}}}}
	late := &report.Figure{ID: "late", Title: "Late figure", Caption: "Drawn pages after it is cited.", Alt: "A chart."}
	return &report.Document{Title: "Cross-references", Version: "1.0.0", Sections: []report.Section{
		{ID: "introduction", Title: "Introduction", Blocks: []report.Block{{Markdown: "As [Figure 1](#figure-late) shows, and [Table 1](#table-early) lists; " +
			"see [the project site](https://example.org/site) and [a heading](#somewhere-else)."}}},
		{ID: "early", Title: "Early", Blocks: []report.Block{{Table: early}}},
		{ID: "late", Title: "Late", Blocks: []report.Block{
			{Markdown: filler(20)},
			{Figure: late},
			{Markdown: "Back to [Table 1](#table-early)."},
		}},
	}}
}

// word is one word pdftotext found, in PDF points from the page's top.
type word struct {
	page       int
	x0, y0, x1 float64
	y1         float64
	text       string
}

var (
	bboxPage = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// words lists every word of the PDF with its box, and the pages' heights.
func words(t *testing.T, path string) ([]word, []float64) {
	t.Helper()
	var out []word
	var heights []float64
	for _, line := range strings.Split(tool(t, "pdftotext", "-bbox", path, "-"), "\n") {
		if m := bboxPage.FindStringSubmatch(line); m != nil {
			h, _ := strconv.ParseFloat(m[2], 64)
			heights = append(heights, h)
			continue
		}
		if m := bboxWord.FindStringSubmatch(line); m != nil {
			f := func(i int) float64 { v, _ := strconv.ParseFloat(m[i], 64); return v }
			out = append(out, word{page: len(heights), x0: f(1), y0: f(2), x1: f(3), y1: f(4), text: html.UnescapeString(m[5])})
		}
	}
	return out, heights
}

// link is one link annotation: the words it covers, and where it goes —
// a page and the height (points from the top) a viewer scrolls to, or a
// URI.
type link struct {
	page   int
	text   string
	toPage int
	toTop  float64
	uri    string
}

// links reads every link annotation with qpdf, as TestContentsAndOutline
// reads bookmarks, and names each by the words under it.
func links(t *testing.T, path string) []link {
	t.Helper()
	var j struct {
		Pages []struct {
			Object string `json:"object"`
			Page   int    `json:"pageposfrom1"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=pages", "--json-key=qpdf", path)), &j); err != nil {
		t.Fatal(err)
	}
	var objects map[string]struct {
		Value struct {
			Annots []struct {
				Rect []float64 `json:"/Rect"`
				Dest []any     `json:"/Dest"`
				A    struct {
					URI string `json:"/URI"`
				} `json:"/A"`
			} `json:"/Annots"`
		} `json:"value"`
	}
	if len(j.QPDF) < 2 {
		t.Fatal("qpdf --json lists no objects")
	}
	if err := json.Unmarshal(j.QPDF[1], &objects); err != nil {
		t.Fatal(err)
	}
	pageOf := map[string]int{}
	for _, p := range j.Pages {
		pageOf[p.Object] = p.Page
	}
	ws, heights := words(t, path)
	var out []link
	for _, p := range j.Pages {
		h := heights[p.Page-1]
		for _, a := range objects["obj:"+p.Object].Value.Annots {
			l := link{page: p.Page, uri: strings.TrimPrefix(a.A.URI, "u:")}
			if len(a.Dest) >= 4 {
				ref, _ := a.Dest[0].(string)
				top, _ := a.Dest[3].(float64)
				l.toPage, l.toTop = pageOf[ref], h-top
			}
			// Rect is in PDF space (origin bottom left); words are from the top.
			x0, x1 := min(a.Rect[0], a.Rect[2]), max(a.Rect[0], a.Rect[2])
			y0, y1 := h-max(a.Rect[1], a.Rect[3]), h-min(a.Rect[1], a.Rect[3])
			var text []string
			for _, w := range ws {
				cx, cy := (w.x0+w.x1)/2, (w.y0+w.y1)/2
				if w.page == p.Page && cx > x0 && cx < x1 && cy > y0 && cy < y1 {
					text = append(text, w.text)
				}
			}
			l.text = strings.Join(text, " ")
			out = append(out, l)
		}
	}
	return out
}

// TestCrossReferenceLinks: a narrative link to "#figure-<id>" or
// "#table-<id>" jumps inside the PDF to the float, wherever it falls and
// whether it comes before or after the reference; other links keep their
// URL, printed and clickable; a fragment naming nothing links nowhere.
func TestCrossReferenceLinks(t *testing.T) {
	path := renderFile(t, crossRefDoc(), Options{})
	ws, _ := words(t, path)
	// find is the first word of the first run of words equal to seq.
	find := func(seq ...string) word {
		for i := range ws {
			if i+len(seq) <= len(ws) && func() bool {
				for k, s := range seq {
					if ws[i+k].text != s {
						return false
					}
				}
				return true
			}() {
				return ws[i]
			}
		}
		t.Fatalf("%q not found", strings.Join(seq, " "))
		return word{}
	}
	fig, tab := find("Figure", "1.", "Late", "figure"), find("Table", "1.", "Early", "table")
	intro, back := find("As", "Figure", "1", "shows,").page, find("Back", "to").page
	if fig.page < intro+2 || back < fig.page {
		t.Fatalf("figure on page %d, want it well after the reference on page %d and before the one on page %d", fig.page, intro, back)
	}

	got := links(t, path)
	tests := []struct {
		name   string
		text   string // the words the link covers
		from   int    // the page the link is on
		target word   // the caption it must lead to
	}{
		{"forward to a figure pages later", "Figure 1", intro, fig},
		{"forward to a table", "Table 1", intro, tab},
		{"back to a table", "Table 1", back, tab},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, l := range got {
				if strings.TrimRight(l.text, ".,;") != tt.text || l.page != tt.from {
					continue
				}
				if l.uri != "" || l.toPage != tt.target.page {
					t.Errorf("link %q on page %d goes to page %d (URI %q), want page %d, where the caption is", l.text, l.page, l.toPage, l.uri, tt.target.page)
				}
				// The view opens at the float's top: above a figure's
				// caption (the chart is over it), at a table's.
				if l.toTop > tt.target.y0+0.5 || l.toTop < margin*72/25.4-0.5 {
					t.Errorf("link %q opens the page at %.1f pt, want between the top margin and the caption at %.1f pt", l.text, l.toTop, tt.target.y0)
				}
				return
			}
			t.Errorf("no link %q on page %d; links: %+v", tt.text, tt.from, got)
		})
	}

	var uris []string
	for _, l := range got {
		if l.uri != "" {
			uris = append(uris, l.text+" → "+l.uri)
		}
		if l.text == "a heading" || strings.HasPrefix(l.uri, "#") {
			t.Errorf("link %+v: a fragment that names no table or figure must not be a link", l)
		}
	}
	if want := "the project site → https://example.org/site"; len(uris) != 1 || uris[0] != want {
		t.Errorf("external links %q, want [%q]", uris, want)
	}
	text := flat(pages(t, path))
	for _, want := range []string{"As Figure 1 shows, and Table 1 lists;", "the project site (https://example.org/site) and a heading.", "Back to Table 1."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "#") {
		t.Error("PDF text shows a fragment (#…)")
	}
}
