package html

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestDraftMarked: a draft document carries the banner and "Draft:" in the
// title on every page and calls none of the published versions its own;
// a version carries neither.
func TestDraftMarked(t *testing.T) {
	for _, draft := range []bool{true, false} {
		doc := fixture()
		doc.Draft = draft
		files := tree(t, render(t, doc, options()))
		n := 0
		for _, name := range slices.Sorted(maps.Keys(files)) {
			if !strings.HasSuffix(name, ".html") {
				continue
			}
			n++
			page := string(files[name])
			marked := strings.Contains(page, `<p class="draft-banner" role="note">`) && strings.Contains(page, "<title>Draft: ") &&
				strings.Contains(page, "Draft of version <strong>"+doc.Version+"</strong>")
			if marked != draft {
				t.Errorf("draft %v: %s marked as a draft: %v", draft, name, marked)
			}
			if current := strings.Contains(page, "(this version)"); current == draft {
				t.Errorf("draft %v: %s says \"(this version)\": %v", draft, name, current)
			}
		}
		if n < 3 {
			t.Fatalf("only %d pages", n)
		}
	}
}
