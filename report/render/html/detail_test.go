package html

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestDetailTableCollapsed: a table marked as detail sits in a closed
// <details> whose summary names it and its size; other tables do not.
func TestDetailTableCollapsed(t *testing.T) {
	doc := fixture()
	detail := &report.Table{ID: "skipped-by-file", Title: "Skipped, by file", Columns: []string{"File", "Count"}, Detail: true,
		Rows: [][]report.Cell{{{Text: "a.log"}, {Text: "2", Value: num(2)}}, {{Text: "b.log"}, {Text: "1", Value: num(1)}}}}
	s := &doc.Sections[len(doc.Sections)-1]
	s.Blocks = append(s.Blocks, report.Block{Table: detail})
	dir := render(t, doc, options())
	page, err := os.ReadFile(filepath.Join(dir, s.ID+".html"))
	if err != nil {
		t.Fatal(err)
	}
	wrapped := regexp.MustCompile(`(?s)<details>\s*<summary>Table \d+\. Skipped, by file \(2 rows\)</summary>\s*<div class="scroll"[^>]*>\s*<table>\s*<caption id="table-skipped-by-file-caption">`)
	if !wrapped.Match(page) {
		t.Errorf("the detail table is not collapsed in <details>:\n%s", page)
	}
	if n := len(regexp.MustCompile(`<summary>Table `).FindAll(page, -1)); n != 1 {
		t.Errorf("%d tables collapsed, want only the detail table", n)
	}
}
