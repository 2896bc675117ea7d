package appendix

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/pdftest"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
	"github.com/moocreport/moocreport/report/render/pdf"
	"github.com/moocreport/moocreport/report/tabular"
)

func testPNG(*report.Figure) ([]byte, error) {
	var b bytes.Buffer
	err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 40, 20)))
	return b.Bytes(), err
}

// testDrawing is a chart of one label, which appendix.pdf must show.
func testDrawing(*report.Figure) (*charts.Drawing, error) {
	return &charts.Drawing{Width: 400, Height: 200, Items: []charts.Item{
		{Path: &charts.Path{Closed: true, Fill: charts.Color{R: 0, G: 114, B: 178, A: 255}, Points: []charts.Point{{X: 10, Y: 10}, {X: 390, Y: 10}, {X: 390, Y: 150}}}},
		{Text: &charts.Text{S: "CHART-LABEL", X: 20, Y: 180, Size: 12, Color: charts.Color{A: 255}}},
	}}, nil
}

func testSVG(f *report.Figure) ([]byte, error) {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg"><title>` + f.ID + `</title></svg>`), nil
}

func testDoc() *report.Document {
	tab := func(id string) *report.Table {
		return &report.Table{ID: id, Title: "Title of " + id, Columns: []string{"Course", "n"}, Rows: [][]report.Cell{{{Text: "EAT"}, {Text: "<5", Withheld: report.WithheldPrimary}}}}
	}
	return &report.Document{Title: "A study", Version: "1.0.0", Sections: []report.Section{
		{ID: "learners", Title: "Learners", Blocks: []report.Block{{Markdown: "NARRATIVE"}, {Table: tab("learners-gender")}}},
		{ID: "activity", Title: "Activity", Blocks: []report.Block{
			{Figure: &report.Figure{ID: "weekly-chart", Title: "Weekly", Table: *tab("weekly-data")}},
			{Table: tab("activity-kinds")},
		}},
	}}
}

// files lists dir's files, slash-separated and sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRender(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "appendix")
	doc := testDoc()
	if err := Render(dir, doc, Options{FigureSVG: testSVG, FigurePNG: testPNG, PDF: pdf.Options{FigureDrawing: testDrawing}}); err != nil {
		t.Fatal(err)
	}
	want := []string{"README.txt", "appendix.pdf",
		"figures/01-weekly-chart.csv", "figures/01-weekly-chart.png", "figures/01-weekly-chart.svg",
		"tables/01-learners-gender.csv", "tables/01-learners-gender.tex",
		"tables/02-activity-kinds.csv", "tables/02-activity-kinds.tex"}
	if got := files(t, dir); !slices.Equal(got, want) {
		t.Fatalf("files = %q\nwant %q", got, want)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got := read("tables/02-activity-kinds.csv"); got != string(tabular.CSV(doc.Sections[1].Blocks[1].Table)) {
		t.Errorf("table CSV = %q, not the site's", got)
	}
	if got := read("figures/01-weekly-chart.csv"); got != string(tabular.CSV(&doc.Sections[1].Blocks[0].Figure.Table)) {
		t.Errorf("figure CSV = %q, not the site's", got)
	}
	if tex := read("tables/02-activity-kinds.tex"); !strings.HasPrefix(tex, "% Table 2. Title of activity-kinds\n") || !strings.Contains(tex, `EAT & \textless{}5 \\`) {
		t.Errorf("LaTeX:\n%s", tex)
	}
	if idx := read("README.txt"); !strings.Contains(idx, "Table 2    tables/02-activity-kinds.csv, .tex") || !strings.Contains(idx, "Figure 1   figures/01-weekly-chart.svg") {
		t.Errorf("README.txt:\n%s", idx)
	}
	text := strings.Join(strings.Fields(pdftest.Run(t, "pdftotext", filepath.Join(dir, "appendix.pdf"), "-")), " ")
	for _, w := range []string{"Table 1. Title of learners-gender", "CHART-LABEL", "Figure 1. Weekly", "Table 2. Title of activity-kinds"} {
		if !strings.Contains(text, w) {
			t.Errorf("appendix.pdf lacks %q", w)
		}
	}
	if strings.Contains(text, "NARRATIVE") {
		t.Error("appendix.pdf shows the narrative")
	}
}

func TestRenderDeterministic(t *testing.T) {
	var trees [2]map[string]string
	for i := range trees {
		dir := t.TempDir()
		if err := Render(dir, testDoc(), Options{FigureSVG: testSVG, FigurePNG: testPNG}); err != nil {
			t.Fatal(err)
		}
		trees[i] = map[string]string{}
		for _, f := range files(t, dir) {
			b, _ := os.ReadFile(filepath.Join(dir, f))
			trees[i][f] = string(b)
		}
	}
	for f, b := range trees[0] {
		if trees[1][f] != b {
			t.Errorf("%s differs between two renders", f)
		}
	}
}

// TestFigureFailureWritesNothing: a chart that fails to draw leaves no
// half-written appendix behind.
func TestFigureFailureWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "appendix")
	boom := errors.New("boom")
	err := Render(dir, testDoc(), Options{FigureSVG: testSVG, FigurePNG: func(*report.Figure) ([]byte, error) { return nil, boom }})
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "weekly-chart") {
		t.Errorf("Render = %v, want the chart's error naming it", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("appendix folder exists after a failure: %v", err)
	}
}

// TestFileNumbersFromReport: every file carries the number report.Number
// gives its table or figure, which is the one the site and the PDF print.
func TestFileNumbersFromReport(t *testing.T) {
	dir := t.TempDir()
	doc := testDoc()
	if err := Render(dir, doc, Options{FigureSVG: testSVG, FigurePNG: testPNG}); err != nil {
		t.Fatal(err)
	}
	nums := report.Number(doc)
	for _, f := range files(t, dir) {
		folder, name, ok := strings.Cut(f, "/")
		if !ok {
			continue
		}
		var n int
		var rest string
		if _, err := fmt.Sscanf(name, "%02d-%s", &n, &rest); err != nil {
			t.Errorf("%s: no number: %v", f, err)
			continue
		}
		id := strings.TrimSuffix(rest, filepath.Ext(rest))
		if want, ok := nums[id]; !ok || n != want {
			t.Errorf("%s is numbered %d, report.Number gives %s %d", f, n, strings.TrimSuffix(folder, "s"), want)
		}
	}
}

// TestRepeatedIDWritesNothing: two blocks with one id would share a number
// and so a file name; the appendix refuses them before writing anything.
func TestRepeatedIDWritesNothing(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "appendix")
	doc := testDoc()
	doc.Sections[1].Blocks[1].Table.ID = "learners-gender"
	err := Render(dir, doc, Options{FigureSVG: testSVG, FigurePNG: testPNG})
	if err == nil || !strings.Contains(err.Error(), `both have id "learners-gender"`) {
		t.Errorf("Render = %v, want the repeated id named", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("appendix folder exists after a failure: %v", err)
	}
}
