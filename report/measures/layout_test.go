package measures

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestLayout checks that a section's blocks come out in the order its
// file lists them, whatever order the steps made them in, that a section
// with no blocks is left out, and that a part no section places is a bug
// caught at once rather than a block silently dropped.
func TestLayout(t *testing.T) {
	block := func(s string) report.Block { return report.Block{Markdown: s} }
	tests := []struct {
		name  string
		parts [][2]string // part name, block text, in the order made
		want  map[string]string
		panic string
	}{
		{name: "activity parts in the section's order",
			parts: [][2]string{{"funnel", "F"}, {"weekly-activity", "W"}, {"retention", "R"}, {"events-by-kind", "K"}, {"intensity", "I"}},
			want:  map[string]string{"activity": "W K I R F"}},
		{name: "comparison charts between the introduction and the results",
			parts: [][2]string{{"comparisons-intro", "I"}, {"comparisons-results", "T"}, {"comparison-charts", "C1"}, {"comparison-charts", "C2"}},
			want:  map[string]string{"comparisons": "I C1 C2 T"}},
		{name: "performance parts from several steps",
			parts: [][2]string{{"grades", "G"}, {"assessments", "A"}, {"final-results", "R"}, {"activity-grade", "AG"}},
			want:  map[string]string{"performance": "G R A AG"}},
		{name: "a part no section places",
			parts: [][2]string{{"learner-profile", "P"}, {"no-such-part", "X"}},
			panic: "no-such-part"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &computer{res: &Result{Sections: map[string][]report.Block{}}}
			for _, p := range tt.parts {
				c.part(p[0], block(p[1]))
			}
			defer func() {
				r := recover()
				if tt.panic == "" && r != nil {
					t.Fatalf("layout panicked: %v", r)
				}
				if tt.panic != "" && (r == nil || !strings.Contains(r.(string), tt.panic)) {
					t.Fatalf("layout: recovered %v, want a panic naming %q", r, tt.panic)
				}
			}()
			c.layout()
			if len(c.res.Sections) != len(tt.want) {
				t.Errorf("sections %v, want only %v", keys(c.res.Sections), tt.want)
			}
			for id, want := range tt.want {
				var got []string
				for _, b := range c.res.Sections[id] {
					got = append(got, b.Markdown)
				}
				if strings.Join(got, " ") != want {
					t.Errorf("section %s = %q, want %q", id, strings.Join(got, " "), want)
				}
			}
		})
	}
}

func keys(m map[string][]report.Block) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
