package measures_test

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report/build"
)

// TestDefinedInMethods: every table and figure of the example that links
// to a definition instead of printing it links to a paragraph Methods and
// definitions has ("**Surveys.** …"), and prints no definition of its own
// that Methods already gives.
func TestDefinedInMethods(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole example study")
	}
	p, err := build.Prepare("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var methods strings.Builder
	for _, b := range p.Measures.Sections["methods"] {
		methods.WriteString(b.Markdown)
	}
	if methods.Len() == 0 {
		t.Fatal("no Methods and definitions")
	}
	linked := 0
	for id, blocks := range p.Measures.Sections {
		for _, b := range blocks {
			var term, def, caption string
			switch {
			case b.Table != nil:
				term, def = b.Table.DefinedIn, b.Table.Definition
			case b.Figure != nil:
				term, caption = b.Figure.DefinedIn, b.Figure.Caption
			}
			if term == "" {
				continue
			}
			linked++
			if !strings.Contains(methods.String(), "**"+term+".**") {
				t.Errorf("section %s links to %q, which Methods and definitions does not define", id, term)
			}
			for _, s := range strings.SplitAfter(def+" "+caption, ". ") {
				if s = strings.TrimSpace(s); len(strings.Fields(s)) >= 8 && strings.Contains(methods.String(), s) {
					t.Errorf("section %s links to %q and repeats its sentence %q", id, term, s)
				}
			}
		}
	}
	if linked < 10 {
		t.Errorf("only %d tables and figures link to a definition", linked)
	}
}

// TestLikertTablesOneOrientation: every Likert item table of the example,
// pre- and post-course, lists its items down the first column, so the
// pre- and post-course tables read the same way however many items each
// survey has.
func TestLikertTablesOneOrientation(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole example study")
	}
	p, err := build.Prepare("../../study.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, blocks := range p.Measures.Sections {
		for _, b := range blocks {
			if b.Table != nil && strings.HasPrefix(b.Table.ID, "surveys-likert-") && !strings.HasSuffix(b.Table.ID, "-chart-data") {
				n++
				if b.Table.Columns[0] != "Item" || b.Table.Columns[1] != "n" {
					t.Errorf("%s has columns %q, want items down the first column", b.Table.ID, b.Table.Columns)
				}
			}
		}
	}
	if n < 4 {
		t.Errorf("only %d Likert tables", n)
	}
}
