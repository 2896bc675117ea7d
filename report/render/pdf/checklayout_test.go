package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// longTablesDoc is a study with long tables: tables of 3 to 120 rows, some
// with wrapping cells and long notes, after narrative of varying length,
// between figures, so every table starts somewhere else on its page.
func longTablesDoc() *report.Document {
	var blocks []report.Block
	one := 1.0
	for i, n := range []int{3, 20, 7, 45, 2, 33, 120, 12, 5, 60, 4, 28} {
		var md strings.Builder
		for k := range (i * 7) % 23 {
			fmt.Fprintf(&md, "Filler line %d of block %d.\\\n", k+1, i)
		}
		blocks = append(blocks, report.Block{Markdown: md.String() + "End of filler."})
		tab := &report.Table{ID: fmt.Sprintf("t%02d", i), Title: fmt.Sprintf("Long table %d", i), Columns: []string{"Item", "Text", "n", "%"}}
		if i%3 == 0 {
			tab.Note = strings.Repeat("A note long enough to wrap over several lines. ", 6)
		}
		for r := range n {
			text := "short"
			if r%5 == 0 {
				text = strings.Repeat("a cell that wraps onto more lines ", 2+i%4)
			}
			tab.Rows = append(tab.Rows, []report.Cell{{Text: fmt.Sprintf("row %d", r+1)}, {Text: text}, {Text: "12", Value: &one}, {Text: "4.5 %", Value: &one}})
		}
		blocks = append(blocks, report.Block{Table: tab})
		if i%4 == 1 {
			blocks = append(blocks, report.Block{Figure: &report.Figure{ID: fmt.Sprintf("f%02d", i), Title: "A figure", Caption: "Its caption.", Alt: strings.Repeat("Alt text. ", 40)}})
		}
	}
	return &report.Document{Title: "Long tables", Sections: []report.Section{{ID: "s", Title: "Long tables", Blocks: blocks}}}
}

// TestPageBreakRules checks the laid-out pages of a study with long tables
// against every page-break rule the README promises, with the charts drawn
// and without.
func TestPageBreakRules(t *testing.T) {
	for name, opt := range map[string]Options{"placeholders": {}, "charts": sampleOptions()} {
		t.Run(name, func(t *testing.T) {
			pages, problems, err := CheckLayout(longTablesDoc(), opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range problems {
				t.Error(p)
			}
			if pages < 10 {
				t.Errorf("%d pages: the study is meant to span many", pages)
			}
		})
	}
}

// TestCheckLayoutFindsBrokenRules: the checker itself catches each broken
// rule, so a passing TestPageBreakRules means something.
func TestCheckLayoutFindsBrokenRules(t *testing.T) {
	tests := []struct {
		name string
		p    placement
		want string
	}{
		{"split though it fits", placement{label: "Table 1", rows: []int{6, 2}, fitsOnePage: true}, "fits on one page but is split"},
		{"2 + 1", placement{label: "Table 2", rows: []int{2, 1}}, "holds 1 row"},
		{"header with one row", placement{label: "Table 3", rows: []int{1, 30}}, "holds 1 row"},
		{"note parted from its rows", placement{label: "Table 4", rows: []int{5}, hasNotes: true, lastRowPage: 3, notesPage: 4}, "notes on page 4"},
		{"figure parted from its caption", placement{label: "Figure 1", isFigure: true, imagePage: 2, captionPage: 3}, "caption ends on page 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(tt.p.problems(), "; ")
			if !strings.Contains(got, tt.want) || !strings.HasPrefix(got, tt.p.label) {
				t.Errorf("problems = %q, want one with %q", got, tt.want)
			}
		})
	}
	if got := (placement{label: "Table 5", rows: []int{30, 2}, hasNotes: true, lastRowPage: 2, notesPage: 2}).problems(); len(got) != 0 {
		t.Errorf("a table that keeps every rule: %v", got)
	}
}
