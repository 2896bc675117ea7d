package html

import (
	"regexp"
	"strings"
	"testing"
)

// unsafeLinks is narrative with a link of every kind safeurl refuses
// (inline, reference, autolink, image, disguised by case, entity and
// tab), beside links it allows.
const unsafeLinks = "Bad: [one](javascript:alert(1)), [two](VBScript:msgbox(1)), [three](data:text/html;base64,PHNjcmlwdD4=), " +
	"[four](&#x6A;avascript:alert(1)), [five](<java\tscript:alert(1)>), [six][ref], <javascript:alert(1)> and ![seven](data:image/png;base64,iVBORw0KGgo=).\n\n" +
	"Good: [site](https://example.org/a), [mail](mailto:team@example.org), [table](#table-x).\n\n" +
	"[ref]: vbscript:msgbox(2)\n"

// TestUnsafeLinksDropped: a link the allow-list refuses keeps its words
// and loses its target; allowed links stay.
func TestUnsafeLinksDropped(t *testing.T) {
	doc := fixture()
	doc.Sections[1].Blocks[1].Markdown = unsafeLinks
	files := tree(t, render(t, doc, options()))
	page := string(files["performance.html"])
	hrefs := regexp.MustCompile(`<(?:a|img)\b[^>]*?(?:href|src)="([^"]*)"`)
	var got []string
	for _, m := range hrefs.FindAllStringSubmatch(page[strings.Index(page, "Bad:"):], -1) {
		got = append(got, m[1])
	}
	if strings.Join(got[:3], " ") != "https://example.org/a mailto:team@example.org #table-x" {
		t.Errorf("links after the narrative's \"Bad:\" = %q, want only the three allowed ones first", got)
	}
	for _, w := range []string{"one", "two", "three", "four", "five", "six", "seven"} {
		if !strings.Contains(page, w) {
			t.Errorf("the words of the dropped link %q are gone", w)
		}
	}
	for _, bad := range []string{`href=""`, "vbscript:", "data:text", "data:image", `<a href="javascript`} {
		if strings.Contains(strings.ToLower(page), strings.ToLower(bad)) {
			t.Errorf("performance.html contains %q", bad)
		}
	}
}
