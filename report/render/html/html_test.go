package html

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/moocreport/moocreport/internal/golden"
	"github.com/moocreport/moocreport/report"
)

func num(v float64) *float64 { return &v }

// fixture is a small report with everything a page can hold: two sections,
// narrative Markdown with a GFM table, a footnote and raw HTML, a figure and
// a table with a suppressed cell.
func fixture() *report.Document {
	fig := &report.Figure{
		ID: "weekly-active", Kind: report.FigureLines, Title: "Weekly active learners",
		Caption: "Learners with any activity in each course week.", XLabel: "Week", YLabel: "Learners",
		Categories: []string{"1", "2"}, Series: []report.Series{{Name: "eat", Values: []float64{120, 80}}},
		Alt: "Line chart: active learners fell from 120 in week 1 to 80 in week 2.",
		Table: report.Table{ID: "weekly-active", Title: "Weekly active learners", Columns: []string{"Week", "eat"},
			Rows: [][]report.Cell{{{Text: "1"}, {Text: "120", Value: num(120)}}, {{Text: "2"}, {Text: "80", Value: num(80)}}}},
	}
	tab := &report.Table{
		ID: "pass-by-track", Title: "Pass rate by track", Columns: []string{"Track", "Learners", "Passed"},
		Rows: [][]report.Cell{
			{{Text: "verified"}, {Text: "210", Value: num(210)}, {Text: "61.9 %", Value: num(61.9)}},
			{{Text: "audit"}, {Text: "<5", Withheld: report.WithheldPrimary}, {Text: "–", Withheld: report.WithheldPrimary}},
		},
		Note:       "Cells under 5 learners are suppressed.",
		Definition: "Passed: final grade at or above the course's pass mark.",
	}
	return &report.Document{
		Title: "Eating well: a study of the 2024 run", Subtitle: "What learners did",
		Authors: []string{"A. Author", "B. Author"}, Version: "v2", StudyID: "eat-2024",
		Built: time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), Tool: "moocreport v0.1.0",
		Sections: []report.Section{
			{ID: "introduction", Title: "Introduction", Blocks: []report.Block{
				{Markdown: "## Why we did this\n\nWe wanted to know:\n\n- who came,\n- what they did.\n\n" +
					"| Course | Weeks |\n|---|---:|\n| eat | 6 |\n\n" +
					"Numbers are rounded.[^1]\n\n<script>alert(1)</script>\n\n[^1]: To one decimal place.\n"},
				{Figure: fig},
				{Markdown: "# A first-level heading\n\n## Why we did this\n\nA second heading with the same text gets its own id.[^1]\n\n[^1]: Another note.\n"},
			}},
			{ID: "performance", Title: "Performance", Blocks: []report.Block{
				{Table: tab},
				// Cross-references as the narrative writes them: one to
				// a figure on another page, one to a table on this page.
				{Markdown: "See [the introduction](introduction.html), [Figure 1](#figure-weekly-active) and [Table 1](#table-pass-by-track)."},
			}},
		},
	}
}

var versions = []Version{
	{Version: "v2", Date: "5 March 2024", Summary: "Adds the survey results."},
	{Version: "v1", Date: "1 February 2024", Summary: "First report."},
}

// stubSVG stands in for the charts package: a fixed drawing per figure.
func stubSVG(f *report.Figure) ([]byte, error) {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="45"><title>` + f.ID + `</title></svg>`), nil
}

// stubNarrowSVG stands in for the charts package's phone drawing.
func stubNarrowSVG(f *report.Figure) ([]byte, error) {
	return []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="32" height="34"><title>` + f.ID + `</title></svg>`), nil
}

func options() Options {
	return Options{FigureSVG: stubSVG, FigureNarrowSVG: stubNarrowSVG, Versions: versions, PDF: "report.pdf", Manifest: "manifest.json", Measures: "measures.json"}
}

// render renders doc into a fresh public/<version> folder beside stand-ins
// for the files build writes there itself, and returns the folder.
func render(t *testing.T, doc *report.Document, opt Options) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public", doc.Version)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{opt.PDF, opt.Manifest, opt.Measures} {
		if name != "" {
			if err := os.WriteFile(filepath.Join(dir, name), []byte("stand-in"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := Render(dir, doc, opt); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tree reads every file under dir, keyed by slash path.
func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkGolden compares got with testdata/<name>, or rewrites it under -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	golden.Check(t, filepath.Join("testdata", filepath.FromSlash(name)), got)
}

func TestRenderGolden(t *testing.T) {
	files := tree(t, render(t, fixture(), options()))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		switch {
		case strings.HasSuffix(name, ".html"), strings.HasPrefix(name, "data/"), strings.HasPrefix(name, "figures/"):
			checkGolden(t, "site/"+name, files[name])
		}
	}
	for _, want := range []string{"index.html", "introduction.html", "performance.html", "style.css",
		"figures/weekly-active.svg", "data/weekly-active.csv", "data/pass-by-track.csv"} {
		if files[want] == nil {
			t.Errorf("%s was not written", want)
		}
	}
}

func TestRenderIndexGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderIndex(&buf, "Eating well <2024>", versions); err != nil {
		t.Fatal(err)
	}
	// The stylesheet is inlined; compare the page around it.
	page := regexp.MustCompile(`(?s)<style>.*</style>`).ReplaceAll(buf.Bytes(), []byte("<style>…</style>"))
	checkGolden(t, "versions-index.html", page)
	for _, want := range []string{`href="latest/index.html"`, `href="v2/index.html"`, `href="v1/index.html"`, "Eating well &lt;2024&gt;", "--focus"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("versions index lacks %q", want)
		}
	}
	if strings.Index(buf.String(), "v2/index") > strings.Index(buf.String(), "v1/index") {
		t.Error("versions are not listed in the order given (newest first)")
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestLinksResolve checks every local link and image of every page: inside
// the version folder it must name a written file (and an anchor that
// exists); going up, only the list of versions and other versions' index
// pages may be named, since site publishes those.
func TestLinksResolve(t *testing.T) {
	dir := render(t, fixture(), options())
	files := tree(t, dir)
	ids := map[string]map[string]bool{}
	idRE := regexp.MustCompile(`\sid="([^"]*)"`)
	for name, b := range files {
		ids[name] = map[string]bool{}
		for _, m := range idRE.FindAllSubmatch(b, -1) {
			ids[name][string(m[1])] = true
		}
	}
	up := map[string]bool{"../index.html": true}
	for _, v := range versions {
		up["../"+v.Version+"/index.html"] = true
	}
	checked := 0
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		for _, m := range linkRE.FindAllSubmatch(files[name], -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			checked++
			if strings.Contains(ref, ":") && !strings.HasPrefix(ref, "#") {
				t.Errorf("%s: %q is not a relative link", name, ref)
				continue
			}
			file, frag, _ := strings.Cut(ref, "#")
			if file == "" {
				file = name
			}
			if strings.HasPrefix(file, "../") {
				if !up[file] {
					t.Errorf("%s: %q leaves the version folder for something site does not publish", name, ref)
				}
				continue
			}
			target := path.Clean(path.Join(path.Dir(name), file))
			if files[target] == nil {
				t.Errorf("%s: %q: no file %s was written", name, ref, target)
				continue
			}
			if frag != "" && !ids[target][frag] {
				t.Errorf("%s: %q: %s has no element with id %q", name, ref, target, frag)
			}
		}
	}
	if checked < 20 {
		t.Errorf("only %d links checked; the link pattern is probably wrong", checked)
	}
}

// TestPageOutline keeps heading, footnote, figure and table ids unique on
// each page, even when two Markdown blocks use the same heading or footnote,
// and keeps one <h1> per page even when the narrative writes "# ".
func TestPageOutline(t *testing.T) {
	files := tree(t, render(t, fixture(), options()))
	idRE := regexp.MustCompile(`\sid="([^"]*)"`)
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		if n := strings.Count(string(files[name]), "<h1"); n != 1 {
			t.Errorf("%s has %d <h1> elements, want 1", name, n)
		}
		seen := map[string]bool{}
		for _, m := range idRE.FindAllSubmatch(files[name], -1) {
			if seen[string(m[1])] {
				t.Errorf("%s: id %q used twice", name, m[1])
			}
			seen[string(m[1])] = true
		}
	}
}

// handlerRE finds an on…= attribute inside a tag.
var (
	handlerRE   = regexp.MustCompile(`<[^<>]*\son[a-z]+\s*=[^<>]*>`)
	attrValueRE = regexp.MustCompile(`"[^"]*"`)
)

func TestEscaping(t *testing.T) {
	const evil = `<img src=x onerror=alert(1)>`
	doc := fixture()
	doc.Title = evil
	doc.Sections[0].Title = evil
	fig := doc.Sections[0].Blocks[1].Figure
	fig.Title, fig.Caption, fig.Alt = evil, evil, `" onload="alert(1)`
	fig.Table.Rows[0][0].Text = evil
	tab := doc.Sections[1].Blocks[0].Table
	tab.Title, tab.Note, tab.Columns[1] = evil, evil, evil
	tab.Rows[1][0].Text = evil
	doc.Sections[1].Blocks[1].Markdown = "Raw: " + evil + "\n\n<script>alert(1)</script>\n\n[click](javascript:alert(1))\n"
	opt := options()
	opt.Versions = append([]Version{{Version: "v3", Date: evil, Summary: evil}}, opt.Versions...)

	files := tree(t, render(t, doc, opt))
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(files[name])
		for _, bad := range []string{"<img src=x", "<script", "javascript:"} {
			if strings.Contains(page, bad) {
				t.Errorf("%s contains %q unescaped", name, bad)
			}
		}
		// Quoted attribute values are data; only attribute names matter.
		if m := handlerRE.FindString(attrValueRE.ReplaceAllString(page, `""`)); m != "" {
			t.Errorf("%s has an event handler attribute: %s", name, m)
		}
	}
	if !strings.Contains(string(files["performance.html"]), "&lt;img src=x onerror=alert(1)&gt;") {
		t.Error("the evil cell text is missing, not just escaped")
	}
}

func TestSVGSize(t *testing.T) {
	tests := []struct {
		name, svg string
		w, h      int
	}{
		{"charts package output", `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450" viewBox="0 0 3200 1800">`, 800, 450},
		{"xml declaration and px", `<?xml version="1.0"?>` + "\n" + `<svg width="80px" height="45px">`, 80, 45},
		{"no size", `<svg viewBox="0 0 10 10">`, 0, 0},
		{"size of a child, not the root", `<svg viewBox="0 0 10 10"><rect width="5" height="5"/></svg>`, 0, 0},
		{"not svg", `<html>`, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if w, h := svgSize([]byte(tt.svg)); w != tt.w || h != tt.h {
				t.Errorf("svgSize = %d×%d, want %d×%d", w, h, tt.w, tt.h)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	tests := []struct {
		name  string
		files fstest.MapFS
		file  string // written file to check
		want  string
	}{
		{"style.css replaces the default", fstest.MapFS{"style.css": {Data: []byte("body { color: #000; } /* study */")}},
			"style.css", "/* study */"},
		{"layout.html replaces the page shell", fstest.MapFS{"layout.html": {Data: []byte(
			`{{define "layout"}}<!DOCTYPE html><html lang="en"><title>{{.Doc.Title}}</title><p class="study-layout">{{template "main" .}}{{end}}`)}},
			"performance.html", `<p class="study-layout">`},
		{"a missing file falls back to the default", fstest.MapFS{"other.txt": {Data: []byte("x")}},
			"style.css", "--focus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := options()
			opt.Templates = tt.files
			files := tree(t, render(t, fixture(), opt))
			if !strings.Contains(string(files[tt.file]), tt.want) {
				t.Errorf("%s does not contain %q:\n%s", tt.file, tt.want, files[tt.file])
			}
		})
	}
}

func TestOverrideErrorNamesFile(t *testing.T) {
	opt := options()
	opt.Templates = fstest.MapFS{"section.html": {Data: []byte(`{{define "main"}}{{.Nope}`)}}
	dir := t.TempDir()
	err := Render(dir, fixture(), opt)
	if err == nil || !strings.Contains(err.Error(), "templates/section.html") {
		t.Errorf("error = %v, want one naming templates/section.html", err)
	}
}

// TestFailureWritesNothing: a template that fails while executing, after
// the first pages rendered, must not leave part of a site behind.
func TestFailureWritesNothing(t *testing.T) {
	opt := options()
	opt.Templates = fstest.MapFS{"section.html": {Data: []byte(`{{define "main"}}{{.Section.Nope}}{{end}}`)}}
	dir := t.TempDir()
	err := Render(dir, fixture(), opt)
	if err == nil || !strings.Contains(err.Error(), "introduction.html") {
		t.Fatalf("error = %v, want one naming the page", err)
	}
	if left := tree(t, dir); len(left) != 0 {
		t.Errorf("a failed render wrote %v", slices.Sorted(maps.Keys(left)))
	}
}

func TestDeterministic(t *testing.T) {
	a := tree(t, render(t, fixture(), options()))
	b := tree(t, render(t, fixture(), options()))
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, x := range a {
		if !bytes.Equal(x, b[name]) {
			t.Errorf("%s differs between two renders", name)
		}
	}
}

func TestNumbering(t *testing.T) {
	doc := fixture()
	// A second figure and table later in the report continue the numbering.
	f2 := *doc.Sections[0].Blocks[1].Figure
	f2.ID, f2.Title = "grades", "Grades"
	t2 := *doc.Sections[1].Blocks[0].Table
	t2.ID, t2.Title = "surveys", "Surveys"
	doc.Sections[1].Blocks = append(doc.Sections[1].Blocks, report.Block{Figure: &f2}, report.Block{Table: &t2})
	files := tree(t, render(t, doc, options()))
	perf := string(files["performance.html"])
	for _, want := range []string{"Table 1.</span> Pass rate by track", "Figure 2.</span> Grades", "Table 2.</span> Surveys"} {
		if !strings.Contains(perf, want) {
			t.Errorf("performance.html lacks %q", want)
		}
	}
	if !strings.Contains(string(files["introduction.html"]), "Figure 1.</span> Weekly active learners") {
		t.Error("introduction.html lacks Figure 1")
	}
}

func TestRenderErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(*report.Document, *Options)
		want   string
	}{
		{"section id with a slash", func(d *report.Document, _ *Options) { d.Sections[0].ID = "../x" }, "cannot be a file name"},
		{"section named index", func(d *report.Document, _ *Options) { d.Sections[1].ID = "Index" }, "contents page"},
		{"figure and table share an id", func(d *report.Document, _ *Options) {
			d.Sections[1].Blocks[0].Table.ID = "weekly-active"
		}, `both have id "weekly-active"`},
		{"block with two fields", func(d *report.Document, _ *Options) {
			d.Sections[1].Blocks[1].Table = &report.Table{ID: "x"}
		}, "more than one"},
		{"no figure drawer", func(_ *report.Document, o *Options) { o.FigureSVG = nil }, "FigureSVG"},
		{"drawer fails", func(_ *report.Document, o *Options) {
			o.FigureSVG = func(*report.Figure) ([]byte, error) { return nil, fmt.Errorf("no series") }
		}, `figure "weekly-active": no series`},
		{"bad version name", func(_ *report.Document, o *Options) { o.Versions = []Version{{Version: "a/b"}} }, "folder name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, opt := fixture(), options()
			tt.change(doc, &opt)
			err := Render(t.TempDir(), doc, opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestZeroOptions renders a report without figures with no options at all:
// the embedded templates, no switcher, no download links, no dangling link.
func TestZeroOptions(t *testing.T) {
	doc := fixture()
	doc.Sections[0].Blocks = doc.Sections[0].Blocks[:1]
	files := tree(t, render(t, doc, Options{}))
	page := string(files["introduction.html"])
	for _, absent := range []string{`class="versions"`, `class="downloads"`, "report.pdf", "../index.html"} {
		if strings.Contains(page, absent) {
			t.Errorf("introduction.html contains %q with zero Options", absent)
		}
	}
	if files["style.css"] == nil || len(files) != 5 {
		t.Errorf("wrote %v, want index, two sections, style.css and one CSV", slices.Sorted(maps.Keys(files)))
	}
}
