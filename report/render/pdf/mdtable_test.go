package pdf

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestMarkdownTableNumbersRight: in a Markdown table whose author set no
// alignment, a column of numbers is right-aligned (the right edges of its
// numbers line up), as in the report's own tables.
func TestMarkdownTableNumbersRight(t *testing.T) {
	md := "| Course | Learners |\n|---|---|\n| EAT101x | 7 |\n| SUS201x | 1,204 |\n| OTHER | 55 |\n"
	doc := &report.Document{Title: "Markdown table", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{{Markdown: md}}}}}
	bbox := tool(t, "pdftotext", "-bbox", renderFile(t, doc, Options{}), "-")
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(7|1,204|55)</word>`)
	var right []float64
	for _, m := range word.FindAllStringSubmatch(bbox, -1) {
		var x float64
		fmt.Sscan(m[2], &x)
		right = append(right, x)
	}
	if len(right) != 3 {
		t.Fatalf("found %d of the 3 numbers", len(right))
	}
	for _, x := range right[1:] {
		if d := x - right[0]; d > 0.5 || d < -0.5 {
			t.Errorf("right edges of the numbers differ: %v", right)
		}
	}
}
