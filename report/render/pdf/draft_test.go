package pdf

import (
	"regexp"
	"strings"
	"testing"
)

// TestDraftMarked: a draft says so on its title page (instead of a
// citation), in the running header of every later page and in its title
// metadata; a version says none of it.
func TestDraftMarked(t *testing.T) {
	for _, draft := range []bool{true, false} {
		doc := sampleDoc()
		doc.Draft = draft
		path := renderFile(t, doc, sampleOptions())
		ps := pages(t, path)
		if len(ps) < 3 {
			t.Fatalf("only %d pages", len(ps))
		}
		title := strings.Contains(ps[0], "DRAFT: not a published version") && strings.Contains(ps[0], "Please cite a published version") &&
			!strings.Contains(ps[0], "Retrieved from")
		if title != draft {
			t.Errorf("draft %v: title page marked %v:\n%s", draft, title, ps[0])
		}
		for i, p := range ps[1:] {
			if got := strings.Contains(p, "DRAFT of version "+doc.Version+" (not published)"); got != draft {
				t.Errorf("draft %v: running header of page %d marked %v", draft, i+2, got)
			}
		}
		if got := regexp.MustCompile(`(?m)^Title: +Draft: `).MatchString(tool(t, "pdfinfo", path)); got != draft {
			t.Errorf("draft %v: title metadata marked %v", draft, got)
		}
	}
}
