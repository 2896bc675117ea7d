package html

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/moocreport/moocreport/report/render/safeurl"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// fnPrefixKey is the document metadata key that carries a block's footnote
// id prefix from markdown to the footnote renderer.
const fnPrefixKey = "moocreport-footnote-prefix"

// md renders narrative Markdown. It is safe for concurrent use and shared:
// only the per-block state (heading ids, footnote prefix) differs.
//
// The renderer is goldmark's default, which is not "unsafe": raw HTML in
// the narrative comes out as an "omitted" comment. Links and images whose
// target package safeurl does not allow (javascript:, vbscript:, data:, …)
// are unwrapped to their text by safeLinks, as the PDF does, so a content/
// file cannot inject script into the site.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.GFM,
		extension.NewFootnote(extension.WithFootnoteIDPrefixFunction(footnotePrefix)),
	),
	goldmark.WithParserOptions(
		parser.WithAutoHeadingID(),
		parser.WithASTTransformers(util.Prioritized(demoteH1{}, 100), util.Prioritized(headerScope{}, 100),
			util.Prioritized(crossPage{}, 100), util.Prioritized(safeLinks{}, 100),
			util.Prioritized(definitionIDs{}, 100)),
	),
)

// demoteH1 turns a narrative "# Heading" into an <h2>: the section title is
// the page's one <h1>, which screen-reader users jump to, and narrative
// takes its own first "# " line as that title already.
type demoteH1 struct{}

func (demoteH1) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			h.Level = 2
		}
		return ast.WalkContinue, nil
	})
}

// headerScope gives each header cell of a narrative GFM table
// scope="col", as the generated tables have: screen readers then announce
// a cell with its column's heading however the table is navigated.
type headerScope struct{}

func (headerScope) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if c, ok := n.(*east.TableCell); ok && entering {
			if _, head := c.Parent().(*east.TableHeader); head {
				c.SetAttributeString("scope", []byte("col"))
			}
		}
		return ast.WalkContinue, nil
	})
}

// targetsKey carries a block's cross-page link targets (see crossPage)
// through the parser context.
var targetsKey = parser.NewContextKey()

// crossPage points links to a numbered figure or table on another page at
// that page. The narrative writes a cross-reference as a link to the
// block's fragment, "#figure-<id>" or "#table-<id>" (see package
// narrative), which is the element id the site gives the block; on the
// block's own page the fragment alone works, elsewhere it needs the page:
// "activity.html#figure-<id>". The context holds, for every such fragment
// on another page, the link to use.
type crossPage struct{}

func (crossPage) Transform(doc *ast.Document, _ text.Reader, pc parser.Context) {
	targets, _ := pc.Get(targetsKey).(map[string]string)
	if len(targets) == 0 {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && len(l.Destination) > 1 && l.Destination[0] == '#' {
			if href, ok := targets[string(l.Destination[1:])]; ok {
				l.Destination = []byte(href)
			}
		}
		return ast.WalkContinue, nil
	})
}

// safeLinks replaces every link, autolink and image whose target
// safeurl.Allowed refuses by its text (an image by its description): the
// words stay, the action goes.
type safeLinks struct{}

func (safeLinks) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var bad []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !safeurl.Allowed(safeurl.Destination(n.Destination)) {
				bad = append(bad, n)
			}
		case *ast.Image:
			if !safeurl.Allowed(safeurl.Destination(n.Destination)) {
				bad = append(bad, n)
			}
		case *ast.AutoLink:
			if !safeurl.Allowed(string(n.URL(src))) {
				bad = append(bad, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range bad {
		parent := n.Parent()
		if a, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(a.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

func footnotePrefix(n ast.Node) []byte {
	if doc := n.OwnerDocument(); doc != nil {
		if p, ok := doc.Meta()[fnPrefixKey].(string); ok {
			return []byte(p)
		}
	}
	return nil
}

// markdown renders one Markdown block. ids holds the element ids already
// used on the page, so headings in different blocks of one page never
// share an id; fnPrefix does the same for footnotes, which goldmark
// numbers from 1 in each block.
//
// targets maps the fragment of each numbered figure and table on other
// pages to its link there (see crossPage); nil when there are none.
//
// The result is trusted HTML for the template: it is goldmark's safe
// output, built from escaped text.
func markdown(src string, ids parser.IDs, fnPrefix string, targets map[string]string) (template.HTML, error) {
	source := []byte(src)
	ctx := parser.NewContext(parser.WithIDs(ids))
	ctx.Set(targetsKey, targets)
	doc := md.Parser().Parse(text.NewReader(source), parser.WithContext(ctx))
	doc.OwnerDocument().AddMeta(fnPrefixKey, fnPrefix)
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return "", err
	}
	return template.HTML(bindOperators.Replace(buf.String())), nil
}

// bindOperators keeps each side of a relation on the line of its operator,
// so that "p = .661" or "p < .001" in a reported test is never split
// across lines: on a phone's narrow column a bare "= .661" starting a line
// reads as a new statement. The spaces around =, <, >, ≤ and ≥ (as
// goldmark escapes them) become no-break spaces; narrative prose has no
// other use for a spaced operator.
var bindOperators = strings.NewReplacer(
	" = ", "\u00a0=\u00a0", " &lt; ", "\u00a0&lt;\u00a0", " &gt; ", "\u00a0&gt;\u00a0",
	" ≤ ", "\u00a0≤\u00a0", " ≥ ", "\u00a0≥\u00a0",
)

// anchors is the set of element ids on one page. It makes heading ids the
// way goldmark does (lower-case ASCII letters and digits, '-' for spaces)
// and numbers repeats, but across all blocks of a page and around the ids
// the templates give figures and tables.
type anchors struct {
	used map[string]bool
}

func newAnchors() *anchors {
	a := &anchors{used: map[string]bool{}}
	// Ids the layout itself uses.
	for _, id := range []string{"main", "contents", "contents-title", "about-this-version", leadID + "-title"} {
		a.used[id] = true
	}
	return a
}

// Generate implements parser.IDs.
func (a *anchors) Generate(value []byte, kind ast.NodeKind) []byte {
	value = util.TrimRightSpace(util.TrimLeftSpace(value))
	var id []byte
	for _, c := range value {
		switch {
		case c >= 'A' && c <= 'Z':
			id = append(id, c+'a'-'A')
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			id = append(id, c)
		case c == ' ' || c == '\t' || c == '-' || c == '_':
			id = append(id, '-')
		}
	}
	if len(id) == 0 {
		id = []byte("id")
		if kind == ast.KindHeading {
			id = []byte("heading")
		}
	}
	base := string(id)
	cand := base
	for n := 1; a.used[cand]; n++ {
		cand = base + "-" + strconv.Itoa(n)
	}
	a.used[cand] = true
	return []byte(cand)
}

// Put implements parser.IDs: an explicit id ({#id}) or one the page
// reserved.
func (a *anchors) Put(value []byte) { a.used[string(value)] = true }
