package report

import (
	"maps"
	"testing"
)

func TestNumber(t *testing.T) {
	fig := func(id string) Block { return Block{Figure: &Figure{ID: id, Table: Table{ID: id + "-data"}}} }
	tab := func(id string) Block { return Block{Table: &Table{ID: id}} }
	text := Block{Markdown: "words"}
	tests := []struct {
		name string
		doc  *Document
		want map[string]int
	}{
		{"nil document", nil, map[string]int{}},
		{"figures and tables counted separately, across sections",
			&Document{Sections: []Section{
				{ID: "a", Blocks: []Block{text, fig("f1"), tab("t1"), fig("f2")}},
				{ID: "b"},
				{ID: "c", Blocks: []Block{tab("t2"), text, fig("f3")}},
			}},
			map[string]int{"f1": 1, "f2": 2, "f3": 3, "t1": 1, "t2": 2}},
		{"a figure's data table has no number",
			&Document{Sections: []Section{{Blocks: []Block{fig("f"), tab("t")}}}},
			map[string]int{"f": 1, "t": 1}},
		{"a repeated id keeps its first number and later blocks do not shift",
			&Document{Sections: []Section{{Blocks: []Block{tab("t"), tab("t"), tab("u")}}}},
			map[string]int{"t": 1, "u": 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Number(tt.doc); !maps.Equal(got, tt.want) {
				t.Errorf("Number = %v, want %v", got, tt.want)
			}
		})
	}
}
