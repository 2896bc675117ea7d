package narrative

import (
	"regexp"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Shortcode is an inline node for one {{< name arg >}} in the narrative.
// Goldmark parses it like any other inline, so Markdown decides what is
// code: a shortcode inside a code span, an indented code block or a fenced
// block (``` or ~~~) is text of that code and never becomes a Shortcode.
type Shortcode struct {
	ast.BaseInline
	Name, Arg string
	// Start and Stop are the shortcode's byte offsets in the source.
	Start, Stop int
}

// KindShortcode is the node kind of a Shortcode.
var KindShortcode = ast.NewNodeKind("Shortcode")

// Kind implements ast.Node.
func (n *Shortcode) Kind() ast.NodeKind { return KindShortcode }

// Dump implements ast.Node.
func (n *Shortcode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name, "Arg": n.Arg}, nil)
}

// shortcodeSyntax is one shortcode at the start of the text.
var shortcodeSyntax = regexp.MustCompile(`^\{\{<\s*([a-z]+)\s+([^\s>]+)\s*>\}\}`)

type shortcodeParser struct{}

func (shortcodeParser) Trigger() []byte { return []byte{'{'} }

func (shortcodeParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	m := shortcodeSyntax.FindSubmatchIndex(line)
	if m == nil {
		return nil
	}
	n := &Shortcode{Name: string(line[m[2]:m[3]]), Arg: string(line[m[4]:m[5]]), Start: seg.Start, Stop: seg.Start + m[1]}
	block.Advance(m[1])
	return n
}

// shortcodeHTML writes a shortcode back as it was written. The narrative
// resolves every shortcode before a renderer sees the Markdown, so this
// only serves a renderer given raw narrative by mistake: it shows the
// author's text rather than dropping it.
type shortcodeHTML struct{}

func (shortcodeHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindShortcode, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.Write(util.EscapeHTML(source[n.(*Shortcode).Start:n.(*Shortcode).Stop]))
		}
		return ast.WalkSkipChildren, nil
	})
}

// Shortcodes is the goldmark extension that parses shortcodes.
var Shortcodes goldmark.Extender = shortcodes{}

type shortcodes struct{}

func (shortcodes) Extend(m goldmark.Markdown) {
	// Before the link parser (priority 200), which has no business with
	// "{" anyway, and after code spans (100), so backticks win.
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(shortcodeParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(shortcodeHTML{}, 500)))
}
