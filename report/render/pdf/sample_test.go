package pdf

import (
	"fmt"
	"strings"
	"time"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
)

// unicodeLine must survive the trip through an embedded font and back out
// through pdftotext.
const unicodeLine = "å ä ö é ü χ² α β ≤ ≥ ±"

// everyMarkdown exercises each Markdown element the renderer handles.
const everyMarkdown = `Opening paragraph with *emphasis*, **strong**, ***both***, ~~struck~~, ` + "`a code span`" + `, a [project link](https://example.org/mooc) and <https://example.org/auto>. Unicode: ` + unicodeLine + `. <img src="x.png" alt="INLINE-HTML-MUST-NOT-SHOW">

## A second-level heading

### A third-level heading

- First bullet
- Second bullet
  - Nested bullet
    1. Deeply nested number
- Third bullet

3. Third item of a list starting at three
4. Fourth item

- [x] A finished task
- [ ] An open task

> A block quote that keeps its indent.
>
> A second paragraph in the quote.

` + "```go\nfunc main() {\n\tfmt.Println(\"fenced code\")\n}\n```" + `

    indented code block

| Course | Learners | Share |
|:-------|---------:|:-----:|
| EAT101x | 1,204 | 41 % |
| SUS201x | 988 | 38 % |

A sentence that carries a footnote.[^note]

---

<div>HTML-BLOCK-MUST-NOT-SHOW</div>

[^note]: The footnote's text.
`

// longTableRows spans three A4 pages: a part page after the section heading
// and two more.
const longTableRows = 100

// longTable spans pages and has a suppressed cell.
func longTable() *report.Table {
	t := &report.Table{ID: "long", Title: "Weekly activity by country", Columns: []string{"Country", "Week", "Active learners", "Share"},
		Note: "Counts under 5 are suppressed."}
	for i := range longTableRows {
		v := float64(100 + i)
		cells := []report.Cell{{Text: fmt.Sprintf("Country %03d", i+1)}, {Text: fmt.Sprint(i%8 + 1), Value: &v}, {Text: fmt.Sprint(100 + i), Value: &v}, {Text: fmt.Sprintf("%.1f %%", float64(i)/2), Value: &v}}
		if i == 7 {
			cells[2] = report.Cell{Text: "<5", Withheld: report.WithheldPrimary}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// wideTable needs its text column wrapped to fit the page.
func wideTable() *report.Table {
	one := 1.0
	return &report.Table{ID: "wide", Title: "Survey items", Columns: []string{"Item", "Wording", "n", "Mean"},
		Rows: [][]report.Cell{
			{{Text: "Q1"}, {Text: strings.Repeat("A long survey question wording that must wrap inside its column. ", 4)}, {Text: "412", Value: &one}, {Text: "3.9", Value: &one}},
			{{Text: "Q2"}, {Text: "Short wording"}, {Text: "<5", Withheld: report.WithheldPrimary}, {Text: "–", Withheld: report.WithheldPrimary}},
		},
		Definition: "Mean of a five-point Likert item."}
}

// filler is narrative long enough to push the next block near a page's
// bottom.
func filler(paragraphs int) string {
	var b strings.Builder
	for i := range paragraphs {
		fmt.Fprintf(&b, "Filler paragraph %d. %s\n\n", i+1, strings.Repeat("Learners moved through the course at their own pace. ", 6))
	}
	return b.String() + "END-OF-FILLER\n"
}

func sampleFigure() *report.Figure {
	return &report.Figure{ID: "activity-weekly", Kind: report.FigureLines, Title: "Weekly active learners",
		Caption: "Share of enrolled learners active in each course week.", Alt: "A line chart.",
		Table: report.Table{Title: "FIGURE-DATA-TABLE-MUST-NOT-SHOW"}}
}

func sampleDoc() *report.Document {
	return &report.Document{
		Title:    "Eating for Health: a study of two MOOCs",
		Subtitle: "Learners, activity and outcomes",
		Authors:  []string{"Åsa Lindqvist", "José Müller"},
		Version:  "1.2.0",
		StudyID:  "eat-sus-2024",
		Built:    time.Date(2024, 3, 5, 12, 30, 0, 0, time.UTC),
		Tool:     "moocreport v0.1.0",
		Sections: []report.Section{
			{ID: "introduction", Title: "Introduction", Blocks: []report.Block{{Markdown: everyMarkdown}}},
			{ID: "learners", Title: "Learners", Blocks: []report.Block{
				{Markdown: "The table below lists every country."},
				{Table: longTable()},
				{Table: wideTable()},
			}},
			{ID: "activity", Title: "Activity", Blocks: []report.Block{
				{Markdown: filler(fillerParagraphs)},
				{Figure: sampleFigure()},
				{Markdown: "Text after the figure."},
			}},
		},
	}
}

// fillerParagraphs is tuned so END-OF-FILLER lands low on its page, leaving
// too little room for the figure and its caption.
const fillerParagraphs = 21

// testDrawing is a deterministic 800×400 chart stand-in with what the
// charts package draws: filled bars, a translucent band, an open line,
// labels and a label turned to read upwards.
func testDrawing(*report.Figure) (*charts.Drawing, error) {
	rect := func(x0, y0, x1, y1 float64, fill charts.Color) charts.Item {
		return charts.Item{Path: &charts.Path{Closed: true, Fill: fill,
			Points: []charts.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}}}
	}
	blue := charts.Color{R: 0, G: 114, B: 178, A: 255}
	dark := charts.Color{R: 34, G: 34, B: 34, A: 255}
	d := &charts.Drawing{Width: 800, Height: 400, Items: []charts.Item{rect(0, 0, 800, 400, charts.Color{R: 255, G: 255, B: 255, A: 255})}}
	for i := range 10 {
		x := 60 + float64(i)*72
		d.Items = append(d.Items, rect(x, 360-float64(i+1)*32, x+48, 360, blue),
			charts.Item{Text: &charts.Text{S: fmt.Sprintf("W%d", i+1), X: x + 12, Y: 380, Size: 12, Color: dark}})
	}
	d.Items = append(d.Items,
		rect(60, 100, 780, 140, charts.Color{R: 230, G: 159, B: 0, A: 64}),
		charts.Item{Path: &charts.Path{Points: []charts.Point{{X: 60, Y: 300}, {X: 780, Y: 60}}, Stroke: dark, Width: 2}},
		charts.Item{Text: &charts.Text{S: "CHART-AXIS-LABEL", X: 20, Y: 300, Size: 13, Color: dark, Rotate: -90}})
	return d, nil
}

func sampleOptions() Options {
	return Options{FigureDrawing: testDrawing, Attachments: []Attachment{
		{Name: "measures.json", Description: "Every computed number", Data: []byte(`{"measures":[]}`)},
		{Name: "manifest.json", Description: "Input hashes", Data: []byte(`{"inputs":[]}`)},
	}}
}
