package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestSectionStart: a section runs on below the one before it when there
// is room, but its heading never stays at a page's foot while the figure
// its opening text leads to goes to the next page.
func TestSectionStart(t *testing.T) {
	fig := &report.Figure{ID: "f", Title: "The first figure", Caption: "Its caption.", Alt: strings.Repeat("Alt text of the chart. ", 120)}
	for _, lines := range []int{10, 20, 24, 26, 28, 30, 32, 34, 36, 40} {
		t.Run(fmt.Sprint(lines, " filler lines"), func(t *testing.T) {
			var md strings.Builder
			for i := range lines {
				fmt.Fprintf(&md, "Filler line %d.\\\n", i+1)
			}
			md.WriteString("END-OF-FILLER")
			doc := &report.Document{Title: "Sections", Sections: []report.Section{
				{ID: "a", Title: "First", Blocks: []report.Block{{Markdown: md.String()}}},
				{ID: "b", Title: "Second", Blocks: []report.Block{{Markdown: "OPENING: the figure below shows it."}, {Figure: fig}}},
			}}
			ps := pages(t, renderFile(t, doc, Options{}))
			heading, figure := pageOf(ps, "2 Second"), pageOf(ps, "Figure 1. The first figure")
			if heading != figure || pageOf(ps, "OPENING") != figure {
				t.Errorf("section heading on page %d, its opening figure on page %d", heading, figure)
			}
			if lines <= 10 && heading != pageOf(ps, "END-OF-FILLER") {
				t.Errorf("with room for it, the section did not run on below the one before it")
			}
		})
	}
}
