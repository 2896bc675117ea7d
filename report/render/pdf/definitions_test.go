package pdf

import (
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// TestDefinedIn: a table and a figure whose numbers Methods and
// definitions defines point to it in a short note, by term and appendix
// letter, instead of repeating the definition.
func TestDefinedIn(t *testing.T) {
	one := 1.0
	tab := &report.Table{ID: "likert", Title: "Likert items", Columns: []string{"Item", "Mean"}, DefinedIn: "Surveys",
		Rows: [][]report.Cell{{{Text: "Q1"}, {Text: "1", Value: &one}}}}
	fig := &report.Figure{ID: "likert-chart", Kind: report.FigureBars, Title: "Likert answers", Caption: "Each bar is one item's answers.",
		DefinedIn: "Surveys", Categories: []string{"Q1"}, Series: []report.Series{{Name: "Agree", Values: []float64{1}}},
		Table: report.Table{ID: "likert-chart-data", Columns: []string{"Item", "Agree"}, Rows: [][]report.Cell{{{Text: "Q1"}, {Text: "1", Value: &one}}}}}
	doc := &report.Document{Title: "Defined", Sections: []report.Section{
		{ID: "surveys", Title: "Surveys", Blocks: []report.Block{{Table: tab}, {Figure: fig}}},
		{ID: report.MethodsID, Title: "Methods and definitions", Blocks: []report.Block{{Markdown: "**Surveys.** Likert answers are scored 1 to 5."}}},
	}}
	text := flat(pages(t, renderFile(t, doc, Options{})))
	for _, want := range []string{"Definition. See “Surveys” in appendix A.", "Each bar is one item's answers. See “Surveys” in appendix A."} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if n := strings.Count(text, "Likert answers are scored"); n != 1 {
		t.Errorf("the definition is printed %d times, want once", n)
	}
}
