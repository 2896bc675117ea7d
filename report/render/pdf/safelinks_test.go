package pdf

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestUnsafeLinksDropped: the PDF drops the links the site drops (they
// would be actions a viewer runs) and keeps their words; allowed links
// stay clickable.
func TestUnsafeLinksDropped(t *testing.T) {
	doc := &report.Document{Title: "Links", Version: "1.0.0", Sections: []report.Section{{ID: "introduction", Title: "Introduction", Blocks: []report.Block{{Markdown: "Bad: [one](javascript:alert(1)), [two](VBScript:msgbox(1)), [three](data:text/html;base64,PHNjcmlwdD4=), " +
		"[four](&#x6A;avascript:alert(1)), [five](<java\tscript:alert(1)>), [six][ref] and <javascript:alert(7)>.\n\n" +
		"Good: [site](https://example.org/a) and <mailto:team@example.org>.\n\n[ref]: vbscript:msgbox(2)\n"}}}}}
	path := renderFile(t, doc, Options{})
	var uris []string
	for _, l := range links(t, path) {
		if l.uri != "" {
			uris = append(uris, l.uri)
		}
	}
	if strings.Join(uris, " ") != "https://example.org/a mailto:team@example.org" {
		t.Errorf("link actions = %q, want only https://example.org/a and mailto:team@example.org", uris)
	}
	text := tool(t, "pdftotext", path, "-")
	for _, w := range []string{"one", "two", "three", "four", "five", "six", "alert(7)"} {
		if !strings.Contains(text, w) {
			t.Errorf("the words of the dropped link %q are gone", w)
		}
	}
	if strings.Contains(strings.ToLower(text), "vbscript") {
		t.Errorf("a dropped link's target is printed: %s", text)
	}
}
