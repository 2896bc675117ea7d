package pdf

import (
	"fmt"
	"strings"

	"github.com/moocreport/moocreport/report"
	"github.com/moocreport/moocreport/report/render/safeurl"
	"github.com/moocreport/moocreport/report/tabular"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// markdownParser reads narrative Markdown as the HTML renderer does (GFM
// plus footnotes), so both outputs agree on what the text says.
var markdownParser = goldmark.New(goldmark.WithExtensions(extension.GFM, extension.Footnote)).Parser()

// Markdown layout, in millimetres.
const (
	listIndent  = 6.0
	quoteIndent = 6.0
	codeSize    = 8.5
	codeLead    = 4.2
)

// mdWriter draws one Markdown block by walking goldmark's AST. fpdf's Write
// flows text from the current position and wraps at the left margin, so
// indentation (lists, quotes) is done by moving the left margin.
type mdWriter struct {
	r     *renderer
	src   []byte
	size  float64 // font size of running text, points
	lead  float64 // line height of running text, mm
	depth int     // list nesting
}

// inline is the character style in force while walking inline nodes.
// link is an external link's URL; jump, when not 0, the fpdf link to a
// place in this PDF.
type inline struct {
	bold, italic, strike, code bool
	link                       string
	jump                       int
}

func (r *renderer) markdown(src string) {
	if strings.TrimSpace(src) == "" {
		return
	}
	m := &mdWriter{r: r, src: []byte(src), size: bodySize, lead: bodyLeading}
	doc := markdownParser.Parse(text.NewReader(m.src))
	m.blocks(doc)
}

func (m *mdWriter) blocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.block(c)
	}
}

func (m *mdWriter) block(n ast.Node) {
	f := m.r.pdf
	switch n := n.(type) {
	case *ast.Heading:
		m.heading(n)
	case *ast.Paragraph:
		m.paragraph(n)
		f.Ln(2)
	case *ast.TextBlock: // a paragraph in a tight list
		m.paragraph(n)
	case *ast.List:
		m.list(n)
	case *ast.Blockquote:
		m.quote(n)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		m.code(n)
	case *ast.ThematicBreak:
		m.rule()
	case *ast.HTMLBlock:
		// Raw HTML has no meaning on paper and may hide anything; drop it.
	case *east.Table:
		m.table(n)
	case *east.FootnoteList:
		m.footnotes(n)
	default:
		m.blocks(n)
	}
}

// heading sets a Markdown heading in bold, sized by level, and keeps it on
// the page of the two lines that follow it.
func (m *mdWriter) heading(n *ast.Heading) {
	f := m.r.pdf
	size := map[int]float64{1: 13, 2: 11.5, 3: 10.5}[n.Level]
	if size == 0 {
		size = bodySize
	}
	lead := size * 0.5
	if !m.r.atTop() {
		f.Ln(2)
	}
	if m.r.remaining() < lead+2*bodyLeading+2 && !m.r.atTop() {
		m.r.newPage()
	}
	// In the outline a heading sits under its section: level 1 for "#" and
	// "##" (narrative headings start at "##", the section being the "#"),
	// one deeper per level below.
	if !m.r.floatsOnly {
		m.r.bookmark(plain(n, m.src), m.r.sectionLevel+max(1, n.Level-1))
	}
	saved := *m
	m.size, m.lead = size, lead
	m.inlines(n, inline{bold: true})
	*m = saved
	f.Ln(lead)
	f.Ln(1.5)
}

// paragraph flows a block's inline content from the left margin, with
// neither an orphan (its first line alone at the foot of a page: the
// paragraph starts on the next) nor a widow (its last line alone at the
// top of one: the page breaks a line early, so two lines go over).
func (m *mdWriter) paragraph(n ast.Node) {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	if f.GetX() < left {
		f.SetX(left)
	}
	lines, room := m.lines(n), int((m.r.remaining()+eps)/m.lead)
	switch {
	case lines <= room || m.r.atTop():
	case room < 2 || lines-room == 1 && room < 3:
		// Too little room for two lines, or for two lines here and two
		// there: the whole paragraph goes over.
		m.r.newPage()
		f.SetX(left)
	case lines-room == 1:
		f.SetAutoPageBreak(true, margin+m.lead)
		defer f.SetAutoPageBreak(true, margin)
	}
	m.inlines(n, inline{})
	f.Ln(m.lead)
}

// lines estimates how many lines a paragraph takes: its plain text in the
// regular face, which bold and italic words change by a word at most.
func (m *mdWriter) lines(n ast.Node) int {
	f := m.r.pdf
	f.SetFont(sans, "", m.size)
	return len(splitText(f, keepTogether(plain(n, m.src)), m.r.textWidth()))
}

func (m *mdWriter) inlines(n ast.Node, st inline) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		m.inline(c, st)
	}
}

// inline writes one inline node in the style st, changed by the node.
func (m *mdWriter) inline(n ast.Node, st inline) {
	f := m.r.pdf
	switch n := n.(type) {
	case *ast.Text:
		v := n.Value(m.src)
		if !n.IsRaw() {
			v = unescape(v)
		}
		m.write(string(v), st)
		switch {
		case n.HardLineBreak():
			f.Ln(m.lead)
		case n.SoftLineBreak():
			m.write(" ", st)
		}
	case *ast.String:
		v := n.Value
		if !n.IsRaw() && !n.IsCode() {
			v = unescape(v)
		}
		m.write(string(v), st)
	case *ast.Emphasis:
		if n.Level >= 2 {
			st.bold = true
		} else {
			st.italic = true
		}
		m.inlines(n, st)
	case *east.Strikethrough:
		st.strike = true
		m.inlines(n, st)
	case *ast.CodeSpan:
		st.code = true
		m.inlines(n, st)
	case *ast.Link:
		m.link(n, st)
	case *ast.AutoLink:
		url := string(n.URL(m.src))
		if !safeurl.Allowed(url) {
			m.write(string(n.Label(m.src)), st)
			return
		}
		st.link = url
		m.write(url, st)
	case *ast.Image:
		st.italic = true
		m.write("[Image: "+plain(n, m.src)+"]", st)
	case *ast.RawHTML:
		// Dropped, as HTML blocks are.
	case *east.TaskCheckBox:
		box := "[ ] "
		if n.IsChecked {
			box = "[x] "
		}
		m.write(box, st)
	case *east.FootnoteLink:
		m.write(fmt.Sprintf("[%d]", n.Index), st)
	case *east.FootnoteBacklink:
		// A way back up the page only a browser needs.
	default:
		m.inlines(n, st)
	}
}

// link writes a Markdown link: a safe web link as its text followed by the
// URL, a fragment as a jump to the place it names, an unsafe link as its
// text alone.
func (m *mdWriter) link(n *ast.Link, st inline) {
	url := safeurl.Destination(n.Destination)
	if !safeurl.Allowed(url) {
		// Dropped as on the site: in a PDF a link is an action the
		// viewer runs. Its words stay.
		m.inlines(n, st)
		return
	}
	if frag, ok := strings.CutPrefix(url, "#"); ok {
		// A fragment names a place in the report, not on the web. A
		// cross-reference ("#figure-<id>", see package narrative)
		// jumps to its table or figure, whose number its text says.
		// Any other fragment names no place in the PDF: only its text
		// is set, without a link, as "#…" would tell a reader nothing.
		st.jump = m.r.anchors[frag]
		m.inlines(n, st)
		return
	}
	// Paper cannot be clicked: the URL is printed after the text.
	st.link = url
	m.inlines(n, st)
	if url != "" && url != plain(n, m.src) {
		st.link = ""
		m.write(" ("+url+")", st)
	}
}

// write sets s in the given style at the current position, wrapping at the
// margins.
func (m *mdWriter) write(s string, st inline) {
	if s == "" {
		return
	}
	if !st.code {
		s = keepTogether(s)
	}
	f := m.r.pdf
	if st.code {
		f.SetFont(mono, "", m.size*0.9)
	} else {
		style := ""
		if st.bold {
			style += "B"
		}
		if st.italic {
			style += "I"
		}
		if st.strike {
			style += "S"
		}
		f.SetFont(sans, style, m.size)
	}
	if st.jump != 0 || st.link != "" {
		f.SetTextColor(20, 70, 160)
		if st.jump != 0 {
			f.WriteLinkID(m.lead, s, st.jump)
		} else {
			f.WriteLinkString(m.lead, s, st.link)
		}
		f.SetTextColor(0, 0, 0)
		return
	}
	f.Write(m.lead, s)
}

// unescape resolves backslash escapes and entities as an HTML renderer
// would, since the PDF shows the characters themselves.
func unescape(v []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// plain is the text of a node's inline content without styling, for table
// cells, image alt text and comparing a link's text with its URL.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Value(src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			b.Write(v)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.URL(src))
		case *ast.RawHTML, *east.FootnoteBacklink:
		case *east.FootnoteLink:
			fmt.Fprintf(&b, "[%d]", c.Index)
		default:
			b.WriteString(plain(c, src))
		}
	}
	return b.String()
}

// list draws bullets or numbers in a hanging indent, alternating bullet
// shapes with depth so nesting stays visible in print.
func (m *mdWriter) list(n *ast.List) {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	num := n.Start
	m.depth++
	defer func() { m.depth-- }()
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if m.depth%2 == 0 {
			marker = "–"
		}
		if n.IsOrdered() {
			marker = fmt.Sprintf("%d%c", num, n.Marker)
			num++
		}
		if m.r.remaining() < m.lead {
			m.r.newPage()
		}
		f.SetFont(sans, "", m.size)
		y := f.GetY()
		f.SetX(left)
		f.CellFormat(listIndent-1.5, m.lead, marker, "", 0, "R", false, 0, "")
		f.SetLeftMargin(left + listIndent)
		f.SetXY(left+listIndent, y)
		m.blocks(item)
		f.SetLeftMargin(left)
		f.SetX(left)
	}
	if m.depth == 1 {
		f.Ln(2)
	}
}

// quote indents a block quote and rules its left edge, page by page when
// it breaks across pages.
func (m *mdWriter) quote(n *ast.Blockquote) {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	startPage, startY := f.PageNo(), f.GetY()
	f.SetLeftMargin(left + quoteIndent)
	f.SetX(left + quoteIndent)
	f.SetTextColor(60, 60, 60)
	m.blocks(n)
	f.SetTextColor(0, 0, 0)
	f.SetLeftMargin(left)
	f.SetX(left)
	endPage, endY := f.PageNo(), f.GetY()-2 // less the last paragraph's gap
	f.SetDrawColor(170, 170, 170)
	f.SetLineWidth(0.8)
	x := left + 2
	for p := startPage; p <= endPage; p++ {
		f.SetPage(p)
		y0, y1 := margin, m.r.bottom()
		if p == startPage {
			y0 = startY
		}
		if p == endPage {
			y1 = endY
		}
		f.Line(x, y0, x, y1)
	}
	f.SetPage(endPage)
	f.SetDrawColor(0, 0, 0)
	f.SetLineWidth(0.2)
	f.Ln(1)
}

// code sets a code block in the mono font on a grey ground, line for line;
// lines wider than the text are broken, not clipped.
func (m *mdWriter) code(n ast.Node) {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	width := m.r.textWidth()
	f.SetFont(mono, "", codeSize)
	f.SetFillColor(242, 242, 242)
	const pad = 2.0
	f.SetX(left)
	f.CellFormat(width, 1.5, "", "", 1, "", true, 0, "")
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		line := strings.TrimRight(string(seg.Value(m.src)), "\r\n")
		line = strings.ReplaceAll(line, "\t", "    ")
		for _, part := range breakRunes(line, func(s string) float64 { return f.GetStringWidth(s) }, width-2*pad) {
			f.SetX(left)
			f.CellFormat(pad, codeLead, "", "", 0, "", true, 0, "")
			f.CellFormat(width-pad, codeLead, part, "", 1, "L", true, 0, "")
		}
	}
	f.SetX(left)
	f.CellFormat(width, 1.5, "", "", 1, "", true, 0, "")
	f.SetFillColor(255, 255, 255)
	f.Ln(2)
}

// breakRunes splits s into pieces no wider than w; an empty line stays one
// empty piece so blank lines in code survive.
func breakRunes(s string, width func(string) float64, w float64) []string {
	var out []string
	rs := []rune(s)
	for len(rs) > 0 {
		n := len(rs)
		for n > 1 && width(string(rs[:n])) > w {
			n--
		}
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// rule draws a thematic break as a short centred line.
func (m *mdWriter) rule() {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	w := m.r.textWidth()
	y := f.GetY() + 2
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.3)
	f.Line(left+w/3, y, left+2*w/3, y)
	f.SetDrawColor(0, 0, 0)
	f.SetXY(left, y+4)
}

// table draws a GFM table with the same layout as report tables, but
// without a number: it is part of the narrative, not a result.
func (m *mdWriter) table(n *east.Table) {
	var g grid
	for _, a := range n.Alignments {
		g.align = append(g.align, map[east.Alignment]string{east.AlignRight: "R", east.AlignCenter: "C"}[a])
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []string
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, keepTogether(strings.TrimSpace(plain(c, m.src))))
		}
		for len(cells) < len(g.align) {
			cells = append(cells, "")
		}
		cells = cells[:len(g.align)]
		if _, ok := row.(*east.TableHeader); ok {
			g.head = cells
		} else {
			g.rows = append(g.rows, cells)
		}
	}
	// A column the author did not align is aligned by the rule report
	// tables follow: numbers right, text left.
	t := &report.Table{Columns: g.head}
	for _, row := range g.rows {
		var cells []report.Cell
		for _, c := range row {
			cells = append(cells, report.Cell{Text: c})
		}
		t.Rows = append(t.Rows, cells)
	}
	numeric := tabular.NumericColumns(t)
	for i := range g.align {
		if g.align[i] == "" {
			g.align[i] = "L"
			if i < len(numeric) && numeric[i] {
				g.align[i] = "R"
			}
		}
	}
	m.r.drawGrid(g, nil, 0)
	m.r.pdf.Ln(blockGap)
}

// footnotes sets the block's notes at its end, in small type under a short
// rule, numbered as their references are.
func (m *mdWriter) footnotes(n *east.FootnoteList) {
	f := m.r.pdf
	left, _, _, _ := f.GetMargins()
	y := f.GetY() + 1
	f.SetDrawColor(150, 150, 150)
	f.SetLineWidth(0.2)
	f.Line(left, y, left+40, y)
	f.SetDrawColor(0, 0, 0)
	f.SetXY(left, y+2)
	saved := *m
	m.size, m.lead = smallSize, smallLeading
	for fn := n.FirstChild(); fn != nil; fn = fn.NextSibling() {
		note, ok := fn.(*east.Footnote)
		if !ok {
			continue
		}
		m.write(fmt.Sprintf("[%d] ", note.Index), inline{})
		for p := note.FirstChild(); p != nil; p = p.NextSibling() {
			m.inlines(p, inline{})
			f.Ln(m.lead)
		}
	}
	*m = saved
	f.Ln(2)
}
