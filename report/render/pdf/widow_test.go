package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestNoWidowsOrOrphans sets paragraphs of several lines after fillers of
// every length over a page: wherever a paragraph breaks, at least two of
// its lines are on each side, never its first line alone at a page's foot
// or its last alone at the top of the next.
func TestNoWidowsOrOrphans(t *testing.T) {
	broke := 0
	for filler := 40; filler < 56; filler++ {
		var md strings.Builder
		for i := range filler {
			fmt.Fprintf(&md, "Filler line %d.\\\n", i+1)
		}
		md.WriteString("End.\n\n")
		for k := range 3 {
			fmt.Fprintf(&md, "P%dSTART %s P%dEND\n\n", k, strings.Repeat("words of a paragraph that runs over several lines of the page ", 9), k)
		}
		doc := &report.Document{Title: "Widows", Sections: []report.Section{{ID: "s", Title: "S", Blocks: []report.Block{{Markdown: md.String()}}}}}
		ps := pages(t, renderFile(t, doc, Options{}))
		for k := range 3 {
			start, end := fmt.Sprintf("P%dSTART", k), fmt.Sprintf("P%dEND", k)
			ps1, ps2 := pageOf(ps, start), pageOf(ps, end)
			if ps1 == ps2 {
				continue
			}
			broke++
			if body := bodyLines(ps[ps1-1]); strings.Contains(body[len(body)-1], start) {
				t.Errorf("filler %d: %s is alone at the foot of page %d", filler, start, ps1)
			}
			if body := bodyLines(ps[ps2-1]); strings.Contains(body[0], end) {
				t.Errorf("filler %d: the line with %s is alone at the top of page %d", filler, end, ps2)
			}
		}
	}
	if broke == 0 {
		t.Fatal("no paragraph broke across pages: the test proves nothing")
	}
}

// bodyLines are a page's non-empty lines between the running header and
// the footer.
func bodyLines(page string) []string {
	var out []string
	for _, l := range strings.Split(page, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	if len(out) > 2 {
		out = out[1 : len(out)-1]
	}
	return out
}
