package html

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestDefinedIn: a table and a figure whose numbers Methods and
// definitions defines link to the paragraph that defines them, which
// carries the id the link names; the definition is printed there only.
func TestDefinedIn(t *testing.T) {
	doc := fixture()
	doc.Sections[1].Blocks[0].Table.DefinedIn = "Passing and certificates"
	doc.Sections[0].Blocks[1].Figure.DefinedIn = "Active learners"
	doc.Sections = append(doc.Sections, report.Section{ID: report.MethodsID, Title: "Methods and definitions", Blocks: []report.Block{{
		Markdown: "**Active learners.** A learner is active in a week with an event.\n\n**Passing and certificates.** Passed: final grade at or above the pass mark.\n\n**Active learners.** A second paragraph of the same title keeps the first one's id."}}})
	dir := render(t, doc, options())
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tc := range []struct{ page, want string }{
		{"performance.html", `<p class="definition">Passed: final grade at or above the course&#39;s pass mark. See <a href="methods.html#def-passing-and-certificates">“Passing and certificates”</a> in Methods.</p>`},
		{"introduction.html", `<p>Learners with any activity in each course week. See <a href="methods.html#def-active-learners">“Active learners”</a> in Methods.</p>`},
		{"methods.html", `<p id="def-active-learners"><strong>Active learners.</strong>`},
		{"methods.html", `<p id="def-passing-and-certificates"><strong>Passing and certificates.</strong>`},
	} {
		if !strings.Contains(read(tc.page), tc.want) {
			t.Errorf("%s lacks %s", tc.page, tc.want)
		}
	}
	if n := strings.Count(read("methods.html"), `id="def-active-learners"`); n != 1 {
		t.Errorf("methods.html has %d elements with id def-active-learners", n)
	}
}
