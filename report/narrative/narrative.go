// Package narrative assembles the report's sections: the authors' Markdown
// under content/, with computed results embedded by shortcode, around the
// sections measures generated. It resolves every shortcode, so renderers
// receive plain Markdown and numbered blocks.
//
// Shortcodes, each naming a result by its stable id:
//
//	{{< figure activity-weekly-active >}}   a figure, on a line of its own
//	{{< table performance-pass >}}          a table, on a line of its own
//	{{< value eat.pass-rate >}}             a single value, inline (its formatted text)
//	{{< ref activity-weekly-active >}}      a cross-reference, inline: "Figure 3", linked
//	{{< text summary-findings >}}           generated text, on a line of its own
//
// A figure or table placed by the narrative is not repeated where measures
// would have put it. Generated text with an id (report.Block.ID) belongs
// to the author once they write the section: a section with a narrative
// file shows it only where the file places it. An unknown id is an error
// naming the file and line.
//
// A cross-reference becomes an ordinary Markdown link whose text is the
// number and whose target is a fragment naming the block:
//
//	[Figure 3](#figure-activity-weekly-active)
//	[Table 12](#table-performance-pass)
//
// The number comes from report.Number over the assembled sections, so it is
// the number every renderer prints. The fragment is the contract with the
// renderers: "#figure-<id>" and "#table-<id>" name the numbered figure or
// table <id>, wherever it is. The HTML site uses exactly these element ids
// and points the link at the right page; the PDF links to the block's
// place. A renderer that knows nothing of this still shows the right words.
package narrative

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/moocreport/moocreport/report"
)

// Titles are the default titles of the generated sections.
var Titles = map[string]string{
	"summary":      "Key findings",
	"introduction": "Introduction",
	"learners":     "Learners",
	"activity":     "Activity",
	"performance":  "Performance",
	"surveys":      "Surveys",
	"comparisons":  "Comparisons",
	"methods":      "Methods and definitions",
	"data-quality": "Data quality",
	"disclosure":   "Disclosure control",
	"provenance":   "Provenance",
}

// Error points at a problem in a narrative file: file:line: message. It is the
// input-error type every stage shares, so errors.As finds it whichever stage failed.
type Error = report.InputError

// Assemble builds the sections in outline order, leaving out any section
// with nothing to show. contentDir may not exist (a study without
// narrative still gets a complete report). rel turns a
// path into the form used in error messages.
func Assemble(contentDir string, outline []string, auto map[string][]report.Block, measures []report.Measure, rel func(string) string) ([]report.Section, error) {
	// Every problem of every file is reported at once, as go vet does,
	// so an author fixes them in one round.
	texts, errs, err := readTexts(contentDir, outline, rel)
	if err != nil {
		return nil, err
	}
	idx := newIndex(auto, measures)
	placed := map[string]bool{}
	sections, parseErrs := parseSections(outline, texts, idx, placed, rel)
	errs = append(errs, parseErrs...)
	addGenerated(sections, texts, auto, placed)
	sections = nonEmpty(sections)
	if err := numberRefs(sections, idx.refs); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return sections, nil
}

// sectionText is the narrative file written for one section.
type sectionText struct{ file, body string }

// readTexts reads the narrative files in contentDir by section id. A file
// named for no section of the outline is a problem of the study, returned
// in problems; err is a failure to read.
func readTexts(contentDir string, outline []string, rel func(string) string) (texts map[string]sectionText, problems []error, err error) {
	files, err := filepath.Glob(filepath.Join(contentDir, "*.md"))
	if err != nil {
		return nil, nil, err
	}
	sort.Strings(files)
	texts = map[string]sectionText{}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".md")
		if !slices.Contains(outline, id) {
			problems = append(problems, &Error{File: rel(f), Line: 1, Msg: fmt.Sprintf("section %q is not in the study's outline (%s)", id, strings.Join(outline, ", "))})
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		texts[id] = sectionText{file: f, body: string(b)}
	}
	return texts, problems, nil
}

// parseSections makes one section per outline id, in order, holding its
// narrative's blocks and titled by the narrative's heading, or else by
// Titles. placed collects the figures and tables the narrative places.
func parseSections(outline []string, texts map[string]sectionText, idx *index, placed map[string]bool, rel func(string) string) ([]report.Section, []error) {
	var errs []error
	var sections []report.Section
	for _, id := range outline {
		sec := report.Section{ID: id, Title: Titles[id]}
		if t, ok := texts[id]; ok {
			title, bl, err := parse(rel(t.file), t.body, idx, placed)
			if err != nil {
				errs = append(errs, err)
			}
			if title != "" {
				sec.Title = title
			}
			sec.Blocks = bl
		}
		if sec.Title == "" {
			sec.Title = id
		}
		sections = append(sections, sec)
	}
	return sections, errs
}

// addGenerated appends to each section the generated blocks its narrative
// did not place: not a figure or table placed anywhere, not a block with an
// id in a section with narrative (the author chose what to show), and not a
// block shown only on request.
func addGenerated(sections []report.Section, texts map[string]sectionText, auto map[string][]report.Block, placed map[string]bool) {
	for i, sec := range sections {
		_, written := texts[sec.ID]
		for _, b := range auto[sec.ID] {
			if id := blockID(b); id != "" && (placed[id] || written && b.ID != "") {
				continue
			}
			if b.OnRequest { // shown only where the narrative places it
				continue
			}
			sections[i].Blocks = append(sections[i].Blocks, b)
		}
	}
}

// nonEmpty leaves out the sections with nothing to show — no narrative
// and no generated block, as the activity section of a study without
// tracking logs — so no renderer prints a heading over nothing or lists
// it in the contents.
func nonEmpty(sections []report.Section) []report.Section {
	kept := sections[:0]
	for _, sec := range sections {
		if len(sec.Blocks) > 0 {
			kept = append(kept, sec)
		}
	}
	return kept
}

// refMark brackets a cross-reference's id in the Markdown until the whole
// report is assembled and its numbers are known. It is a private-use
// character, which no author types and Markdown leaves alone.
const refMark = "\uE000"

// ref is one {{< ref >}} waiting for its number.
type ref struct {
	file string
	line int
	id   string
	kind string // "figure" or "table"
}

// numberRefs replaces every cross-reference placeholder with "Figure N" or
// "Table N", numbered by report.Number over the finished sections: only
// now is it known where narrative-placed blocks ended up. A reference to a
// block that is not in the report (its section is not in the outline) is
// an error at the reference.
func numberRefs(sections []report.Section, refs []ref) error {
	if len(refs) == 0 {
		return nil
	}
	nums := report.Number(&report.Document{Sections: sections})
	text := map[string]string{}
	var errs []error
	for _, r := range refs {
		n, ok := nums[r.id]
		if !ok {
			errs = append(errs, &Error{File: r.file, Line: r.line, Msg: fmt.Sprintf("%s %q is not in the report (its section is not in the outline)", r.kind, r.id)})
			continue
		}
		text[refMark+r.id+refMark] = fmt.Sprintf("%s %d", label[r.kind], n)
	}
	old := make([]string, 0, 2*len(text))
	for _, k := range slices.Sorted(maps.Keys(text)) {
		old = append(old, k, text[k])
	}
	rep := strings.NewReplacer(old...)
	for i := range sections {
		for j, b := range sections[i].Blocks {
			if b.Markdown != "" && strings.Contains(b.Markdown, refMark) {
				sections[i].Blocks[j].Markdown = rep.Replace(b.Markdown)
			}
		}
	}
	return errors.Join(errs...)
}

// label is how a kind of block is cited.
var label = map[string]string{"figure": "Figure", "table": "Table"}

// refLink is the Markdown a cross-reference leaves until it is numbered;
// see the package comment for the fragment's contract.
func refLink(kind, id string) string {
	return "[" + refMark + id + refMark + "](#" + kind + "-" + id + ")"
}

func blockID(b report.Block) string {
	switch {
	case b.Figure != nil:
		return "figure:" + b.Figure.ID
	case b.Table != nil:
		return "table:" + b.Table.ID
	case b.ID != "":
		return "text:" + b.ID
	}
	return ""
}

type index struct {
	figures  map[string]*report.Figure
	tables   map[string]*report.Table
	texts    map[string]string // generated Markdown by block id
	measures map[string]report.Measure
	refs     []ref // cross-references met so far, in order
}

func newIndex(auto map[string][]report.Block, measures []report.Measure) *index {
	x := &index{figures: map[string]*report.Figure{}, tables: map[string]*report.Table{}, texts: map[string]string{}, measures: map[string]report.Measure{}}
	for _, blocks := range auto {
		for _, b := range blocks {
			if b.ID != "" && b.Markdown != "" {
				x.texts[b.ID] = b.Markdown
			}
			if b.Figure != nil {
				x.figures[b.Figure.ID] = b.Figure
			}
			if b.Table != nil {
				x.tables[b.Table.ID] = b.Table
			}
		}
	}
	for _, m := range measures {
		x.measures[m.ID] = m
	}
	return x
}

// parse splits one narrative file into blocks, resolving shortcodes. A
// first line "# Title" names the section. Shortcodes are found by parsing
// the Markdown with the Shortcodes extension, so one inside a code span or
// code block is left as written (authors can document them); a value or a
// cross-reference is replaced in the source text where it stands, and a
// paragraph of figure and table shortcodes alone splits the text around
// the blocks it places.
func parse(file, body string, x *index, placed map[string]bool) (string, []report.Block, error) {
	src := []byte(body)
	title := ""
	if first, _, _ := strings.Cut(body, "\n"); strings.HasPrefix(strings.TrimSpace(first), "# ") {
		title = strings.TrimSpace(strings.TrimSpace(first)[2:])
		// Blank the title line, keeping every offset and line number.
		for i := range len(first) {
			src[i] = ' '
		}
	}
	doc := goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote, Shortcodes)).Parser().Parse(text.NewReader(src))
	lineOf := func(offset int) int { return 1 + bytes.Count(src[:offset], []byte("\n")) }
	var blocks []report.Block
	var md strings.Builder
	flush := func() {
		if s := strings.TrimSpace(md.String()); s != "" {
			blocks = append(blocks, report.Block{Markdown: s})
		}
		md.Reset()
	}
	at := 0          // source copied to md up to here
	var errs []error // every problem of the file, in order
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if p, ok := n.(*ast.Paragraph); ok {
			if codes := placements(p, src); codes != nil {
				start, stop := paragraphSpan(p, src)
				md.Write(src[at:start])
				flush()
				for _, sc := range codes {
					b, err := x.place(sc, file, lineOf(sc.Start), placed)
					if err != nil {
						errs = append(errs, err)
						continue
					}
					blocks = append(blocks, b)
				}
				at = stop
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		}
		sc, ok := n.(*Shortcode)
		if !ok {
			return ast.WalkContinue, nil
		}
		out, err := x.inline(sc, file, lineOf(sc.Start))
		if err != nil {
			errs = append(errs, err)
			return ast.WalkContinue, nil
		}
		md.Write(src[at:sc.Start])
		md.WriteString(out)
		at = sc.Stop
		return ast.WalkContinue, nil
	})
	if len(errs) > 0 {
		return "", nil, errors.Join(errs...)
	}
	md.Write(src[at:])
	flush()
	return title, blocks, nil
}

// placements returns the figure and table shortcodes of a top-level
// paragraph that holds nothing else (one per line), or nil.
func placements(p *ast.Paragraph, src []byte) []*Shortcode {
	if _, top := p.Parent().(*ast.Document); !top {
		return nil
	}
	var codes []*Shortcode
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *Shortcode:
			if c.Name != "figure" && c.Name != "table" && c.Name != "text" {
				return nil
			}
			codes = append(codes, c)
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 && !c.SoftLineBreak() {
				return nil
			}
		default:
			return nil
		}
	}
	return codes
}

// paragraphSpan is the byte range of a paragraph's lines in the source.
func paragraphSpan(p *ast.Paragraph, src []byte) (start, stop int) {
	lines := p.Lines()
	start, stop = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	for start > 0 && src[start-1] != '\n' {
		start-- // the line's indentation
	}
	return start, stop
}

// place resolves a figure or table shortcode that stands alone.
func (x *index) place(sc *Shortcode, file string, line int, placed map[string]bool) (report.Block, error) {
	key := sc.Name + ":" + sc.Arg
	if placed[key] {
		return report.Block{}, &Error{File: file, Line: line, Msg: fmt.Sprintf("%s %q is placed twice", sc.Name, sc.Arg)}
	}
	placed[key] = true
	if sc.Name == "text" {
		md, ok := x.texts[sc.Arg]
		if !ok {
			return report.Block{}, &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown text id %q%s", sc.Arg, suggest(sc.Arg, slices.Sorted(maps.Keys(x.texts))))}
		}
		return report.Block{Markdown: md, ID: sc.Arg}, nil
	}
	if sc.Name == "figure" {
		f, ok := x.figures[sc.Arg]
		if !ok {
			return report.Block{}, &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown figure id %q%s", sc.Arg, suggest(sc.Arg, slices.Sorted(maps.Keys(x.figures))))}
		}
		return report.Block{Figure: f}, nil
	}
	t, ok := x.tables[sc.Arg]
	if !ok {
		return report.Block{}, &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown table id %q%s", sc.Arg, suggest(sc.Arg, slices.Sorted(maps.Keys(x.tables))))}
	}
	return report.Block{Table: t}, nil
}

// inline resolves a shortcode inside text: a value or a cross-reference.
func (x *index) inline(sc *Shortcode, file string, line int) (string, error) {
	switch sc.Name {
	case "value":
		v, ok := x.measures[sc.Arg]
		if !ok {
			return "", &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown value id %q%s", sc.Arg, suggest(sc.Arg, slices.Sorted(maps.Keys(x.measures))))}
		}
		return escapeMarkdown(v.Text), nil
	case "ref":
		_, fig := x.figures[sc.Arg]
		_, tab := x.tables[sc.Arg]
		kind := "figure"
		switch {
		case fig && tab:
			return "", &Error{File: file, Line: line, Msg: fmt.Sprintf("ref %q names both a figure and a table", sc.Arg)}
		case tab:
			kind = "table"
		case !fig:
			return "", &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown figure or table id %q%s", sc.Arg, suggest(sc.Arg, append(slices.Sorted(maps.Keys(x.figures)), slices.Sorted(maps.Keys(x.tables))...)))}
		}
		x.refs = append(x.refs, ref{file: file, line: line, id: sc.Arg, kind: kind})
		return refLink(kind, sc.Arg), nil
	case "figure", "table", "text":
		return "", &Error{File: file, Line: line, Msg: fmt.Sprintf("a %s shortcode must stand on a line of its own, outside lists and quotes", sc.Name)}
	}
	return "", &Error{File: file, Line: line, Msg: fmt.Sprintf("unknown shortcode %q (want figure, table, text, value or ref)", sc.Name)}
}

// escapeMarkdown keeps a value's text literal inside Markdown.
func escapeMarkdown(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]()<>#+!|~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// suggest names the closest known id, for typos.
func suggest(id string, known []string) string { return report.DidYouMean(id, known) }
