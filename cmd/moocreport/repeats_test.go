package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/moocreport/moocreport/internal/pdftest"
)

// minRepeatWords is the length from which a sentence said twice on one page
// counts as boilerplate: shorter ones ("Shares are of enrolled learners.")
// may fairly recur beside different tables.
const minRepeatWords = 8

// TestNoRepeatedSentences: on no page of the example's site, and on no
// page of its PDF, is a sentence of minRepeatWords words or more said
// twice. Definitions live once, in Methods and definitions; captions and
// table notes say only what is theirs.
func TestNoRepeatedSentences(t *testing.T) {
	dir := copyStudy(t)
	t.Setenv("SOURCE_DATE_EPOCH", epoch)
	if code, _, errOut := moocreport(t, "build", "-no-cache", "-study", filepath.Join(dir, "study.yaml")); code != 0 {
		t.Fatal(errOut)
	}
	v := filepath.Join(dir, "public", "1.0.0")
	pages, _ := filepath.Glob(filepath.Join(v, "*.html"))
	if len(pages) < 5 {
		t.Fatalf("only %d pages", len(pages))
	}
	for _, p := range pages {
		for _, r := range repeated(pageSentences(string(readFile(t, p)))) {
			t.Errorf("%s: %s", filepath.Base(p), r)
		}
	}
	for i, page := range strings.Split(pdftest.Text(t, filepath.Join(v, "report.pdf")), "\f") {
		for _, r := range repeated(sentences(pdfPageText(page))) {
			t.Errorf("report.pdf page %d: %s", i+1, r)
		}
	}
}

// TestRepeated: the counter finds a repeat, and only sentences of
// minRepeatWords words or more.
func TestRepeated(t *testing.T) {
	long := "Weeks run Monday to Sunday from midnight in UTC everywhere."
	for _, tc := range []struct {
		name string
		html string
		want int
	}{
		{"long sentence twice", "<p>" + long + " Once.</p><p>" + long + "</p>", 1},
		{"long sentence once", "<p>" + long + "</p><p>Short one. Short one.</p>", 0},
		{"captions and table cells are labels, not sentences", "<table><caption>" + long + "</caption><tr><td>" + long + "</td></tr></table><p>" + long + "</p>", 0},
		{"same words split by markup", "<p>Weeks run <b>Monday</b> to Sunday from midnight in UTC everywhere.</p><li>" + long + "</li>", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := repeated(pageSentences(tc.html)); len(got) != tc.want {
				t.Errorf("got %d repeats %q, want %d", len(got), got, tc.want)
			}
		})
	}
	if got := repeated(sentences(pdfPageText("Weeks run Monday to Sun-\nday from midnight in UTC every-\nwhere. Weeks run Monday\nto Sunday from midnight in UTC everywhere."))); len(got) != 1 {
		t.Errorf("PDF lines: got %q, want one repeat", got)
	}
}

// labels are the parts of a page that hold labels and numbers rather than
// sentences: headings and the page header (the report's title), table
// captions and cells (a figure's data table repeats the figure's title by
// design), the contents, and markup that is not text.
var labels = func() []*regexp.Regexp {
	var res []*regexp.Regexp
	for _, el := range []string{"head", "header", "h1", "h2", "h3", "h4", "h5", "h6", "script", "style", "svg", "nav", "table", "summary"} {
		res = append(res, regexp.MustCompile(`(?is)<`+el+`\b.*?</`+el+`>`))
	}
	return res
}()

// blockEnd is an element boundary that ends a sentence even without a
// full stop (a heading, a paragraph, a list item).
var blockEnd = regexp.MustCompile(`(?i)</?(p|li|h[1-6]|div|figcaption|dd|dt|br|section|header|footer)\b[^>]*>`)

var tag = regexp.MustCompile(`<[^>]*>`)

// pageSentences is the sentences of an HTML page's text.
func pageSentences(page string) []string {
	for _, re := range labels {
		page = re.ReplaceAllString(page, " ")
	}
	page = blockEnd.ReplaceAllString(page, "\n\n")
	page = tag.ReplaceAllString(page, "")
	var out []string
	for _, block := range strings.Split(page, "\n\n") {
		out = append(out, sentences(unescape(block))...)
	}
	return out
}

// unescape undoes the entities html/template and goldmark write.
var unescape = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&nbsp;", " ").Replace

// pdfPageText joins a PDF page's lines into running text, closing words
// the typesetter hyphenated at a line end.
func pdfPageText(page string) string {
	page = regexp.MustCompile(`([a-z])-\n([a-z])`).ReplaceAllString(page, "$1$2")
	return strings.ReplaceAll(page, "\n", " ")
}

// sentences splits text at a full stop, question or exclamation mark
// followed by a space and a capital, digit, quote or withheld mark ("<5",
// "[c]"), and normalises spaces.
func sentences(text string) []string {
	words := strings.Fields(strings.ReplaceAll(text, "\u00a0", " "))
	var out []string
	start := 0
	for i, w := range words {
		end := strings.ContainsAny(w[len(w)-1:], ".!?")
		if i+1 < len(words) {
			r := []rune(words[i+1])[0]
			end = end && (unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"“(<[`, r))
		}
		if end || i+1 == len(words) {
			out = append(out, strings.Join(words[start:i+1], " "))
			start = i + 1
		}
	}
	return out
}

// repeated lists the sentences of minRepeatWords words or more that occur
// more than once, with their count, sorted.
func repeated(ss []string) []string {
	count := map[string]int{}
	for _, s := range ss {
		if len(strings.Fields(s)) >= minRepeatWords {
			count[s]++
		}
	}
	var out []string
	for s, n := range count {
		if n > 1 {
			out = append(out, fmt.Sprintf("%d× %q", n, s))
		}
	}
	sort.Strings(out)
	return out
}
