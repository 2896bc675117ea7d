package pdf

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestWideTableLandscape: a table far wider than the portrait text is set
// on landscape pages, continuing on landscape pages, and what follows it
// returns to portrait; a narrow table stays portrait.
func TestWideTableLandscape(t *testing.T) {
	wide := &report.Table{ID: "wide", Title: "Comparisons and tests", Columns: []string{"Comparison", "Test", "N", "p", "Holm-adjusted p", "Effect", "Effect size", "Result (APA)"}}
	for i := range 60 {
		wide.Rows = append(wide.Rows, []report.Cell{{Text: fmt.Sprintf("WIDE-%02d EAT101x pre vs post (all respondents): I can judge the impact of a new technology, week %d", i, i)}, {Text: "two-proportion z-test"}, {Text: "5,640"}, {Text: "<.001"}, {Text: "<.001"}, {Text: "Δ"}, {Text: ".12 [.09, .14]"}, {Text: "z = 16.38, p < .001, Δ = .12, 95% CI [.09, .14]"}})
	}
	narrow := &report.Table{ID: "narrow", Title: "Narrow", Columns: []string{"Week", "n"}, Rows: [][]report.Cell{{{Text: "NARROW-1"}, {Text: "3"}}}}
	doc := &report.Document{Title: "Landscape", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{
		{Markdown: "BEFORE the table."}, {Table: wide}, {Markdown: "AFTER the table."}, {Table: narrow}}}}}
	path := renderFile(t, doc, Options{})
	ps := pages(t, path)
	sizes := regexp.MustCompile(`Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)`).FindAllStringSubmatch(tool(t, "pdfinfo", "-f", "1", "-l", fmt.Sprint(len(ps)), path), -1)
	landscape := map[int]bool{}
	for _, m := range sizes {
		var p int
		var w, h float64
		fmt.Sscan(m[1], &p)
		fmt.Sscan(m[2], &w)
		fmt.Sscan(m[3], &h)
		landscape[p] = w > h
	}
	first, last := pageOf(ps, "WIDE-00"), pageOf(ps, "WIDE-59")
	if first == 0 || last <= first {
		t.Fatalf("the wide table is on pages %d–%d; the test wants it to span pages", first, last)
	}
	for p := first; p <= last; p++ {
		if !landscape[p] {
			t.Errorf("page %d of the wide table is portrait", p)
		}
		if p > first && !strings.Contains(ps[p-1], "(continued)") {
			t.Errorf("page %d continues the table without its caption", p)
		}
	}
	for _, s := range []string{"BEFORE the table", "AFTER the table", "NARROW-1"} {
		if p := pageOf(ps, s); landscape[p] {
			t.Errorf("%q is on landscape page %d", s, p)
		}
	}
	if pageOf(ps, "AFTER the table") <= last {
		t.Error("the text after the table shares its landscape page")
	}
}
