package pdf

import (
	"slices"
	"testing"

	"github.com/moocreport/moocreport/report"
)

func TestTableGridAlignment(t *testing.T) {
	v := 1.0
	tests := []struct {
		name string
		rows [][]report.Cell
		want []string
	}{
		{"cells with values are numbers", [][]report.Cell{{{Text: "EAT"}, {Text: "12", Value: &v}}}, []string{"L", "R"}},
		{"suppressed cells count as numbers", [][]report.Cell{{{Text: "EAT"}, {Text: "<5", Withheld: report.WithheldPrimary}}, {{Text: "SUS"}, {Text: "7", Value: &v}}}, []string{"L", "R"}},
		{"number-like text without a value", [][]report.Cell{{{Text: "EAT"}, {Text: "41.2 %"}}, {{Text: "SUS"}, {Text: "1,204"}}}, []string{"L", "R"}},
		{"one word makes a text column", [][]report.Cell{{{Text: "EAT"}, {Text: "12"}}, {{Text: "SUS"}, {Text: "many"}}}, []string{"L", "L"}},
		{"empty cells do not decide", [][]report.Cell{{{Text: "EAT"}, {Text: ""}}, {{Text: "SUS"}, {Text: "3"}}}, []string{"L", "R"}},
		{"the label column stays left", [][]report.Cell{{{Text: "1"}, {Text: "2"}}}, []string{"L", "R"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tableGrid(&report.Table{Columns: []string{"Course", "n"}, Rows: tt.rows})
			if !slices.Equal(g.align, tt.want) {
				t.Errorf("align = %v, want %v", g.align, tt.want)
			}
		})
	}
}

func TestTableGridShowsSuppressedText(t *testing.T) {
	g := tableGrid(&report.Table{Columns: []string{"Course", "n"}, Rows: [][]report.Cell{{{Text: "EAT"}, {Text: "<5", Withheld: report.WithheldPrimary}}}})
	if got := g.rows[0][1]; got != "<5" {
		t.Errorf("suppressed cell drawn as %q, want its Text %q", got, "<5")
	}
}

func TestTableGridPadsShortRows(t *testing.T) {
	g := tableGrid(&report.Table{Columns: []string{"A"}, Rows: [][]report.Cell{{{Text: "x"}, {Text: "y"}}, {{Text: "z"}}}})
	if len(g.head) != 2 || len(g.rows[1]) != 2 {
		t.Errorf("grid not rectangular: head %v, rows %v", g.head, g.rows)
	}
}

func TestBreakRunes(t *testing.T) {
	width := func(s string) float64 { return float64(len([]rune(s))) }
	tests := []struct {
		in   string
		w    float64
		want []string
	}{
		{"", 4, []string{""}},
		{"abc", 4, []string{"abc"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"åäöüé", 2, []string{"åä", "öü", "é"}},
		{"abc", 0, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		if got := breakRunes(tt.in, width, tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("breakRunes(%q, %v) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
}
