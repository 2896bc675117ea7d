package html

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestSummaryOnLandingPage: the executive summary opens index.html under
// its number, as in the PDF, has no page of its own, and is the landing
// page's entry in the contents.
func TestSummaryOnLandingPage(t *testing.T) {
	doc := fixture()
	summary := report.Section{ID: leadID, Title: "Key findings", Blocks: []report.Block{
		{Markdown: "Activity was higher in every week (z = 4.20, p < .001)."},
	}}
	doc.Sections = append([]report.Section{summary}, doc.Sections...)
	files := tree(t, render(t, doc, options()))
	if _, ok := files["summary.html"]; ok {
		t.Error("the summary got a page of its own")
	}
	index := string(files["index.html"])
	for _, want := range []string{
		`<h2 id="summary-title"><span class="secnum">1</span> Key findings</h2>`,
		"(z\u00a0=\u00a04.20, p\u00a0&lt;\u00a0.001)",
		`<li><a href="index.html" aria-current="page"><span class="secnum">1</span> Key findings</a>`,
		`<span class="secnum">2</span> Introduction`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if strings.Index(index, "Key findings") > strings.Index(index, "About this version</h2>") {
		t.Error("the summary does not come before what the version is")
	}
	intro := string(files["introduction.html"])
	if !strings.Contains(intro, `<h1><span class="secnum">2</span> Introduction</h1>`) {
		t.Error("introduction.html is not section 2")
	}
	if strings.Contains(intro, `href="summary.html"`) {
		t.Error("the summary is linked as a page of its own")
	}
}

// TestSectionNumbersEverywhere: the sidebar, the menu, the page heading and
// the pager give a section the number report.SectionNumber gives it, and
// the landing page without a summary is not a numbered section.
func TestSectionNumbersEverywhere(t *testing.T) {
	doc := fixture()
	doc.Sections = append(doc.Sections, report.Section{ID: "methods", Title: "Methods and definitions",
		Blocks: []report.Block{{Markdown: "How each number is defined."}}})
	files := tree(t, render(t, doc, options()))
	perf := string(files["performance.html"])
	if n := strings.Count(perf, `<span class="secnum">A</span> Methods and definitions`); n != 2 {
		t.Errorf("performance.html lists appendix A %d times, want 2 (sidebar and menu)", n)
	}
	if !strings.Contains(perf, `<span class="dir">Next</span> A Methods and definitions`) {
		t.Error("the pager does not number the next section")
	}
	if !strings.Contains(string(files["methods.html"]), `<h1><span class="secnum">A</span> Methods and definitions</h1>`) {
		t.Error("methods.html is not headed as appendix A")
	}
	index := string(files["index.html"])
	if !strings.Contains(index, `<li><a href="index.html" aria-current="page">Overview</a>`) {
		t.Error("the landing page is not an unnumbered Overview")
	}
	if strings.Contains(index, `class="toc"`) {
		t.Error("the landing page still carries the contents list")
	}
	// The current page lists its figures and tables; others do not.
	intro := string(files["introduction.html"])
	if !strings.Contains(intro, `<li><a href="introduction.html#figure-weekly-active">Figure 1. Weekly active learners</a></li>`) {
		t.Error("the sidebar lacks the current page's figure")
	}
	if strings.Contains(intro, "Table 1. Pass rate by track</a>") {
		t.Error("the sidebar lists another page's table")
	}
}

// TestPhoneChart: with a phone drawing, a figure is a <picture> whose
// narrow source is written beside the wide one.
func TestPhoneChart(t *testing.T) {
	files := tree(t, render(t, fixture(), options()))
	if _, ok := files["figures/narrow/weekly-active.svg"]; !ok {
		t.Fatal("figures/narrow/weekly-active.svg not written")
	}
	want := `<source media="(max-width: 40em)" srcset="figures/narrow/weekly-active.svg" width="32" height="34">`
	if !strings.Contains(string(files["introduction.html"]), want) {
		t.Errorf("introduction.html lacks %s", want)
	}
}

func TestBindOperators(t *testing.T) {
	tests := []struct{ in, want string }{
		{"p = .661", "p\u00a0=\u00a0.661"},
		{"p &lt; .001", "p\u00a0&lt;\u00a0.001"},
		{"r ≥ .3 and d ≤ .2", "r\u00a0≥\u00a0.3 and d\u00a0≤\u00a0.2"},
		{"a=b stays", "a=b stays"},
	}
	for _, tt := range tests {
		if got := bindOperators.Replace(tt.in); got != tt.want {
			t.Errorf("bindOperators(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
