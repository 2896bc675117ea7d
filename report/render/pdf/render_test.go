package pdf

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/internal/golden"
	"github.com/moocreport/moocreport/internal/pdftest"
	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/charts"
)

// These tests read the PDF back with poppler-utils and qpdf, as an archivist
// would. They fail, not skip, when the tools are missing: `make deps`
// installs them, and a PDF nobody checked is not a passing test.

// tool runs a poppler or qpdf tool on a rendered PDF; see pdftest.Run.
func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	return pdftest.Run(t, name, args...)
}

// renderFile renders doc into a temporary file and returns its path.
func renderFile(t *testing.T, doc *report.Document, opt Options) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, doc, opt); err != nil {
		t.Fatalf("Render: %v", err)
	}
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func samplePath(t *testing.T) string { return renderFile(t, sampleDoc(), sampleOptions()) }

// pages returns the text of each page, laid out as pdftotext -layout does.
func pages(t *testing.T, path string) []string {
	t.Helper()
	text := tool(t, "pdftotext", "-layout", path, "-")
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

var spaces = regexp.MustCompile(`  +`)

// flat is all pages' text with every run of white space made one space,
// for checks that must not care where lines wrap.
func flat(pages []string) string {
	return strings.Join(strings.Fields(strings.Join(pages, " ")), " ")
}

// normalise makes pdftotext's output stable enough to keep as a golden
// file: trailing space dropped, runs of spaces cut to two (column gaps stay
// visible, exact widths don't matter), blank lines collapsed, pages marked.
func normalise(pages []string) string {
	var b strings.Builder
	for i, p := range pages {
		fmt.Fprintf(&b, "=== page %d ===\n", i+1)
		blank := false
		for _, line := range strings.Split(p, "\n") {
			line = spaces.ReplaceAllString(strings.TrimRight(line, " \t"), "  ")
			if line == "" {
				if !blank {
					b.WriteString("\n")
				}
				blank = true
				continue
			}
			blank = false
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func TestGoldenText(t *testing.T) {
	got := normalise(pages(t, samplePath(t)))
	golden.Check(t, filepath.Join("testdata", "sample.txt"), []byte(got))
}

func TestMarkdownElements(t *testing.T) {
	text := flat(pages(t, samplePath(t)))
	for _, want := range []string{
		"emphasis, strong, both, struck, a code span",
		"project link (https://example.org/mooc)",
		"https://example.org/auto",
		"A second-level heading", "A third-level heading",
		"• First bullet", "• Second bullet – Nested bullet 1. Deeply nested number • Third bullet", "3. Third item", "4. Fourth item",
		"[x] A finished task", "[ ] An open task",
		"A block quote that keeps its indent.",
		`fmt.Println("fenced code")`, "indented code block",
		"footnote.[1]", "[1] The footnote's text.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if !strings.Contains(text, "Course Learners Share EAT101x 1,204 41 % SUS201x 988 38 %") {
		t.Error("Markdown table missing or malformed")
	}
	for _, hidden := range []string{"MUST-NOT-SHOW", "FIGURE-DATA-TABLE"} {
		if strings.Contains(text, hidden) {
			t.Errorf("PDF shows %q, which must not be rendered", hidden)
		}
	}
}

func TestUnicodeRoundTrip(t *testing.T) {
	text := strings.Join(pages(t, samplePath(t)), "\n")
	for _, want := range []string{unicodeLine, "Åsa Lindqvist", "José Müller"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lost %q", want)
		}
	}
}

var rowRe = regexp.MustCompile(`Country (\d{3})\s+\d`)

// TestTableHeaderRepeats checks the long table across its pages: the
// header on every page, rows in order, none lost, no page with one row.
func TestTableHeaderRepeats(t *testing.T) {
	header := regexp.MustCompile(`Country\s+Week\s+Active learners\s+Share`)
	var spanned, next int
	for i, p := range pages(t, samplePath(t)) {
		rows := rowRe.FindAllStringSubmatch(p, -1)
		if len(rows) == 0 {
			continue
		}
		spanned++
		if n := len(header.FindAllString(p, -1)); n != 1 {
			t.Errorf("page %d: %d header rows, want 1", i+1, n)
		}
		if spanned > 1 && !strings.Contains(p, "Table 1. Weekly activity by country (continued)") {
			t.Errorf("page %d: continuation caption missing", i+1)
		}
		if len(rows) < 2 {
			t.Errorf("page %d: a single orphan row", i+1)
		}
		for _, r := range rows {
			n, _ := strconv.Atoi(r[1])
			if next++; n != next {
				t.Fatalf("page %d: row %d where row %d was due", i+1, n, next)
			}
		}
	}
	if next != longTableRows {
		t.Errorf("found %d rows, want %d", next, longTableRows)
	}
	if spanned != 3 {
		t.Errorf("table spans %d pages, want 3", spanned)
	}
}

// TestFigureMovesWithCaption: the filler ends low on a page, so the figure
// must start the next page, with its caption under it.
func TestFigureMovesWithCaption(t *testing.T) {
	path := samplePath(t)
	ps := pages(t, path)
	page := func(s string) int {
		for i, p := range ps {
			if strings.Contains(p, s) {
				return i + 1
			}
		}
		t.Fatalf("%q not found", s)
		return 0
	}
	img := page("CHART-AXIS-LABEL")
	filler, caption := page("END-OF-FILLER"), page("Figure 1. Weekly active learners")
	if img != caption {
		t.Errorf("figure on page %d, its caption on page %d", img, caption)
	}
	if img != filler+1 {
		t.Errorf("figure on page %d, want %d: the page after the filler that leaves it no room", img, filler+1)
	}
	if p := page("Share of enrolled learners active in each course week."); p != img {
		t.Errorf("caption text on page %d, figure on %d", p, img)
	}
}

func TestNumbering(t *testing.T) {
	text := flat(pages(t, samplePath(t)))
	for _, want := range []string{"Table 1. Weekly activity by country", "Table 2. Survey items", "Figure 1. Weekly active learners", "Note. Counts under 5 are suppressed.", "Definition. Mean of a five-point Likert item."} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "Table 3") {
		t.Error("a figure's data table was numbered as a table")
	}
}

// TestContentsAndOutline checks the contents page's numbers and the
// bookmarks against where each section's heading really is.
func TestContentsAndOutline(t *testing.T) {
	path := samplePath(t)
	ps := pages(t, path)
	entry := regexp.MustCompile(`(?m)^(\d+)\s+(\w+)[ .]+(\d+)$`)
	entries := entry.FindAllStringSubmatch(ps[0], -1)
	doc := sampleDoc()
	if len(entries) != len(doc.Sections) {
		t.Fatalf("contents has %d entries, want %d:\n%s", len(entries), len(doc.Sections), ps[0])
	}
	heading := map[string]int{}
	for i, e := range entries {
		title := fmt.Sprintf("%d %s", i+1, doc.Sections[i].Title)
		if e[1]+" "+e[2] != title {
			t.Errorf("contents entry %d is %q, want %q", i+1, e[1]+" "+e[2], title)
		}
		n, _ := strconv.Atoi(e[3])
		if n < 1 || n > len(ps) || !regexp.MustCompile(`(?m)^\s*`+title+`$`).MatchString(ps[n-1]) {
			t.Errorf("contents sends %q to page %d, which lacks that heading", title, n)
		}
		heading[title] = n
	}
	var outline struct {
		Outlines []struct {
			Title string `json:"title"`
			Page  int    `json:"destpageposfrom1"`
		} `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(tool(t, "qpdf", "--json", "--json-key=outlines", path)), &outline); err != nil {
		t.Fatal(err)
	}
	if len(outline.Outlines) != len(doc.Sections) {
		t.Fatalf("outline has %d entries, want %d", len(outline.Outlines), len(doc.Sections))
	}
	for _, o := range outline.Outlines {
		if want, ok := heading[o.Title]; !ok || o.Page != want {
			t.Errorf("bookmark %q goes to page %d, want %d", o.Title, o.Page, want)
		}
	}
}

func TestRunningHeaderAndFooter(t *testing.T) {
	ps := pages(t, samplePath(t))
	if strings.Contains(ps[0], "Page 1") || strings.Contains(ps[0], "Version 1.2.0") {
		t.Error("title page carries the running header or footer")
	}
	for i, p := range ps[1:] {
		n := i + 2
		if !strings.Contains(p, fmt.Sprintf("Page %d of %d", n, len(ps))) {
			t.Errorf("page %d: footer missing", n)
		}
		if !regexp.MustCompile(`Eating for Health: a study of two MOOCs\s+Version 1.2.0`).MatchString(p) {
			t.Errorf("page %d: running header missing", n)
		}
	}
}

func TestTitlePage(t *testing.T) {
	p := pages(t, samplePath(t))[0]
	for _, want := range []string{"Eating for Health: a study of two MOOCs", "Learners, activity and outcomes", "Åsa Lindqvist, José Müller", "5 March 2024", "eat-sus-2024", "moocreport v0.1.0",
		"Åsa Lindqvist & José Müller (2024). Eating for Health: a study of two MOOCs (version 1.2.0). moocreport.", "measures.json"} {
		if !strings.Contains(p, want) {
			t.Errorf("title page lacks %q", want)
		}
	}
}

func TestFontsEmbedded(t *testing.T) {
	out := tool(t, "pdffonts", samplePath(t))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := strings.Index(lines[0], "emb")
	names := map[string]bool{}
	for _, line := range lines[2:] {
		names[strings.Fields(line)[0]] = true
		if len(line) < col+3 || line[col:col+3] != "yes" {
			t.Errorf("font not embedded: %s", line)
		}
	}
	for _, want := range []string{"utf8dejavu", "utf8dejavuB", "utf8dejavuI", "utf8dejavuBI", "utf8gomono"} {
		if !names[want] {
			t.Errorf("font %s not used; pdffonts:\n%s", want, out)
		}
	}
}

func TestQPDFCheck(t *testing.T) {
	out := tool(t, "qpdf", "--check", samplePath(t))
	if !strings.Contains(out, "No syntax or stream encoding errors found") {
		t.Errorf("qpdf --check:\n%s", out)
	}
}

func TestAttachments(t *testing.T) {
	path := samplePath(t)
	list := tool(t, "pdfdetach", "-list", path)
	if want := "2 embedded files\n1: measures.json\n2: manifest.json\n"; list != want {
		t.Errorf("pdfdetach -list:\n%s\nwant:\n%s", list, want)
	}
	dir := t.TempDir()
	tool(t, "pdfdetach", "-saveall", "-o", dir, path)
	for _, a := range sampleOptions().Attachments {
		got, err := os.ReadFile(filepath.Join(dir, a.Name))
		if err != nil || !bytes.Equal(got, a.Data) {
			t.Errorf("%s came back as %q (%v), want %q", a.Name, got, err, a.Data)
		}
	}
}

func TestMetadata(t *testing.T) {
	out := tool(t, "pdfinfo", "-isodates", samplePath(t))
	for _, want := range []string{
		"Title:           Eating for Health: a study of two MOOCs",
		"Subject:         Learners, activity and outcomes",
		"Keywords:        MOOC; learning analytics; eat-sus-2024",
		"Author:          Åsa Lindqvist; José Müller",
		"Creator:         moocreport v0.1.0",
		"CreationDate:    2024-03-05T12:30:00",
		"ModDate:         2024-03-05T12:30:00",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, out)
		}
	}
}

func TestLetter(t *testing.T) {
	opt := sampleOptions()
	opt.PageSize = "Letter"
	out := tool(t, "pdfinfo", renderFile(t, sampleDoc(), opt))
	if !strings.Contains(out, "612 x 792 pts (letter)") {
		t.Errorf("not Letter size:\n%s", out)
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Render(&a, sampleDoc(), sampleOptions()); err != nil {
		t.Fatal(err)
	}
	if err := Render(&b, sampleDoc(), sampleOptions()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two renders of the same document differ")
	}
	// A file identifier would have to be derived from content; fpdf writes
	// none unless encrypting, and none is needed.
	if bytes.Contains(a.Bytes(), []byte("/ID")) {
		t.Error("PDF carries a file /ID, which fpdf may randomise")
	}
}

func TestWithoutFigureDrawing(t *testing.T) {
	doc := sampleDoc()
	doc.Sections[2].Blocks[1].Figure.Alt = "ALT-TEXT-OF-THE-CHART"
	text := strings.Join(pages(t, renderFile(t, doc, Options{})), "\n")
	for _, want := range []string{"ALT-TEXT-OF-THE-CHART", "Figure 1. Weekly active learners"} {
		if !strings.Contains(text, want) {
			t.Errorf("without FigureDrawing, PDF lacks %q", want)
		}
	}
}

func TestFigureDrawingError(t *testing.T) {
	boom := errors.New("boom")
	opt := Options{FigureDrawing: func(*report.Figure) (*charts.Drawing, error) { return nil, boom }}
	err := Render(&bytes.Buffer{}, sampleDoc(), opt)
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "activity-weekly") {
		t.Errorf("Render = %v, want the chart error naming the figure", err)
	}
}
