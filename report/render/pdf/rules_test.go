package pdf

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/tabular"
)

// These tests render small documents that put one page-break or outline
// rule under strain, and read the result back with poppler and qpdf.

// pageOf returns the 1-based page whose text contains s, or 0.
func pageOf(ps []string, s string) int {
	for i, p := range ps {
		if strings.Contains(p, s) {
			return i + 1
		}
	}
	return 0
}

// TestNoteStaysWithLastRows pushes a table's end to the bottom of a page
// with more and more filler before it: whatever falls where, the note
// is on the page of the last row.
func TestNoteStaysWithLastRows(t *testing.T) {
	one := 1.0
	tab := &report.Table{ID: "t", Title: "Short table", Columns: []string{"Row", "n"},
		Note: "NOTE-TEXT " + strings.Repeat("A note long enough to wrap over several lines of the page. ", 5)}
	for i := range 6 {
		tab.Rows = append(tab.Rows, []report.Cell{{Text: fmt.Sprintf("ROW-%d", i+1)}, {Text: "1", Value: &one}})
	}
	for _, lines := range []int{36, 38, 40, 42, 44} {
		t.Run(fmt.Sprint(lines, " filler lines"), func(t *testing.T) {
			var md strings.Builder
			for i := range lines {
				fmt.Fprintf(&md, "Filler line %d.\\\n", i+1)
			}
			doc := &report.Document{Title: "Rules", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{{Markdown: md.String()}, {Table: tab}}}}}
			ps := pages(t, renderFile(t, doc, Options{}))
			last, note := pageOf(ps, "ROW-6"), pageOf(ps, "NOTE-TEXT")
			if last == 0 || note != last {
				t.Errorf("last row on page %d, note on page %d", last, note)
			}
			if first := pageOf(ps, "ROW-1"); first != last && pageOf(ps, "ROW-5") != last {
				t.Errorf("the last row went over alone: ROW-5 on page %d, ROW-6 on %d", pageOf(ps, "ROW-5"), last)
			}
		})
	}
}

// TestTallRowIsSplit draws a row whose text is longer than a page: every
// word arrives, in order, continued on later pages under the repeated
// header, and nothing is set below the bottom margin.
func TestTallRowIsSplit(t *testing.T) {
	var words []string
	for i := range 2500 {
		words = append(words, fmt.Sprintf("w%04d", i))
	}
	tab := &report.Table{ID: "tall", Title: "A row taller than a page", Columns: []string{"Item", "Text"},
		Rows: [][]report.Cell{{{Text: "TALL"}, {Text: strings.Join(words, " ")}}, {{Text: "AFTER"}, {Text: "short"}}}}
	doc := &report.Document{Title: "Rules", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{{Table: tab}}}}}
	path := renderFile(t, doc, Options{})
	ps := pages(t, path)
	got := regexp.MustCompile(`w\d{4}`).FindAllString(strings.Join(ps, " "), -1)
	if strings.Join(got, " ") != strings.Join(words, " ") {
		t.Fatalf("the tall cell's words came back as %d words, not the %d in order", len(got), len(words))
	}
	first := pageOf(ps, "w0000")
	last := pageOf(ps, words[len(words)-1])
	if last-first < 2 {
		t.Fatalf("the row spans pages %d–%d; the test wants at least three", first, last)
	}
	for p := first + 1; p <= last; p++ {
		if !strings.Contains(ps[p-1], "Table 1. A row taller than a page (continued)") || !strings.Contains(ps[p-1], continuedMark+"  ") {
			t.Errorf("page %d continues the row without the continued caption and mark:\n%s", p, ps[p-1])
		}
	}
	// pdftotext -bbox gives every word's box in points: none may end
	// below the bottom margin (20 mm = 56.7 pt above the A4 page's foot,
	// less the footer's own line).
	bbox := tool(t, "pdftotext", "-bbox", path, "-")
	yMax := regexp.MustCompile(`<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">(w\d{4}|TALL|AFTER|short)</word>`)
	for _, m := range yMax.FindAllStringSubmatch(bbox, -1) {
		var y float64
		fmt.Sscan(m[1], &y)
		if y > 841.89-56.7+1 {
			t.Errorf("%s ends at y=%.1f pt, below the bottom margin", m[2], y)
		}
	}
}

// TestHeadingBookmarks: Markdown headings appear in the outline under
// their section, deeper levels nested under the level above.
func TestHeadingBookmarks(t *testing.T) {
	doc := &report.Document{Title: "Rules", Sections: []report.Section{
		{ID: "a", Title: "First", Blocks: []report.Block{{Markdown: "## Alpha\n\ntext\n\n### Alpha one\n\ntext\n\n## Beta\n\ntext"}}},
		{ID: "b", Title: "Second", Blocks: []report.Block{{Markdown: "### Deep first\n\ntext"}}},
	}}
	got := outlineTree(t, renderFile(t, doc, Options{}))
	want := "1 First [Alpha [Alpha one] Beta] 2 Second [Deep first]"
	if got != want {
		t.Errorf("outline = %s\nwant      %s", got, want)
	}
}

// outlineTree flattens qpdf's outline JSON to "A [a1 a2] B".
func outlineTree(t *testing.T, path string) string {
	t.Helper()
	type node struct {
		Title string `json:"title"`
		Kids  []node `json:"kids"`
	}
	var out struct {
		Outlines []node `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", path)), &out); err != nil {
		t.Fatal(err)
	}
	var walk func([]node) string
	walk = func(ns []node) string {
		var parts []string
		for _, n := range ns {
			parts = append(parts, n.Title)
			if len(n.Kids) > 0 {
				parts = append(parts, "["+walk(n.Kids)+"]")
			}
		}
		return strings.Join(parts, " ")
	}
	return walk(out.Outlines)
}

// appendixDoc ends with the generated reference sections, so they are set
// as lettered appendices.
func appendixDoc() *report.Document {
	doc := sampleDoc()
	doc.Sections = append(doc.Sections,
		report.Section{ID: "methods", Title: "Methods and definitions", Blocks: []report.Block{{Markdown: "## Measures\n\nHow each number is defined."}}},
		report.Section{ID: "provenance", Title: "Provenance", Blocks: []report.Block{{Table: &report.Table{ID: "provenance-inputs", Title: "Input files", Columns: []string{"File", "Bytes"},
			Rows: [][]report.Cell{{{Text: "study.yaml"}, {Text: "812"}}}}}}},
	)
	return doc
}

func TestAppendicesLettered(t *testing.T) {
	path := renderFile(t, appendixDoc(), sampleOptions())
	ps := pages(t, path)
	contents := flat(ps[0:1])
	for _, want := range []string{"3 Activity", "Appendices", "A Methods and definitions", "B Provenance"} {
		if !strings.Contains(contents, want) {
			t.Errorf("contents lack %q:\n%s", want, ps[0])
		}
	}
	if p := pageOf(ps, "A Methods and definitions"); p < 3 || !strings.Contains(ps[p-1], appendicesTitle) {
		t.Errorf("the first appendix (page %d) is not headed %q", p, appendicesTitle)
	}
	if !strings.Contains(flat(ps), "Table 3. Input files") {
		t.Error("an appendix table lost its report-wide number")
	}
	got := outlineTree(t, path)
	if !strings.HasSuffix(got, "Appendices [A Methods and definitions [Measures] B Provenance]") {
		t.Errorf("outline = %s", got)
	}
}

func TestAttachData(t *testing.T) {
	opt := sampleOptions()
	opt.AttachData = true
	path := renderFile(t, sampleDoc(), opt)
	list := tool(t, "pdfdetach", "-list", path)
	want := "5 embedded files\n1: measures.json\n2: manifest.json\n3: long.csv\n4: wide.csv\n5: activity-weekly.csv\n"
	if list != want {
		t.Errorf("pdfdetach -list:\n%s\nwant:\n%s", list, want)
	}
	dir := t.TempDir()
	tool(t, "pdfdetach", "-saveall", "-o", dir, path)
	doc := sampleDoc()
	for name, tab := range map[string]*report.Table{"long.csv": doc.Sections[1].Blocks[1].Table, "wide.csv": doc.Sections[1].Blocks[2].Table, "activity-weekly.csv": &doc.Sections[2].Blocks[1].Figure.Table} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != string(tabular.CSV(tab)) {
			t.Errorf("%s = %q (%v), want the site's CSV %q", name, got, err, tabular.CSV(tab))
		}
	}
	text := flat(pages(t, path))
	for _, want := range []string{"Data. long.csv, attached to this PDF.", "Data: activity-weekly.csv, attached to this PDF.", "the data of every table and figure (3 files)"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
}

func TestKeywords(t *testing.T) {
	opt := sampleOptions()
	opt.Keywords = []string{"MOOC", "MicroMasters", "engagement"}
	out := tool(t, "pdfinfo", renderFile(t, sampleDoc(), opt))
	if !strings.Contains(out, "Keywords:        MOOC; MicroMasters; engagement; eat-sus-2024") {
		t.Errorf("pdfinfo:\n%s", out)
	}
}

// TestRenderAppendix: the paper appendix holds every table and figure with
// the report's numbers, and none of the narrative.
func TestRenderAppendix(t *testing.T) {
	var buf strings.Builder
	_ = buf
	path := filepath.Join(t.TempDir(), "appendix.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := RenderAppendix(f, appendixDoc(), sampleOptions()); err != nil {
		t.Fatal(err)
	}
	f.Close()
	ps := pages(t, path)
	text := flat(ps)
	for _, want := range []string{"Paper appendix: tables and figures", "Table 1. Weekly activity by country", "Table 2. Survey items", "Figure 1. Weekly active learners", "Table 3. Input files", "B Provenance",
		fmt.Sprintf("Page 2 of %d", len(ps))} {
		if !strings.Contains(text, want) {
			t.Errorf("appendix text lacks %q", want)
		}
	}
	for _, not := range []string{"Opening paragraph", "END-OF-FILLER", "How each number is defined", "Contents"} {
		if strings.Contains(text, not) {
			t.Errorf("appendix shows narrative %q", not)
		}
	}
	got := outlineTree(t, path)
	want := "2 Learners [Table 1. Weekly activity by country Table 2. Survey items] 3 Activity [Figure 1. Weekly active learners] B Provenance [Table 3. Input files]"
	if got != want {
		t.Errorf("outline = %s\nwant      %s", got, want)
	}
	if out := tool(t, "qpdf", "--check", path); !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}
