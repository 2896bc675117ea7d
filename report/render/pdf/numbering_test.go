package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// exampleLikeDoc has the shape of the example study's report: sections
// without floats, figures and tables interleaved (a chart before its
// table, a table before its chart), a figure the narrative placed ahead of
// the generated blocks, figures whose data tables must not be numbered,
// and closing sections that the PDF letters as appendices.
func exampleLikeDoc() *report.Document {
	fig := func(id string) report.Block {
		return report.Block{Figure: &report.Figure{ID: id, Title: "Title of " + id, Alt: "Chart of " + id,
			Table: report.Table{ID: id + "-data", Title: "Data of " + id, Columns: []string{"x", "y"}, Rows: [][]report.Cell{{{Text: "1"}, {Text: "2"}}}}}}
	}
	tab := func(id string) report.Block {
		return report.Block{Table: &report.Table{ID: id, Title: "Title of " + id, Columns: []string{"Course", "n"}, Rows: [][]report.Cell{{{Text: "EAT"}, {Text: "12"}}}}}
	}
	md := func(s string) report.Block { return report.Block{Markdown: s} }
	return &report.Document{Title: "An example-like study", Version: "1.0.0", Sections: []report.Section{
		{ID: "introduction", Title: "Introduction", Blocks: []report.Block{md("Why the study was done.")}},
		{ID: "learners", Title: "Learners", Blocks: []report.Block{
			fig("learners-gender-chart"), tab("learners-gender"), fig("learners-age-chart"), tab("learners-age"),
			tab("learners-registration"), fig("learners-registration-chart"),
		}},
		{ID: "activity", Title: "Activity", Blocks: []report.Block{
			md("As [Figure 4](#figure-activity-weekly-active-chart) shows, activity fell."),
			fig("activity-weekly-active-chart"),
			md("Text between."),
			tab("activity-weekly-active"), tab("activity-kinds"), fig("activity-retention-chart"),
		}},
		{ID: "performance", Title: "Performance", Blocks: []report.Block{
			md("[Table 6](#table-performance-pass) gives the pass rates."),
			tab("performance-pass"), fig("performance-grades-chart"), tab("performance-grades"),
		}},
		{ID: "methods", Title: "Methods and definitions", Blocks: []report.Block{md("How each number is computed.")}},
		{ID: "data-quality", Title: "Data quality", Blocks: []report.Block{tab("quality-skipped")}},
		{ID: "provenance", Title: "Provenance", Blocks: []report.Block{tab("provenance-inputs")}},
	}}
}

// captionRe finds a numbered caption line; a table's caption repeats,
// "(continued)", on each later page.
var captionRe = regexp.MustCompile(`(?m)^\s*(Table|Figure) (\d+)\. (.+?)(?: \(continued\))?\s*$`)

// captionNumbers reads the PDF's captions back as title → "Figure 3".
func captionNumbers(t *testing.T, path string) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, p := range pages(t, path) {
		for _, m := range captionRe.FindAllStringSubmatch(p, -1) {
			label := m[1] + " " + m[2]
			if old, ok := got[m[3]]; ok && old != label {
				t.Errorf("%q captioned both %s and %s", m[3], old, label)
			}
			got[m[3]] = label
		}
	}
	return got
}

// TestNumberingMatchesReport: the PDF and the paper appendix print the
// numbers report.Number gives, which are the HTML site's, for every table
// and figure and nothing else.
func TestNumberingMatchesReport(t *testing.T) {
	docs := []struct {
		name string
		doc  *report.Document
	}{
		{"example-like", exampleLikeDoc()},
		{"sample with a long split table", sampleDoc()},
	}
	renders := []struct {
		name   string
		render func(*bytes.Buffer, *report.Document) error
	}{
		{"report", func(b *bytes.Buffer, d *report.Document) error { return Render(b, d, Options{}) }},
		{"appendix", func(b *bytes.Buffer, d *report.Document) error { return RenderAppendix(b, d, Options{}) }},
	}
	for _, d := range docs {
		want := map[string]string{}
		nums := report.Number(d.doc)
		for _, s := range d.doc.Sections {
			for _, b := range s.Blocks {
				switch {
				case b.Figure != nil:
					want[b.Figure.Title] = fmt.Sprintf("Figure %d", nums[b.Figure.ID])
				case b.Table != nil:
					want[b.Table.Title] = fmt.Sprintf("Table %d", nums[b.Table.ID])
				}
			}
		}
		for _, r := range renders {
			t.Run(d.name+"/"+r.name, func(t *testing.T) {
				var buf bytes.Buffer
				if err := r.render(&buf, d.doc); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(t.TempDir(), "out.pdf")
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				got := captionNumbers(t, path)
				for _, title := range slices.Sorted(maps.Keys(want)) {
					if got[title] != want[title] {
						t.Errorf("%q is captioned %q, report.Number says %q", title, got[title], want[title])
					}
				}
				for title, label := range got {
					if _, ok := want[title]; !ok {
						t.Errorf("unexpected caption %q. %s (a figure's data table numbered?)", label, title)
					}
				}
			})
		}
	}
}

// TestFloatsFollowNumber checks Floats, which the appendix names its files
// by, against report.Number directly.
func TestFloatsFollowNumber(t *testing.T) {
	doc := exampleLikeDoc()
	nums := report.Number(doc)
	fl := Floats(doc)
	if len(fl) != len(nums) {
		t.Fatalf("%d floats, report.Number numbers %d", len(fl), len(nums))
	}
	for _, f := range fl {
		kind := "Table"
		if f.Figure != nil {
			kind = "Figure"
		}
		if f.N != nums[f.ID()] || f.Label != fmt.Sprintf("%s %d", kind, nums[f.ID()]) {
			t.Errorf("%s: N %d, label %q; report.Number says %d", f.ID(), f.N, f.Label, nums[f.ID()])
		}
		if want := strings.ToLower(kind) + "-" + f.ID(); f.Fragment() != want {
			t.Errorf("%s: fragment %q, want %q", f.ID(), f.Fragment(), want)
		}
	}
}

func TestDuplicateIDsRejected(t *testing.T) {
	tests := []struct {
		name string
		a, b report.Block
	}{
		{"two tables", report.Block{Table: &report.Table{ID: "x", Title: "A"}}, report.Block{Table: &report.Table{ID: "x", Title: "B"}}},
		{"a figure and a table", report.Block{Figure: &report.Figure{ID: "x", Title: "A"}}, report.Block{Table: &report.Table{ID: "x", Title: "B"}}},
		{"ids differing in case", report.Block{Table: &report.Table{ID: "x", Title: "A"}}, report.Block{Table: &report.Table{ID: "X", Title: "B"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := &report.Document{Title: "T", Sections: []report.Section{
				{ID: "one", Title: "One", Blocks: []report.Block{tt.a}},
				{ID: "two", Title: "Two", Blocks: []report.Block{tt.b}},
			}}
			for name, render := range map[string]func() error{
				"Render":         func() error { return Render(&bytes.Buffer{}, doc, Options{}) },
				"RenderAppendix": func() error { return RenderAppendix(&bytes.Buffer{}, doc, Options{}) },
			} {
				if err := render(); err == nil || !strings.Contains(err.Error(), "both have id") {
					t.Errorf("%s = %v, want a repeated-id error", name, err)
				}
			}
		})
	}
}
