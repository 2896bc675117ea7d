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
//
// A figure or table placed by the narrative is not repeated where measures
// would have put it. An unknown id is an error naming the file and line.
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
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/moocreport/moocreport/report"
)

// Titles are the default titles of the generated sections.
var Titles = map[string]string{
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

var shortcode = regexp.MustCompile(`\{\{<\s*([a-z]+)\s+([^\s>]+)\s*>\}\}`)

// Error points at a problem in a narrative file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Assemble builds the sections in outline order, leaving out any section
// with nothing to show. contentDir may not exist (a study without
// narrative still gets a complete report). rel turns a
// path into the form used in error messages.
func Assemble(contentDir string, outline []string, auto map[string][]report.Block, measures []report.Measure, rel func(string) string) ([]report.Section, error) {
	files, err := filepath.Glob(filepath.Join(contentDir, "*.md"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	inOutline := map[string]bool{}
	for _, id := range outline {
		inOutline[id] = true
	}
	texts := map[string]string{}
	for _, f := range files {
		id := strings.TrimSuffix(filepath.Base(f), ".md")
		if !inOutline[id] {
			return nil, &Error{File: rel(f), Line: 1, Msg: fmt.Sprintf("section %q is not in the study's outline (%s)", id, strings.Join(outline, ", "))}
		}
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		texts[id] = f + "\x00" + string(b)
	}
	idx := newIndex(auto, measures)
	placed := map[string]bool{}
	var sections []report.Section
	var narrative [][]report.Block
	for _, id := range outline {
		sec := report.Section{ID: id, Title: Titles[id]}
		var blocks []report.Block
		if t, ok := texts[id]; ok {
			file, body, _ := strings.Cut(t, "\x00")
			title, bl, err := parse(rel(file), body, idx, placed)
			if err != nil {
				return nil, err
			}
			if title != "" {
				sec.Title = title
			}
			blocks = bl
		}
		if sec.Title == "" {
			sec.Title = id
		}
		sections = append(sections, sec)
		narrative = append(narrative, blocks)
	}
	for i, sec := range sections {
		blocks := narrative[i]
		for _, b := range auto[sec.ID] {
			if id := blockID(b); id != "" && placed[id] {
				continue
			}
			blocks = append(blocks, b)
		}
		sections[i].Blocks = blocks
	}
	sections = nonEmpty(sections)
	if err := numberRefs(sections, idx.refs); err != nil {
		return nil, err
	}
	return sections, nil
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
	for _, r := range refs {
		n, ok := nums[r.id]
		if !ok {
			return &Error{File: r.file, Line: r.line, Msg: fmt.Sprintf("%s %q is not in the report (its section is not in the outline)", r.kind, r.id)}
		}
		text[refMark+r.id+refMark] = fmt.Sprintf("%s %d", label[r.kind], n)
	}
	old := make([]string, 0, 2*len(text))
	for _, k := range keys(text) {
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
	return nil
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
	}
	return ""
}

type index struct {
	figures  map[string]*report.Figure
	tables   map[string]*report.Table
	measures map[string]report.Measure
	refs     []ref // cross-references met so far, in order
}

func newIndex(auto map[string][]report.Block, measures []report.Measure) *index {
	x := &index{figures: map[string]*report.Figure{}, tables: map[string]*report.Table{}, measures: map[string]report.Measure{}}
	for _, blocks := range auto {
		for _, b := range blocks {
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
// first line "# Title" names the section. Shortcodes inside fenced code
// blocks are left as written, so authors can document them.
func parse(file, body string, x *index, placed map[string]bool) (string, []report.Block, error) {
	var blocks []report.Block
	var md strings.Builder
	flush := func() {
		if s := strings.TrimSpace(md.String()); s != "" {
			blocks = append(blocks, report.Block{Markdown: s})
		}
		md.Reset()
	}
	title := ""
	fence := ""
	sc := bufio.NewScanner(bytes.NewReader([]byte(body)))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if n == 1 && strings.HasPrefix(trim, "# ") {
			title = strings.TrimSpace(trim[2:])
			continue
		}
		if fence != "" {
			if strings.HasPrefix(trim, fence) {
				fence = ""
			}
			md.WriteString(line + "\n")
			continue
		}
		if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
			fence = trim[:3]
			md.WriteString(line + "\n")
			continue
		}
		if m := shortcode.FindStringSubmatch(trim); m != nil && m[0] == trim && (m[1] == "figure" || m[1] == "table") {
			flush()
			key := m[1] + ":" + m[2]
			if placed[key] {
				return "", nil, &Error{File: file, Line: n, Msg: fmt.Sprintf("%s %q is placed twice", m[1], m[2])}
			}
			switch m[1] {
			case "figure":
				f, ok := x.figures[m[2]]
				if !ok {
					return "", nil, &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown figure id %q%s", m[2], suggest(m[2], keys(x.figures)))}
				}
				blocks = append(blocks, report.Block{Figure: f})
			case "table":
				t, ok := x.tables[m[2]]
				if !ok {
					return "", nil, &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown table id %q%s", m[2], suggest(m[2], keys(x.tables)))}
				}
				blocks = append(blocks, report.Block{Table: t})
			}
			placed[key] = true
			continue
		}
		var err error
		line = shortcode.ReplaceAllStringFunc(line, func(s string) string {
			m := shortcode.FindStringSubmatch(s)
			switch m[1] {
			case "value":
				v, ok := x.measures[m[2]]
				if !ok {
					err = &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown value id %q%s", m[2], suggest(m[2], keys(x.measures)))}
					return s
				}
				return escapeMarkdown(v.Text)
			case "ref":
				_, fig := x.figures[m[2]]
				_, tab := x.tables[m[2]]
				kind := "figure"
				switch {
				case fig && tab:
					err = &Error{File: file, Line: n, Msg: fmt.Sprintf("ref %q names both a figure and a table", m[2])}
					return s
				case tab:
					kind = "table"
				case !fig:
					err = &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown figure or table id %q%s", m[2], suggest(m[2], append(keys(x.figures), keys(x.tables)...)))}
					return s
				}
				x.refs = append(x.refs, ref{file: file, line: n, id: m[2], kind: kind})
				return refLink(kind, m[2])
			case "figure", "table":
				err = &Error{File: file, Line: n, Msg: fmt.Sprintf("a %s shortcode must stand on a line of its own", m[1])}
			default:
				err = &Error{File: file, Line: n, Msg: fmt.Sprintf("unknown shortcode %q (want figure, table, value or ref)", m[1])}
			}
			return s
		})
		if err != nil {
			return "", nil, err
		}
		md.WriteString(line + "\n")
	}
	if err := sc.Err(); err != nil {
		return "", nil, fmt.Errorf("%s: %w", file, err)
	}
	flush()
	return title, blocks, nil
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

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// suggest names the closest known id, for typos.
func suggest(id string, known []string) string {
	best, bestD := "", 4
	for _, k := range known {
		if d := distance(id, k); d < bestD {
			best, bestD = k, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// distance is the Levenshtein edit distance; ids are short, so the
// quadratic table is fine.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
