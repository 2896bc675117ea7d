package html

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestSectionNumbers: the contents page carries no number; sections are
// numbered 1, 2, … and the closing reference sections lettered A, B, … in
// the sidebar, the contents and the headings, as report.SectionNumber
// numbers them for the PDF.
func TestSectionNumbers(t *testing.T) {
	doc := fixture()
	doc.Sections = append(doc.Sections,
		report.Section{ID: "methods", Title: "Methods and definitions", Blocks: []report.Block{{Markdown: "How."}}},
		report.Section{ID: "provenance", Title: "Provenance", Blocks: []report.Block{{Markdown: "From."}}})
	dir := render(t, doc, options())
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	index := read("index.html")
	nav := regexp.MustCompile(`(?s)<nav class="pages".*?</nav>`).FindString(index)
	if strings.Contains(nav, `<li><a href="index.html"`) {
		t.Errorf("the contents page is an item of a numbered list:\n%s", nav)
	}
	main := regexp.MustCompile(`(?s)<ol>(.*?)</ol>`).FindStringSubmatch(nav)
	apps := regexp.MustCompile(`(?s)<ol type="A">(.*?)</ol>`).FindStringSubmatch(nav)
	if main == nil || apps == nil || strings.Count(main[1], "<li>") != len(doc.Sections)-2 || !strings.Contains(apps[1], "methods.html") || !strings.Contains(apps[1], "provenance.html") {
		t.Errorf("sidebar does not number sections and letter appendices:\n%s", nav)
	}
	if !regexp.MustCompile(`(?s)<ol class="toc" type="A">.*methods\.html.*provenance\.html`).MatchString(index) {
		t.Error("the contents do not letter the appendices")
	}
	for i, s := range doc.Sections {
		want := `<h1><span class="number">` + report.SectionNumber(doc.Sections, i) + `</span> ` + s.Title + `</h1>`
		if page := read(s.ID + ".html"); !strings.Contains(page, want) {
			t.Errorf("%s.html lacks heading %s", s.ID, want)
		}
	}
}
