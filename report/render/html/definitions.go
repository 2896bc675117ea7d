package html

import (
	"bytes"

	"github.com/moocreport/moocreport/report"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// definitionLink is the link from a table or figure to the paragraph of
// Methods and definitions that defines its numbers.
type definitionLink struct {
	Term, Href, Section string
}

// defined is the link for term on the page page, nil for no term. Where
// the document has no Methods and definitions section there is nothing to
// link to, and the view says so in words.
func defined(doc *report.Document, term, page string) *definitionLink {
	if term == "" {
		return nil
	}
	d := report.FindDefinition(doc, term)
	l := &definitionLink{Term: term, Section: d.Section}
	if d.Section != "" {
		l.Href = report.MethodsID + ".html#" + report.DefinitionAnchor(term)
		if page == report.MethodsID+".html" {
			l.Href = "#" + report.DefinitionAnchor(term)
		}
	}
	return l
}

// definitionIDs gives each paragraph that opens with a bold title ending
// in a full stop ("**Surveys.** …", as Methods and definitions writes its
// definitions) the id report.DefinitionAnchor makes of that title, so
// tables and figures can link to the definition of their numbers. An id
// the page already uses is left alone.
type definitionIDs struct{}

func (definitionIDs) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		p, ok := n.(*ast.Paragraph)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		em, ok := p.FirstChild().(*ast.Emphasis)
		if !ok || em.Level != 2 {
			return ast.WalkSkipChildren, nil
		}
		title := bytes.TrimSpace(plainText(em, src))
		if !bytes.HasSuffix(title, []byte(".")) {
			return ast.WalkSkipChildren, nil
		}
		id := report.DefinitionAnchor(string(title[:len(title)-1]))
		if a, ok := pc.IDs().(*anchors); ok && a.used[id] {
			return ast.WalkSkipChildren, nil
		}
		pc.IDs().Put([]byte(id))
		p.SetAttributeString("id", []byte(id))
		return ast.WalkSkipChildren, nil
	})
}

// plainText is the text of n's descendants, without markup.
func plainText(n ast.Node, src []byte) []byte {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b = append(b, t.Segment.Value(src)...)
		}
		return ast.WalkContinue, nil
	})
	return b
}
